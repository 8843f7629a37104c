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

export interface AuditEntry {
  id: number;
  at: string;
  actor: { id: number; username: string } | null;
  role: Role | string;
  action: string;
  target: string;
  district: string | NamedCode | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
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
