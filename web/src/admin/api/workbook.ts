// An .xlsx made in the page from rows it already holds (the codes of a batch), for lists the
// server has no export of. write-excel-file is loaded only when a workbook is made.
import { saveBlob } from './http';

/** Writes `rows` (row 1 = the header, in bold, kept in view) as one sheet and saves the file. */
export async function saveWorkbook(
  filename: string,
  sheet: string,
  rows: readonly (readonly string[])[],
  widths: readonly number[] = [],
): Promise<{ filename: string; size: number }> {
  const { default: writeExcelFile } = await import('write-excel-file/browser');
  const data = rows.map((row, i) => row.map((value) => (i === 0 ? { value, fontWeight: 'bold' as const } : value)));
  const blob = await writeExcelFile(data, {
    sheet,
    columns: widths.map((width) => ({ width })),
    stickyRowsCount: 1,
  }).toBlob();
  return saveBlob(blob, filename);
}
