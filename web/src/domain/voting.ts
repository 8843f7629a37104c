// What the vote button of a candidate says and does: from the campaign's phase, whether a
// voter is signed in, and what is left of their votes today. The server decides in the end;
// this only spares the voter a tap that would be refused.
import type { Campaign, VoterQuota } from '../api/types';
import { phaseTimeline } from './phases';

export type VotingWindow = 'open' | 'not_started' | 'ended' | 'none';

/** Where the campaign's voting phase stands; 'none' when it has no voting phase. */
export function votingWindow(campaign: Pick<Campaign, 'phases' | 'phase'>, now: Date = new Date()): VotingWindow {
  if (campaign.phase?.key === 'voting') return 'open';
  const voting = phaseTimeline(campaign.phases ?? [], campaign.phase?.key, now).find((entry) => entry.key === 'voting');
  if (!voting) return 'none';
  if (voting.status === 'current') return 'open';
  return voting.status === 'done' ? 'ended' : 'not_started';
}

export type VoteButtonState =
  /** Voting is not open: the button is disabled with the reason. */
  | { kind: 'closed'; reason: string }
  /** Nobody is signed in: the button leads to the sign-in page. */
  | { kind: 'sign_in' }
  /** Signed in, quota not known yet. */
  | { kind: 'loading' }
  | { kind: 'voted'; reason: string }
  | { kind: 'no_votes_left'; reason: string }
  | { kind: 'ready'; left: number };

export const ALREADY_VOTED = '今天已为该书记投过票';
export const NO_VOTES_LEFT = '今天的票已经投完了，明天再来吧';

export function voteButtonState(input: {
  window: VotingWindow;
  signedIn: boolean | null;
  quota: VoterQuota | null;
  candidateId: number;
}): VoteButtonState {
  if (input.window === 'not_started') return { kind: 'closed', reason: '投票尚未开始' };
  if (input.window === 'ended' || input.window === 'none') return { kind: 'closed', reason: '投票已结束' };
  if (input.signedIn === false) return { kind: 'sign_in' };
  if (input.signedIn === null || !input.quota) return { kind: 'loading' };
  if (input.quota.voted_today.includes(input.candidateId)) return { kind: 'voted', reason: ALREADY_VOTED };
  if (input.quota.votes_left <= 0) return { kind: 'no_votes_left', reason: NO_VOTES_LEFT };
  return { kind: 'ready', left: input.quota.votes_left };
}

/** The quota after a vote the server accepted. */
export function quotaAfterVote(quota: VoterQuota, candidateId: number, votesLeft: number): VoterQuota {
  const voted = quota.voted_today.includes(candidateId) ? quota.voted_today : [...quota.voted_today, candidateId];
  return {
    ...quota,
    votes_left: Math.max(0, votesLeft),
    votes_today: Math.max(quota.votes_today, quota.votes_per_day - Math.max(0, votesLeft)),
    voted_today: voted,
  };
}
