// The campaign settings form: built from GET /campaigns/{id}, sent whole to PUT /settings, with
// the server's 422 field paths (`weights.public_opinion`, `rubric[2].max`, `phases[3].end`)
// routed to the tab and the field that shows them.
import type { Award, Campaign, PhaseKey, RubricItem } from '../../api/types';
import { DEFAULT_TIME_ZONE, formatDate, formatPeriod, parseInstant, toLocalTime } from '../../domain/time';
import type {
  CampaignSettings,
  FieldDetail,
  PhaseAdvancePlan,
  SettingsPhase,
  VotePolicySettings,
  WeightSettings,
} from '../api/types';
import { detailText } from './details';

export const PHASE_ORDER: PhaseKey[] = [
  'draft',
  'showcase',
  'review',
  'voting',
  'judging',
  'tally',
  'publicity',
  'final',
  'archived',
];

export const PHASE_DEFAULT_NAMES: Record<string, string> = {
  draft: '动员部署',
  showcase: '材料提交/录制',
  review: '审核',
  voting: '展播与投票',
  judging: '评审',
  tally: '计分',
  publicity: '公示',
  final: '表彰',
  archived: '归档',
};

/** After `review`, a change to the roster is a correction that needs a reason. */
export function isCorrectionPhase(key: string | null | undefined): boolean {
  if (!key) return false;
  const at = PHASE_ORDER.indexOf(key as PhaseKey);
  return at > PHASE_ORDER.indexOf('review');
}

/** The phase one step after `current` (the first one when nothing has started). */
export function nextPhase(
  phases: readonly { key: string; name: string }[],
  current: string | null | undefined,
): { key: string; name: string } | null {
  const at = current ? PHASE_ORDER.indexOf(current as PhaseKey) : -1;
  if (current && at < 0) return null;
  const key = PHASE_ORDER[at + 1];
  if (!key) return null;
  const listed = phases.find((p) => p.key === key);
  return { key, name: listed?.name || PHASE_DEFAULT_NAMES[key] || key };
}

/**
 * The question before 推进到下一阶段, from the server's plan: what closes now and how many days
 * early, what starts now, and every other phase whose dates move.
 */
export function advanceQuestion(
  plan: PhaseAdvancePlan,
  fromName: string,
  toName: string,
  timeZone = DEFAULT_TIME_ZONE,
): string[] {
  const lines: string[] = [];
  const closing = plan.changes.find((c) => c.key === plan.from);
  const opening = plan.changes.find((c) => c.key === plan.to);
  // Ends are inclusive instants: the day they fall on is the last day.
  const day = (iso: string) => formatDate(iso, timeZone);
  if (closing && plan.days_early > 0)
    lines.push(`「${fromName}」将立即结束，比原定的 ${day(closing.end_was)} 提前 ${plan.days_early} 天。`);
  else if (closing) lines.push(`「${fromName}」将立即结束（原定 ${day(closing.end_was)} 结束）。`);
  else lines.push(`「${fromName}」已于原定日期结束。`);
  if (opening) {
    const was = `原定 ${day(opening.start_was)} 开始`;
    const late = plan.days_late > 0 ? `，已晚 ${plan.days_late} 天` : '';
    lines.push(`「${toName}」从现在开始（${was}${late}），到 ${day(opening.end)} 结束。`);
  } else lines.push(`「${toName}」从现在开始。`);
  for (const c of plan.changes) {
    if (c.key === plan.from || c.key === plan.to) continue;
    lines.push(`「${c.name}」的日期随之改为 ${formatPeriod(c.start, c.end, timeZone)}（原为 ${formatPeriod(c.start_was, c.end_was, timeZone)}）。`);
  }
  lines.push('阶段日期随之修改，连同阶段变化记入审计日志；推进后不能回退。');
  return lines;
}

// --- dates: the pickers work in calendar days of the campaign's time zone ---

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** "2026-11-09" in the given zone; "" for a missing instant. */
export function isoToLocalDate(iso: string | null | undefined, timeZone = DEFAULT_TIME_ZONE): string {
  const instant = parseInstant(iso);
  if (!instant) return '';
  const t = toLocalTime(instant, timeZone);
  return `${t.year}-${pad2(t.month)}-${pad2(t.day)}`;
}

function zoneOffsetMs(utcMs: number, timeZone: string): number {
  const t = toLocalTime(new Date(utcMs), timeZone);
  const seconds = new Date(utcMs).getUTCSeconds();
  const ms = new Date(utcMs).getUTCMilliseconds();
  return Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, seconds, ms) - utcMs;
}

