// Small display helpers for the console.
import { DEFAULT_TIME_ZONE } from '../../domain/time';
import { localDateToIso } from './settings';

export { DEFAULT_TIME_ZONE };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * "2026-11-20 14:30:05" in Beijing time (whatever the computer's zone); "" when missing. Takes an
 * ISO 8601 string or Unix milliseconds.
 */
export function formatStamp(iso: string | number | null | undefined, timeZone = DEFAULT_TIME_ZONE): string {
  if (iso === null || iso === undefined || iso === '') return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(d)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)} ${pad2(p.hour % 24)}:${pad2(p.minute)}:${pad2(p.second)}`;
}

export function localDateToIsoSafe(date: string, timeZone: string, endOfDay: boolean): string | undefined {
  return localDateToIso(date, timeZone, endOfDay) || undefined;
}

/** "1.2 MB" */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 / 1024 / 1024).toFixed(2)} GB`;
}
