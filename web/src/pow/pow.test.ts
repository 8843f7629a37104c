import { createHash } from 'node:crypto';
import { createChallenge, verifySolution } from 'altcha-lib/v1';
import { describe, expect, it } from 'vitest';
import type { PowChallenge } from '../api/types';
import { workerHandler, type FromWorker } from './protocol';
import { sha256, sha256Hex, toHex } from './sha256';
import { PowError, searchPure, solvePow } from './solver';

const nodeSha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

describe('sha256 (our own, for browsers without crypto.subtle)', () => {
  it('gives the FIPS 180-4 / NIST test vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    expect(
      sha256Hex(
        'abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu',
      ),
    ).toBe('cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1');
    expect(toHex(sha256(new Uint8Array(1_000_000).fill(0x61)))).toBe(
      'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
    );
  });

  it('agrees with Node at every length around the block and padding boundaries', () => {
    for (let length = 0; length <= 200; length += 1) {
      const data = Uint8Array.from({ length }, (_, i) => (i * 31 + length) & 0xff);
      expect(toHex(sha256(data)), `length ${length}`).toBe(nodeSha256(data));
    }
  });

  it('hashes Chinese text as UTF-8', () => {
    expect(sha256Hex('晒党建 晒成绩')).toBe(nodeSha256('晒党建 晒成绩'));
  });
});

/** A challenge in ALTCHA's format whose secret number is `number`. */
function challengeFor(number: number, maxnumber: number, salt = '4f1c2a9e0b7d?expires=1796000000&voter=7&'): PowChallenge {
  return {
    algorithm: 'SHA-256',
    challenge: nodeSha256(salt + String(number)),
    maxnumber,
    salt,
    signature: 'not checked here',
  };
}

describe('solvePow', () => {
  for (const hasher of ['pure', 'subtle'] as const) {
    it(`finds the number with ${hasher === 'pure' ? 'our SHA-256' : "altcha-lib's solveChallenge"}, reporting progress`, async () => {
      const seen: [number, number][] = [];
      const solved = await solvePow(challengeFor(3217, 5000), {
        hasher,
        slice: 500,
        onProgress: (tried, total) => seen.push([tried, total]),
      });
      expect(solved.number).toBe(3217);
      expect(solved.hasher).toBe(hasher);
      expect(seen[0]).toEqual([0, 5001]);
      expect(seen.at(-1)).toEqual([5001, 5001]);
      const tried = seen.map(([t]) => t);
      expect(tried).toEqual([...tried].sort((a, b) => a - b));
      expect(tried).toContain(3000);
    });
  }

  it('finds 0 and maxnumber itself', async () => {
    expect((await solvePow(challengeFor(0, 100), { hasher: 'pure' })).number).toBe(0);
    expect((await solvePow(challengeFor(100, 100), { hasher: 'pure', slice: 7 })).number).toBe(100);
    expect((await solvePow(challengeFor(100, 100), { hasher: 'subtle', slice: 7 })).number).toBe(100);
  });

  it('accepts an upper-case challenge', () => {
    const c = challengeFor(42, 100);
    expect(searchPure(c.challenge.toUpperCase(), c.salt, 0, 100)).toBe(42);
  });

  it('solves a challenge made by altcha-lib, and altcha-lib accepts the answer', async () => {
    const hmacKey = 'test key';
    const made = await createChallenge({
      hmacKey,
      maxnumber: 4000,
      number: 2718,
      expires: new Date(Date.now() + 60_000),
      params: { voter: '7' },
    });
    const challenge: PowChallenge = { ...made, maxnumber: made.maxnumber ?? 4000 };
    for (const hasher of ['pure', 'subtle'] as const) {
      const { number } = await solvePow(challenge, { hasher });
      expect(number).toBe(2718);
      const payload = { algorithm: made.algorithm, challenge: made.challenge, number, salt: made.salt, signature: made.signature };
      expect(await verifySolution(payload, hmacKey)).toBe(true);
    }
  });

  it('fails when the number is not in range, and on another algorithm', async () => {
    await expect(solvePow(challengeFor(300, 200), { hasher: 'pure' })).rejects.toMatchObject({ code: 'unsolvable' });
    await expect(solvePow({ ...challengeFor(1, 10), algorithm: 'SHA-512' })).rejects.toBeInstanceOf(PowError);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    const run = solvePow(challengeFor(49_000, 50_000), {
      hasher: 'pure',
      slice: 100,
      signal: controller.signal,
      onProgress: (tried) => tried >= 1000 && controller.abort(),
    });
    await expect(run).rejects.toMatchObject({ code: 'aborted' });
  });
});

describe('the worker protocol', () => {
  it('posts progress, then the number', async () => {
    const posted: FromWorker[] = [];
    const handle = workerHandler((m) => posted.push(m));
    await handle({ type: 'solve', challenge: challengeFor(12_345, 20_000) });
    expect(posted.at(-1)).toMatchObject({ type: 'solved', number: 12_345 });
    expect(posted.filter((m) => m.type === 'progress').length).toBeGreaterThan(2);
  });

  it('posts a failure with its code', async () => {
    const posted: FromWorker[] = [];
    await workerHandler((m) => posted.push(m))({ type: 'solve', challenge: { ...challengeFor(1, 10), algorithm: 'MD5' } });
    expect(posted.at(-1)).toMatchObject({ type: 'failed', code: 'unsupported' });
  });

  it('abandons a challenge when told to abort', async () => {
    const posted: FromWorker[] = [];
    const handle = workerHandler((m) => posted.push(m));
    const running = handle({ type: 'solve', challenge: challengeFor(49_999, 50_000) });
    await handle({ type: 'abort' });
    await running;
    expect(posted.at(-1)).toMatchObject({ type: 'failed', code: 'aborted' });
  });
});
