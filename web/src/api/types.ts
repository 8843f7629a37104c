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
