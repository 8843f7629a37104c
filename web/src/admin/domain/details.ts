// Where the server's 422 `details` are shown: next to the form field they name, on the
// spreadsheet row they name, or — when the page has no such field — in an alert.
import type { FieldDetail } from '../api/types';

export function detailText(d: FieldDetail): string {
  return d.field ? `${d.field}：${d.message}` : d.message;
}

export interface FieldErrors {
  /** field path → message(s), joined with "；". */
  byField: Record<string, string>;
  /** Messages about fields the page does not show, as "field：message". */
  other: string[];
}

export function splitDetails(details: readonly FieldDetail[], isShown: (field: string) => boolean): FieldErrors {
  const byField: Record<string, string> = {};
  const other: string[] = [];
  for (const d of details) {
    if (d.field && isShown(d.field)) {
      byField[d.field] = byField[d.field] ? `${byField[d.field]}；${d.message}` : d.message;
    } else {
      other.push(detailText(d));
    }
  }
  return { byField, other };
}

/** splitDetails for a flat form whose fields are a fixed list of names. */
export function formErrors(details: readonly FieldDetail[], fields: readonly string[]): FieldErrors {
  const names = new Set(fields);
  return splitDetails(details, (f) => names.has(f));
}

export interface PreviewRow {
  /** The spreadsheet row number (header = 1). */
  line: number;
  cells: string[];
  messages: string[];
  /** Column indexes the problems point at. */
  badColumns: number[];
}

export interface ImportPreview {
  header: string[];
  rows: PreviewRow[];
  headerErrors: string[];
  /** Problems with no row (e.g. the reason) and rows beyond the sheet. */
  otherErrors: FieldDetail[];
  badLines: number[];
}

/**
 * The preview table of an import: every data row with its spreadsheet line, the server's
 * messages for that line, and which cells they name (`field` = the column's header).
 */
export function buildImportPreview(rows: readonly string[][], details: readonly FieldDetail[] = []): ImportPreview {
  const header = rows[0] ? [...rows[0]] : [];
  const columnOf = (field: string | undefined) => (field ? header.findIndex((h) => h.trim() === field.trim()) : -1);
  const byLine = new Map<number, FieldDetail[]>();
  const headerErrors: string[] = [];
  const otherErrors: FieldDetail[] = [];
  for (const d of details) {
    if (d.line === 1) headerErrors.push(detailText(d));
    else if (d.line && d.line >= 2 && d.line <= rows.length) {
      const list = byLine.get(d.line) ?? [];
      list.push(d);
      byLine.set(d.line, list);
    } else otherErrors.push(d);
  }
  const preview: PreviewRow[] = rows.slice(1).map((cells, i) => {
    const line = i + 2;
    const problems = byLine.get(line) ?? [];
    const badColumns = [...new Set(problems.map((d) => columnOf(d.field)).filter((c) => c >= 0))];
    return { line, cells: [...cells], messages: problems.map(detailText), badColumns };
  });
  return {
    header,
    rows: preview,
    headerErrors,
    otherErrors,
    badLines: [...byLine.keys()].sort((a, b) => a - b),
  };
}
