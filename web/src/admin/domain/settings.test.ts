import { describe, expect, it } from 'vitest';
import type { Campaign } from '../../api/types';
import type { PhaseAdvancePlan } from '../api/types';
import {
  bodyForTab,
  endIsoToLocalDate,
  isCorrectionPhase,
  localDateToIso,
  nextPhase,
  phaseRowProblems,
  phaseRows,
  phasesFromRows,
  routeSettingsErrors,
  rubricTotal,
  sectionMessages,
  advanceQuestion,
  fieldWords,
  tabOfField,
  WEIGHT_SUM_RULE,
  settingsFromCampaign,
  weightSum,
} from './settings';

const campaign = {
  id: 1,
  name: '乌海',
  phase: { key: 'voting', name: '展播与线上投票', start: '2026-11-08T16:00:00Z', end: '2026-12-19T15:59:59.999Z' },
  timezone: 'Asia/Shanghai',
  phases: [
    { key: 'draft', name: '动员部署', start: '2026-08-28T16:00:00Z', end: '2026-09-10T15:59:59.999Z', current: false },
    { key: 'review', name: '审核', start: '2026-10-29T16:00:00Z', end: '2026-11-08T15:59:59.999Z', current: false },
    { key: 'voting', name: '展播与线上投票', start: '2026-11-08T16:00:00Z', end: '2026-12-19T15:59:59.999Z', current: true },
  ],
  groups: [
    { key: 'town_street', name: '镇(街道)组', levels: ['town', 'street'], candidates: 20 },
    { key: 'village_community', name: '村(社区)组', levels: ['village', 'community'], candidates: 83 },
  ],
  districts: [],
  candidates_total: 103,
  themes: {},
  showcase_sections: [],
  vote_policy: { votes_per_voter_per_day: 3, per_candidate_per_day: 1, show_counts: 'live' },
  rubric: [
    { key: 'ideas', name: '工作思路', max: 20 },
    { key: 'results', name: '工作成效', max: 30 },
    { key: 'highlights', name: '特色亮点', max: 20 },
    { key: 'service', name: '为民服务', max: 15 },
    { key: 'presentation', name: '展示效果', max: 15 },
  ],
  weights: {
    public_opinion: 0.3,
    work_performance: 0.4,
    comprehensive: 0.3,
    online_votes_in_public_opinion: 0.5,
    ratings_in_public_opinion: 0.5,
    rating_values: { 不满意: 0, 基本满意: 0.6, 满意: 1 },
    trim_when_judges_at_least: 5,
  },
  awards: { town_street: [['一等奖', 1], ['二等奖', 2]] as unknown as { tier: string; count: number }[] },
} as unknown as Campaign;

