// Calls of online voting: the voter's sign-in (a phone, or a party member's ballot code), the proof-of-work challenge, the vote
// itself (safe to retry with its Idempotency-Key), my votes, receipts and the tally.
// The server's Chinese message is shown as it is; the texts below stand in when it sends none.
import { ApiError, apiUrl, requestJson, type CodeMessages } from './client';
import type {
  MyVotes,
  OtpSent,
  PowChallenge,
  PowSolution,
  ReceiptRecord,
  Tally,
  Voter,
  VoteReceipt,
  VoterMe,
} from './types';

export const VOTING_MESSAGES: CodeMessages = {
  invalid_phone: '请输入正确的手机号码',
  otp_cooldown: (e) => (e.retryAfter ? `获取验证码太频繁，请 ${e.retryAfter} 秒后再试` : '获取验证码太频繁，请稍后再试'),
  otp_limit: '获取验证码的次数已达今日上限，请明天再试',
  otp_missing: '请先获取验证码',
  otp_wrong: (e) => (e.attemptsLeft !== null ? `验证码不正确，还可以再试 ${e.attemptsLeft} 次` : '验证码不正确，请重新输入'),
  otp_expired: '验证码已过期，请重新获取',
  otp_attempts: '验证码输错次数太多，请重新获取',
  voter_unauthenticated: '请先验证手机号，再来投票',
  voting_closed: '现在不在投票时间内',
  unknown_candidate: '没有找到这位书记',
  daily_quota: '今天的票已经投完了，明天再来吧',
  already_voted_today: '今天已为该书记投过票',
  group_quota: '今天在这个组别的票已经投完了',
  pow_invalid: '安全验证没有通过，请重新投票',
  pow_expired: '安全验证已过期，请重新投票',
  pow_replayed: '安全验证已使用过，请重新投票',
  ballot_code_malformed: '投票码应为 12 位字母和数字，请核对纸条上的投票码',
  ballot_code_unknown: '没有这个投票码，请核对纸条上的投票码',
  ballot_code_revoked: '此投票码已作废，请联系所在党支部',
  ballot_code_limit: '输错投票码的次数太多，请稍后再试',
  rate_limited: (e) => (e.retryAfter ? `操作太频繁，请 ${e.retryAfter} 秒后再试` : '操作太频繁，请稍后再试'),
};

const RECEIPT_MESSAGES: CodeMessages = {
  ...VOTING_MESSAGES,
  not_found: '没有找到这张回执，请检查是否输入正确',
};

// ---- the voter ----

export function requestOtp(phone: string) {
  return requestJson<OtpSent>(apiUrl('/voters/otp'), { method: 'POST', body: { phone }, messages: VOTING_MESSAGES });
}

export function verifyOtp(phone: string, code: string) {
  return requestJson<{ voter: Voter }>(apiUrl('/voters/verify'), {
    method: 'POST',
    body: { phone, code },
    messages: VOTING_MESSAGES,
  });
}

/** A party member's ballot code (党员投票码) as typed: the server ignores case, dashes and spaces. */
export function redeemBallotCode(code: string) {
  return requestJson<{ voter: Voter }>(apiUrl('/voters/ballot-code'), {
    method: 'POST',
    body: { code },
    messages: VOTING_MESSAGES,
  });
}

export function logoutVoter() {
  return requestJson<void>(apiUrl('/voters/logout'), { method: 'POST', messages: VOTING_MESSAGES });
}

/** Who is signed in and what is left of today's votes in the campaign; 401 voter_unauthenticated when nobody. */
export function getVoterMe(campaignId: number, signal?: AbortSignal) {
  return requestJson<VoterMe>(apiUrl('/voters/me', { campaign: campaignId }), {
    signal,
    cache: 'no-store',
    messages: VOTING_MESSAGES,
  });
}

// ---- the vote ----

