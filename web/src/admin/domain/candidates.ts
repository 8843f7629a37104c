// The candidate form and what PATCH sends: only the fields that changed.
import type { AdminCandidate } from '../api/types';
import type { CandidatePatch } from '../api/endpoints';

export interface CandidateForm {
  no: number | undefined;
  name: string;
  gender: string;
  title: string;
  unit: string;
  reason: string;
}

export function candidatePatch(original: AdminCandidate, form: CandidateForm): CandidatePatch {
  const patch: CandidatePatch = {};
  const name = form.name.trim();
  const title = form.title.trim();
  if (name !== original.name) patch.name = name;
  if (form.gender !== original.gender) patch.gender = form.gender;
  if (title !== original.title) patch.title = title;
  if (form.unit && form.unit !== original.unit.code) patch.unit = form.unit;
  return patch;
}

export const STATUS_OPTIONS = [
  { value: 'active', label: '启用' },
  { value: 'disabled', label: '停用' },
  { value: 'all', label: '全部' },
] as const;

/** The selected rows a batch 停用 (enable false) or 启用 (true) would change: the others are so already. */
export function batchTargets<R extends { active: boolean }>(rows: readonly R[], enable: boolean): R[] {
  return rows.filter((r) => r.active !== enable);
}

/** What a batch did, in one sentence: "已停用 5 人" or "已停用 3 人，2 人未能停用：张三（…）；李四（…）". */
export function batchSummary(verb: string, done: number, failed: readonly { name: string; message: string }[]): string {
  const head = `已${verb} ${done} 人`;
  if (!failed.length) return head;
  return `${head}，${failed.length} 人未能${verb}：${failed.map((f) => `${f.name}（${f.message}）`).join('；')}`;
}
