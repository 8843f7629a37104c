// The staff side of the API: JSON with the session cookie, the CSRF header on every
// state-changing request, and errors that carry the server's `details`.
import { ApiError, apiUrl, errorFromException } from '../../api/client';
import type { FieldDetail } from './types';

export type Query = Record<string, string | number | undefined | null>;
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export class AdminApiError extends ApiError {
  readonly details: FieldDetail[];
  /** Seconds to wait (429 too_many_attempts). */
  readonly retryAfter: number | null;

  constructor(code: string, message: string, status = 0, details: FieldDetail[] = [], retryAfter: number | null = null) {
    super(code, message, status);
    this.name = 'AdminApiError';
    this.details = details;
    this.retryAfter = retryAfter;
  }
}

/** What to say when the server's answer carries no message. */
export function adminMessageForStatus(status: number, code = ''): string {
  if (code === 'csrf') return '页面已过期，请刷新后重试';
  if (status === 401) return '请先登录';
  if (status === 403) return '您没有权限执行此操作';
  if (status === 404) return '记录不存在，或不在您的管理范围内';
  if (status === 409) return '数据已被他人修改，请刷新后重试';
  if (status === 413) return '提交的内容太大';
  if (status === 422) return '填写的内容有误，请按提示修改';
  if (status === 429) return '操作太频繁，请稍后再试';
  if (status >= 500) return '服务器暂时无法响应，请稍后重试';
  if (status >= 400) return '请求有误，请刷新后重试';
  return '网络连接失败，请检查网络后重试';
}

function toDetails(value: unknown): FieldDetail[] {
  if (!Array.isArray(value)) return [];
  const out: FieldDetail[] = [];
  for (const item of value) {
    if (!item || typeof item !== 'object') continue;
    const d = item as Record<string, unknown>;
    const detail: FieldDetail = { message: typeof d.message === 'string' ? d.message : String(d.message ?? '') };
    if (typeof d.field === 'string' && d.field) detail.field = d.field;
    const line = typeof d.line === 'number' ? d.line : typeof d.line === 'string' ? Number(d.line) : NaN;
    if (Number.isInteger(line) && line > 0) detail.line = line;
    out.push(detail);
  }
  return out;
}

/** Turns an error answer into an AdminApiError (status, body text, Retry-After header). */
export function parseAdminError(status: number, body: string, retryAfterHeader: string | null = null): AdminApiError {
  let code = `http_${status}`;
  let message = '';
  let details: FieldDetail[] = [];
  let retryAfter: number | null = null;
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object') {
      const fields = parsed as Record<string, unknown>;
      if (typeof fields.code === 'string' && fields.code) code = fields.code;
      if (typeof fields.message === 'string') message = fields.message.trim();
      details = toDetails(fields.details);
      const seconds = Number(fields.retry_after);
      if (Number.isFinite(seconds) && seconds >= 0) retryAfter = Math.ceil(seconds);
    }
  } catch {
    // Not JSON: a proxy's error page.
  }
  if (retryAfter === null && retryAfterHeader) {
    const seconds = Number(retryAfterHeader);
    if (Number.isFinite(seconds) && seconds >= 0) retryAfter = Math.ceil(seconds);
  }
  return new AdminApiError(code, message || adminMessageForStatus(status, code), status, details, retryAfter);
}

export function asAdminError(error: unknown, timedOut = false): AdminApiError {
  if (error instanceof AdminApiError) return error;
  const base = error instanceof ApiError ? error : errorFromException(error, timedOut);
  return new AdminApiError(base.code, base.message, base.status);
}

interface HttpHooks {
  csrfToken: () => string | null;
  /** Gets a fresh token (GET /auth/me) after a 403 csrf; null when signed out. */
  refreshCsrf: () => Promise<string | null>;
  /** Called on a 401 from any request but the sign-in itself. */
  unauthenticated: () => void;
}

const hooks: HttpHooks = {
  csrfToken: () => null,
  refreshCsrf: async () => null,
  unauthenticated: () => {},
};

export function configureHttp(next: Partial<HttpHooks>): void {
  Object.assign(hooks, next);
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Do not treat 401 as "session expired" (the sign-in form). */
  noAuthRedirect?: boolean;
}