export function getVoteChallenge(campaignId: number, signal?: AbortSignal) {
  return requestJson<PowChallenge>(apiUrl(`/campaigns/${campaignId}/votes/challenge`), {
    signal,
    cache: 'no-store',
    messages: VOTING_MESSAGES,
  });
}

/** How long this page has been open, in whole ms: the server's detector weighs a vote cast before anyone could read. */
export function pageMillis(): number | undefined {
  const now = globalThis.performance?.now?.();
  return typeof now === 'number' && Number.isFinite(now) && now >= 0 ? Math.round(now) : undefined;
}

/** One vote sent once. A retry must pass the same `idempotencyKey`: the server then never counts it twice. */
export function castVote(campaignId: number, candidateId: number, pow: PowSolution, idempotencyKey: string) {
  const pageMs = pageMillis();
  return requestJson<VoteReceipt>(apiUrl(`/campaigns/${campaignId}/votes`), {
    method: 'POST',
    headers: { 'Idempotency-Key': idempotencyKey },
    body: pageMs === undefined ? { candidate_id: candidateId, pow } : { candidate_id: candidateId, pow, page_ms: pageMs },
    messages: VOTING_MESSAGES,
  });
}

/** Failures where the vote may or may not have reached the server: retrying with the same key is safe. */
export function isUncertain(error: unknown): boolean {
  return error instanceof ApiError && (error.code === 'network' || error.code === 'timeout' || error.status >= 500);
}

/** A random v4 UUID: crypto.randomUUID where there is one (secure pages only), else from getRandomValues. */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto as Crypto | undefined;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  const bytes = new Uint8Array(16);
  if (c && typeof c.getRandomValues === 'function') c.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i += 1) bytes[i] = Math.floor(Math.random() * 256);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface SendOptions {
  /** Automatic retries after a network error, each with the same key. */
  retries?: number;
  /** Milliseconds before the n-th retry (n from 1). */
  delay?: (n: number) => number;
}

/**
 * One attempt to vote for one candidate with one solved challenge. Its Idempotency-Key is made
 * once: every send of this attempt (automatic retries, the voter pressing 重试) uses it, so a
 * vote whose answer was lost is never counted twice. A new vote needs a new attempt.
 */
export class VoteAttempt {
  readonly key = newIdempotencyKey();
  /** How many times it was sent. */
  sends = 0;

  constructor(
    readonly campaignId: number,
    readonly candidateId: number,
    readonly pow: PowSolution,
  ) {}

  async send({ retries = 2, delay = (n) => 800 * n }: SendOptions = {}): Promise<VoteReceipt> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        this.sends += 1;
        return await castVote(this.campaignId, this.candidateId, this.pow, this.key);
      } catch (error) {
        if (!isUncertain(error) || attempt >= retries) throw error;
        await new Promise((resolve) => setTimeout(resolve, delay(attempt + 1)));
      }
    }
  }
}

export function listMyVotes(campaignId: number, signal?: AbortSignal) {
  return requestJson<MyVotes>(apiUrl(`/campaigns/${campaignId}/votes/mine`), {
    signal,
    cache: 'no-store',
    messages: VOTING_MESSAGES,
  });
}

/** A receipt as typed or pasted: spaces and line breaks dropped. */
export function cleanReceipt(text: string): string {
  return text.replace(/[\s\u3000]+/g, '');
}

export function lookupReceipt(receipt: string, signal?: AbortSignal) {
  return requestJson<ReceiptRecord>(apiUrl(`/votes/receipts/${encodeURIComponent(cleanReceipt(receipt))}`), {
    signal,
    messages: RECEIPT_MESSAGES,
  });
}

// ---- results ----

export function getTally(campaignId: number, signal?: AbortSignal) {
  return requestJson<Tally>(apiUrl(`/campaigns/${campaignId}/tally`), { signal, messages: VOTING_MESSAGES });
}

export function tallyStreamUrl(campaignId: number): string {
  return apiUrl(`/campaigns/${campaignId}/tally/stream`);
}
