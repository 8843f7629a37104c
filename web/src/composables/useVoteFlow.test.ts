import { createHash } from 'node:crypto';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useVoterStore } from '../stores/voter';
import { useVoteFlow } from './useVoteFlow';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });

function challenge(number: number) {
  const salt = `${number}abc?expires=1796000000&voter=7&`;
  return {
    algorithm: 'SHA-256',
    challenge: createHash('sha256').update(salt + number).digest('hex'),
    maxnumber: 5000,
    salt,
    signature: 'sig',
  };
}

const receipt = (candidate: number) => ({
  vote_id: 9,
  receipt: '01JDZ8Q4V7M2K9X3N5P6R8T0WA',
  candidate_id: candidate,
  cast_at: '2026-12-02T02:00:00Z',
  votes_left: 1,
});

/** fetch answering by route; every call recorded. */
function server(routes: Record<string, (Response | Error)[]>) {
  const calls: { method: string; url: string; key?: string; body?: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      const method = init.method ?? 'GET';
      const headers = init.headers as Record<string, string>;
      calls.push({ method, url, key: headers['Idempotency-Key'], body: init.body ? JSON.parse(String(init.body)) : undefined });
      const answer = routes[`${method} ${url}`]?.shift();
      if (!answer) throw new Error(`unexpected ${method} ${url}`);
      if (answer instanceof Error) throw answer;
      return answer;
    }),
  );
  return calls;
}

const CHALLENGE = 'GET /api/v1/campaigns/1/votes/challenge';
const VOTE = 'POST /api/v1/campaigns/1/votes';
const ME = 'GET /api/v1/voters/me?campaign=1';
const noWait = { delay: () => 0 };

beforeEach(() => setActivePinia(createPinia()));
afterEach(() => vi.unstubAllGlobals());

describe('useVoteFlow', () => {
  it('solves the challenge, votes and keeps the receipt', async () => {
    const calls = server({ [CHALLENGE]: [json(200, challenge(1234))], [VOTE]: [json(201, receipt(12))] });
    const store = useVoterStore();
    store.quotas[1] = { id: 1, day: '2026-12-02', votes_per_day: 3, votes_today: 1, votes_left: 2, voted_today: [5] };
    const flow = useVoteFlow(noWait);
    const cast = await flow.vote(1, { id: 12, name: '钟庆梅' });
    expect(cast).toMatchObject({ receipt: '01JDZ8Q4V7M2K9X3N5P6R8T0WA', candidate_name: '钟庆梅', campaign_id: 1 });
    expect(flow.stage.value).toBe('idle');
    expect(flow.progress.value).toBe(1);
    const sent = calls.find((c) => c.method === 'POST');
    expect(sent?.body).toEqual({ candidate_id: 12, pow: { ...challenge(1234), number: 1234, maxnumber: undefined }, page_ms: expect.any(Number) });
    expect(store.quotas[1]).toMatchObject({ votes_left: 1, voted_today: [5, 12] });
  });

  it('offers to send a lost vote again, with the same key', async () => {
    const lost = () => new TypeError('Failed to fetch');
    const calls = server({ [CHALLENGE]: [json(200, challenge(77))], [VOTE]: [lost(), lost(), lost(), json(200, receipt(12))] });
    const flow = useVoteFlow({ retries: 2, delay: () => 0 });
    expect(await flow.vote(1, { id: 12, name: '钟庆梅' })).toBeNull();
    expect(flow.stage.value).toBe('failed');
    expect(flow.error.value?.message).toBe('网络连接失败，请检查网络后重试');
    expect(flow.canResend.value).toBe(true);
    expect(await flow.resend()).toMatchObject({ candidate_id: 12 });
    const keys = calls.filter((c) => c.method === 'POST').map((c) => c.key);
    expect(keys).toHaveLength(4);
    expect(new Set(keys).size).toBe(1);
    expect(calls.filter((c) => c.method === 'GET')).toHaveLength(1); // not solved again
  });

  it('takes one fresh challenge, and a new key, when the proof expired', async () => {
    const calls = server({
      [CHALLENGE]: [json(200, challenge(11)), json(200, challenge(22))],
      [VOTE]: [json(400, { code: 'pow_expired', message: '安全验证已过期' }), json(201, receipt(12))],
    });
    const flow = useVoteFlow(noWait);
    expect(await flow.vote(1, { id: 12, name: '钟庆梅' })).not.toBeNull();
    const posts = calls.filter((c) => c.method === 'POST');
    expect(posts.map((p) => (p.body as { pow: { number: number } }).pow.number)).toEqual([11, 22]);
    expect(posts[0].key).not.toBe(posts[1].key);
  });

  it('does not swap the challenge (and the key) once a send may have counted', async () => {
    const calls = server({
      [CHALLENGE]: [json(200, challenge(11))],
      [VOTE]: [new TypeError('Failed to fetch'), json(409, { code: 'pow_replayed', message: '安全验证已使用过' })],
    });
    const flow = useVoteFlow({ retries: 1, delay: () => 0 });
    expect(await flow.vote(1, { id: 12, name: '钟庆梅' })).toBeNull();
    expect(flow.error.value?.code).toBe('pow_replayed');
    expect(calls.filter((c) => c.method === 'GET')).toHaveLength(1);
  });

  it("shows the server's refusal and takes the quota again", async () => {
    const calls = server({
      [CHALLENGE]: [json(200, challenge(5))],
      [VOTE]: [json(409, { code: 'already_voted_today', message: '今天已为该书记投过票' })],
      [ME]: [json(200, { voter: { id: 7, kind: 'phone', phone_tail: '8000' }, campaign: { id: 1, day: '2026-12-02', votes_per_day: 3, votes_today: 1, votes_left: 2, voted_today: [12] } })],
    });
    const flow = useVoteFlow(noWait);
    expect(await flow.vote(1, { id: 12, name: '钟庆梅' })).toBeNull();
    expect(flow.error.value?.message).toBe('今天已为该书记投过票');
    expect(flow.canResend.value).toBe(false);
    await vi.waitFor(() => expect(useVoterStore().quotas[1]?.voted_today).toEqual([12]));
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1);
  });

  it('forgets the voter when the session has expired', async () => {
    server({ [CHALLENGE]: [json(401, { code: 'voter_unauthenticated', message: '请先登录' })] });
    const store = useVoterStore();
    store.signedIn = true;
    const flow = useVoteFlow(noWait);
    await flow.vote(1, { id: 12, name: '钟庆梅' });
    expect(flow.error.value?.code).toBe('voter_unauthenticated');
    expect(flow.canResend.value).toBe(false);
    expect(store.signedIn).toBe(false);
  });

  it("forgets a party member whose ballot code was revoked, and asks who is signed in no more", async () => {
    server({
      [CHALLENGE]: [json(403, { code: 'ballot_code_revoked', message: '此投票码已作废，请联系所在党支部' })],
      [ME]: [json(403, { code: 'ballot_code_revoked', message: '此投票码已作废，请联系所在党支部' })],
    });
    const store = useVoterStore();
    store.signedIn = true;
    const flow = useVoteFlow(noWait);
    await flow.vote(1, { id: 12, name: '钟庆梅' });
    expect(flow.error.value?.message).toBe('此投票码已作废，请联系所在党支部');
    expect(store.signedIn).toBe(false);
    store.signedIn = true;
    await store.refresh(1);
    expect(store.signedIn).toBe(false);
  });
});
