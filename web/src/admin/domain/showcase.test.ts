import { describe, expect, it } from 'vitest';
import type { ShowcaseContent, ShowcaseForm, ShowcaseVideo } from '../api/showcase';
import {
  charCount,
  editableContent,
  editAccess,
  fieldErrors,
  missingBeforeSubmit,
  refusalHeadline,
  sectionCount,
  sectionProblem,
  stateLabel,
  STATE_LABELS,
  themeChanges,
  toggleTheme,
  versionLabel,
  videoFacts,
  mediaPending,
  videoStatusText,
} from './showcase';

const form: ShowcaseForm = {
  sections: ['工作思路举措', '工作成效'],
  themes: ['党建引领基层治理', '乡村振兴', '为民服务', '共同富裕'],
  section_max_chars: 3000,
  section_min_chars: 20,
  max_themes: 3,
  max_photos: 9,
  caption_max_chars: 60,
};
const long = '这是一段足够长的文字，用来说明工作的思路和具体的举措。';
const done: ShowcaseVideo = { id: 'a'.repeat(32), state: 'done', progress: 100 };

function content(extra: Partial<ShowcaseContent> = {}): ShowcaseContent {
  return { sections: { 工作思路举措: long, 工作成效: long }, themes: ['乡村振兴'], video: done.id, photos: [], ...extra };
}

describe('states', () => {
  it('names the four states in Chinese', () => {
    expect(STATE_LABELS).toEqual({ draft: '草稿', submitted: '待审核', returned: '已退回', approved: '已通过' });
    expect(stateLabel('returned')).toBe('已退回');
    expect(stateLabel('odd')).toBe('odd');
  });

  it('labels versions by their decision', () => {
    expect(versionLabel({ number: 2, decision: '' })).toBe('第 2 版 · 待审核');
    expect(versionLabel({ number: 1, decision: 'approved' })).toBe('第 1 版 · 已通过');
    expect(versionLabel({ number: 3, decision: 'returned' })).toBe('第 3 版 · 已退回');
  });
});

describe('sections', () => {
  it('counts characters as the server does (code points, not UTF-16 units)', () => {
    expect(charCount('党建')).toBe(2);
    expect(charCount('𠀀a')).toBe(2);
    expect(charCount('  党建 \n', true)).toBe(2);
    expect(charCount(undefined)).toBe(0);
    expect(sectionCount('党建引领', form)).toBe('4 / 3000 字');
  });

  it('says when a section is too long, and when submitting, too short or empty', () => {
    expect(sectionProblem('工作成效', 'x'.repeat(3001), form, false)).toBe('“工作成效”不能超过 3000 字（现在 3001 字）');
    expect(sectionProblem('工作成效', '太短', form, false)).toBeNull();
    expect(sectionProblem('工作成效', '太短', form, true)).toBe('“工作成效”至少写 20 字（现在 2 字）');
    expect(sectionProblem('工作成效', '   ', form, true)).toBe('请填写“工作成效”');
    expect(sectionProblem('工作成效', long, form, true)).toBeNull();
  });
});

describe('what is missing before submitting', () => {
  it('is nothing for a complete showcase with a processed video', () => {
    expect(missingBeforeSubmit(content(), form, done)).toEqual([]);
  });

  it('names each short section, the themes and the video, with the fields the server uses', () => {
    const missing = missingBeforeSubmit(content({ sections: { 工作思路举措: '短' }, themes: [], video: '' }), form, null);
    expect(missing.map((m) => m.field)).toEqual(['sections.工作思路举措', 'sections.工作成效', 'themes', 'video']);
    expect(missing[1].message).toBe('请填写“工作成效”');
    expect(missing[3].message).toBe('请上传宣讲视频');
  });

  it('waits for the video to be processed', () => {
    const running: ShowcaseVideo = { id: done.id, state: 'running', progress: 40 };
    expect(missingBeforeSubmit(content(), form, running)).toEqual([{ field: 'video', message: '视频还在处理中（或未通过检查），处理完成后才能提交' }]);
  });
});

describe('photos before submitting', () => {
  const a = 'a'.repeat(32);
  const b = 'b'.repeat(32);
  const c = 'c'.repeat(32);
  const photos = [
    { upload: a, caption: '村民议事会' },
    { upload: b, caption: '字'.repeat(61) },
    { upload: c, caption: '' },
  ];

  it('wants every photo processed, none refused, captions within the limit', () => {
    const statuses = { [a]: { id: a, caption: '', state: 'done' as const }, [b]: { id: b, caption: '', state: 'running' as const }, [c]: { id: c, caption: '', state: 'failed' as const } };
    expect(missingBeforeSubmit(content({ photos }), form, done, statuses)).toEqual([
      { field: 'photos[1].upload', message: '第 2 张照片还在处理中，处理完成后才能提交' },
      { field: 'photos[1].caption', message: '第 2 张照片的说明不能超过 60 字（现在 61 字）' },
      { field: 'photos[2].upload', message: '第 3 张照片未通过检查，请删除后换一张' },
    ]);
    expect(missingBeforeSubmit(content({ photos: [photos[0]] }), form, done, statuses)).toEqual([]);
  });

  it('counts the photos against the maximum', () => {
    const many = Array.from({ length: 10 }, (_, i) => ({ upload: String(i).repeat(32), caption: '' }));
    const statuses = Object.fromEntries(many.map((p) => [p.upload, { id: p.upload, caption: '', state: 'done' as const }]));
    expect(missingBeforeSubmit(content({ photos: many }), form, done, statuses)).toEqual([{ field: 'photos', message: '最多 9 张照片（现在 10 张）' }]);
  });
});