describe('phases', () => {
  it('treats changes after 审核 as corrections', () => {
    expect(isCorrectionPhase('draft')).toBe(false);
    expect(isCorrectionPhase('review')).toBe(false);
    expect(isCorrectionPhase('voting')).toBe(true);
    expect(isCorrectionPhase('archived')).toBe(true);
    expect(isCorrectionPhase(null)).toBe(false);
    expect(isCorrectionPhase('unknown')).toBe(false);
  });

  it('finds the next phase, named as configured', () => {
    expect(nextPhase(campaign.phases, 'draft')).toEqual({ key: 'showcase', name: '材料提交/录制' });
    expect(nextPhase(campaign.phases, 'review')).toEqual({ key: 'voting', name: '展播与线上投票' });
    expect(nextPhase(campaign.phases, 'final')).toEqual({ key: 'archived', name: '归档' });
    expect(nextPhase(campaign.phases, 'archived')).toBeNull();
    expect(nextPhase(campaign.phases, null)).toEqual({ key: 'draft', name: '动员部署' });
  });

  it('converts Beijing days to instants and back', () => {
    expect(localDateToIso('2026-11-09')).toBe('2026-11-08T16:00:00.000Z');
    expect(localDateToIso('2026-12-19', 'Asia/Shanghai', true)).toBe('2026-12-19T15:59:59.999Z');
    expect(localDateToIso('bad')).toBe('');
    expect(endIsoToLocalDate('2026-12-19T15:59:59.999Z')).toBe('2026-12-19');
    // an exclusive midnight end still means the day before
    expect(endIsoToLocalDate('2022-05-31T16:00:00Z')).toBe('2022-05-31');
  });

  it('sends unchanged days back exactly as loaded, and changed days as whole days', () => {
    const rows = phaseRows(settingsFromCampaign(campaign).phases);
    expect(rows[2]).toMatchObject({ startDate: '2026-11-09', endDate: '2026-12-19' });
    rows[2].endDate = '2026-12-25';
    const phases = phasesFromRows(rows);
    expect(phases[2]).toEqual({
      key: 'voting',
      name: '展播与线上投票',
      start: '2026-11-08T16:00:00Z',
      end: '2026-12-25T15:59:59.999Z',
    });
    expect(phases[0].end).toBe('2026-09-10T15:59:59.999Z');
  });

  it('catches an end before the start', () => {
    const rows = phaseRows(settingsFromCampaign(campaign).phases);
    rows[1].endDate = '2026-10-01';
    rows[0].name = ' ';
    expect(phaseRowProblems(rows)).toEqual({
      'phases[1].end': '结束日期不能早于开始日期',
      'phases[0].name': '请填写阶段名称',
    });
  });
});

describe('settings body', () => {
  const s = settingsFromCampaign(campaign);

  it('reads GET /campaigns/{id} into the PUT shape, filling what is missing', () => {
    expect(s.auto_advance).toBe(true);
    expect(s.vote_policy).toEqual({ votes_per_voter_per_day: 3, per_candidate_per_day: 1, show_counts: 'live', snapshot_hour: 20 });
    expect(s.weights.online_vote_method).toBe('linear');
    expect(s.weights.normalize_judges).toBe(false);
    expect(Object.keys(s.weights.rating_values)).toEqual(['满意', '基本满意', '不满意']);
    expect(s.awards).toEqual({
      town_street: [
        { tier: '一等奖', count: 1 },
        { tier: '二等奖', count: 2 },
      ],
      village_community: [],
    });
    expect(s.phases[0]).toEqual({ key: 'draft', name: '动员部署', start: '2026-08-28T16:00:00Z', end: '2026-09-10T15:59:59.999Z' });
  });

  it('sends the server settings with only the saved tab changed', () => {
    const draft = JSON.parse(JSON.stringify(s));
    draft.rubric[0].max = 25;
    draft.weights.public_opinion = 0.5;
    const body = bodyForTab(s, 'rubric', draft);
    expect(body.rubric[0].max).toBe(25);
    expect(body.weights.public_opinion).toBe(0.3);
    const phases = bodyForTab(s, 'phases', { ...draft, auto_advance: false });
    expect(phases.auto_advance).toBe(false);
    expect(phases.rubric[0].max).toBe(20);
  });

  it('adds up the rubric and the weights', () => {
    expect(rubricTotal(s.rubric)).toBe(100);
    expect(rubricTotal([{ max: 20 }, { max: null }, { max: 5 }])).toBe(25);
    expect(weightSum(0.3, 0.4, 0.3)).toBe(1);
    expect(weightSum(0.1, 0.2)).toBe(0.3);
  });

  it('routes 422 field paths to their tabs, and unknown ones to the alert', () => {
    const routed = routeSettingsErrors(
      [
        { field: 'weights.public_opinion', message: '应在 0 到 1 之间' },
        { field: 'rubric[2].max', message: '满分应为正整数' },
        { field: 'rubric', message: '合计须为 100' },
        { field: 'phases[1].end', message: '早于开始' },
        { field: 'awards.town_street[1].count', message: '名额不能为负' },
        { field: 'weights.rating_values.满意', message: '应为数字' },
        { field: 'rubric[9].max', message: '不存在的行' },
        { field: 'groups[0].name', message: '不能为空' },
        { field: 'awards.no_such_group', message: '没有这个组' },
        { message: '无字段' },
      ],
      s,
    );
    expect(routed.fields).toEqual({
      'weights.public_opinion': '应在 0 到 1 之间',
      'rubric[2].max': '满分应为正整数',
      rubric: '合计须为 100',
      'phases[1].end': '早于开始',
      'awards.town_street[1].count': '名额不能为负',
      'weights.rating_values.满意': '应为数字',
    });
    expect(routed.tabs.sort()).toEqual(['awards', 'phases', 'rubric', 'weights']);
    expect(routed.unknown).toEqual([
      'rubric[9].max：不存在的行',
      'groups[0].name：不能为空',
      'awards.no_such_group：没有这个组',
      '无字段',
    ]);
    expect(sectionMessages(routed.fields, 'rubric')).toEqual(['合计须为 100']);
    expect(sectionMessages({ 'phases[2]': '重叠' }, 'phases', { phases: [{ name: 'a' }, { name: 'b' }, { name: '审核' }] })).toEqual([
      '第 3 个阶段「审核」：重叠',
    ]);
  });

  it('shows a group quota and the weight sums next to their fields, not in the box', () => {
    const fields = {
      'awards.town_street': '镇/街道组的奖项名额合计 36 个，超过本组参评人数 20 人',
      weights: WEIGHT_SUM_RULE,
    };
    expect(sectionMessages(fields, 'awards')).toEqual([]);
    expect(sectionMessages(fields, 'weights')).toEqual([]);
    expect(tabOfField('awards.town_street', s)).toBe('awards');
    expect(tabOfField('weights.ratings_in_public_opinion', s)).toBe('weights');
    expect(fieldWords('rubric[1].max')).toBe('第 2 个评分项');
  });
});

