// The rules of a showcase as the console shows them (SPEC §4, core/showcase): its states, the
// counts beside each section, what is missing before it may be submitted, and where the
// server's field errors go. The server checks everything again; this only says it first.
import type { FieldDetail } from '../api/types';
import type { Showcase, ShowcaseContent, ShowcaseForm, ShowcaseMedia, ShowcasePhoto, ShowcaseState, ShowcaseVideo } from '../api/showcase';

export const STATE_LABELS: Record<ShowcaseState, string> = {
  draft: '草稿',
  submitted: '待审核',
  returned: '已退回',
  approved: '已通过',
};

export type TagType = 'info' | 'warning' | 'danger' | 'success';

export const STATE_TAGS: Record<ShowcaseState, TagType> = {
  draft: 'info',
  submitted: 'warning',
  returned: 'danger',
  approved: 'success',
};

export function stateLabel(state: string): string {
  return STATE_LABELS[state as ShowcaseState] ?? state;
}

/** Characters as the server counts them (code points); `trim` as for the minimum. */
export function charCount(text: string | undefined, trim = false): number {
  const s = text ?? '';
  return [...(trim ? s.trim() : s)].length;
}

/** "128 / 3000 字" beside a section. */
export function sectionCount(text: string | undefined, form: Pick<ShowcaseForm, 'section_max_chars'>): string {
  return `${charCount(text)} / ${form.section_max_chars} 字`;
}

/** What is wrong with a section's text as it stands (too long now; too short to submit). */
export function sectionProblem(title: string, text: string | undefined, form: Pick<ShowcaseForm, 'section_max_chars' | 'section_min_chars'>, forSubmit: boolean): string | null {
  const all = charCount(text);
  if (all > form.section_max_chars) return `“${title}”不能超过 ${form.section_max_chars} 字（现在 ${all} 字）`;
  if (!forSubmit) return null;
  const trimmed = charCount(text, true);
  if (trimmed === 0) return `请填写“${title}”`;
  if (trimmed < form.section_min_chars) return `“${title}”至少写 ${form.section_min_chars} 字（现在 ${trimmed} 字）`;
  return null;
}

export function videoReady(video: ShowcaseVideo | null | undefined): boolean {
  return !!video && video.state === 'done';
}

/**
 * Every part still missing before submitting, as the server would name them; `photos` are the
 * photos' statuses by upload id (none: not known yet, taken as still processing).
 */
export function missingBeforeSubmit(content: ShowcaseContent, form: ShowcaseForm, video: ShowcaseVideo | null | undefined, photos: Record<string, ShowcasePhoto> = {}): FieldDetail[] {
  const out: FieldDetail[] = [];
  for (const title of form.sections) {
    const problem = sectionProblem(title, content.sections[title], form, true);
    if (problem) out.push({ field: `sections.${title}`, message: problem });
  }
  if (content.themes.length === 0) out.push({ field: 'themes', message: '请至少选择一个主题' });
  else if (content.themes.length > form.max_themes) out.push({ field: 'themes', message: `最多选 ${form.max_themes} 个主题` });
  if (!content.video) out.push({ field: 'video', message: '请上传宣讲视频' });
  else if (!videoReady(video)) out.push({ field: 'video', message: '视频还在处理中（或未通过检查），处理完成后才能提交' });
  if (content.photos.length > form.max_photos) out.push({ field: 'photos', message: `最多 ${form.max_photos} 张照片（现在 ${content.photos.length} 张）` });
  content.photos.forEach((p, i) => {
    const state = photos[p.upload]?.state;
    if (state === 'failed') out.push({ field: `photos[${i}].upload`, message: `第 ${i + 1} 张照片未通过检查，请删除后换一张` });
    else if (state !== 'done') out.push({ field: `photos[${i}].upload`, message: `第 ${i + 1} 张照片还在处理中，处理完成后才能提交` });
    const n = charCount(p.caption);
    if (n > form.caption_max_chars) out.push({ field: `photos[${i}].caption`, message: `第 ${i + 1} 张照片的说明不能超过 ${form.caption_max_chars} 字（现在 ${n} 字）` });
  });
  return out;
}

/**
 * The server's details by the field they belong beside: sections.<title>, themes (also
 * themes[i]), video, photos (the list as a whole), reason, comment; photos[i].* under photos[i]
 * (photoErrors joins them with their photo); anything else under "".
 */
