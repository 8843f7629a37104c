// Shapes of the JSON that the backend's /api/v1 returns. Times are ISO 8601 UTC strings.

export type PhaseKey =
  | 'draft'
  | 'showcase'
  | 'review'
  | 'voting'
  | 'judging'
  | 'tally'
  | 'publicity'
  | 'final'
  | 'archived';

export type OrgLevel = 'city' | 'district' | 'town' | 'street' | 'village' | 'community';

export interface Phase {
  key: PhaseKey | string;
  name: string;
  start: string;
  end: string;
}

export interface ScheduledPhase extends Phase {
  original_start?: string;
  original_end?: string;
  current: boolean;
}

export interface CampaignSummary {
  id: number;
  name: string;
  phase: Phase | null;
}

export interface Group {
  key: string;
  name: string;
  levels: OrgLevel[];
  candidates: number;
}

export interface District {
  code: string;
  name: string;
  candidates: number;
  by_group: Record<string, number>;
}

export interface VotePolicy {
  votes_per_voter_per_day: number;
  per_candidate_per_day: number;
  show_counts: string;
  /** The hour (0–23, campaign time) at which a `daily` snapshot is published, when the server says. */
  snapshot_hour?: number;
}

export interface RubricItem {
  key: string;
  name: string;
  max: number;
}

export interface Award {
  tier: string;
  count: number;
}

export interface Campaign extends CampaignSummary {
  note?: string;
  timezone: string;
  phases: ScheduledPhase[];
  groups: Group[];
  districts: District[];
  candidates_total: number;
  themes: Record<string, string[]>;
  showcase_sections: string[];
  vote_policy?: VotePolicy;
  rubric?: RubricItem[];
  weights?: Record<string, unknown>;
  awards?: Record<string, Award[]>;
}

export interface OrgUnitRef {
  code: string;
  name: string;
  level: OrgLevel;
}

export interface OrgUnit extends OrgUnitRef {
  children?: OrgUnit[];
}

export interface OrgTree {
  root: OrgUnit;
  total: number;
}

export interface Candidate {
  id: number;
  no: number;
  name: string;
  gender: string;
  title: string;
  group: string;
  group_name: string;
  unit: OrgUnitRef;
  district: { code: string; name: string };
}

export interface CandidateDetail extends Candidate {
  parent: OrgUnitRef | null;
  themes: string[];
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  page_size: number;
}

export interface CandidateQuery {
  group?: string;
  district?: string;
  level?: OrgLevel;
  q?: string;
  page?: number;
  page_size?: number;
}

// ---- Online voting (voters, votes, receipts, the tally) ----

export interface Voter {
  id: number;
  /** 'phone': signed in with an SMS code; 'member': with a party member's ballot code (党员投票码). */
  kind: 'phone' | 'member' | string;
  /** The phone's last 4 digits; for a member, the ballot code's last 4 characters. */
  phone_tail: string;
  /** A member's party branch (党支部). */
  branch?: string;
  campaign_id?: number;
}

export interface OtpSent {
  phone_tail: string;
  /** Seconds the code stays valid. */
  expires_in: number;
  /** Seconds before another code may be asked for. */
  resend_after: number;
}

/** What is left of the signed-in voter's quota today in one campaign. */
export interface VoterQuota {
  id: number;
  /** The campaign's day, "2026-12-02". */
  day: string;
  votes_per_day: number;
  votes_today: number;
  votes_left: number;
  /** Candidates voted for today. */
  voted_today: number[];
}

export interface VoterMe {
  voter: Voter;
  campaign?: VoterQuota;
}

/** A proof-of-work challenge in ALTCHA's format (SHA-256 variant). */
export interface PowChallenge {
  algorithm: string;
  challenge: string;
  maxnumber: number;
  salt: string;
  signature: string;
}

/** The solved challenge sent with a vote. */
export interface PowSolution {
  algorithm: string;
  challenge: string;
  number: number;
  salt: string;
  signature: string;
}

export interface VoteReceipt {
  vote_id: number;
  /** 26 characters: the voter's proof of this vote. */
  receipt: string;
  candidate_id: number;
  cast_at: string;
  votes_left: number;
  /** Where the vote stands in the campaign's public log (docs/log.md). */
  leaf_index?: number;
  leaf_hash?: string;
}

export interface MyVote {
  vote_id: number;
  receipt: string;
  candidate_id: number;
  candidate_name: string;
  cast_at: string;
}

export interface MyVotes {
  day: string;
  items: MyVote[];
}

export interface ReceiptRecord {
  vote_id: number;
  campaign_id: number;
  candidate_id: number;
  candidate_name: string;
  cast_at: string;
  leaf_index?: number;
  leaf_hash?: string;
}

export type TallyShow = 'live' | 'daily' | 'hidden';

export interface TallyCandidate {
  id: number;
  name: string;
  unit: string;
  district: string;
  district_name: string;
  /** Absent while counts are not visible. */
  votes?: number;
  /** Votes held for review (刷票嫌疑), not in `votes`; absent while counts are not visible. */
  under_review?: number;
  rank?: number;
}

export interface TallyGroup {
  key: string;
  name: string;
  total?: number;
  candidates: TallyCandidate[];
}

export interface TallyDistrict {
  code: string;
  name: string;
  votes?: number;
}

export interface Tally {
  show: TallyShow | string;
  as_of: string;
  visible: boolean;
  total?: number;
  /** All votes held for review, not in `total`. */
  under_review?: number;
  groups: TallyGroup[];
  districts: TallyDistrict[];
  by_day?: { day: string; votes: number }[];
  /** 24 counts, hour 0 to 23 of today in the campaign's time zone. */
  by_hour_today?: number[];
}

/** One `tally` event of the stream: the new total and the candidates whose count moved. */
export interface TallyEvent {
  total: number;
  as_of: string;
  changed: { id: number; votes: number }[];
}

/** GET …/candidates/{cid}/showcase/public: the approved version of a candidate's showcase. */
export interface PublicShowcase {
  version: number;
  approved_at: string;
  /** The campaign's section titles, in order. */
  sections: string[];
  content: {
    sections: Record<string, string>;
    themes: string[];
    video: string;
    photos: { upload: string; caption: string }[];
  };
  video: {
    id: string;
    state: string;
    result?: { video: string; poster: string; duration_ms: number; width: number; height: number };
  } | null;
  /** Parallel to content.photos. */
  photos?: PublicPhoto[];
}

/** One photo of an approved showcase: JPEGs 480, 960 and 1920 px wide under /media/photos/. */
export interface PublicPhoto {
  id: string;
  caption: string;
  state: string;
  result?: { width: number; height: number; src: string; srcset: string; thumb: string };
}