/**
 * The instant a local calendar day starts (or, with `endOfDay`, its last millisecond — phase
 * ends are inclusive instants, as GET /campaigns returns them), as ISO 8601 UTC.
 */
export function localDateToIso(date: string, timeZone = DEFAULT_TIME_ZONE, endOfDay = false): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return '';
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const wall = endOfDay ? Date.UTC(y, mo - 1, d + 1) - 1 : Date.UTC(y, mo - 1, d);
  let utc = wall - zoneOffsetMs(wall, timeZone);
  utc = wall - zoneOffsetMs(utc, timeZone); // once more, in case the offset changes that day
  return new Date(utc).toISOString();
}

/**
 * The last calendar day of a phase. Ends are normally the last millisecond of a day, but an
 * exclusive midnight end (00:00 on 6月1日) also means the phase lasts through 5月31日.
 */
export function endIsoToLocalDate(iso: string | null | undefined, timeZone = DEFAULT_TIME_ZONE): string {
  const instant = parseInstant(iso);
  if (!instant) return '';
  return isoToLocalDate(new Date(instant.getTime() - 1).toISOString(), timeZone);
}

export interface PhaseRow {
  key: string;
  name: string;
  startDate: string;
  endDate: string;
  /** The instants as loaded: sent back unchanged when the day was not changed. */
  start: string;
  end: string;
}

export function phaseRows(phases: readonly SettingsPhase[], timeZone = DEFAULT_TIME_ZONE): PhaseRow[] {
  return phases.map((p) => ({
    key: p.key,
    name: p.name,
    start: p.start,
    end: p.end,
    startDate: isoToLocalDate(p.start, timeZone),
    endDate: endIsoToLocalDate(p.end, timeZone),
  }));
}

export function phasesFromRows(rows: readonly PhaseRow[], timeZone = DEFAULT_TIME_ZONE): SettingsPhase[] {
  return rows.map((r) => ({
    key: r.key,
    name: r.name.trim(),
    start: r.startDate === isoToLocalDate(r.start, timeZone) ? r.start : localDateToIso(r.startDate, timeZone),
    end: r.endDate === endIsoToLocalDate(r.end, timeZone) ? r.end : localDateToIso(r.endDate, timeZone, true),
  }));
}

/** Problems the form can see before sending: a phase ending before it starts. */
export function phaseRowProblems(rows: readonly PhaseRow[]): Record<string, string> {
  const out: Record<string, string> = {};
  rows.forEach((r, i) => {
    if (!r.startDate) out[`phases[${i}].start`] = '请选择开始日期';
    if (!r.endDate) out[`phases[${i}].end`] = '请选择结束日期';
    if (r.startDate && r.endDate && r.endDate < r.startDate) out[`phases[${i}].end`] = '结束日期不能早于开始日期';
    if (!r.name.trim()) out[`phases[${i}].name`] = '请填写阶段名称';
  });
  return out;
}

// --- the whole body ---

const DEFAULT_VOTE_POLICY: VotePolicySettings = {
  votes_per_voter_per_day: 3,
  per_candidate_per_day: 1,
  show_counts: 'live',
  snapshot_hour: 20,
};

const DEFAULT_WEIGHTS: WeightSettings = {
  public_opinion: 0.3,
  work_performance: 0.4,
  comprehensive: 0.3,
  online_votes_in_public_opinion: 0.5,
  ratings_in_public_opinion: 0.5,
  rating_values: { 满意: 1, 基本满意: 0.6, 不满意: 0 },
  trim_when_judges_at_least: 5,
  online_vote_method: 'linear',
  normalize_judges: false,
};

export const RATING_ANSWERS = ['满意', '基本满意', '不满意'] as const;

function num(value: unknown, fallback: number): number {
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : fallback;
}

function awardList(list: unknown): Award[] {
  if (!Array.isArray(list)) return [];
  return list.map((t) =>
    Array.isArray(t)
      ? { tier: String(t[0] ?? ''), count: num(t[1], 0) }
      : { tier: String((t as Award)?.tier ?? ''), count: num((t as Award)?.count, 0) },
  );
}

