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
