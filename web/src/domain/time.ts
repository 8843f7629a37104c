// Instants arrive as ISO 8601 UTC strings; people read them in the campaign's time zone
// (Asia/Shanghai). An end instant is exclusive: a phase that ends at 00:00 on 6月1日 lasts
// through 5月31日, so an end is shown as the last moment before it.

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function parseInstant(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function toLocalTime(instant: Date, timeZone = DEFAULT_TIME_ZONE): LocalTime {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour % 24,
    minute: parts.minute,
  };
}

function twoDigits(n: number): string {
  return String(n).padStart(2, '0');
}

function chineseDate(t: LocalTime, withYear: boolean): string {
  return `${withYear ? `${t.year}年` : ''}${t.month}月${t.day}日`;
}

function clock(t: LocalTime): string {
  return `${t.hour}:${twoDigits(t.minute)}`;
}

function sameDay(a: LocalTime, b: LocalTime): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day;
}

/** "2026年11月9日" (or "11月9日" without the year); "" for a missing or bad time. */
export function formatDate(iso: string | null | undefined, timeZone = DEFAULT_TIME_ZONE, withYear = true): string {
  const instant = parseInstant(iso);
  return instant ? chineseDate(toLocalTime(instant, timeZone), withYear) : '';
}

/** "2026-11-09"; "" for a missing or bad time. */
export function formatIsoDate(iso: string | null | undefined, timeZone = DEFAULT_TIME_ZONE): string {
  const instant = parseInstant(iso);
  if (!instant) return '';
  const t = toLocalTime(instant, timeZone);
  return `${t.year}-${twoDigits(t.month)}-${twoDigits(t.day)}`;
}

/** "2026年11月9日 14:30" */
export function formatDateTime(iso: string | null | undefined, timeZone = DEFAULT_TIME_ZONE): string {
  const instant = parseInstant(iso);
  if (!instant) return '';
  const t = toLocalTime(instant, timeZone);
  return `${chineseDate(t, true)} ${clock(t)}`;
}

/**
 * The days a phase runs, e.g. "2022年4月21日 至 5月31日". The year is shown on the start
 * when `withYear`, and on both ends whenever they fall in different years. A clock time is
 * added only where a phase does not start or end on a day boundary.
 */
export function formatPeriod(
  startIso: string | null | undefined,
  endIso: string | null | undefined,
  timeZone = DEFAULT_TIME_ZONE,
  withYear = true,
): string {
  const start = parseInstant(startIso);
  const end = parseInstant(endIso);
  if (!start && !end) return '';
  if (!end) return `${formatDate(startIso, timeZone, withYear)} 起`;
  const lastMoment = toLocalTime(new Date(end.getTime() - 1), timeZone);
  const endsOnDayBoundary = lastMoment.hour === 23 && lastMoment.minute === 59;
  const endText = (showYear: boolean) =>
    chineseDate(lastMoment, showYear) + (endsOnDayBoundary ? '' : ` ${clock(toLocalTime(end, timeZone))}`);
  if (!start) return `${endText(withYear)} 止`;

  const first = toLocalTime(start, timeZone);
  const startsOnDayBoundary = first.hour === 0 && first.minute === 0;
  const crossesYear = first.year !== lastMoment.year;
  const startText = chineseDate(first, withYear || crossesYear) + (startsOnDayBoundary ? '' : ` ${clock(first)}`);
  if (sameDay(first, lastMoment) && startsOnDayBoundary && endsOnDayBoundary) return startText;
  return `${startText} 至 ${endText(crossesYear)}`;
}

/** Whether two instants fall in the same calendar year where the campaign is (false if either is missing). */
export function sameLocalYear(aIso: string | null | undefined, bIso: string | null | undefined, timeZone = DEFAULT_TIME_ZONE): boolean {
  const a = parseInstant(aIso);
  const b = parseInstant(bIso);
  return !!a && !!b && toLocalTime(a, timeZone).year === toLocalTime(b, timeZone).year;
}