/** The settings as GET /campaigns/{id} shows them, in the shape PUT /settings takes. */
export function settingsFromCampaign(c: Campaign & { auto_advance?: boolean }): CampaignSettings {
  const vp = (c.vote_policy ?? {}) as Partial<VotePolicySettings>;
  const w = (c.weights ?? {}) as Partial<WeightSettings>;
  const vote_policy: VotePolicySettings = {
    votes_per_voter_per_day: num(vp.votes_per_voter_per_day, DEFAULT_VOTE_POLICY.votes_per_voter_per_day),
    per_candidate_per_day: num(vp.per_candidate_per_day, DEFAULT_VOTE_POLICY.per_candidate_per_day),
    show_counts: vp.show_counts || DEFAULT_VOTE_POLICY.show_counts,
    snapshot_hour: num(vp.snapshot_hour, DEFAULT_VOTE_POLICY.snapshot_hour),
  };
  if (vp.per_group && typeof vp.per_group === 'object') vote_policy.per_group = { ...vp.per_group };
  const rating_values: Record<string, number> = {};
  const given = (w.rating_values ?? {}) as Record<string, unknown>;
  for (const answer of RATING_ANSWERS) rating_values[answer] = num(given[answer], DEFAULT_WEIGHTS.rating_values[answer]);
  for (const [answer, value] of Object.entries(given)) if (!(answer in rating_values)) rating_values[answer] = num(value, 0);
  const awards: Record<string, Award[]> = {};
  for (const g of c.groups ?? []) awards[g.key] = awardList(c.awards?.[g.key]);
  for (const [k, list] of Object.entries(c.awards ?? {})) if (!(k in awards)) awards[k] = awardList(list);
  return {
    phases: (c.phases ?? []).map((p) => ({ key: p.key, name: p.name, start: p.start, end: p.end })),
    // GET /campaigns/{id} may leave auto_advance out; the server's default is on.
    auto_advance: typeof c.auto_advance === 'boolean' ? c.auto_advance : true,
    vote_policy,
    rubric: (c.rubric ?? []).map((r: RubricItem) => ({ key: r.key, name: r.name, max: num(r.max, 0) })),
    weights: {
      public_opinion: num(w.public_opinion, DEFAULT_WEIGHTS.public_opinion),
      work_performance: num(w.work_performance, DEFAULT_WEIGHTS.work_performance),
      comprehensive: num(w.comprehensive, DEFAULT_WEIGHTS.comprehensive),
      online_votes_in_public_opinion: num(w.online_votes_in_public_opinion, DEFAULT_WEIGHTS.online_votes_in_public_opinion),
      ratings_in_public_opinion: num(w.ratings_in_public_opinion, DEFAULT_WEIGHTS.ratings_in_public_opinion),
      rating_values,
      trim_when_judges_at_least: num(w.trim_when_judges_at_least, DEFAULT_WEIGHTS.trim_when_judges_at_least),
      online_vote_method: w.online_vote_method || DEFAULT_WEIGHTS.online_vote_method,
      normalize_judges: typeof w.normalize_judges === 'boolean' ? w.normalize_judges : DEFAULT_WEIGHTS.normalize_judges,
    },
    awards,
  };
}

export type SettingsTab = 'phases' | 'vote_policy' | 'rubric' | 'weights' | 'awards';

export const SETTINGS_TABS: { key: SettingsTab; title: string }[] = [
  { key: 'phases', title: '阶段' },
  { key: 'vote_policy', title: '投票规则' },
  { key: 'rubric', title: '评分细则' },
  { key: 'weights', title: '权重' },
  { key: 'awards', title: '奖项名额' },
];

/** The body to send when one tab is saved: what the server has, with that tab's edits. */
export function bodyForTab(base: CampaignSettings, tab: SettingsTab, draft: CampaignSettings): CampaignSettings {
  const body: CampaignSettings = JSON.parse(JSON.stringify(base));
  if (tab === 'phases') {
    body.phases = JSON.parse(JSON.stringify(draft.phases));
    body.auto_advance = draft.auto_advance;
  } else {
    (body as unknown as Record<string, unknown>)[tab] = JSON.parse(JSON.stringify(draft[tab]));
  }
  return body;
}

export function rubricTotal(rubric: readonly { max: number | null | undefined }[]): number {
  return rubric.reduce((sum, r) => sum + (Number.isFinite(Number(r.max)) ? Number(r.max) : 0), 0);
}

/** The rules the server checks (core/campaign.cpp), said the same way beside the sums. */
export const WEIGHT_SUM_RULE = '民意测评、工作表现、综合评价三项权重之和须为 1';
export const OPINION_SUM_RULE = '民意测评中线上投票与测评票的占比之和须为 1';

/** A sum of weights, rounded to hide binary noise (0.3 + 0.4 + 0.3 → 1). */
export function weightSum(...values: (number | null | undefined)[]): number {
  const total = values.reduce<number>((s, v) => s + (Number.isFinite(Number(v)) ? Number(v) : 0), 0);
  return Math.round(total * 1e6) / 1e6;
}

