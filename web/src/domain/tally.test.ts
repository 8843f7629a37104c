import { describe, expect, it } from 'vitest';
import type { Tally } from '../api/types';
import { applyTallyEvent, barPercent, rankCandidates, tallyNotice, topCandidates } from './tally';

const candidate = (id: number, votes: number, district = '150302') => ({
  id,
  name: `书记${id}`,
  unit: `单位${id}`,
  district,
  district_name: district === '150302' ? '海勃湾区' : '海南区',
  votes,
});

function tally(): Tally {
  return {
    show: 'live',
    as_of: '2026-12-02T02:15:00Z', // 10:15 in Beijing
    visible: true,
    total: 60,
    groups: [
      { key: 'town_street', name: '镇（街道）组', total: 35, candidates: rankCandidates([candidate(1, 20), candidate(2, 10, '150303'), candidate(3, 5)]) },
      { key: 'village_community', name: '村（社区）组', total: 25, candidates: rankCandidates([candidate(4, 25, '150303')]) },
    ],
    districts: [
      { code: '150302', name: '海勃湾区', votes: 25 },
      { code: '150303', name: '海南区', votes: 35 },
    ],
    by_day: [
      { day: '2026-12-01', votes: 40 },
      { day: '2026-12-02', votes: 20 },
    ],
    by_hour_today: Array.from({ length: 24 }, (_, h) => (h === 9 ? 15 : h === 10 ? 5 : 0)),
  };
}

describe('rankCandidates', () => {
  it('ranks most votes first, equal counts sharing a rank', () => {
    const ranked = rankCandidates([candidate(1, 5), candidate(2, 9), candidate(3, 5), candidate(4, 1)]);
    expect(ranked.map((c) => [c.id, c.rank])).toEqual([
      [2, 1],
      [1, 2],
      [3, 2],
      [4, 4],
    ]);
  });
});

describe('applyTallyEvent', () => {
  it('moves the candidates, their group and district, and re-ranks', () => {
    const before = tally();
    const { tally: next, unknown, moved } = applyTallyEvent(before, {
      total: 73,
      as_of: '2026-12-02T02:16:00Z',
      changed: [{ id: 3, votes: 18 }, { id: 2, votes: 10 }],
    });
    expect(unknown).toEqual([]);
    expect(moved).toEqual([3]);
    const town = next.groups[0];
    expect(town.total).toBe(48);
    expect(town.candidates.map((c) => [c.id, c.votes, c.rank])).toEqual([
      [1, 20, 1],
      [3, 18, 2],
      [2, 10, 3],
    ]);
    expect(next.groups[1]).toBe(before.groups[1]); // untouched
    expect(before.groups[0].total).toBe(35); // the old tally is not changed
    expect(next.districts).toEqual([
      { code: '150302', name: '海勃湾区', votes: 38 },
      { code: '150303', name: '海南区', votes: 35 },
    ]);
    expect(next.total).toBe(73);
    expect(next.as_of).toBe('2026-12-02T02:16:00Z');
  });

  it("adds the growth of the total to today's hour and day", () => {
    const { tally: next } = applyTallyEvent(tally(), { total: 64, as_of: '2026-12-02T02:20:00Z', changed: [{ id: 4, votes: 29 }] });
    expect(next.by_hour_today?.[10]).toBe(9);
    expect(next.by_hour_today?.[9]).toBe(15);
    expect(next.by_day).toEqual([
      { day: '2026-12-01', votes: 40 },
      { day: '2026-12-02', votes: 24 },
    ]);
  });

  it('starts a new day after midnight in Beijing', () => {
    const { tally: next } = applyTallyEvent(tally(), { total: 62, as_of: '2026-12-02T16:00:30Z', changed: [{ id: 4, votes: 27 }] });
    expect(next.by_day?.at(-1)).toEqual({ day: '2026-12-03', votes: 2 });
    expect(next.by_hour_today?.[0]).toBe(2);
    expect(next.by_hour_today?.reduce((a, b) => a + b)).toBe(2);
  });

  it('takes the counts of the event sent on connect even when nothing moved', () => {
    const before = tally();
    const { tally: next } = applyTallyEvent(before, {
      total: 60,
      as_of: '2026-12-02T02:15:05Z',
      changed: [1, 2, 3, 4].map((id) => ({ id, votes: [20, 10, 5, 25][id - 1] })),
    });
    expect(next.groups).toEqual(before.groups);
    expect(next.by_day).toEqual(before.by_day);
  });

  it('reports candidates it does not know', () => {
    const { unknown } = applyTallyEvent(tally(), { total: 61, as_of: '2026-12-02T02:16:00Z', changed: [{ id: 99, votes: 1 }] });
    expect(unknown).toEqual([99]);
  });

  it('leaves a hidden tally alone', () => {
    const hidden: Tally = { show: 'hidden', as_of: '2026-12-02T02:15:00Z', visible: false, groups: [], districts: [] };
    expect(applyTallyEvent(hidden, { total: 5, as_of: 'x', changed: [] }).tally).toBe(hidden);
  });
});

describe('tallyNotice', () => {
  it('says how the counts are published', () => {
    expect(tallyNotice({ ...tally(), visible: false, show: 'hidden' })).toBe('投票结束前不公布票数');
    expect(tallyNotice({ ...tally(), show: 'daily', as_of: '2026-12-02T12:00:00Z' }, 'Asia/Shanghai', 20)).toBe(
      '票数每日 20 点更新，截至 2026年12月2日 20:00',
    );
    expect(tallyNotice({ ...tally(), show: 'daily', as_of: '2026-12-02T12:00:00Z' })).toBe('票数每日 20 点更新，截至 2026年12月2日 20:00');
    expect(tallyNotice(tally())).toBe('票数实时更新，截至 2026年12月2日 10:15');
  });
});

describe('topCandidates and barPercent', () => {
  it('gives the leaders and their bars', () => {
    expect(topCandidates(tally().groups[0], 2).map((c) => c.id)).toEqual([1, 2]);
    expect(barPercent(10, 20)).toBe(50);
    expect(barPercent(1, 100000)).toBe(1);
    expect(barPercent(0, 20)).toBe(0);
    expect(barPercent(undefined, 0)).toBe(0);
  });
});
