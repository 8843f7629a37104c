// One upload of a candidate's showcase over tus (docs/showcases.md), a video or a photo: percent
// and speed while it goes, pause and resume, cancel (the server deletes the part), and after a
// reload or a dropped connection the same file continues where the server's copy ends. The
// upload's address is kept in localStorage by tus under a fingerprint of the kind, the file and
// the candidate. Each photo of a showcase has an upload of its own.
import { onBeforeUnmount, reactive } from 'vue';
import { DetailedError, Upload, defaultOptions, type PreviousUpload } from 'tus-js-client';
import { getUpload } from '../api/showcase';
import { parseAdminError } from '../api/http';
import { chunkSizeFor, isFileRefusal, isUploadFor, SpeedMeter, uploadFingerprint, uploadIdOf, uploadPercent, type UploadKind } from '../domain/upload';
import { useSessionStore } from '../stores/session';

export type UploadPhase = 'idle' | 'uploading' | 'paused' | 'failed' | 'done';

/** An unfinished upload of this candidate found in the browser: choose the same file to go on. */
export interface PendingUpload {
  filename: string;
  size: number;
  /** What the server has kept, in percent. */
  percent: number;
  url: string;
  key: string;
}

const ENDPOINT = '/api/v1/uploads';
const RETRY_DELAYS = [0, 1000, 3000, 5000, 10000, 20000];

function errorText(error: Error | DetailedError): { message: string; status: number } {
  const response = error instanceof DetailedError ? error.originalResponse : null;
  if (response) {
    const parsed = parseAdminError(response.getStatus(), response.getBody() ?? '');
    return { message: parsed.message, status: response.getStatus() };
  }
  return { message: '网络连接中断，已上传的部分已保存，请检查网络后点“继续上传”', status: 0 };
}

export interface TusUploadTarget {
  kind: UploadKind;
  campaignId: () => number;
  candidateId: () => number;
  /** The upload is complete on the server: its id and the file's name. */
  onDone: (uploadId: string, filename: string) => void;
}

const FALLBACK_TYPE: Record<UploadKind, string> = { video: 'video/mp4', photo: 'image/jpeg' };

