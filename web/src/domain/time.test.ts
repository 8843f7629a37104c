import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatIsoDate, formatPeriod, sameLocalYear, toLocalTime } from './time';

describe('times shown in Asia/Shanghai', () => {
  it('moves a UTC evening to the next Shanghai day', () => {
    expect(formatDate('2026-11-08T16:00:00Z')).toBe('2026年11月9日');
    expect(formatDate('2026-11-08T16:00:00Z', 'Asia/Shanghai', false)).toBe('11月9日');
    expect(formatIsoDate('2026-11-08T16:00:00Z')).toBe('2026-11-09');
  });

  it('keeps a UTC morning on the same day', () => {
    expect(formatIsoDate('2026-11-08T15:59:59Z')).toBe('2026-11-08');
    expect(formatDateTime('2026-11-08T01:05:00Z')).toBe('2026年11月8日 9:05');
  });

  it('crosses a year boundary', () => {
    expect(toLocalTime(new Date('2026-12-31T16:00:00Z'))).toEqual({ year: 2027, month: 1, day: 1, hour: 0, minute: 0 });
  });

  it('returns an empty string for a missing or bad time', () => {
    expect(formatDate(undefined)).toBe('');
    expect(formatDate('not a date')).toBe('');
    expect(formatPeriod(null, null)).toBe('');
  });
});

describe('formatPeriod', () => {
  it('shows an exclusive midnight end as the day before', () => {
    // 4月21日 00:00 to 6月1日 00:00 Shanghai time
    expect(formatPeriod('2022-04-20T16:00:00Z', '2022-05-31T16:00:00Z')).toBe('2022年4月21日 至 5月31日');
  });

  it('treats an end at 23:59:59 as the end of that day', () => {
    expect(formatPeriod('2022-04-20T16:00:00Z', '2022-05-31T15:59:59Z', 'Asia/Shanghai', false)).toBe(
      '4月21日 至 5月31日',
    );
  });

  it('shows one date for a one-day phase', () => {
    expect(formatPeriod('2022-06-27T16:00:00Z', '2022-06-28T16:00:00Z')).toBe('2022年6月28日');
  });

  it('shows both years when a phase crosses the new year', () => {
    expect(formatPeriod('2026-12-19T16:00:00Z', '2027-01-05T16:00:00Z', 'Asia/Shanghai', false)).toBe(
      '2026年12月20日 至 2027年1月5日',
    );
  });

  it('adds clock times when a phase does not run whole days', () => {
    expect(formatPeriod('2022-04-21T01:00:00Z', '2022-04-22T10:00:00Z', 'Asia/Shanghai', false)).toBe(
      '4月21日 9:00 至 4月22日 18:00',
    );
  });

  it('handles an open end', () => {
    expect(formatPeriod('2022-04-20T16:00:00Z', '')).toBe('2022年4月21日 起');
  });
});

describe('sameLocalYear', () => {
  it('compares years in the campaign time zone', () => {
    // 2025-12-31T16:30Z is already 2026 in Beijing.
    expect(sameLocalYear('2025-12-31T16:30:00Z', '2026-06-01T00:00:00Z')).toBe(true);
    expect(sameLocalYear('2022-04-20T16:00:00Z', '2026-11-13T16:00:00Z')).toBe(false);
    expect(sameLocalYear(undefined, '2026-11-13T16:00:00Z')).toBe(false);
  });
});
