// The review page's words and numbers: what each detector signal means in Chinese, its value
// against its threshold in words, the flag states, and the counts a decision moves.
import type { FlagState, ReviewFlag, ReviewQueueItem, SignalEvidence } from '../api/review';

export const SIGNAL_LABELS: Record<string, string> = {
  voter_velocity: '同一选民短时多票',
  device_velocity: '同一设备短时多票',
  ip_velocity: '同一IP短时多票',
  subnet_velocity: '同一网段短时多票',
  pow_too_fast: '计算题解得过快（疑似脚本）',
  page_too_quick: '打开页面即投票',
  hints_mismatch: '浏览器标识不符',
  shared_device: '一台设备多个号码',
  phone_run: '连号手机号',
  odd_hour: '深夜投票',
  burst: '票数突增',
  subnet_share: '票源集中于少数网段',
  device_share: '票源集中于少数设备',
  regular_gaps: '投票间隔过于规律',
};

export function signalLabel(name: string): string {
  return SIGNAL_LABELS[name] ?? name;
}

const num = (n: number, digits = 0) =>
  Number.isFinite(n) ? n.toLocaleString('zh-CN', { maximumFractionDigits: digits }) : String(n);
const pct = (n: number) => `${num(n * 100, 0)}%`;

/** The signal's value against its threshold, in words ("10 分钟内 6 票，阈值 4 票"). */
export function signalDetail(e: SignalEvidence): string {
  const v = e.value;
  const t = e.threshold;
  switch (e.signal) {
    case 'voter_velocity':
    case 'device_velocity':
    case 'ip_velocity':
    case 'subnet_velocity':
      return `10 分钟内 ${num(v)} 票（阈值 ${num(t)} 票）`;
    case 'pow_too_fast':
      return `每秒约 ${num(v)} 次计算（手机浏览器一般低于 ${num(t)} 次）`;
    case 'page_too_quick':
      return `打开页面 ${num(v / 1000, 1)} 秒后投票（少于 ${num(t / 1000, 1)} 秒即提示）`;
    case 'hints_mismatch':
      return '浏览器自报的设备信息与其标识相互矛盾';
    case 'shared_device':
      return `一周内 ${num(v)} 个号码在同一设备投票（阈值 ${num(t)} 个）`;
    case 'phone_run':
      return `一周内 ${num(v)} 个相邻号码投票（阈值 ${num(t)} 个）`;
    case 'odd_hour':
      return `当地 ${num(v)} 点投票（${num(t)} 点前算深夜）`;
    case 'burst':
      return `这一分钟的票数异常程度 ${num(v, 1)}（阈值 ${num(t, 1)}，越大越反常）`;
    case 'subnet_share':
      return `近期 ${pct(v)} 的票来自这个网段（阈值 ${pct(t)}）`;
    case 'device_share':
      return `近期 ${pct(v)} 的票来自这台设备（阈值 ${pct(t)}）`;
    case 'regular_gaps':
      return `间隔离散系数 ${num(v, 2)}（低于 ${num(t, 2)} 即过于规律，正常约为 1）`;
    default:
      return `数值 ${num(v, 2)}，阈值 ${num(t, 2)}`;
  }
}

/** The signals that fired for a flag (the evidence may be stored as text by an older server). */
export function flagSignals(flag: Pick<ReviewFlag, 'evidence'>): SignalEvidence[] {
  let ev: unknown = flag.evidence;
  if (typeof ev === 'string') {
    try {
      ev = JSON.parse(ev);
    } catch {
      return [];
    }
  }
  const list = ev && typeof ev === 'object' ? (ev as { evidence?: unknown }).evidence : null;
  if (!Array.isArray(list)) return [];
  return list.filter((e): e is SignalEvidence => !!e && typeof e === 'object' && typeof (e as SignalEvidence).signal === 'string');
}

export const STATE_LABELS: Record<FlagState | 'all', string> = {
  review: '待审核',
  released: '已放行',
  invalidated: '已作废',
  all: '全部',
};

export function scorePercent(score: number): string {
  if (!Number.isFinite(score)) return '—';
  return `${Math.round(Math.min(1, Math.max(0, score)) * 100)}%`;
}

/** How many flags a candidate has in a state (for the pager: the flags page has no total). */
export function flagCount(item: ReviewQueueItem | undefined, state: FlagState | 'all'): number {
  if (!item) return 0;
  if (state === 'review') return item.review;
  if (state === 'released') return item.released;
  if (state === 'invalidated') return item.invalidated;
  return item.review + item.released + item.invalidated;
}

/** What the confirmation says a decision on `n` votes does to the count. */
export function decisionEffect(decision: 'release' | 'invalidate', n: number, name: string): string {
  return decision === 'release'
    ? `将放行 ${n} 张选票：它们计为有效票，${name}的有效票增加 ${n} 票，待审核减少 ${n} 票。`
    : `将确认 ${n} 张选票为刷票并作废：它们不计票，${name}的有效票不变，待审核减少 ${n} 票。作废后不能撤销。`;
}

export function decisionDone(decision: 'release' | 'invalidate', n: number, name: string): string {
  return decision === 'release' ? `已放行 ${n} 张选票，${name}的有效票增加 ${n} 票` : `已作废 ${n} 张刷票选票，不计入${name}的票数`;
}
