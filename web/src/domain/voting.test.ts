import { describe, expect, it } from 'vitest';
import type { ScheduledPhase, VoterQuota } from '../api/types';
import { quotaAfterVote, voteButtonState, votingWindow } from './voting';

const phase = (key: string, start: string, end: string, current = false): ScheduledPhase => ({ key, name: key, start, end, current });
const PHASES = [
  phase('review', '2026-11-01T00:00:00Z', '2026-11-10T00:00:00Z'),
  phase('voting', '2026-11-10T00:00:00Z', '2026-12-10T00:00:00Z'),
  phase('judging', '2026-12-10T00:00:00Z', '2026-12-20T00:00:00Z'),
];
const quota = (over: Partial<VoterQuota> = {}): VoterQuota => ({
  id: 1,
  day: '2026-12-02',
  votes_per_day: 3,
  votes_today: 1,
  votes_left: 2,
  voted_today: [12],
  ...over,
});

describe('votingWindow', () => {
  it("follows the server's current phase", () => {
    expect(votingWindow({ phases: PHASES, phase: { key: 'voting', name: '', start: '', end: '' } })).toBe('open');
    expect(votingWindow({ phases: PHASES, phase: { key: 'review', name: '', start: '', end: '' } })).toBe('not_started');
    expect(votingWindow({ phases: PHASES, phase: { key: 'judging', name: '', start: '', end: '' } })).toBe('ended');
  });

  it('falls back to the dates, and says none without a voting phase', () => {
    expect(votingWindow({ phases: PHASES, phase: null }, new Date('2026-12-02T00:00:00Z'))).toBe('open');
    expect(votingWindow({ phases: PHASES, phase: null }, new Date('2026-11-02T00:00:00Z'))).toBe('not_started');
    expect(votingWindow({ phases: [PHASES[0]], phase: null })).toBe('none');
  });
});

describe('voteButtonState', () => {
  const base = { window: 'open' as const, signedIn: true, quota: quota(), candidateId: 13 };

  it('is ready with the votes left', () => {
    expect(voteButtonState(base)).toEqual({ kind: 'ready', left: 2 });
  });

  it('leads to the sign-in page when nobody is signed in', () => {
    expect(voteButtonState({ ...base, signedIn: false, quota: null })).toEqual({ kind: 'sign_in' });
    expect(voteButtonState({ ...base, signedIn: null, quota: null })).toEqual({ kind: 'loading' });
  });

  it('is disabled with the reason', () => {
    expect(voteButtonState({ ...base, candidateId: 12 })).toEqual({ kind: 'voted', reason: '今天已为该书记投过票' });
    expect(voteButtonState({ ...base, quota: quota({ votes_left: 0 }) }).kind).toBe('no_votes_left');
    expect(voteButtonState({ ...base, window: 'not_started' })).toEqual({ kind: 'closed', reason: '投票尚未开始' });
    expect(voteButtonState({ ...base, window: 'ended', signedIn: false })).toEqual({ kind: 'closed', reason: '投票已结束' });
  });
});

describe('quotaAfterVote', () => {
  it('counts the vote and remembers the candidate', () => {
    expect(quotaAfterVote(quota(), 13, 1)).toMatchObject({ votes_left: 1, votes_today: 2, voted_today: [12, 13] });
    expect(quotaAfterVote(quota(), 12, 2).voted_today).toEqual([12]);
  });
});
