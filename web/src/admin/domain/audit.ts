// The audit log in words people read: actions in Chinese, before/after as a field-by-field diff.
import { DEFAULT_TIME_ZONE, localDateToIsoSafe } from './format';
import { ROLE_LABELS } from './roles';

export const ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'auth.password': '修改密码',
  'user.create': '新增用户',
  'user.update': '修改用户',
  'user.reset_password': '重置密码',
  'campaign.settings': '修改活动设置',
  'campaign.phase': '推进阶段',
  'org_unit.create': '新增组织单位',
  'org_unit.update': '修改组织单位',
  'org_unit.import': '导入组织单位',
  'candidate.create': '新增参评书记',
  'candidate.update': '修改参评书记',
  'roster.import': '导入名单',
  'ballot_batch.create': '生成投票码',
  'ballot_batch.print': '打印投票码纸条',
  'ballot_code.revoke': '作废投票码',
};

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

/** Names of the fields that appear in before/after. Unknown ones are shown as they are. */
export const FIELD_LABELS: Record<string, string> = {
  no: '编号',
  name: '姓名/名称',
  gender: '性别',
  title: '职务',
  unit: '单位',
  'unit.code': '单位代码',
  'unit.name': '单位',
  group: '组别',
  group_name: '组别',
  district: '所属区',
  'district.code': '所属区代码',
  'district.name': '所属区',
  parent: '上级单位',
  'parent.code': '上级单位代码',
  'parent.name': '上级单位',
  level: '层级',
  code: '代码',
  active: '启用',
  disabled: '停用',
  username: '用户名',
  display_name: '姓名',
  role: '角色',
  district_code: '所属区代码',
  candidate_id: '参评书记',
  phase: '阶段',
  from: '原阶段',
  to: '新阶段',
  auto_advance: '到期自动推进',
  inserts: '新增',
  updates: '更新',
  unchanged: '未变',
  rows: '行数',
  vote_policy: '投票规则',
  rubric: '评分细则',
  weights: '权重',
  awards: '奖项名额',
  phases: '阶段',
  branch: '党支部',
  count: '数量',
  slips: '纸条数',
  revoked: '作废数',
};

export function fieldLabel(path: string): string {
  if (FIELD_LABELS[path]) return FIELD_LABELS[path];
  return path;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Nested objects as dotted paths; arrays stay whole (shown as JSON). */
export function flatten(value: Record<string, unknown> | null | undefined, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!value) return out;
  for (const [k, v] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (isPlainObject(v) && Object.keys(v).length > 0) Object.assign(out, flatten(v, path));
    else out[path] = v;
  }
  return out;
}

export function formatValue(v: unknown): string {
  if (v === undefined || v === null || v === '') return '—';
  if (v === true) return '是';
  if (v === false) return '否';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return JSON.stringify(v);
}

/** A value as people say it: roles in Chinese. */
function valueText(field: string, v: unknown): string {
  const last = field.split('.').pop() ?? field;
  if (last === 'role' && typeof v === 'string' && v in ROLE_LABELS) return ROLE_LABELS[v as keyof typeof ROLE_LABELS];
  return formatValue(v);
}

/** An import's before/after: lists of candidates (or units), one object each. */
type Listed = Record<string, unknown>[];

function isList(v: unknown): v is Listed {
  return Array.isArray(v) && v.every(isPlainObject);
}

/** Who an element of an import's list is: "编号 97 钟庆梅" (its no, else the unit's code). */
export function listedName(item: Record<string, unknown>): string {
  const name = typeof item.name === 'string' ? item.name : '';
  if (item.no !== undefined && item.no !== null) return `编号 ${formatValue(item.no)} ${name}`.trim();
  if (typeof item.code === 'string') return `${item.code} ${name}`.trim();
  return name;
}

function listKey(item: Record<string, unknown>): string {
  if (item.no !== undefined && item.no !== null) return `no:${String(item.no)}`;
  if (item.id !== undefined && item.id !== null) return `id:${String(item.id)}`;
  if (typeof item.code === 'string') return `code:${item.code}`;
  return '';
}

/**
 * The changes of an import, one block per element, matched by 编号 (or code): each row's label
 * names whose field it is ("编号 12 张三 · 职务"); an element only in after is a new one.
 */
function listDiff(before: Listed, after: Listed): DiffRow[] {
  const old = new Map<string, Record<string, unknown>>();
  before.forEach((item, i) => old.set(listKey(item) || `at:${i}`, item));
  const rows: DiffRow[] = [];
  after.forEach((item, i) => {
    const key = listKey(item) || `at:${i}`;
    const was = old.get(key);
    const who = listedName(item) || `第 ${i + 1} 项`;
    for (const row of auditDiff(was ?? null, item)) {
      if (!was && row.field !== 'name' && row.field !== 'no') continue;
      rows.push({ ...row, field: `${key}.${row.field}`, label: `${who} · ${row.label}${was ? '' : '（新增）'}` });
    }
  });
  return rows;
}

export interface DiffRow {
  field: string;
  label: string;
  before: string;
  after: string;
}

/**
 * The fields that changed between before and after. A creation (no before) lists every field
 * of after; a removal lists every field of before.
 */
export function auditDiff(
  before: Record<string, unknown> | Listed | null | undefined,
  after: Record<string, unknown> | Listed | null | undefined,
): DiffRow[] {
  if (isList(after) && (before === null || before === undefined || isList(before))) return listDiff(before ?? [], after);
  const a = flatten(isList(before) ? null : before);
  const b = flatten(isList(after) ? null : after);
  const keys: string[] = [];
  for (const k of [...Object.keys(a), ...Object.keys(b)]) if (!keys.includes(k)) keys.push(k);
  const rows: DiffRow[] = [];
  for (const k of keys) {
    const x = valueText(k, a[k]);
    const y = valueText(k, b[k]);
    if (x === y && before && after) continue;
    rows.push({ field: k, label: fieldLabel(k), before: before ? x : '—', after: after ? y : '—' });
  }
  return rows;
}

function nextDay(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return '';
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + 1)).toISOString().slice(0, 10);
}

/**
 * The date range picker's days as the API's from/to instants: from the start of the first day
 * to the start of the day after the last (`to` is exclusive), both in the campaign's zone.
 */
export function dateRangeQuery(
  range: readonly string[] | null | undefined,
  timeZone = DEFAULT_TIME_ZONE,
): { from?: string; to?: string } {
  if (!range || range.length !== 2 || !range[0] || !range[1]) return {};
  return { from: localDateToIsoSafe(range[0], timeZone, false), to: localDateToIsoSafe(nextDay(range[1]), timeZone, false) };
}
