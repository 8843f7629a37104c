import { describe, expect, it } from 'vitest';
import type { ShowcasePhoto } from '../api/showcase';
import {
  captionCount,
  captionProblem,
  movePhoto,
  photoChanges,
  photoChangeSummary,
  photoErrors,
  photoFileProblem,
  photoOrderChanged,
  photosById,
  photoStatusText,
  removePhoto,
  takePhotos,
} from './photos';

const MB = 1024 * 1024;
const file = (name: string, size = MB) => ({ name, size });
const id = (c: string) => c.repeat(32);

describe('choosing photos', () => {
  it('takes JPG, PNG and WebP up to 20 MB', () => {
    expect(photoFileProblem(file('a.JPG'))).toBeNull();
    expect(photoFileProblem(file('a.jpeg'))).toBeNull();
    expect(photoFileProblem(file('活动.png'))).toBeNull();
    expect(photoFileProblem(file('b.webp', 20 * MB))).toBeNull();
    expect(photoFileProblem(file('b.webp', 20 * MB + 1))).toContain('超过 20 MB');
    expect(photoFileProblem(file('c.heic'))).toContain('不是图片文件');
    expect(photoFileProblem(file('noext'))).toContain('不是图片文件');
    expect(photoFileProblem(file('e.jpg', 0))).toContain('空文件');
  });

  it('keeps to the nine, saying what was left out', () => {
    const files = [file('1.jpg'), file('x.pdf'), file('2.jpg'), file('3.png')];
    const some = takePhotos(files, 7, 9);
    expect(some.taken.map((f) => f.name)).toEqual(['1.jpg', '2.jpg']);
    expect(some.messages).toHaveLength(2);
    expect(some.messages[0]).toContain('x.pdf');
    expect(some.messages[1]).toBe('最多 9 张照片，只能再加 2 张：已上传前 2 张，其余 1 张未上传');
    expect(takePhotos(files, 9, 9).taken).toEqual([]);
    expect(takePhotos([file('1.jpg')], 9, 9).messages).toEqual(['最多 9 张照片，已经满了；请先删除不要的照片']);
    expect(takePhotos([file('1.jpg'), file('2.jpg')], 0, 9)).toEqual({ taken: [file('1.jpg'), file('2.jpg')], messages: [] });
  });
});

describe('editing the list', () => {
  const list = ['a', 'b', 'c'];

  it('moves a photo within the list', () => {
    expect(movePhoto(list, 2, -1)).toEqual(['a', 'c', 'b']);
    expect(movePhoto(list, 0, 1)).toEqual(['b', 'a', 'c']);
    expect(movePhoto(list, 0, -1)).toEqual(list);
    expect(movePhoto(list, 2, 1)).toEqual(list);
    expect(movePhoto(list, 5, -1)).toEqual(list);
    expect(list).toEqual(['a', 'b', 'c']);
  });

  it('removes one', () => {
    expect(removePhoto(list, 1)).toEqual(['a', 'c']);
    expect(removePhoto(list, 3)).toEqual(list);
  });

  it('counts a caption as the server does', () => {
    expect(captionCount('村民议事会', 60)).toBe('5 / 60 字');
    expect(captionCount('𠀀', 60)).toBe('1 / 60 字');
    expect(captionProblem('字'.repeat(60), 60)).toBeNull();
    expect(captionProblem('字'.repeat(61), 60)).toBe('说明不能超过 60 字（现在 61 字）');
  });
});

describe("the server's messages about photos", () => {
  it('stay with the photo they were about', () => {
    const sent = [
      { upload: id('a'), caption: '' },
      { upload: id('b'), caption: '长' },
    ];
    const errors = photoErrors(
      [
        { field: 'photos[1].upload', message: '照片还在处理中' },
        { field: 'photos[1].caption', message: '太长' },
        { field: 'photos[5].upload', message: '不在列表中' },
        { field: 'photos', message: '最多 9 张' },
        { field: 'video', message: '视频' },
      ],
      sent,
    );
    expect(errors).toEqual({ [id('b')]: '照片还在处理中；太长' });
    expect(photoErrors(undefined, sent)).toEqual({});
  });
});

describe('a photo in words', () => {
  it('says how its processing goes', () => {
    expect(photoStatusText({ state: 'uploading', complete: false })).toBe('照片尚未上传完成');
    expect(photoStatusText({ state: 'uploading', complete: true })).toContain('排队');
    expect(photoStatusText({ state: 'queued' })).toContain('排队');
    expect(photoStatusText({ state: 'running' })).toContain('去除位置');
    expect(photoStatusText({ state: 'failed', error: '文件已损坏' })).toBe('照片未通过检查：文件已损坏，请删除后换一张');
    expect(photoStatusText({ state: 'failed' })).toContain('处理失败');
    expect(photoStatusText({ state: 'done' })).toBe('');
    expect(photoStatusText(undefined)).toContain('读取');
  });

  it('indexes statuses by upload', () => {
    const p: ShowcasePhoto = { id: id('a'), caption: 'x', state: 'done' };
    expect(photosById([p])).toEqual({ [id('a')]: p });
    expect(photosById(undefined)).toEqual({});
  });
});

describe('photos against the approved version', () => {
  const approved = [
    { upload: id('a'), caption: '议事会' },
    { upload: id('b'), caption: '走访' },
    { upload: id('c'), caption: '' },
  ];

  it('marks the added, the removed and the changed captions by upload', () => {
    const now = [
      { upload: id('c'), caption: '' },
      { upload: id('d'), caption: '新照片' },
      { upload: id('a'), caption: '村民议事会' },
    ];
    const changes = photoChanges(approved, now);
    expect(changes).toEqual([
      { upload: id('c'), caption: '', op: 'same' },
      { upload: id('d'), caption: '新照片', op: 'added' },
      { upload: id('a'), caption: '村民议事会', op: 'caption', before: '议事会' },
      { upload: id('b'), caption: '走访', op: 'removed' },
    ]);
    expect(photoOrderChanged(approved, now)).toBe(true);
    expect(photoChangeSummary(changes, true)).toBe('新增 1 张、删除 1 张、1 张说明有修改、顺序有调整');
  });

  it('with nothing approved, every photo is as it is', () => {
    expect(photoChanges(null, approved).map((c) => c.op)).toEqual(['same', 'same', 'same']);
    expect(photoOrderChanged(null, approved)).toBe(false);
  });

  it('an unchanged list is said so; removing one is no reordering', () => {
    expect(photoChangeSummary(photoChanges(approved, approved), photoOrderChanged(approved, approved))).toBe('照片未修改');
    const fewer = [approved[0], approved[2]];
    expect(photoOrderChanged(approved, fewer)).toBe(false);
    expect(photoChangeSummary(photoChanges(approved, fewer))).toBe('删除 1 张');
  });
});
