import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './client';
import type { PowSolution } from './types';
import {
  castVote,
  cleanReceipt,
  getVoterMe,
  logoutVoter,
  lookupReceipt,
  newIdempotencyKey,
  redeemBallotCode,
  requestOtp,
  verifyOtp,
  VoteAttempt,
} from './voting';

interface Call {
  url: string;
  init: RequestInit;
}

/** Replaces fetch with one that answers from `answers` in turn and records every call. */
function mockFetch(...answers: (Response | Error)[]) {
  const calls: Call[] = [];
  const fetchMock = vi.fn(async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const answer = answers.shift();
    if (!answer) throw new Error('no more answers');
    if (answer instanceof Error) throw answer;
    return answer;
  });
  vi.stubGlobal('fetch', fetchMock);
  return calls;
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const header = (call: Call, name: string) => (call.init.headers as Record<string, string>)[name];

const POW: PowSolution = { algorithm: 'SHA-256', challenge: 'ab', number: 7, salt: 's?expires=1&', signature: 'cd' };
const RECEIPT = { vote_id: 1, receipt: '01JDZ8Q4V7M2K9X3N5P6R8T0WA', candidate_id: 12, cast_at: '2026-12-02T01:00:00Z', votes_left: 2 };

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('voter sign-in', () => {
  it('posts the phone as JSON and returns the tail and the resend delay', async () => {
    const calls = mockFetch(json(200, { phone_tail: '8000', expires_in: 300, resend_after: 60 }));
    const sent = await requestOtp('13800138000');
    expect(sent.resend_after).toBe(60);
    expect(calls[0].url).toBe('/api/v1/voters/otp');
    expect(calls[0].init.method).toBe('POST');
    expect(calls[0].init.body).toBe('{"phone":"13800138000"}');
    expect(header(calls[0], 'Content-Type')).toBe('application/json');
    expect(calls[0].init.credentials).toBe('same-origin');
  });

  it("shows the server's message and keeps retry_after", async () => {
    mockFetch(json(429, { code: 'otp_cooldown', message: '请 42 秒后再获取验证码', retry_after: 42 }));
    const error = await requestOtp('13800138000').catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.code).toBe('otp_cooldown');
    expect(error.message).toBe('请 42 秒后再获取验证码');
    expect(error.retryAfter).toBe(42);
  });

  it('falls back to a message per code when the server sends none', async () => {
    mockFetch(
      json(429, { code: 'otp_cooldown', retry_after: 30 }),
      json(401, { code: 'otp_wrong', attempts_left: 2 }),
      json(401, { code: 'otp_expired' }),
      json(429, { code: 'otp_limit', message: ' ' }),
    );
    expect((await requestOtp('13800138000').catch((e) => e)).message).toBe('获取验证码太频繁，请 30 秒后再试');
    const wrong = await verifyOtp('13800138000', '000000').catch((e) => e);
    expect(wrong.message).toBe('验证码不正确，还可以再试 2 次');
    expect(wrong.attemptsLeft).toBe(2);
    expect((await verifyOtp('13800138000', '000000').catch((e) => e)).message).toBe('验证码已过期，请重新获取');
    expect((await requestOtp('13800138000').catch((e) => e)).message).toBe('获取验证码的次数已达今日上限，请明天再试');
  });

  it('asks who is signed in without letting a cache answer', async () => {
    const calls = mockFetch(json(401, { code: 'voter_unauthenticated' }));
    const error = await getVoterMe(3).catch((e) => e);
    expect(calls[0].url).toBe('/api/v1/voters/me?campaign=3');
    expect(calls[0].init.cache).toBe('no-store');
    expect(error.code).toBe('voter_unauthenticated');
    expect(error.status).toBe(401);
    expect(error.message).toBe('请先验证手机号，再来投票');
  });

  it("signs a party member in with a ballot code, and shows the server's refusal", async () => {
    const member = { id: 9, kind: 'member', phone_tail: 'JKLM', branch: '新桥社区党支部', campaign_id: 1 };
    const calls = mockFetch(
      json(200, { voter: member }),
      json(403, { code: 'ballot_code_revoked', message: '此投票码已作废，请联系所在党支部' }),
      json(401, { code: 'ballot_code_unknown' }),
    );
    expect((await redeemBallotCode('ABCD-EFGH-JKLM')).voter).toEqual(member);
    expect(calls[0].url).toBe('/api/v1/voters/ballot-code');
    expect(calls[0].init.method).toBe('POST');
    expect(calls[0].init.body).toBe('{"code":"ABCD-EFGH-JKLM"}');
    const revoked = await redeemBallotCode('ABCD-EFGH-JKLM').catch((e) => e);
    expect([revoked.status, revoked.code, revoked.message]).toEqual([403, 'ballot_code_revoked', '此投票码已作废，请联系所在党支部']);
    expect((await redeemBallotCode('ABCD-EFGH-JKLM').catch((e) => e)).message).toBe('没有这个投票码，请核对纸条上的投票码');
  });

  it('signs out with a 204 and no body', async () => {
    mockFetch(new Response(null, { status: 204 }));
    await expect(logoutVoter()).resolves.toBeUndefined();
  });
});