const DEFAULT_TIMEOUT_MS = 20_000;
const UNSAFE = new Set<Method>(['POST', 'PUT', 'PATCH', 'DELETE']);

function cleanQuery(query: Query = {}): Record<string, string | number | undefined> {
  const out: Record<string, string | number | undefined> = {};
  for (const [k, v] of Object.entries(query)) if (v !== null && v !== undefined && v !== '') out[k] = v;
  return out;
}

export function adminUrl(path: string, query?: Query): string {
  return apiUrl(path, cleanQuery(query));
}

async function send(method: Method, path: string, options: RequestOptions, csrf: string | null): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (UNSAFE.has(method) && csrf) headers['X-CSRF-Token'] = csrf;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const forwardAbort = () => controller.abort();
  options.signal?.addEventListener('abort', forwardAbort);
  try {
    return await fetch(adminUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: controller.signal,
    });
  } catch (error) {
    throw asAdminError(error, timedOut);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', forwardAbort);
  }
}

async function failure(response: Response): Promise<AdminApiError> {
  const body = await response.text().catch(() => '');
  return parseAdminError(response.status, body, response.headers.get('Retry-After'));
}

/** A JSON request; answers 204 with undefined. */
export async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  let response = await send(method, path, options, hooks.csrfToken());
  if (!response.ok) {
    let error = await failure(response);
    // A stale CSRF token (another tab signed in again): fetch a fresh one and retry once.
    if (error.code === 'csrf' && UNSAFE.has(method)) {
      const fresh = await hooks.refreshCsrf().catch(() => null);
      if (fresh) {
        response = await send(method, path, options, fresh);
        error = response.ok ? error : await failure(response);
      }
    }
    if (!response.ok) {
      if (error.status === 401 && !options.noAuthRedirect) hooks.unauthenticated();
      throw error;
    }
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new AdminApiError('bad_response', '服务器返回的数据有误，请稍后重试', response.status);
  }
}

export interface DownloadProgress {
  loaded: number;
  /** null when the server sent no Content-Length. */
  total: number | null;
}

/** The file name in a Content-Disposition header (RFC 6266 / 5987), or the fallback. */
export function filenameFromDisposition(header: string | null | undefined, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (star) {
    try {
      const name = decodeURIComponent(star[2].trim().replace(/^"|"$/g, ''));
      if (name) return name;
    } catch {
      // a bad escape: try the plain parameter
    }
  }
  const plain = /filename\s*=\s*("((?:[^"\\]|\\.)*)"|[^;]+)/i.exec(header);
  if (plain) {
    const name = (plain[2] !== undefined ? plain[2].replace(/\\(.)/g, '$1') : plain[1]).trim();
    if (name) return name;
  }
  return fallback;
}

/** Downloads a file (an .xlsx export) with the session, reporting progress, and saves it. */
export async function download(
  path: string,
  query: Query,
  fallbackName: string,
  onProgress?: (p: DownloadProgress) => void,
  signal?: AbortSignal,
): Promise<{ filename: string; size: number }> {
  const response = await send('GET', path, { query, signal, timeoutMs: 180_000 }, null);
  if (!response.ok) {
    const error = await failure(response);
    if (error.status === 401) hooks.unauthenticated();
    throw error;
  }
  const length = Number(response.headers.get('Content-Length'));
  const total = Number.isFinite(length) && length > 0 ? length : null;
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  onProgress?.({ loaded, total });
  try {
    if (response.body) {
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        loaded += value.byteLength;
        onProgress?.({ loaded, total });
      }
    } else {
      const buffer = new Uint8Array(await response.arrayBuffer());
      chunks.push(buffer);
      loaded = buffer.byteLength;
      onProgress?.({ loaded, total });
    }
  } catch (error) {
    throw asAdminError(error);
  }
  const filename = filenameFromDisposition(response.headers.get('Content-Disposition'), fallbackName);
  const blob = new Blob(chunks as BlobPart[], {
    type: response.headers.get('Content-Type') || 'application/octet-stream',
  });
  return saveBlob(blob, filename);
}

/** Hands a file made or fetched by the page to the browser to save. */
export function saveBlob(blob: Blob, filename: string): { filename: string; size: number } {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
  return { filename, size: blob.size };
}
