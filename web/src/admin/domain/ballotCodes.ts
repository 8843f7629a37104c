// 投票码 in the console: the states of a code, what a batch request must hold (the server
// checks the same: core/voting/ballot_code.h), the filters of the codes list, what the revoke
// dialog says, and the rows of the Excel export.
import { groupBallotCode } from '../../domain/ballotCode';
import type { BallotBatch, BallotCode, BallotCodeState } from '../api/types';
import { formatStamp } from './format';
import { reasonProblem, type ReasonRule } from './reason';

export const MAX_BATCH_CODES = 10_000;
export const MAX_BRANCH_CHARS = 60;

export const CODE_STATES: BallotCodeState[] = ['unused', 'redeemed', 'revoked'];

export const CODE_STATE_LABELS: Record<BallotCodeState, string> = {
  unused: '未使用',
  redeemed: '已使用',
  revoked: '已作废',
};

/** The Element Plus tag type of a state. */
export const CODE_STATE_TAGS: Record<BallotCodeState, 'success' | 'primary' | 'info'> = {
  unused: 'success',
  redeemed: 'primary',
  revoked: 'info',
};

export function codeStateLabel(state: string): string {
  return CODE_STATE_LABELS[state as BallotCodeState] ?? state;
}

export function codeStateTag(state: string): 'success' | 'primary' | 'info' {
  return CODE_STATE_TAGS[state as BallotCodeState] ?? 'info';
}

/** What is wrong with a party branch's name, or null: 1–60 characters, no control characters. */
export function branchProblem(branch: string | null | undefined): string | null {
  const text = (branch ?? '').trim();
  if (!text) return '请填写党支部名称';
  const length = [...text].length;
  if (length > MAX_BRANCH_CHARS) return `党支部名称最多 ${MAX_BRANCH_CHARS} 个字，现在是 ${length} 个字`;
  if (/[\u0000-\u001f\u007f]/.test(text)) return '党支部名称不能包含换行等控制字符';
  return null;
}

/** What is wrong with the number of codes to make, or null: a whole number from 1 to 10,000. */
export function countProblem(count: number | null | undefined): string | null {
  if (count === null || count === undefined || Number.isNaN(count)) return '请填写数量';
  if (!Number.isInteger(count)) return '数量须为整数';
  if (count < 1 || count > MAX_BATCH_CODES) return `数量须在 1 到 ${MAX_BATCH_CODES} 之间`;
  return null;
}

export const REVOKE_REASON: ReasonRule = { label: '作废原因', min: 2, max: 200 };

export function revokeReasonProblem(reason: string | null | undefined): string | null {
  return reasonProblem(reason, REVOKE_REASON);
}

/** Codes that can still be revoked (a used one too: it then stops signing in). */
export function isRevocable(code: Pick<BallotCode, 'state'>): boolean {
  return code.state !== 'revoked';
}

export function batchTitle(batch: Pick<BallotBatch, 'district_name' | 'branch'>): string {
  return `${batch.district_name} · ${batch.branch}`;
}

const VOTES_STAY = '已经投出的票仍然有效、照常计数。';

/** The question before the chosen codes are revoked. */
export function revokeSelectedText(codes: readonly Pick<BallotCode, 'state'>[]): string {
  const redeemed = codes.filter((c) => c.state === 'redeemed').length;
  const used = redeemed
    ? `其中 ${redeemed} 个已被使用：作废后不能再用它登录和投票，${VOTES_STAY}`
    : `作废后这些投票码不能再登录和投票；若已被使用，${VOTES_STAY}`;
  return `确定要作废所选的 ${codes.length} 个投票码吗？${used}作废不能撤销。`;
}

/** The question before every unused code of a batch is revoked. */
export function revokeUnusedText(batch: Pick<BallotBatch, 'district_name' | 'branch' | 'unused'>): string {
  return `确定要作废「${batchTitle(batch)}」全部 ${batch.unused} 个未使用的投票码吗？作废后这些投票码不能再登录和投票（已使用的投票码不受影响，${VOTES_STAY}）作废不能撤销。`;
}

export interface CodeFilters {
  state: BallotCodeState | '';
  q: string;
}

/** The codes that match the filters: a state, and part of the code as typed (dashes ignored). */
export function filterCodes<T extends Pick<BallotCode, 'code' | 'state'>>(codes: readonly T[], filters: CodeFilters): T[] {
  const q = groupBallotCode(filters.q).replace(/-/g, '');
  return codes.filter((c) => (!filters.state || c.state === filters.state) && (!q || c.code.toUpperCase().includes(q)));
}

/** One page of a list held in the page. */
export function pageOf<T>(items: readonly T[], page: number, pageSize: number): T[] {
  const start = (Math.max(1, page) - 1) * pageSize;
  return items.slice(start, start + pageSize);
}

export const CODE_EXPORT_HEADER = ['区', '党支部', '投票码', '状态', '使用时间', '作废时间'];

/** The rows of the codes' workbook (header first), times in the campaign's zone. */
export function codeExportRows(
  batch: Pick<BallotBatch, 'district_name' | 'branch'>,
  codes: readonly BallotCode[],
  timeZone?: string,
): string[][] {
  return [
    CODE_EXPORT_HEADER,
    ...codes.map((c) => [
      batch.district_name,
      batch.branch,
      groupBallotCode(c.code),
      codeStateLabel(c.state),
      formatStamp(c.redeemed_at, timeZone),
      formatStamp(c.revoked_at, timeZone),
    ]),
  ];
}

/** A file name without characters that file systems refuse. */
function safeName(text: string): string {
  return text.replace(/[\\/:*?"<>|\s]+/g, '_');
}

export function codesFileName(batch: Pick<BallotBatch, 'id' | 'district_name' | 'branch'>): string {
  return safeName(`投票码-${batch.district_name}-${batch.branch}-${batch.id}.xlsx`);
}

export function slipsFileName(batch: Pick<BallotBatch, 'id' | 'district_name' | 'branch'>): string {
  return safeName(`投票码纸条-${batch.district_name}-${batch.branch}-${batch.id}.pdf`);
}
