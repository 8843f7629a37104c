// An upload (a video or a photo) as the workspace shows it: how far it is (percent, speed, time
// left), how big its pieces are, and which stored upload belongs to which candidate. Pure: no
// tus, no DOM.
import { formatBytes } from './format';

/** What is uploaded: the kinds the server knows (metadata `kind`). */
export type UploadKind = 'video' | 'photo';

/** Percent sent, one decimal, never 100 before the last byte. */
export function uploadPercent(sent: number, total: number): number {
  if (!(total > 0)) return 0;
  if (sent >= total) return 100;
  return Math.min(99.9, Math.floor((sent / total) * 1000) / 10);
}

/** "1.5 MB/s"; "" when nothing is known yet. */
export function formatSpeed(bytesPerSecond: number | null): string {
  if (bytesPerSecond === null || !Number.isFinite(bytesPerSecond) || bytesPerSecond <= 0) return '';
  return `${formatBytes(Math.round(bytesPerSecond))}/s`;
}

/** "约 3 分 20 秒"; "" when the speed is unknown. */
export function formatTimeLeft(bytesLeft: number, bytesPerSecond: number | null): string {
  if (!bytesPerSecond || bytesPerSecond <= 0 || bytesLeft <= 0) return '';
  const seconds = Math.ceil(bytesLeft / bytesPerSecond);
  if (seconds < 60) return `约 ${seconds} 秒`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `约 ${minutes} 分 ${seconds % 60} 秒`;
  return `约 ${Math.floor(minutes / 60)} 小时 ${minutes % 60} 分`;
}

const MB = 1024 * 1024;

/**
 * The size of one PATCH: about a fiftieth of the file, between 1 MB and 16 MB. Each piece the
 * server has synced is kept, so a dropped connection costs at most one piece.
 */
export function chunkSizeFor(bytes: number): number {
  return Math.min(16 * MB, Math.max(MB, Math.ceil(bytes / 50 / MB) * MB));
}

/** The upload speed over the last few seconds of progress reports. */
export class SpeedMeter {
  private samples: { at: number; bytes: number }[] = [];

  constructor(private readonly windowMs = 5000) {}

  /** A progress report: `bytes` sent in all at time `at` (ms). */
  add(at: number, bytes: number): void {
    const last = this.samples[this.samples.length - 1];
    if (last && bytes < last.bytes) this.samples = []; // sent again from an earlier offset
    this.samples.push({ at, bytes });
    while (this.samples.length > 2 && at - this.samples[0].at > this.windowMs) this.samples.shift();
  }

  /** Bytes per second; null until two reports at least 300 ms apart. */
  rate(): number | null {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last.at - first.at < 300) return null;
    return ((last.bytes - first.bytes) * 1000) / (last.at - first.at);
  }

  reset(): void {
    this.samples = [];
  }
}

/** What tus stores to find an upload again: the kind, the file and whose showcase it is for. */
export function uploadFingerprint(kind: UploadKind, campaignId: number, candidateId: number, file: { name: string; size: number; lastModified: number }): string {
  return [`shuangshai-${kind}`, campaignId, candidateId, file.name, file.size, file.lastModified].join('-');
}

/** A stored unfinished upload (tus PreviousUpload's metadata): is it this kind, for this candidate? */
export function isUploadFor(metadata: Record<string, string> | undefined, kind: UploadKind, campaignId: number, candidateId: number): boolean {
  return !!metadata && metadata.kind === kind && metadata.campaign === String(campaignId) && metadata.candidate === String(candidateId);
}

/** The upload id at the end of a tus upload URL ("/api/v1/uploads/<id>"). */
export function uploadIdOf(url: string | null | undefined): string {
  const m = /\/uploads\/([0-9a-f]{32})(?:[?#]|$)/.exec(url ?? '');
  return m ? m[1] : '';
}

/** Whether the server's video refusal is about the file itself (retrying will not help). */
export function isFileRefusal(status: number): boolean {
  return status === 400 || status === 403 || status === 404 || status === 410 || status === 413 || status === 415 || status === 507;
}
