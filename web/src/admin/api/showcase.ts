// Showcases (展示材料, SPEC §4): the workspace's copy of one candidate, saving and submitting it,
// the review queue, the versions with their line diffs and the decision (docs/openapi.yaml,
// "showcases" and "media").
import { request } from './http';

export type ShowcaseState = 'draft' | 'submitted' | 'approved' | 'returned';

export interface ShowcaseContent {
  /** Section title → text. */
  sections: Record<string, string>;
  themes: string[];
  /** The main video's upload id; "" when there is none. */
  video: string;
  photos: { upload: string; caption: string }[];
}

/** A finished transcode: the addresses under /media/videos/. */
export interface TranscodeResult {
  duration_ms: number;
  width: number;
  height: number;
  bytes: number;
  has_audio: boolean;
  video: string;
  poster: string;
}

/** A finished photo job: JPEGs 480, 960 and 1920 px wide (those not wider than the original) under /media/photos/. */
export interface PhotoResult {
  width: number;
  height: number;
  bytes: number;
  /** The largest JPEG. */
  src: string;
  /** "/media/photos/{uid}/480.jpg 480w, …" */
  srcset: string;
  /** The 480 px one. */
  thumb: string;
}

/** A processing job (ProcessingJson): a transcode or a photo's sizes; progress is a percent. */
export interface Processing<R = TranscodeResult | PhotoResult> {
  state: 'queued' | 'running' | 'done' | 'failed';
  progress: number;
  attempts?: number;
  error?: string;
  result?: R;
}

/** An uploaded file of a showcase and, once uploaded, its processing ("uploading" before). */
export interface ShowcaseMedia<R = TranscodeResult | PhotoResult> extends Partial<Omit<Processing<R>, 'state'>> {
  id: string;
  filename?: string;
  complete?: boolean;
  state: Processing['state'] | 'uploading';
}

/** A showcase's video. */
export type ShowcaseVideo = ShowcaseMedia<TranscodeResult>;

/** One of a showcase's photos (parallel to content.photos), with its caption. */
export interface ShowcasePhoto extends ShowcaseMedia<PhotoResult> {
  caption: string;
}

export interface ShowcaseForm {
  sections: string[];
  themes: string[];
  section_max_chars: number;
  section_min_chars: number;
  max_themes: number;
  max_photos: number;
  caption_max_chars: number;
}

export interface ShowcaseCandidate {
  id: number;
  no: number;
  name: string;
  title: string;
  unit: string;
  level: string;
  district: string | null;
  group: string | null;
}

export interface Showcase {
  candidate: ShowcaseCandidate;
  state: ShowcaseState;
  state_name: string;
  content: ShowcaseContent;
  /** Milliseconds; what the next save names (0: nothing saved yet). */
  updated_at: number;
  updated_by: string;
  versions: number;
  approved_version: number;
  comment: string;
  video: ShowcaseVideo | null;
  /** Parallel to content.photos. */
  photos: ShowcasePhoto[];
  form: ShowcaseForm;
  in_edit_phase: boolean;
  /** Whether it is a phase for reviewing; outside it a decision needs a correction reason. */
  in_review_phase: boolean;
  may_review: boolean;
  decided_at?: string;
  decided_by?: string;
}

export interface DiffPiece {
  op: 'same' | 'added' | 'removed';
  text: string;
}

export interface ShowcaseVersion {
  number: number;
  content: ShowcaseContent;
  video: ShowcaseVideo | null;
  previous_video?: ShowcaseVideo | null;
  /** Parallel to content.photos. */
  photos: ShowcasePhoto[];
  submitted_at: string;
  submitted_by: string;
  /** "" while it waits; approved | returned. */
  decision: string;
  comment: string;
  compared_with: number | null;
  diff: Record<string, DiffPiece[]>;
  decided_at?: string;
  decided_by?: string;
}

export interface ShowcaseQueueItem {
  candidate_id: number;
  no: number;
  name: string;
  unit: string;
  district: string | null;
  group: string | null;
  state: ShowcaseState;
  state_name: string;
  versions: number;
  approved_version: number;
  updated_at: string;
  updated_by: string;
}

/** GET /uploads/{uid}: an upload, for the member who made it. */
export interface UploadRecord {
  id: string;
  kind: 'video' | 'photo';
  filename: string;
  length: number;
  offset: number;
  complete: boolean;
  candidate_id: number;
  created_at: string;
  expires_at?: string;
  processing: Processing | null;
}

const base = (campaignId: number, candidateId: number) => `/campaigns/${campaignId}/candidates/${candidateId}/showcase`;
const withReason = (reason: string | undefined) => (reason ? { reason } : {});

export const getShowcase = (campaignId: number, candidateId: number) => request<Showcase>('GET', base(campaignId, candidateId));

export const saveShowcase = (campaignId: number, candidateId: number, content: ShowcaseContent, updatedAt: number, reason?: string) =>
  request<Showcase>('PUT', base(campaignId, candidateId), { body: { content, updated_at: updatedAt, ...withReason(reason) } });

export const submitShowcase = (campaignId: number, candidateId: number, updatedAt: number, reason?: string) =>
  request<Showcase>('POST', `${base(campaignId, candidateId)}/submit`, { body: { updated_at: updatedAt, ...withReason(reason) } });

export const showcaseVersions = (campaignId: number, candidateId: number) =>
  request<{ versions: ShowcaseVersion[] }>('GET', `${base(campaignId, candidateId)}/versions`);

export interface ShowcaseDecision {
  version: number;
  decision: 'approve' | 'return';
  comment?: string;
  reason?: string;
}
export const decideShowcase = (campaignId: number, candidateId: number, decision: ShowcaseDecision) =>
  request<Showcase>('POST', `${base(campaignId, candidateId)}/decision`, { body: decision });

export const listShowcases = (campaignId: number, state: ShowcaseState | '') =>
  request<{ items: ShowcaseQueueItem[]; total: number }>('GET', `/campaigns/${campaignId}/showcases`, { query: { state } });

export const getUpload = (id: string) => request<UploadRecord>('GET', `/uploads/${encodeURIComponent(id)}`);
