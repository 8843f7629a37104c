// One vote from the tap to the receipt: a challenge from the server, solved in a worker while a
// progress bar moves, then the vote sent with its Idempotency-Key. A vote whose answer was lost
// is sent again with the same key (never counted twice); a challenge that expired meanwhile is
// replaced once by a fresh one.
import { ref, shallowRef } from 'vue';
import { ApiError, errorFromException } from '../api/client';
import { getVoteChallenge, isUncertain, VoteAttempt, type SendOptions } from '../api/voting';
import { PowError } from '../pow/errors';
import { solveChallengeInBackground } from '../pow/solve';
import { useVoterStore, type CastVote } from '../stores/voter';

export type VoteStage = 'idle' | 'challenge' | 'solving' | 'sending' | 'failed';

const POW_REFUSALS = new Set(['pow_invalid', 'pow_expired', 'pow_replayed']);
/** Refusals after which the voter must sign in again (a party member's code revoked meanwhile too). */
export const SESSION_ENDED = new Set(['voter_unauthenticated', 'ballot_code_revoked']);
const QUOTA_REFUSALS = new Set(['already_voted_today', 'daily_quota', 'group_quota']);

export function useVoteFlow(sendOptions: SendOptions = {}) {
  const store = useVoterStore();
  const stage = ref<VoteStage>('idle');
  /** 0 to 1, while solving. */
  const progress = ref(0);
  const error = shallowRef<ApiError | null>(null);
  /** The failed vote may be sent again as it was (same key). */
  const canResend = ref(false);
  let attempt: VoteAttempt | null = null;
  let target: { campaignId: number; candidateId: number; candidateName: string } | null = null;
  let controller: AbortController | null = null;

  async function solveAndSend(campaignId: number, candidateId: number, signal: AbortSignal): Promise<VoteAttempt> {
    stage.value = 'challenge';
    progress.value = 0;
    const challenge = await getVoteChallenge(campaignId, signal);
    stage.value = 'solving';
    const pow = await solveChallengeInBackground(challenge, (fraction) => (progress.value = fraction), signal);
    progress.value = 1;
    return new VoteAttempt(campaignId, candidateId, pow);
  }

  async function send(): Promise<CastVote | null> {
    if (!attempt || !target) return null;
    stage.value = 'sending';
    const receipt = await attempt.send(sendOptions);
    store.recordVote(target.campaignId, receipt, target.candidateName);
    stage.value = 'idle';
    return store.cast[receipt.receipt];
  }

  function fail(e: unknown) {
    const failure =
      e instanceof PowError
        ? new ApiError(`pow_${e.code}`, e.message)
        : errorFromException(e);
    if (failure.code === 'aborted' || failure.code === 'pow_aborted') {
      stage.value = 'idle';
      return;
    }
    error.value = failure;
    canResend.value = attempt !== null && isUncertain(failure);
    stage.value = 'failed';
    if (!target) return;
    if (SESSION_ENDED.has(failure.code)) store.lostSession();
    else if (QUOTA_REFUSALS.has(failure.code)) void store.refresh(target.campaignId).catch(() => {});
  }

  /** Votes for the candidate; the vote and its receipt, or null when it failed (see `error`) or was cancelled. */
  async function vote(campaignId: number, candidate: { id: number; name: string }): Promise<CastVote | null> {
    if (stage.value !== 'idle' && stage.value !== 'failed') return null;
    controller?.abort();
    const mine = new AbortController();
    controller = mine;
    target = { campaignId, candidateId: candidate.id, candidateName: candidate.name };
    attempt = null;
    error.value = null;
    canResend.value = false;
    try {
      for (let round = 0; ; round += 1) {
        attempt = await solveAndSend(campaignId, candidate.id, mine.signal);
        try {
          return await send();
        } catch (e) {
          // The server refused the proof (it expired while the phone was slow): one fresh challenge.
          // Not after a resend, though: the lost first send may have counted, and a new key would not know.
          if (round === 0 && attempt.sends === 1 && e instanceof ApiError && POW_REFUSALS.has(e.code)) continue;
          throw e;
        }
      }
    } catch (e) {
      if (controller === mine) fail(e);
      return null;
    }
  }

  /** Sends the vote that was lost again, with the same key. */
  async function resend(): Promise<CastVote | null> {
    if (!canResend.value) return null;
    error.value = null;
    canResend.value = false;
    try {
      return await send();
    } catch (e) {
      fail(e);
      return null;
    }
  }

  function dismiss() {
    controller?.abort();
    controller = null;
    stage.value = 'idle';
    error.value = null;
  }

  return { stage, progress, error, canResend, vote, resend, dismiss };
}
