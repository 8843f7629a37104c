// The page's side: solves a challenge in a Web Worker and reports progress; where no worker
// can start (an old WebView), it solves on the page's thread in slices instead (the solver is
// then loaded on demand: normally only the worker carries it).
import type { PowChallenge, PowSolution } from '../api/types';
import type { FromWorker, ToWorker } from './protocol';
import { PowError } from './errors';

export interface SolveProgress {
  /** From 0 to 1: numbers tried / numbers in [0, maxnumber]. */
  (fraction: number): void;
}

function solution(challenge: PowChallenge, number: number): PowSolution {
  const { algorithm, challenge: hash, salt, signature } = challenge;
  return { algorithm, challenge: hash, number, salt, signature };
}

function startWorker(): Worker | null {
  if (typeof Worker === 'undefined') return null;
  try {
    return new Worker(new URL('./pow.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return null;
  }
}

async function solveHere(challenge: PowChallenge, onProgress: SolveProgress, signal?: AbortSignal): Promise<PowSolution> {
  const { solvePow } = await import('./solver');
  const { number } = await solvePow(challenge, { signal, onProgress: (tried, total) => onProgress(tried / total) });
  return solution(challenge, number);
}

export function solveChallengeInBackground(
  challenge: PowChallenge,
  onProgress: SolveProgress,
  signal?: AbortSignal,
): Promise<PowSolution> {
  const worker = startWorker();
  if (!worker) return solveHere(challenge, onProgress, signal);

  return new Promise<PowSolution>((resolve, reject) => {
    let heard = false;
    const finish = () => {
      worker.terminate();
      signal?.removeEventListener('abort', abort);
    };
    const abort = () => {
      finish();
      reject(new PowError('aborted', '安全验证已取消'));
    };
    signal?.addEventListener('abort', abort);

    worker.addEventListener('message', (event: MessageEvent<FromWorker>) => {
      heard = true;
      const message = event.data;
      if (message.type === 'progress') {
        onProgress(message.tried / message.total);
      } else if (message.type === 'solved') {
        finish();
        resolve(solution(challenge, message.number));
      } else {
        finish();
        reject(new PowError(message.code === 'unsupported' ? 'unsupported' : 'unsolvable', message.message));
      }
    });
    // A worker that cannot load (no module workers, a blocked script) says so before it says anything else.
    worker.addEventListener('error', (event) => {
      event.preventDefault?.();
      finish();
      if (heard) reject(new PowError('unsolvable', '安全验证失败，请重新投票'));
      else solveHere(challenge, onProgress, signal).then(resolve, reject);
    });
    worker.postMessage({ type: 'solve', challenge } satisfies ToWorker);
  });
}