describe("the server's field errors", () => {
  it('go beside sections, themes, video and reason; the rest together', () => {
    const errors = fieldErrors([
      { field: 'sections.工作成效', message: 'a' },
      { field: 'themes[1]', message: 'b' },
      { field: 'themes', message: 'c' },
      { field: 'video', message: 'd' },
      { field: 'reason', message: 'e' },
      { field: 'photos[0].caption', message: 'f' },
      { field: 'updated_at', message: 'g' },
      { message: 'h' },
    ]);
    expect(errors).toEqual({ 'sections.工作成效': 'a', themes: 'b；c', video: 'd', reason: 'e', 'photos[0]': 'f', '': 'g；h' });
    expect(fieldErrors(undefined)).toEqual({});
  });
});

describe('the working copy', () => {
  it('has every configured section, in order, and copies the lists', () => {
    const original = { sections: { 工作成效: '成效' }, themes: ['乡村振兴'], video: '', photos: [] };
    const copy = editableContent({ content: original, form });
    expect(Object.keys(copy.sections)).toEqual(['工作思路举措', '工作成效']);
    expect(copy.sections.工作思路举措).toBe('');
    copy.themes.push('为民服务');
    expect(original.themes).toEqual(['乡村振兴']);
  });

  it('toggles themes in the campaign order, at most the maximum', () => {
    expect(toggleTheme([], '为民服务', form.themes, 3)).toEqual(['为民服务']);
    expect(toggleTheme(['为民服务'], '乡村振兴', form.themes, 3)).toEqual(['乡村振兴', '为民服务']);
    expect(toggleTheme(['乡村振兴', '为民服务', '共同富裕'], '党建引领基层治理', form.themes, 3)).toEqual(['乡村振兴', '为民服务', '共同富裕']);
    expect(toggleTheme(['乡村振兴', '为民服务'], '乡村振兴', form.themes, 3)).toEqual(['为民服务']);
  });
});

describe('who may change it now', () => {
  it('lets everyone edit in the edit phase, staff correct outside it, nobody while it waits', () => {
    expect(editAccess({ state: 'draft', in_edit_phase: true }, true)).toBe('open');
    expect(editAccess({ state: 'returned', in_edit_phase: false }, false)).toBe('correction');
    expect(editAccess({ state: 'approved', in_edit_phase: false }, true)).toBe('closed');
    expect(editAccess({ state: 'submitted', in_edit_phase: true }, false)).toBe('waiting');
  });
});

describe('the video', () => {
  it('says how its processing goes', () => {
    expect(videoStatusText(null)).toBe('尚未上传视频');
    expect(videoStatusText({ id: 'x', state: 'queued' })).toBe('已上传，正在排队等待处理');
    expect(videoStatusText({ id: 'x', state: 'running', progress: 42.7 })).toContain('42%');
    expect(videoStatusText({ id: 'x', state: 'failed', error: '文件不是视频' })).toBe('视频未通过检查：文件不是视频，请换一个视频重新上传');
  });

  it('is followed while queued or running, or uploaded and not yet queued', () => {
    expect(mediaPending({ id: 'x', state: 'queued' })).toBe(true);
    expect(mediaPending({ id: 'x', state: 'running' })).toBe(true);
    expect(mediaPending({ id: 'x', state: 'uploading', complete: true })).toBe(true);
    expect(mediaPending({ id: 'x', state: 'uploading', complete: false })).toBe(false);
    expect(mediaPending({ id: 'x', state: 'done' })).toBe(false);
    expect(mediaPending(null)).toBe(false);
  });

  it('gives its length and size', () => {
    const result = { duration_ms: 65_400, width: 1280, height: 720, bytes: 1, has_audio: true, video: '', poster: '' };
    expect(videoFacts({ ...done, result })).toBe('时长 1 分 05 秒 · 1280×720');
    expect(videoFacts({ ...done, result: { ...result, duration_ms: 4000 } })).toBe('时长 4 秒 · 1280×720');
    expect(videoFacts(null)).toBe('');
  });
});

describe('themes against the approved version', () => {
  it('marks added and removed themes', () => {
    expect(themeChanges(['乡村振兴', '为民服务'], ['为民服务', '共同富裕'])).toEqual([
      { theme: '为民服务', op: 'same' },
      { theme: '共同富裕', op: 'added' },
      { theme: '乡村振兴', op: 'removed' },
    ]);
    expect(themeChanges(null, ['乡村振兴'])).toEqual([{ theme: '乡村振兴', op: 'same' }]);
  });
});

describe('the headline of a refusal', () => {
  it('counts the details itself', () => {
    const two = [{ field: 'themes', message: 'a' }, { field: 'video', message: 'b' }];
    expect(refusalHeadline('showcase_incomplete', '还不能提交审核：有 2 项没有完成', two)).toBe('还不能提交审核：有 2 项没有完成，请按提示补充');
    expect(refusalHeadline('invalid', '展示材料有 2 处需要修改', two)).toBe('展示材料有 2 处需要修改');
    expect(refusalHeadline('conflict', '已被他人修改，请刷新后再改', [])).toBe('已被他人修改，请刷新后再改');
  });
});