describe('advanceQuestion', () => {
  const plan: PhaseAdvancePlan = {
    from: 'voting',
    to: 'judging',
    days_early: 20,
    days_late: 0,
    changes: [
      { key: 'voting', name: '展播与投票', start_was: '2026-11-01T16:00:00Z', end_was: '2026-12-22T15:59:59.999Z', start: '2026-11-01T16:00:00Z', end: '2026-12-02T01:59:59.999Z' },
      { key: 'judging', name: '专业评审', start_was: '2026-12-22T16:00:00Z', end_was: '2026-12-31T15:59:59.999Z', start: '2026-12-02T02:00:00Z', end: '2026-12-31T15:59:59.999Z' },
    ],
  };
  it('says what closes now, how many days early, and what starts now', () => {
    const lines = advanceQuestion(plan, '展播与投票', '专业评审', 'Asia/Shanghai');
    expect(lines[0]).toBe('「展播与投票」将立即结束，比原定的 2026年12月22日 提前 20 天。');
    expect(lines[1]).toBe('「专业评审」从现在开始（原定 2026年12月23日 开始），到 2026年12月31日 结束。');
    expect(lines.at(-1)).toContain('记入审计日志');
  });
  it('says a late start and other phases that move', () => {
    const late: PhaseAdvancePlan = {
      ...plan,
      days_early: 0,
      days_late: 3,
      changes: [
        plan.changes[1],
        { key: 'tally', name: '综合计分', start_was: '2027-01-01T16:00:00Z', end_was: '2027-01-03T15:59:59.999Z', start: '2027-01-02T16:00:00Z', end: '2027-01-04T15:59:59.999Z' },
      ],
    };
    const lines = advanceQuestion(late, '展播与投票', '专业评审', 'Asia/Shanghai');
    expect(lines[0]).toBe('「展播与投票」已于原定日期结束。');
    expect(lines[1]).toContain('已晚 3 天');
    expect(lines[2]).toContain('「综合计分」的日期随之改为 2027年1月3日 至 1月4日');
  });
});
