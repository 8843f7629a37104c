// The review of quarantined votes (选票审核): the queue per candidate, the flags with their
// evidence, a candidate's votes per hour and the decisions in bulk (docs/openapi.yaml, "review").
import { request } from './http';

export interface ReviewQueueItem {
  candidate_id: number;
  name: string;
  unit: string;
  district_name: string;
  valid: number;
  review: number;
  released: number;
  invalidated: number;
}

export interface ReviewQueue {
  waiting: number;
  items: ReviewQueueItem[];
}

export interface SignalEvidence {
  signal: string;
  value: number;
  threshold: number;
  weight: number;
}

export type FlagState = 'review' | 'released' | 'invalidated';

export interface ReviewFlag {
  vote_id: number;
  candidate_id: number;
  candidate_name: string;
  cast_at: string;
  score: number;
  evidence: { score?: number; quarantine?: boolean; evidence?: SignalEvidence[] } | string | null;
  ip: string;
  subnet: string;
  state: FlagState;
  decided_at?: string;
  decided_by?: string;
  reason?: string;
}

export interface ReviewFlagPage {
  page: number;
  page_size: number;
  items: ReviewFlag[];
}

export interface TimelineHour {
  day: string;
  hour: number;
  valid: number;
  flagged: number;
}

export interface ReviewTimeline {
  candidate_id: number;
  name: string;
  hours: TimelineHour[];
  subnets: { subnet: string; votes: number }[];
  signals: { name: string; votes: number }[];
}

export type Decision = 'release' | 'invalidate';

export interface FlagQuery {
  candidate: number;
  state: FlagState | 'all';
  page: number;
  page_size: number;
}

const base = (campaignId: number) => `/campaigns/${campaignId}/review`;

export const getReviewQueue = (campaignId: number) => request<ReviewQueue>('GET', base(campaignId));
export const listReviewFlags = (campaignId: number, query: FlagQuery) =>
  request<ReviewFlagPage>('GET', `${base(campaignId)}/flags`, { query: { ...query } });
export const getReviewTimeline = (campaignId: number, candidateId: number) =>
  request<ReviewTimeline>('GET', `${base(campaignId)}/candidates/${candidateId}/timeline`);
export const decideFlags = (campaignId: number, vote_ids: number[], decision: Decision, reason: string) =>
  request<{ decided: number; decision: Decision }>('POST', `${base(campaignId)}/decisions`, {
    body: { vote_ids, decision, reason },
  });
