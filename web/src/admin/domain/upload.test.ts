import { describe, expect, it } from 'vitest';
import { formatBytes } from './format';
import { chunkSizeFor, formatSpeed, formatTimeLeft, isFileRefusal, isUploadFor, SpeedMeter, uploadFingerprint, uploadIdOf, uploadPercent } from './upload';

const MB = 1024 * 1024;

describe('upload progress', () => {
  it('gives the percent with one decimal and 100 only when everything is sent', () => {
    expect(uploadPercent(0, 0)).toBe(0);
    expect(uploadPercent(1, 3)).toBe(33.3);
    expect(uploadPercent(999_999, 1_000_000)).toBe(99.9);
    expect(uploadPercent(1_000_000, 1_000_000)).toBe(100);
  });

  it('formats sizes, speeds and the time left', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(5 * MB)).toBe('5.0 MB');
    expect(formatBytes(2 * 1024 * MB)).toBe('2.00 GB');
    expect(formatSpeed(1.5 * MB)).toBe('1.5 MB/s');
    expect(formatSpeed(null)).toBe('');
    expect(formatSpeed(0)).toBe('');
    expect(formatTimeLeft(10 * MB, MB)).toBe('约 10 秒');
    expect(formatTimeLeft(200 * MB, MB)).toBe('约 3 分 20 秒');
    expect(formatTimeLeft(2 * 3600 * MB + 5 * 60 * MB, MB)).toBe('约 2 小时 5 分');
    expect(formatTimeLeft(MB, null)).toBe('');
  });

  it('measures the speed over the last reports and starts again after a rewind', () => {
    const meter = new SpeedMeter(5000);
    meter.add(0, 0);
    expect(meter.rate()).toBeNull();
    meter.add(1000, MB);
    expect(meter.rate()).toBe(MB);
    meter.add(2000, 3 * MB);
    expect(meter.rate()).toBe(1.5 * MB);
    meter.add(9000, 10 * MB); // the first samples fall out of the window
    expect(meter.rate()).toBe(MB);
    meter.add(9500, 2 * MB); // sent again from an earlier offset
    expect(meter.rate()).toBeNull();
  });
});

describe('upload pieces', () => {
  it('are a fiftieth of the file, between 1 MB and 16 MB, in whole MB', () => {
    expect(chunkSizeFor(3 * MB)).toBe(MB);
    expect(chunkSizeFor(200 * MB)).toBe(4 * MB);
    expect(chunkSizeFor(2048 * MB)).toBe(16 * MB);
  });
});

describe('finding an upload again', () => {
  it('fingerprints the file together with the candidate', () => {
    const file = { name: '宣讲.mp4', size: 10, lastModified: 5 };
    expect(uploadFingerprint('video', 1, 97, file)).toBe('shuangshai-video-1-97-宣讲.mp4-10-5');
    expect(uploadFingerprint('photo', 1, 97, file)).toBe('shuangshai-photo-1-97-宣讲.mp4-10-5');
    expect(uploadFingerprint('video', 1, 97, file)).not.toBe(uploadFingerprint('video', 1, 1, file));
  });

  it("keeps to this candidate's videos", () => {
    expect(isUploadFor({ kind: 'video', campaign: '1', candidate: '97' }, 'video', 1, 97)).toBe(true);
    expect(isUploadFor({ kind: 'photo', campaign: '1', candidate: '97' }, 'photo', 1, 97)).toBe(true);
    expect(isUploadFor({ kind: 'video', campaign: '1', candidate: '1' }, 'video', 1, 97)).toBe(false);
    expect(isUploadFor({ kind: 'photo', campaign: '1', candidate: '97' }, 'video', 1, 97)).toBe(false);
    expect(isUploadFor(undefined, 'video', 1, 97)).toBe(false);
  });

  it('reads the id from the upload address', () => {
    const id = '0123456789abcdef0123456789abcdef';
    expect(uploadIdOf(`http://x/api/v1/uploads/${id}`)).toBe(id);
    expect(uploadIdOf(`/api/v1/uploads/${id}?a=1`)).toBe(id);
    expect(uploadIdOf('/api/v1/uploads/nope')).toBe('');
    expect(uploadIdOf(null)).toBe('');
  });

  it('gives up on refusals of the file itself, retries the rest', () => {
    expect(isFileRefusal(415)).toBe(true);
    expect(isFileRefusal(413)).toBe(true);
    expect(isFileRefusal(409)).toBe(false);
    expect(isFileRefusal(0)).toBe(false);
  });
});
