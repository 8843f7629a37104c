// Party members' one-time ballot codes (党员投票码) as members type or scan them: 12 characters
// of an alphabet without look-alikes (no 0/O, no 1/I), printed in groups of four
// (ABCD-EFGH-JKLM). Case, spaces and dashes do not matter; full-width letters and digits (a
// Chinese keyboard's) are forgiven. The server checks the same way (core/voting/ballot_code.h).
import type { Voter } from '../api/types';

export const BALLOT_CODE_LENGTH = 12;
export const BALLOT_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

const SEPARATORS = /[\s\u3000\-\u2010-\u2015\u2212\uff0d_·・]/g;

/** Upper case, without spaces and dashes, full-width characters made ASCII. Not checked. */
export function normalizeBallotCode(input: string): string {
  return input
    .replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(SEPARATORS, '')
    .toUpperCase();
}

/** "ABCDEFGHJKLM" → "ABCD-EFGH-JKLM"; a shorter or longer input is grouped the same way. */
export function groupBallotCode(input: string): string {
  const code = normalizeBallotCode(input);
  return code.replace(/(.{4})(?=.)/g, '$1-');
}

export function isBallotCode(input: string): boolean {
  const code = normalizeBallotCode(input);
  return code.length === BALLOT_CODE_LENGTH && [...code].every((ch) => BALLOT_CODE_ALPHABET.includes(ch));
}

/** What is wrong with a code as typed, in Chinese; null when it can be a code. */
export function ballotCodeProblem(input: string): string | null {
  const code = normalizeBallotCode(input);
  if (!code) return '请输入投票码';
  const bad = [...code].filter((ch) => !BALLOT_CODE_ALPHABET.includes(ch));
  if (bad.some((ch) => '01OI'.includes(ch))) return '投票码里没有数字 0、1 和字母 O、I，请核对纸条';
  if (bad.length) return '投票码只含字母和数字，请核对纸条';
  if (code.length !== BALLOT_CODE_LENGTH) return `投票码应为 ${BALLOT_CODE_LENGTH} 位，现在是 ${code.length} 位`;
  return null;
}

/** The `code` of a slip's link (/c/{id}/sign-in?code=…), or "" when there is none. */
export function codeFromQuery(value: unknown): string {
  const raw = Array.isArray(value) ? value[0] : value;
  return typeof raw === 'string' ? normalizeBallotCode(raw).slice(0, 64) : '';
}

export function isMemberVoter(voter: Pick<Voter, 'kind'> | null | undefined): boolean {
  return voter?.kind === 'member';
}

/** How the signed-in voter is named on the page: "手机号尾号 8000" or "党员投票码 ····JKLM". */
export function voterLabel(voter: Pick<Voter, 'kind' | 'phone_tail'>): string {
  return isMemberVoter(voter) ? `党员投票码 ····${voter.phone_tail}` : `手机号尾号 ${voter.phone_tail}`;
}
