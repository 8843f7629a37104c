// Solves the vote's proof-of-work challenge (ALTCHA, SHA-256): finds the number n in
// [0, maxnumber] with hex(SHA-256(salt + String(n))) === challenge, counting in slices so that
// the page can show how far it got.
//
// Two ways to hash: our own SHA-256 ('pure'), which also works where crypto.subtle is missing
// (http:// pages in WeChat and other browsers), and altcha-lib's solveChallenge ('subtle', one
// awaited crypto.subtle.digest per number, four ranges at once). Measured in headless Chromium
// on the (busy, 2-core) build machine, all 50,001 numbers of the default challenge in a page:
// pure 0.3–0.5 s, subtle 0.7–2.7 s. A phone is several times slower and should solve the
// default well under 2 s, so 'pure' is used unless a caller asks for 'subtle'.
import { solveChallenge } from 'altcha-lib/v1';
import type { PowChallenge } from '../api/types';
import { PowError } from './errors';
import { sha256, toHex } from './sha256';

export type Hasher = 'subtle' | 'pure';

export interface SolveOptions {
  /** Called after each slice with how many numbers were tried, and maxnumber + 1. */
  onProgress?: (tried: number, total: number) => void;
  signal?: AbortSignal;
  /** Numbers per slice. */
  slice?: number;
  hasher?: Hasher;
}

export interface Solved {
  number: number;
  took: number;
  hasher: Hasher;
}

export { PowError };

export function hasSubtleCrypto(): boolean {
  const c = globalThis.crypto as Crypto | undefined;
  return !!c && !!c.subtle && typeof c.subtle.digest === 'function';
}

/** Tries salt + n for n in [from, to] with our SHA-256; the number or null. */
export function searchPure(challenge: string, salt: string, from: number, to: number): number | null {
  const prefix = new TextEncoder().encode(salt);
  const buffer = new Uint8Array(prefix.length + 16);
  buffer.set(prefix);
  const target = challenge.toLowerCase();
  for (let n = from; n <= to; n += 1) {
    // The decimal digits of n, written after the salt.
    let length = prefix.length;
    const digits = String(n);
    for (let i = 0; i < digits.length; i += 1) buffer[length++] = digits.charCodeAt(i);
    if (toHex(sha256(buffer.subarray(0, length))) === target) return n;
  }
  return null;
}

const SUBTLE_LANES = 4;

/** Tries [from, to] with altcha-lib's solveChallenge in SUBTLE_LANES ranges at once. */
async function searchSubtle(challenge: string, salt: string, from: number, to: number): Promise<number | null> {
  const per = Math.ceil((to - from + 1) / SUBTLE_LANES);
  const lanes: ReturnType<typeof solveChallenge>[] = [];
  for (let start = from; start <= to; start += per) {
    lanes.push(solveChallenge(challenge.toLowerCase(), salt, 'SHA-256', Math.min(to, start + per - 1), start));
  }
  const found = await Promise.all(
    lanes.map(async ({ promise }) => {
      const solution = await promise;
      if (solution) for (const lane of lanes) lane.controller.abort(); // the others may stop
      return solution ? solution.number : null;
    }),
  );
  return found.find((n) => n !== null) ?? null;
}

/** Waits for the next task (a message is not held back like a nested setTimeout(0)). */
function nextTask(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

export async function solvePow(challenge: PowChallenge, options: SolveOptions = {}): Promise<Solved> {
  if (challenge.algorithm.toUpperCase() !== 'SHA-256') {
    throw new PowError('unsupported', `不支持的安全验证算法：${challenge.algorithm}`);
  }
  const hasher = options.hasher ?? 'pure';
  if (hasher === 'subtle' && !hasSubtleCrypto()) throw new PowError('unsupported', '此浏览器不支持 crypto.subtle');
  const max = Math.max(0, Math.floor(challenge.maxnumber));
  const total = max + 1;
  const slice = Math.max(1, options.slice ?? (hasher === 'subtle' ? 4000 : 2500));
  const started = Date.now();
  options.onProgress?.(0, total);
  for (let from = 0; from <= max; from += slice) {
    if (options.signal?.aborted) throw new PowError('aborted', '安全验证已取消');
    const to = Math.min(max, from + slice - 1);
    const found =
      hasher === 'subtle'
        ? await searchSubtle(challenge.challenge, challenge.salt, from, to)
        : searchPure(challenge.challenge, challenge.salt, from, to);
    if (found !== null) {
      options.onProgress?.(total, total);
      return { number: found, took: Date.now() - started, hasher };
    }
    options.onProgress?.(to + 1, total);
    if (hasher === 'pure') await nextTask(); // lets an abort message (or the page, off a worker) get a word in
  }
  throw new PowError('unsolvable', '安全验证失败，请重新投票');
}
