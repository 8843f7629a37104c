// Shapes of the staff API (docs/admin-api.md). Times are ISO 8601 UTC strings.
import type { Award, Candidate, OrgLevel, RubricItem } from '../../api/types';

export type Role = 'admin' | 'organizer' | 'district_admin' | 'judge' | 'candidate';

export interface NamedCode {
  code: string;
  name: string;
}

export interface User {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  district: NamedCode | null;
  candidate: { id: number; name: string; campaign_id: number } | null;
  disabled: boolean;
  created_at: string;
  last_login_at: string | null;
}

/** POST /auth/login and GET /auth/me: the signed-in user, plus the CSRF token for writes. */
export interface Session extends User {
  csrf_token: string;
}

/** A validation problem: `field` uses the request's key names; `line` is a spreadsheet row. */
export interface FieldDetail {
  field?: string;
  message: string;
  line?: number;
}

export interface ListResult<T> {
  items: T[];
  total: number;
}

export interface AdminOrgUnit {
  code: string;
  name: string;
  level: OrgLevel;
  parent: NamedCode | null;
  district: NamedCode | null;
  active: boolean;
  candidate: { id: number; name: string } | null;
}

export interface AdminCandidate extends Candidate {
  active: boolean;
}

/** POST /campaigns/{id}/phase with dry_run: the phases whose dates the advance moves. */
export interface PhaseAdvancePlan {
  from: string;
  to: string;
  /** Calendar days the closing phase ends before its scheduled end. */
  days_early: number;
  /** Calendar days the next phase starts after its scheduled start. */
  days_late: number;
  changes: { key: string; name: string; start_was: string; end_was: string; start: string; end: string }[];
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: { id: number; username: string } | null;
  role: Role | string;
  action: string;
  target: string;
  /** The target in words: "参评书记 编号 97 钟庆梅". */
  target_text?: string;
  district: string | NamedCode | null;
  before: Record<string, unknown> | Record<string, unknown>[] | null;
  after: Record<string, unknown> | Record<string, unknown>[] | null;
  reason: string | null;
  ip: string;
  request_id: string;
}

export interface SettingsPhase {
  key: string;
  name: string;
  start: string;
  end: string;
}

export interface VotePolicySettings {
  votes_per_voter_per_day: number;
  per_candidate_per_day: number;
  show_counts: 'live' | 'daily' | 'hidden' | string;
  snapshot_hour: number;
  per_group?: Record<string, number>;
}

export interface WeightSettings {
  public_opinion: number;
  work_performance: number;
  comprehensive: number;
  online_votes_in_public_opinion: number;
  ratings_in_public_opinion: number;
  rating_values: Record<string, number>;
  trim_when_judges_at_least: number;
  online_vote_method: 'linear' | 'log' | 'rank' | string;
  normalize_judges: boolean;
}

/** The body of PUT /campaigns/{id}/settings. */
export interface CampaignSettings {
  phases: SettingsPhase[];
  auto_advance: boolean;
  vote_policy: VotePolicySettings;
  rubric: RubricItem[];
  weights: WeightSettings;
  awards: Record<string, Award[]>;
}

export interface ImportResult {
  inserts: number;
  updates: number;
  unchanged: number;
  dry_run: boolean;
}

// --- party members' ballot codes (党员投票码) ---

export type BallotCodeState = 'unused' | 'redeemed' | 'revoked';

/** A batch of ballot codes made at once for one party branch. Times are Unix milliseconds. */
export interface BallotBatch {
  id: number;
  campaign_id: number;
  /** The district's org unit code. */
  district: string;
  district_name: string;
  branch: string;
  count: number;
  unused: number;
  redeemed: number;
  revoked: number;
  created_at: number;
  /** The username of who made it. */
  created_by: string;
}

export interface BallotCode {
  id: number;
  /** 12 characters, shown as ABCD-EFGH-JKLM. */
  code: string;
  state: BallotCodeState;
  redeemed_at: number | null;
  revoked_at: number | null;
}

export interface NewBallotBatch {
  district: string;
  branch: string;
  count: number;
}

/** Either the chosen codes or every unused one of the batch; the reason goes into the audit log. */
export type BallotRevoke = ({ code_ids: number[] } | { all_unused: true }) & { reason: string };

export interface BallotRevokeResult {
  revoked: number;
  batch: BallotBatch;
}
