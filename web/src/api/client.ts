// Calls to the backend's JSON API. Every failure becomes an ApiError whose `message` is
// Chinese text that can be shown to the user as it is.
import type {
  Campaign,
  CampaignSummary,
  Candidate,
  CandidateDetail,
  CandidateQuery,
  OrgTree,
  Page,
  PublicShowcase,
} from './types';

interface ErrorExtra {
  retryAfter?: number;
  attemptsLeft?: number;
}

export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  /** Seconds to wait before asking again (429 otp_cooldown), when the server says. */
  readonly retryAfter: number | null;
  /** Code attempts left (401 otp_wrong), when the server says. */
  readonly attemptsLeft: number | null;

  constructor(code: string, message: string, status = 0, extra: ErrorExtra = {}) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.retryAfter = extra.retryAfter ?? null;
    this.attemptsLeft = extra.attemptsLeft ?? null;
  }
}

/** Chinese messages by error code, for when the server sends a code but no message. */
export type CodeMessages = Record<string, string | ((error: ApiError) => string)>;

const REQUEST_TIMEOUT_MS = 15_000;

/** The message shown when the server said nothing we can show. */
export function messageForStatus(status: number): string {
  if (status === 404) return '您要找的内容不存在或已被删除';
  if (status === 429) return '访问太频繁，请稍后再试';
  if (status === 401 || status === 403) return '没有访问权限';
  if (status >= 500) return '服务器暂时无法响应，请稍后重试';
  if (status >= 400) return '请求有误，请返回后重试';
  return '加载失败，请稍后重试';
}

const wholeNumber = (value: unknown) =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.ceil(value) : undefined;

/**
 * Turns an error response (status and body text) into an ApiError: the server's message when it
 * sent one, else the fallback for its code in `messages`, else one for the status.
 */
export function parseErrorResponse(status: number, body: string, messages: CodeMessages = {}): ApiError {
  let code = `http_${status}`;
  let message = '';
  const extra: ErrorExtra = {};
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object') {
      const fields = parsed as Record<string, unknown>;
      if (typeof fields.code === 'string' && fields.code) code = fields.code;
      if (typeof fields.message === 'string') message = fields.message.trim();
      extra.retryAfter = wholeNumber(fields.retry_after);
      extra.attemptsLeft = wholeNumber(fields.attempts_left);
    }
  } catch {
    // Not JSON: a proxy's HTML error page, an empty body…
  }
  if (message) return new ApiError(code, message, status, extra);
  const bare = new ApiError(code, '', status, extra);
  const fallback = Object.prototype.hasOwnProperty.call(messages, code) ? messages[code] : undefined;
  const text = typeof fallback === 'function' ? fallback(bare) : fallback;
  return new ApiError(code, text || messageForStatus(status), status, extra);
}

/** Turns what fetch threw (network down, timeout) into an ApiError. */
export function errorFromException(error: unknown, timedOut = false): ApiError {
  if (error instanceof ApiError) return error;
  if (timedOut) return new ApiError('timeout', '网络较慢，请求超时，请稍后重试');
  if (typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError') {
    return new ApiError('aborted', '请求已取消');
  }
  return new ApiError('network', '网络连接失败，请检查网络后重试');
}

export function isAborted(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'aborted';
}

/** Builds "/api/v1/…?a=1" leaving out empty parameters. */
export function apiUrl(path: string, params: Record<string, string | number | undefined> = {}): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined || value === '') continue;
    search.set(name, String(value));
  }
  const query = search.toString();
  return `/api/v1${path}${query ? `?${query}` : ''}`;
}

export interface RequestOptions {
  method?: 'GET' | 'POST';
  /** Sent as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Fallback messages for the error codes of this route. */
  messages?: CodeMessages;
  /** 'no-store' for answers about the signed-in voter, which no cache may keep. */
  cache?: RequestCache;
}

/** One JSON request; the parsed body (undefined for 204), or an ApiError. */
export async function requestJson<T>(url: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', body, signal, messages, cache } = options;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, REQUEST_TIMEOUT_MS);
  const forwardAbort = () => controller.abort();
  if (signal?.aborted) controller.abort();
  signal?.addEventListener('abort', forwardAbort);
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  try {
    const response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal: controller.signal,
      ...(cache ? { cache } : {}),
    });
    const text = await response.text();
    if (!response.ok) throw parseErrorResponse(response.status, text, messages);
    if (response.status === 204) return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ApiError('bad_response', '服务器返回的数据有误，请稍后重试', response.status);
    }
  } catch (error) {
    throw errorFromException(error, timedOut);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', forwardAbort);
  }
}

function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  return requestJson<T>(url, { signal });
}

export function listCampaigns(signal?: AbortSignal) {
  return getJson<{ items: CampaignSummary[]; total: number }>(apiUrl('/campaigns'), signal);
}

export function getCampaign(id: number, signal?: AbortSignal) {
  return getJson<Campaign>(apiUrl(`/campaigns/${id}`), signal);
}

export function getOrgTree(id: number, signal?: AbortSignal) {
  return getJson<OrgTree>(apiUrl(`/campaigns/${id}/org-units`), signal);
}

export function listCandidates(id: number, query: CandidateQuery, signal?: AbortSignal) {
  return getJson<Page<Candidate>>(apiUrl(`/campaigns/${id}/candidates`, { ...query }), signal);
}

export function getCandidate(id: number, candidateId: number, signal?: AbortSignal) {
  return getJson<CandidateDetail>(apiUrl(`/campaigns/${id}/candidates/${candidateId}`), signal);
}

/** The approved showcase; an ApiError with status 404 when there is none (yet). */
export function getPublicShowcase(id: number, candidateId: number, signal?: AbortSignal) {
  return getJson<PublicShowcase>(apiUrl(`/campaigns/${id}/candidates/${candidateId}/showcase/public`), signal);
}
