// The calls of docs/admin-api.md, one function each.
import type { Campaign, CampaignSummary, OrgLevel } from '../../api/types';
import { download, request, type DownloadProgress, type Query } from './http';
import type {
  AdminCandidate,
  AdminOrgUnit,
  AuditEntry,
  BallotBatch,
  BallotCode,
  BallotRevoke,
  BallotRevokeResult,
  CampaignSettings,
  ImportResult,
  ListResult,
  NewBallotBatch,
  PhaseAdvancePlan,
  Role,
  Session,
  User,
} from './types';

// --- auth ---
export const login = (username: string, password: string) =>
  request<Session>('POST', '/auth/login', { body: { username, password }, noAuthRedirect: true });
export const logout = () => request<void>('POST', '/auth/logout', { noAuthRedirect: true });
export const me = () => request<Session>('GET', '/auth/me', { noAuthRedirect: true });
export const changePassword = (old_password: string, new_password: string) =>
  request<void>('POST', '/auth/password', { body: { old_password, new_password } });

// --- campaigns ---
export const listCampaigns = () => request<{ items: CampaignSummary[]; total: number }>('GET', '/campaigns');
export const getCampaign = (id: number) => request<Campaign>('GET', `/campaigns/${id}`);
export const saveSettings = (id: number, settings: CampaignSettings) =>
  request<Campaign>('PUT', `/campaigns/${id}/settings`, { body: settings });
export const advancePhase = (id: number, from: string | null, to: string) =>
  request<Campaign>('POST', `/campaigns/${id}/phase`, { body: { from, to } });

/** What advancing would do to the dates (nothing is changed). */
export const planAdvance = (id: number, from: string | null, to: string) =>
  request<{ dry_run: true; plan: PhaseAdvancePlan }>('POST', `/campaigns/${id}/phase`, { body: { from, to, dry_run: true } });

// --- users ---
export interface UserQuery extends Query {
  q?: string;
  role?: Role | '';
  page?: number;
  page_size?: number;
}
export interface NewUser {
  username: string;
  display_name: string;
  role: Role;
  district_code?: string;
  candidate_id?: number;
  password: string;
}
export interface UserPatch {
  display_name?: string;
  disabled?: boolean;
  district_code?: string;
}
export const listUsers = (query: UserQuery) => request<ListResult<User>>('GET', '/admin/users', { query });
export const createUser = (user: NewUser) => request<User>('POST', '/admin/users', { body: user });
export const updateUser = (id: number, patch: UserPatch) => request<User>('PATCH', `/admin/users/${id}`, { body: patch });
export const resetUserPassword = (id: number, password: string) =>
  request<void>('POST', `/admin/users/${id}/password`, { body: { password } });

// --- org units ---
export interface OrgUnitQuery extends Query {
  district?: string;
  level?: OrgLevel | '';
  q?: string;
  page?: number;
  page_size?: number;
}
export interface NewOrgUnit {
  code: string;
  name: string;
  level: OrgLevel;
  parent: string;
  reason?: string;
}
export interface OrgUnitPatch {
  name?: string;
  active?: boolean;
  reason?: string;
}
export const listOrgUnits = (campaignId: number, query: OrgUnitQuery) =>
  request<ListResult<AdminOrgUnit>>('GET', `/campaigns/${campaignId}/admin/org-units`, { query });
/** Every unit that matches (for the tree), page by page at the server's largest page size. */
export async function listAllOrgUnits(campaignId: number, query: Omit<OrgUnitQuery, 'page' | 'page_size'>): Promise<AdminOrgUnit[]> {
  const all: AdminOrgUnit[] = [];
  for (let page = 1; page <= 1000; page += 1) {
    const { items, total } = await listOrgUnits(campaignId, { ...query, page, page_size: 100 });
    all.push(...items);
    if (items.length === 0 || all.length >= total) break;
  }
  return all;
}
export const createOrgUnit = (campaignId: number, unit: NewOrgUnit) =>
  request<AdminOrgUnit>('POST', `/campaigns/${campaignId}/org-units`, { body: unit });
export const updateOrgUnit = (campaignId: number, code: string, patch: OrgUnitPatch) =>
  request<AdminOrgUnit>('PATCH', `/campaigns/${campaignId}/org-units/${encodeURIComponent(code)}`, { body: patch });
/** rows[0] is the header 单位代码 单位名称 层级 上级单位代码 上级单位 所属区; keyed by 单位代码. */
export const importOrgUnits = (campaignId: number, rows: string[][], dryRun: boolean, reason?: string) =>
  request<ImportResult>('POST', `/campaigns/${campaignId}/org-units/import`, {
    body: { rows, dry_run: dryRun, ...(reason ? { reason } : {}) },
    timeoutMs: 120_000,
  });
