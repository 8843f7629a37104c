// The Excel imports of the console (参评书记名单, 组织单位): what each expects and how the dialog
// talks about it. SheetImportDialog does the same steps for both: read the .xlsx in the
// browser, check it on the server (dry_run), mark the bad rows, import when nothing is wrong.
import type { ImportResult } from '../api/types';

/** POST …/import: rows[0] is the header; a dry run checks without writing. */
export type ImportRowsFn = (campaignId: number, rows: string[][], dryRun: boolean, reason?: string) => Promise<ImportResult>;

export interface ImportSpec {
  /** The dialog's title. */
  title: string;
  /** The template's data sheet; a file without it is read from its first sheet. */
  sheet: string;
  /** The template's header row (row 1). */
  columns: readonly string[];
  /** What is counted: 新增 3「人」. */
  counter: string;
  /** One data row in the hint: 从第 2 行起每行「一人」. */
  eachRow: string;
  /** One data row when the sheet is empty: 从第 2 行起每行「一位参评书记」. */
  dataRow: string;
  /** How rows are matched and what else to know, as whole sentences. */
  rules: string;
  /** The reason field's placeholder (correction phases). */
  reasonPlaceholder: string;
}

export const ROSTER_IMPORT: ImportSpec = {
  title: '导入参评书记名单',
  sheet: '名单',
  columns: ['编号', '姓名', '性别', '职务', '单位代码', '单位', '上级单位', '所属区', '组别'],
  counter: '人',
  eachRow: '一人',
  dataRow: '一位参评书记',
  rules: '按编号新增或更新（旧表格的“序号”列同样可用）。',
  reasonPlaceholder: '至少 4 个字，例如：按区委组织部通知补充名单',
};

export const ORG_UNIT_IMPORT: ImportSpec = {
  title: '导入组织单位',
  sheet: '组织单位',
  columns: ['单位代码', '单位名称', '层级', '上级单位代码', '上级单位', '所属区'],
  counter: '个单位',
  eachRow: '一个单位',
  dataRow: '一个组织单位',
  rules:
    '按单位代码新增或更新：已有的代码更新单位名称，新的代码在“上级单位代码”下新增单位。层级填 镇、街道、村 或 社区；上级单位、所属区可不填，填了则用于核对。',
  reasonPlaceholder: '至少 4 个字，例如：按区委组织部通知调整组织单位',
};

function count(spec: ImportSpec, n: number): string {
  return `${n} ${spec.counter}`;
}

/** The hint under the drop area. */
export function importHint(spec: ImportSpec): string {
  return `请使用“下载模板”得到的表格：第 1 行为表头（${spec.columns.join(' ')}），从第 2 行起每行${spec.eachRow}；${spec.rules}表格在本机读取，确认前不会导入任何数据。`;
}

/** A sheet with a header and nothing else. */
export function emptySheetMessage(spec: ImportSpec): string {
  return `表格中没有数据：第 1 行应为表头，从第 2 行起每行${spec.dataRow}`;
}

/** After a clean dry run. */
export function checkedSummary(spec: ImportSpec, r: ImportResult): string {
  return `校验通过：将新增 ${count(spec, r.inserts)}，更新 ${count(spec, r.updates)}，${count(spec, r.unchanged)}未变。`;
}

/** After the import: "导入成功：新增 …，更新 …，未变 …" (the toast; the dialog adds "。"). */
export function importedSummary(spec: ImportSpec, r: ImportResult): string {
  return `导入成功：新增 ${count(spec, r.inserts)}，更新 ${count(spec, r.updates)}，未变 ${count(spec, r.unchanged)}`;
}
