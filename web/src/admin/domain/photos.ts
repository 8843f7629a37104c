// A showcase's photos as the console edits and reviews them (docs/showcases.md): which chosen
// files may be uploaded (kind, size, how many are left of the nine), the list's editing (move,
// remove, the caption's count), the server's errors by photo, a photo's processing in words and
// the changes against the approved version. Pure: no Vue, no tus.
import type { FieldDetail } from '../api/types';
import type { ShowcasePhoto } from '../api/showcase';
import { charCount } from './showcase';

export const PHOTO_MAX_MB = 20;
export const PHOTO_EXTENSIONS = ['.jpg', '.jpeg', '.png', '.webp'];
/** For the file input. */
export const PHOTO_ACCEPT = 'image/jpeg,image/png,image/webp,.jpg,.jpeg,.png,.webp';

export interface PhotoEntry {
  upload: string;
  caption: string;
}

/** Why the server would refuse this file before a byte is sent; null when it may go. */
export function photoFileProblem(file: { name: string; size: number }): string | null {
  const dot = file.name.lastIndexOf('.');
  const ext = dot >= 0 ? file.name.slice(dot).toLowerCase() : '';
  if (!PHOTO_EXTENSIONS.includes(ext)) return `“${file.name}”不是图片文件：请上传 JPG、PNG 或 WebP 格式的照片`;
  if (file.size > PHOTO_MAX_MB * 1024 * 1024) return `“${file.name}”超过 ${PHOTO_MAX_MB} MB，请换一张较小的照片`;
  if (file.size === 0) return `“${file.name}”是空文件`;
  return null;
}

/**
 * The chosen files that may be uploaded, in order: those of a photo kind and size, as many as
 * are left of `max` with `used` taken (saved and uploading); what was left out, in words.
 */
export function takePhotos<F extends { name: string; size: number }>(files: F[], used: number, max: number): { taken: F[]; messages: string[] } {
  const messages: string[] = [];
  const fitting: F[] = [];
  for (const f of files) {
    const problem = photoFileProblem(f);
    if (problem) messages.push(problem);
    else fitting.push(f);
  }
  const room = Math.max(0, max - used);
  if (fitting.length > room) {
    messages.push(room === 0 ? `最多 ${max} 张照片，已经满了；请先删除不要的照片` : `最多 ${max} 张照片，只能再加 ${room} 张：已上传前 ${room} 张，其余 ${fitting.length - room} 张未上传`);
  }
  return { taken: fitting.slice(0, room), messages };
}

/** The list with the photo at `index` moved by `delta` places (kept within the list). */
export function movePhoto<T>(list: T[], index: number, delta: number): T[] {
  const to = Math.min(list.length - 1, Math.max(0, index + delta));
  if (index < 0 || index >= list.length || to === index) return list.slice();
  const out = list.slice();
  const [moved] = out.splice(index, 1);
  out.splice(to, 0, moved);
  return out;
}

/** The list without the photo at `index`. */
export function removePhoto<T>(list: T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

/** "12 / 60 字" beside a caption. */
export function captionCount(caption: string, max: number): string {
  return `${charCount(caption)} / ${max} 字`;
}

export function captionProblem(caption: string, max: number): string | null {
  const n = charCount(caption);
  return n > max ? `说明不能超过 ${max} 字（现在 ${n} 字）` : null;
}

/**
 * The server's details about single photos (photos[i].upload, photos[i].caption), joined by
 * the upload they were about: `photos` is the list that was sent, so that the message stays
 * with its photo when the list is reordered afterwards.
 */
export function photoErrors(details: FieldDetail[] | undefined, photos: PhotoEntry[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of details ?? []) {
    const m = /^photos\[(\d+)\]/.exec(d.field ?? '');
    const id = m ? photos[Number(m[1])]?.upload : undefined;
    if (!id) continue;
    out[id] = out[id] ? `${out[id]}；${d.message}` : d.message;
  }
  return out;
}

/** A photo's processing in words ("" once it is done). */
export function photoStatusText(photo: Pick<ShowcasePhoto, 'state' | 'error' | 'complete'> | null | undefined): string {
  switch (photo?.state) {
    case undefined:
      return '正在读取照片信息…';
    case 'uploading':
      return photo.complete ? '已上传，正在排队等待处理' : '照片尚未上传完成';
    case 'queued':
      return '已上传，正在排队等待处理';
    case 'running':
      return '正在处理照片（去除位置等信息、生成各种尺寸）…';
    case 'failed':
      return `照片未通过检查：${photo.error || '处理失败'}，请删除后换一张`;
    default:
      return '';
  }
}

export type PhotoOp = 'same' | 'added' | 'removed' | 'caption';

export interface PhotoChange {
  upload: string;
  caption: string;
  op: PhotoOp;
  /** The approved caption, when it was changed. */
  before?: string;
}

/**
 * A version's photos against the approved one, by upload: the submitted ones in their order
 * (added, caption changed or the same), then those taken out. `before` null: nothing approved
 * yet, every photo is as it is.
 */
export function photoChanges(before: PhotoEntry[] | null, after: PhotoEntry[]): PhotoChange[] {
  if (!before) return after.map((p) => ({ upload: p.upload, caption: p.caption, op: 'same' }));
  const old = new Map(before.map((p) => [p.upload, p.caption]));
  const out: PhotoChange[] = after.map((p) => {
    const was = old.get(p.upload);
    if (was === undefined) return { upload: p.upload, caption: p.caption, op: 'added' };
    if (was !== p.caption) return { upload: p.upload, caption: p.caption, op: 'caption', before: was };
    return { upload: p.upload, caption: p.caption, op: 'same' };
  });
  const kept = new Set(after.map((p) => p.upload));
  for (const p of before) if (!kept.has(p.upload)) out.push({ upload: p.upload, caption: p.caption, op: 'removed' });
  return out;
}

/** Whether the photos kept from the approved version stand in another order. */
export function photoOrderChanged(before: PhotoEntry[] | null, after: PhotoEntry[]): boolean {
  if (!before) return false;
  const kept = new Set(after.map((p) => p.upload));
  const was = before.map((p) => p.upload).filter((id) => kept.has(id));
  const now = after.map((p) => p.upload).filter((id) => was.includes(id));
  return was.join() !== now.join();
}

/** "新增 1 张、删除 1 张、1 张说明有修改、顺序有调整" (or "照片未修改"). */
export function photoChangeSummary(changes: PhotoChange[], reordered = false): string {
  const n = (op: PhotoOp) => changes.filter((c) => c.op === op).length;
  const parts = [
    n('added') && `新增 ${n('added')} 张`,
    n('removed') && `删除 ${n('removed')} 张`,
    n('caption') && `${n('caption')} 张说明有修改`,
    reordered && '顺序有调整',
  ].filter(Boolean);
  return parts.length ? parts.join('、') : '照片未修改';
}

/** The photos' statuses by upload id. */
export function photosById(photos: ShowcasePhoto[] | undefined): Record<string, ShowcasePhoto> {
  return Object.fromEntries((photos ?? []).map((p) => [p.id, p]));
}
