// A spreadsheet read in the browser (read-excel-file gives strings, numbers, booleans, Dates
// and nulls) turned into the rows of strings that POST /roster/import and /org-units/import
// take. Row i of the result is spreadsheet row i + 1, so the server's line numbers point at the
// right rows: blank rows in the middle are kept, blank rows at the end are dropped.

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** A number as people typed it: 97 → "97", 150303004001 → "150303004001", 0.1 + 0.2 → "0.3". */
export function numberToString(n: number): string {
  if (!Number.isFinite(n)) return '';
  if (Object.is(n, -0)) return '0';
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  // Strip binary noise (0.30000000000000004) the way Excel shows 15 significant digits.
  const tidy = Number(n.toPrecision(15));
  let text = String(tidy);
  if (/e/i.test(text) && Math.abs(tidy) >= 1e-7 && Math.abs(tidy) < 1e21) {
    text = tidy.toFixed(20).replace(/\.?0+$/, '');
  }
  return text;
}

/**
 * A date cell. Excel dates carry no time zone; the reader returns them as UTC instants, so the
 * UTC fields are the date as typed: "2022-04-21", or "2022-04-21 14:30" with a time of day.
 */
export function dateToString(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const date = `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
  const h = d.getUTCHours();
  const m = d.getUTCMinutes();
  const s = d.getUTCSeconds();
  if (h === 0 && m === 0 && s === 0) return date;
  return `${date} ${pad2(h)}:${pad2(m)}${s ? `:${pad2(s)}` : ''}`;
}

export function cellToString(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.replace(/\r\n?/g, '\n').trim();
  if (typeof value === 'number') return numberToString(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateToString(value);
  if (typeof value === 'bigint') return value.toString();
  return String(value).trim();
}

export function isBlankRow(row: readonly string[]): boolean {
  return row.every((cell) => cell === '');
}

/**
 * Every row as strings, each as wide as the widest of the header and the row's last
 * non-empty cell (shorter rows are padded with ""), without trailing blank rows.
 */
export function sheetToRows(data: readonly (readonly unknown[] | null | undefined)[]): string[][] {
  const rows = data.map((row) => (row ?? []).map(cellToString));
  while (rows.length && isBlankRow(rows[rows.length - 1])) rows.pop();
  const used = (row: string[]) => {
    let n = row.length;
    while (n > 0 && row[n - 1] === '') n -= 1;
    return n;
  };
  const width = rows.reduce((w, row) => Math.max(w, used(row)), 0);
  return rows.map((row) => {
    const out = row.slice(0, width);
    while (out.length < width) out.push('');
    return out;
  });
}

/** The sheet to import: the one named like the template's (名单, 组织单位), else the first. */
export function pickSheet<T extends { sheet: string }>(sheets: readonly T[], name: string): T | undefined {
  const wanted = name.trim();
  return sheets.find((s) => s.sheet.trim() === wanted) ?? sheets[0];
}
