// The voter signed in on this phone (the ss_voter cookie is HttpOnly, so the page asks
// /voters/me) and what is left of their votes today, per campaign. A note in localStorage
// remembers that someone signed in here, so that a visitor who never did is not asked about
// on every candidate page.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { ApiError } from '../api/client';
import type { Voter, VoterQuota, VoteReceipt } from '../api/types';
import { getVoterMe, logoutVoter, redeemBallotCode, verifyOtp } from '../api/voting';
import { quotaAfterVote } from '../domain/voting';

const HINT_KEY = 'ss_voter_signed_in';
const FRESH_MS = 60_000;

function readHint(): boolean {
  try {
    return localStorage.getItem(HINT_KEY) === '1';
  } catch {
    return false;
  }
}

function writeHint(signedIn: boolean): void {
  try {
    if (signedIn) localStorage.setItem(HINT_KEY, '1');
    else localStorage.removeItem(HINT_KEY);
  } catch {
    // private mode: no note, one more question to the server
  }
}

/** A vote this phone cast in this session, kept for its receipt page. */
export interface CastVote extends VoteReceipt {
  campaign_id: number;
  candidate_name: string;
}

export const useVoterStore = defineStore('voter', () => {
  const voter = ref<Voter | null>(null);
  /** null: not known yet. */
  const signedIn = ref<boolean | null>(null);
  const quotas = ref<Record<number, VoterQuota>>({});
  const cast = ref<Record<string, CastVote>>({});
  const checkedAt: Record<number, number> = {};
  const pending: Record<number, Promise<void> | undefined> = {};

  function signedOut() {
    voter.value = null;
    signedIn.value = false;
    quotas.value = {};
    writeHint(false);
  }

  /** Asks the server who is signed in and what is left today in the campaign. */
  async function refresh(campaignId: number): Promise<void> {
    try {
      const me = await getVoterMe(campaignId);
      voter.value = me.voter;
      signedIn.value = true;
      writeHint(true);
      if (me.campaign) quotas.value = { ...quotas.value, [campaignId]: me.campaign };
      checkedAt[campaignId] = Date.now();
    } catch (error) {
      // 401: nobody; 403 ballot_code_revoked: a party member whose code was revoked meanwhile.
      if (error instanceof ApiError && (error.status === 401 || error.code === 'ballot_code_revoked')) signedOut();
      else throw error;
    }
  }

  /** What `refresh` tells, asked at most once a minute per campaign; nothing asked when nobody ever signed in here. */
  function ensure(campaignId: number, { force = false } = {}): Promise<void> {
    if (!force && !readHint() && signedIn.value !== true) {
      signedIn.value = false;
      return Promise.resolve();
    }
    const fresh = Date.now() - (checkedAt[campaignId] ?? 0) < FRESH_MS;
    if (!force && fresh && signedIn.value !== null) return Promise.resolve();
    pending[campaignId] ??= refresh(campaignId).finally(() => {
      pending[campaignId] = undefined;
    });
    return pending[campaignId]!;
  }

  function signedInAs(who: Voter): Voter {
    voter.value = who;
    signedIn.value = true;
    quotas.value = {};
    for (const id of Object.keys(checkedAt)) delete checkedAt[Number(id)];
    writeHint(true);
    return who;
  }

  async function signIn(phone: string, code: string): Promise<Voter> {
    return signedInAs((await verifyOtp(phone, code)).voter);
  }

  /** A party member's ballot code (党员投票码) instead of a phone. */
  async function signInWithCode(code: string): Promise<Voter> {
    return signedInAs((await redeemBallotCode(code)).voter);
  }

  async function signOut(): Promise<void> {
    try {
      await logoutVoter();
    } finally {
      signedOut();
    }
  }

  function recordVote(campaignId: number, receipt: VoteReceipt, candidateName: string): void {
    cast.value = { ...cast.value, [receipt.receipt]: { ...receipt, campaign_id: campaignId, candidate_name: candidateName } };
    const quota = quotas.value[campaignId];
    if (quota) quotas.value = { ...quotas.value, [campaignId]: quotaAfterVote(quota, receipt.candidate_id, receipt.votes_left) };
  }

  /** The server said this voter is not signed in (an expired session). */
  function lostSession(): void {
    signedOut();
  }

  return { voter, signedIn, quotas, cast, ensure, refresh, signIn, signInWithCode, signOut, recordVote, lostSession };
});