describe('casting a vote', () => {
  it('sends the candidate, the solved challenge and the Idempotency-Key', async () => {
    const calls = mockFetch(json(201, RECEIPT));
    const receipt = await castVote(1, 12, POW, 'key-1');
    expect(receipt.receipt).toBe(RECEIPT.receipt);
    expect(calls[0].url).toBe('/api/v1/campaigns/1/votes');
    expect(header(calls[0], 'Idempotency-Key')).toBe('key-1');
    const sent = JSON.parse(String(calls[0].init.body));
    expect(sent).toMatchObject({ candidate_id: 12, pow: POW });
    // How long the page was open, for the detector: a whole, non-negative number of ms.
    expect(Number.isInteger(sent.page_ms) && sent.page_ms >= 0).toBe(true);
  });

  it('maps every refusal to its Chinese message', async () => {
    const cases: [number, string, string][] = [
      [409, 'already_voted_today', '今天已为该书记投过票'],
      [429, 'daily_quota', '今天的票已经投完了，明天再来吧'],
      [429, 'group_quota', '今天在这个组别的票已经投完了'],
      [409, 'voting_closed', '现在不在投票时间内'],
      [404, 'unknown_candidate', '没有找到这位书记'],
      [400, 'pow_invalid', '安全验证没有通过，请重新投票'],
      [400, 'pow_expired', '安全验证已过期，请重新投票'],
      [409, 'pow_replayed', '安全验证已使用过，请重新投票'],
      [401, 'voter_unauthenticated', '请先验证手机号，再来投票'],
    ];
    for (const [status, code, message] of cases) {
      mockFetch(json(status, { code }));
      const error = await castVote(1, 12, POW, 'k').catch((e) => e);
      expect([error.code, error.status, error.message]).toEqual([code, status, message]);
    }
    mockFetch(json(409, { code: 'already_voted_today', message: '您今天已经给张三投过票了' }));
    expect((await castVote(1, 12, POW, 'k').catch((e) => e)).message).toBe('您今天已经给张三投过票了');
  });

  it('retries a vote lost to the network with the same key', async () => {
    const calls = mockFetch(new TypeError('Failed to fetch'), json(502, 'Bad Gateway'), json(200, RECEIPT));
    const attempt = new VoteAttempt(1, 12, POW);
    const receipt = await attempt.send({ retries: 2, delay: () => 0 });
    expect(receipt).toEqual(RECEIPT);
    expect(calls).toHaveLength(3);
    expect(calls.map((c) => header(c, 'Idempotency-Key'))).toEqual([attempt.key, attempt.key, attempt.key]);
  });

  it('keeps the key when the voter retries by hand, and makes a new one for a new vote', async () => {
    const calls = mockFetch(new TypeError('Failed to fetch'), json(200, RECEIPT), json(201, RECEIPT));
    const attempt = new VoteAttempt(1, 12, POW);
    const lost = await attempt.send({ retries: 0 }).catch((e) => e);
    expect(lost.code).toBe('network');
    await attempt.send({ retries: 0 });
    const next = new VoteAttempt(1, 13, POW);
    await next.send();
    expect(header(calls[0], 'Idempotency-Key')).toBe(attempt.key);
    expect(header(calls[1], 'Idempotency-Key')).toBe(attempt.key);
    expect(header(calls[2], 'Idempotency-Key')).toBe(next.key);
    expect(next.key).not.toBe(attempt.key);
  });

  it('does not retry a refusal', async () => {
    const calls = mockFetch(json(409, { code: 'already_voted_today', message: '今天已为该书记投过票' }));
    const error = await new VoteAttempt(1, 12, POW).send({ delay: () => 0 }).catch((e) => e);
    expect(error.code).toBe('already_voted_today');
    expect(calls).toHaveLength(1);
  });
});

describe('newIdempotencyKey', () => {
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it('is a fresh v4 UUID each time', () => {
    const a = newIdempotencyKey();
    expect(a).toMatch(UUID);
    expect(newIdempotencyKey()).not.toBe(a);
  });

  it('makes one from getRandomValues where randomUUID is missing (pages on http://)', () => {
    const real = globalThis.crypto;
    vi.stubGlobal('crypto', { getRandomValues: (b: Uint8Array) => real.getRandomValues(b) });
    const key = newIdempotencyKey();
    expect(key).toMatch(UUID);
    expect(key.length).toBeLessThanOrEqual(64);
  });

  it('still makes one without any crypto', () => {
    vi.stubGlobal('crypto', undefined);
    expect(newIdempotencyKey()).toMatch(UUID);
  });
});

describe('receipts', () => {
  it('drops the spaces of a pasted receipt and says when there is no such receipt', async () => {
    expect(cleanReceipt(' 01JD Z8Q4\nV7M2\u3000K9X3 ')).toBe('01JDZ8Q4V7M2K9X3');
    const calls = mockFetch(json(404, { code: 'not_found' }));
    const error = await lookupReceipt(' 01JDZ8 ').catch((e) => e);
    expect(calls[0].url).toBe('/api/v1/votes/receipts/01JDZ8');
    expect(error.message).toBe('没有找到这张回执，请检查是否输入正确');
  });
});