export const downloadOrgUnitTemplate = (campaignId: number, onProgress?: (p: DownloadProgress) => void) =>
  download(`/campaigns/${campaignId}/org-units/template.xlsx`, {}, '组织单位导入模板.xlsx', onProgress);

// --- candidates and the roster ---
export type CandidateStatus = 'active' | 'disabled' | 'all';
export interface AdminCandidateQuery extends Query {
  group?: string;
  district?: string;
  /** An org unit's code: its candidates and those of every unit under it. */
  unit?: string;
  level?: string;
  q?: string;
  status?: CandidateStatus;
  page?: number;
  page_size?: number;
}
export interface CandidateFields {
  no: number;
  name: string;
  gender: string;
  title: string;
  unit: string;
  reason?: string;
}
export interface CandidatePatch extends Partial<CandidateFields> {
  active?: boolean;
}
export const listAdminCandidates = (campaignId: number, query: AdminCandidateQuery) =>
  request<ListResult<AdminCandidate>>('GET', `/campaigns/${campaignId}/admin/candidates`, { query });
export const createCandidate = (campaignId: number, fields: CandidateFields) =>
  request<AdminCandidate>('POST', `/campaigns/${campaignId}/candidates`, { body: fields });
export const updateCandidate = (campaignId: number, id: number, patch: CandidatePatch) =>
  request<AdminCandidate>('PATCH', `/campaigns/${campaignId}/candidates/${id}`, { body: patch });
export const importRoster = (campaignId: number, rows: string[][], dryRun: boolean, reason?: string) =>
  request<ImportResult>('POST', `/campaigns/${campaignId}/roster/import`, {
    body: { rows, dry_run: dryRun, ...(reason ? { reason } : {}) },
    timeoutMs: 120_000,
  });
export const downloadRosterTemplate = (campaignId: number, onProgress?: (p: DownloadProgress) => void) =>
  download(`/campaigns/${campaignId}/roster/template.xlsx`, {}, '参评书记名单模板.xlsx', onProgress);
export const downloadRosterExport = (
  campaignId: number,
  filters: { group?: string; district?: string },
  onProgress?: (p: DownloadProgress) => void,
) => download(`/campaigns/${campaignId}/roster/export.xlsx`, filters, '参评书记名单.xlsx', onProgress);

export const downloadOrgUnits = (
  campaignId: number,
  filters: { district?: string; level?: string },
  onProgress?: (p: DownloadProgress) => void,
) => download(`/campaigns/${campaignId}/admin/org-units/export.xlsx`, filters, '组织单位.xlsx', onProgress);
export const downloadUsers = (filters: { q?: string; role?: string }, onProgress?: (p: DownloadProgress) => void) =>
  download('/admin/users/export.xlsx', filters, '用户.xlsx', onProgress);

// --- audit ---
export interface AuditQuery extends Query {
  actor?: string;
  action?: string;
  target?: string;
  from?: string;
  to?: string;
  page?: number;
  page_size?: number;
}
export const listAudit = (query: AuditQuery) => request<ListResult<AuditEntry>>('GET', '/admin/audit', { query });
export const downloadAudit = (query: AuditQuery, onProgress?: (p: DownloadProgress) => void) =>
  download('/admin/audit/export.xlsx', { ...query, page: undefined, page_size: undefined }, '审计日志.xlsx', onProgress);

// --- party members' ballot codes (党员投票码) ---
const batches = (campaignId: number) => `/campaigns/${campaignId}/ballot-batches`;
export const listBallotBatches = (campaignId: number) => request<ListResult<BallotBatch>>('GET', batches(campaignId));
export const createBallotBatch = (campaignId: number, batch: NewBallotBatch) =>
  request<BallotBatch>('POST', batches(campaignId), { body: batch, timeoutMs: 60_000 });
export const listBallotCodes = (campaignId: number, batchId: number) =>
  request<ListResult<BallotCode>>('GET', `${batches(campaignId)}/${batchId}/codes`, { timeoutMs: 60_000 });
export const revokeBallotCodes = (campaignId: number, batchId: number, revoke: BallotRevoke) =>
  request<BallotRevokeResult>('POST', `${batches(campaignId)}/${batchId}/revoke`, { body: revoke });
/** The batch's unused codes as QR slips to cut, 10 to an A4 page (a few seconds for thousands). */
export const downloadBallotSlips = (campaignId: number, batchId: number, fallbackName: string, onProgress?: (p: DownloadProgress) => void) =>
  download(`${batches(campaignId)}/${batchId}/slips.pdf`, {}, fallbackName, onProgress);