export function useTusUpload({ kind, campaignId, candidateId, onDone }: TusUploadTarget) {
  const session = useSessionStore();
  const state = reactive({
    phase: 'idle' as UploadPhase,
    filename: '',
    sent: 0,
    total: 0,
    percent: 0,
    /** Bytes per second, null while unknown. */
    speed: null as number | null,
    /** The server's copy after a pause (percent it has kept). */
    kept: null as number | null,
    retrying: false,
    resumed: false,
    error: '',
    pending: null as PendingUpload | null,
  });
  const meter = new SpeedMeter();
  let upload: Upload | null = null;
  let csrfRetried = false;

  function options(file: File) {
    return {
      endpoint: new URL(ENDPOINT, window.location.origin).href,
      chunkSize: chunkSizeFor(file.size),
      retryDelays: RETRY_DELAYS,
      storeFingerprintForResuming: true,
      removeFingerprintOnSuccess: true,
      fingerprint: async (f: File) => uploadFingerprint(kind, campaignId(), candidateId(), f),
      metadata: {
        filename: file.name,
        filetype: file.type || FALLBACK_TYPE[kind],
        kind,
        campaign: String(campaignId()),
        candidate: String(candidateId()),
      },
      onBeforeRequest: (req: { setHeader(name: string, value: string): void; getMethod(): string }) => {
        if (req.getMethod() !== 'HEAD' && req.getMethod() !== 'GET' && session.csrfToken) req.setHeader('X-CSRF-Token', session.csrfToken);
      },
      onProgress: (sent: number, total: number) => {
        state.retrying = false;
        state.sent = sent;
        state.total = total;
        state.percent = uploadPercent(sent, total);
        meter.add(Date.now(), sent);
        state.speed = meter.rate();
      },
      onShouldRetry: (error: DetailedError, attempt: number) => {
        const status = error.originalResponse?.getStatus() ?? 0;
        const body = error.originalResponse?.getBody() ?? '';
        if (status === 403 && body.includes('"csrf"') && !csrfRetried) {
          csrfRetried = true;
          void session.refreshCsrf();
          return true;
        }
        const retry = status === 0 || status === 409 || status === 423 || status >= 500;
        state.retrying = retry && attempt < RETRY_DELAYS.length;
        return retry;
      },
      onError: (error: Error | DetailedError) => {
        const { message, status } = errorText(error);
        state.retrying = false;
        state.speed = null;
        state.error = message;
        state.phase = isFileRefusal(status) ? 'failed' : 'paused';
        if (state.phase === 'paused') void refreshKept();
      },
      onSuccess: () => {
        const id = uploadIdOf(upload?.url);
        state.phase = 'done';
        state.percent = 100;
        state.speed = null;
        state.retrying = false;
        state.pending = null;
        onDone(id, state.filename);
      },
    };
  }

  /** Starts the upload of `file`, continuing an earlier one of the same file for this candidate. */
  async function start(file: File) {
    if (upload && state.phase === 'uploading') await upload.abort(false);
    meter.reset();
    csrfRetried = false;
    Object.assign(state, { filename: file.name, sent: 0, total: file.size, percent: 0, speed: null, kept: null, error: '', resumed: false });
    upload = new Upload(file, options(file));
    const previous = await upload.findPreviousUploads().catch(() => [] as PreviousUpload[]);
    const mine = previous.find((p) => isUploadFor(p.metadata, kind, campaignId(), candidateId()));
    if (mine) {
      upload.resumeFromPreviousUpload(mine);
      state.resumed = true;
    }
    state.phase = 'uploading';
    upload.start();
  }

  async function pause() {
    if (!upload || state.phase !== 'uploading') return;
    await upload.abort(false);
    state.phase = 'paused';
    state.speed = null;
    state.retrying = false;
    await refreshKept();
  }

  function resume() {
    if (!upload || state.phase !== 'paused') return;
    meter.reset();
    state.error = '';
    state.kept = null;
    state.phase = 'uploading';
    upload.start();
  }

  /** Stops and deletes the part on the server. */
  async function cancel() {
    const current = upload;
    upload = null;
    if (current) await current.abort(true).catch(() => {});
    await forgetStored();
    Object.assign(state, { phase: 'idle', filename: '', sent: 0, total: 0, percent: 0, speed: null, kept: null, error: '', retrying: false, pending: null });
  }

  /** After a pause: what the server has really kept (what was in flight may be lost). */
  async function refreshKept() {
    const id = uploadIdOf(upload?.url);
    if (!id) return;
    try {
      const u = await getUpload(id);
      state.kept = uploadPercent(u.offset, u.length);
    } catch {
      state.kept = null;
    }
  }

  async function storedUploads(): Promise<PreviousUpload[]> {
    const all = await defaultOptions.urlStorage.findAllUploads().catch(() => [] as PreviousUpload[]);
    return all.filter((p) => isUploadFor(p.metadata, kind, campaignId(), candidateId()) && p.uploadUrl);
  }

  async function forgetStored() {
    for (const p of await storedUploads()) await defaultOptions.urlStorage.removeUpload(p.urlStorageKey).catch(() => {});
  }

  /** Looks for an unfinished upload of this candidate left by an earlier visit. */
  async function findPending() {
    state.pending = null;
    for (const p of await storedUploads()) {
      const id = uploadIdOf(p.uploadUrl);
      try {
        const u = await getUpload(id);
        if (u.complete) {
          await defaultOptions.urlStorage.removeUpload(p.urlStorageKey).catch(() => {});
          continue;
        }
        state.pending = { filename: p.metadata.filename ?? u.filename, size: p.size ?? u.length, percent: uploadPercent(u.offset, u.length), url: p.uploadUrl!, key: p.urlStorageKey };
        return;
      } catch {
        // expired or gone: nothing to continue
        await defaultOptions.urlStorage.removeUpload(p.urlStorageKey).catch(() => {});
      }
    }
  }

  /** Gives up the unfinished upload of an earlier visit: the server deletes its part. */
  async function discardPending() {
    const pending = state.pending;
    if (!pending) return;
    await Upload.terminate(pending.url, {
      headers: session.csrfToken ? { 'X-CSRF-Token': session.csrfToken } : {},
      retryDelays: null,
    }).catch(() => {}); // gone already: nothing to delete
    await defaultOptions.urlStorage.removeUpload(pending.key).catch(() => {});
    state.pending = null;
  }

  onBeforeUnmount(() => {
    if (upload && state.phase === 'uploading') void upload.abort(false);
  });

  return { state, start, pause, resume, cancel, findPending, discardPending };
}