const WEIGHT_KEYS = new Set([
  'public_opinion',
  'work_performance',
  'comprehensive',
  'online_votes_in_public_opinion',
  'ratings_in_public_opinion',
  'rating_values',
  'trim_when_judges_at_least',
  'online_vote_method',
  'normalize_judges',
]);
const VOTE_KEYS = new Set(['votes_per_voter_per_day', 'per_candidate_per_day', 'show_counts', 'snapshot_hour']);

/**
 * The tab that shows a field path, or null when no tab does (then the message goes to the
 * alert above the tabs). Section-level paths ("rubric", "phases[3]") belong to their tab,
 * which shows them above its table.
 */
export function tabOfField(path: string, s: CampaignSettings): SettingsTab | null {
  let m: RegExpExecArray | null;
  if (path === 'phases' || path === 'auto_advance') return 'phases';
  if ((m = /^phases\[(\d+)\](?:\.(name|start|end))?$/.exec(path))) return Number(m[1]) < s.phases.length ? 'phases' : null;
  if (path === 'vote_policy') return 'vote_policy';
  if ((m = /^vote_policy\.(\w+)$/.exec(path))) return VOTE_KEYS.has(m[1]) ? 'vote_policy' : null;
  if (path === 'rubric') return 'rubric';
  if ((m = /^rubric\[(\d+)\](?:\.(key|name|max))?$/.exec(path))) return Number(m[1]) < s.rubric.length ? 'rubric' : null;
  if (path === 'weights') return 'weights';
  if ((m = /^weights\.rating_values\.(.+)$/.exec(path))) return m[1] in s.weights.rating_values ? 'weights' : null;
  if ((m = /^weights\.(\w+)$/.exec(path))) return WEIGHT_KEYS.has(m[1]) ? 'weights' : null;
  if (path === 'awards') return 'awards';
  if ((m = /^awards\.([^.[\]]+)(?:\[(\d+)\](?:\.(tier|count))?)?$/.exec(path))) {
    const list = s.awards[m[1]];
    if (!list) return null;
    return m[2] === undefined || Number(m[2]) < list.length ? 'awards' : null;
  }
  return null;
}

export interface SettingsErrors {
  /** path → message, for the paths a tab shows. */
  fields: Record<string, string>;
  /** Tabs that have at least one message (to mark them). */
  tabs: SettingsTab[];
  /** Messages for paths no tab shows. */
  unknown: string[];
}

/**
 * A field path as the page names it: "phases[3]" → "第 4 个阶段「展播与投票」", "rubric[2]" →
 * "第 3 个评分项"; other paths as they are.
 */
export function fieldWords(path: string, settings?: { phases: readonly { name: string }[] }): string {
  let m: RegExpExecArray | null;
  if ((m = /^phases\[(\d+)\]/.exec(path))) {
    const name = settings?.phases[Number(m[1])]?.name;
    return `第 ${Number(m[1]) + 1} 个阶段${name ? `「${name}」` : ''}`;
  }
  if ((m = /^rubric\[(\d+)\]/.exec(path))) return `第 ${Number(m[1]) + 1} 个评分项`;
  return path;
}

export function routeSettingsErrors(details: readonly FieldDetail[], s: CampaignSettings): SettingsErrors {
  const fields: Record<string, string> = {};
  const tabs = new Set<SettingsTab>();
  const unknown: string[] = [];
  for (const d of details) {
    const tab = d.field ? tabOfField(d.field, s) : null;
    if (d.field && tab) {
      fields[d.field] = fields[d.field] ? `${fields[d.field]}；${d.message}` : d.message;
      tabs.add(tab);
    } else unknown.push(detailText(d));
  }
  return { fields, tabs: [...tabs], unknown };
}

/** Messages for section-level paths of a tab ("rubric", "rubric[2]", "awards.town_street"). */
export function sectionMessages(
  fields: Record<string, string>,
  tab: SettingsTab,
  settings?: { phases: readonly { name: string }[] },
): string[] {
  const out: string[] = [];
  for (const [path, message] of Object.entries(fields)) {
    const sectionLevel =
      (tab === 'phases' && (/^phases(\[\d+\])?$/.test(path))) ||
      (tab === 'vote_policy' && path === 'vote_policy') ||
      (tab === 'rubric' && /^rubric(\[\d+\])?$/.test(path)) ||
      (tab === 'weights' && path === 'weights.rating_values') ||
      (tab === 'awards' && path === 'awards');
    if (sectionLevel) out.push(path.includes('[') ? `${fieldWords(path, settings)}：${message}` : message);
  }
  return out;
}
