// The messages between the page and the proof-of-work worker, and the worker's side of them
// (kept out of the worker file so that it can be tested without a browser).
import type { PowChallenge } from '../api/types';
import { PowError, solvePow, type Hasher } from './solver';

export type ToWorker = { type: 'solve'; challenge: PowChallenge } | { type: 'abort' };

export type FromWorker =
  | { type: 'progress'; tried: number; total: number }
  | { type: 'solved'; number: number; took: number; hasher: Hasher }
  | { type: 'failed'; code: string; message: string };

/** The worker's message handler: solves one challenge at a time, posting progress and the result. */
export function workerHandler(post: (message: FromWorker) => void) {
  let controller: AbortController | null = null;
  return async (message: ToWorker): Promise<void> => {
    if (message.type === 'abort') {
      controller?.abort();
      return;
    }
    controller?.abort();
    const mine = new AbortController();
    controller = mine;
    try {
      const solved = await solvePow(message.challenge, {
        signal: mine.signal,
        onProgress: (tried, total) => post({ type: 'progress', tried, total }),
      });
      post({ type: 'solved', ...solved });
    } catch (error) {
      const code = error instanceof PowError ? error.code : 'failed';
      post({ type: 'failed', code, message: error instanceof Error ? error.message : String(error) });
    } finally {
      if (controller === mine) controller = null;
    }
  };
}