export function fieldErrors(details: FieldDetail[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of details ?? []) {
    let key = d.field ?? '';
    if (/^themes\[\d+\]$/.test(key)) key = 'themes';
    else if (/^photos\[\d+\]/.test(key)) key = /^photos\[\d+\]/.exec(key)![0];
    else if (!/^(sections\..+|themes|video|photos|reason|comment|content)$/.test(key)) key = '';
    out[key] = out[key] ? `${out[key]}；${d.message}` : d.message;
  }
  return out;
}

/** The working copy with every configured section present (in the campaign's order). */
export function editableContent(showcase: Pick<Showcase, 'content' | 'form'>): ShowcaseContent {
  const sections: Record<string, string> = {};
  for (const title of showcase.form.sections) sections[title] = showcase.content.sections?.[title] ?? '';
  return {
    sections,
    themes: [...(showcase.content.themes ?? [])],
    video: showcase.content.video ?? '',
    photos: (showcase.content.photos ?? []).map((p) => ({ ...p })),
  };
}

/** Toggles a theme, keeping the campaign's order and at most `max`; the new list. */
export function toggleTheme(chosen: string[], theme: string, allowed: string[], max: number): string[] {
  const set = new Set(chosen);
  if (set.has(theme)) set.delete(theme);
  else if (set.size < max) set.add(theme);
  return allowed.filter((t) => set.has(t)).concat(chosen.filter((t) => set.has(t) && !allowed.includes(t)));
}

/** How the editor may change this showcase now. */
export type EditAccess =
  | 'open' // the edit phase: save and submit
  | 'correction' // staff outside the edit phase: with a reason
  | 'waiting' // submitted: nothing to change until it is reviewed
  | 'closed'; // a candidate outside the edit phase

export function editAccess(showcase: Pick<Showcase, 'state' | 'in_edit_phase'>, isCandidate: boolean): EditAccess {
  if (showcase.state === 'submitted') return 'waiting';
  if (showcase.in_edit_phase) return 'open';
  return isCandidate ? 'closed' : 'correction';
}

/** The video's processing in words. */
export function videoStatusText(video: ShowcaseVideo | null | undefined): string {
  if (!video) return '尚未上传视频';
  switch (video.state) {
    case 'uploading':
      return '视频尚未上传完成';
    case 'queued':
      return '已上传，正在排队等待处理';
    case 'running':
      return `正在处理视频（转为适合手机播放的格式）…${Math.floor(video.progress ?? 0)}%`;
    case 'done':
      return '视频处理完成';
    case 'failed':
      return `视频未通过检查：${video.error || '处理失败'}，请换一个视频重新上传`;
  }
  return '';
}

/** Whether a video's or a photo's processing is still going (worth asking again). */
export function mediaPending(media: ShowcaseMedia | null | undefined): boolean {
  return !!media && (media.state === 'queued' || media.state === 'running' || (media.state === 'uploading' && !!media.complete));
}

/** "时长 1 分 05 秒 · 1280×720" */
export function videoFacts(video: ShowcaseVideo | null | undefined): string {
  const r = video?.result;
  if (!r) return '';
  const s = Math.round(r.duration_ms / 1000);
  const time = s >= 60 ? `${Math.floor(s / 60)} 分 ${String(s % 60).padStart(2, '0')} 秒` : `${s} 秒`;
  return `时长 ${time} · ${r.width}×${r.height}`;
}

export interface ThemeChange {
  theme: string;
  op: 'same' | 'added' | 'removed';
}

/** The themes of a version against the approved one (null: nothing approved before, all are as they are). */
export function themeChanges(before: string[] | null, after: string[]): ThemeChange[] {
  if (!before) return after.map((theme) => ({ theme, op: 'same' }));
  const out: ThemeChange[] = after.map((theme) => ({ theme, op: before.includes(theme) ? 'same' : 'added' }));
  for (const theme of before) if (!after.includes(theme)) out.push({ theme, op: 'removed' });
  return out;
}

/** "第 2 版 · 待审核" for the version picker. */
export function versionLabel(v: { number: number; decision: string }): string {
  const decision = v.decision === 'approved' ? '已通过' : v.decision === 'returned' ? '已退回' : '待审核';
  return `第 ${v.number} 版 · ${decision}`;
}

/** The headline of a refusal with field details: an incomplete showcase is told how to go on. */
export function refusalHeadline(code: string, message: string, details: FieldDetail[] | undefined): string {
  if (code === 'showcase_incomplete' && (details?.length ?? 0) > 0) return `${message}，请按提示补充`;
  return message;
}
