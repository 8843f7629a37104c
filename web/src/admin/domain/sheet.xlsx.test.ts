// The same path as the import dialog, end to end: an .xlsx with numbers, dates, blanks and a
// second sheet, read by read-excel-file and turned into rows of strings.
import { describe, expect, it } from 'vitest';
import readXlsxFile from 'read-excel-file/node';
import writeExcelFile from 'write-excel-file/node';
import { ORG_UNIT_IMPORT, ROSTER_IMPORT } from './imports';
import { pickSheet, sheetToRows } from './sheet';

describe('a real .xlsx file', () => {
  it('becomes the rows of strings the server takes', async () => {
    const header = [...ROSTER_IMPORT.columns];
    const buffer = await writeExcelFile([
      {
        sheet: '名单',
        data: [
          header,
          [97, '钟庆梅', '男', '社区党组织书记', 150303004001, '新桥社区', '拉僧仲街道', '海南区', '村(社区)党组织书记组'],
          [],
          [98, ' 王芳 ', '女', null, '150303001001', null, null, null, null],
          [{ value: new Date(Date.UTC(2022, 3, 21)), type: Date, format: 'yyyy-mm-dd' }, 0.1 + 0.2, true],
        ],
      },
      { sheet: '说明', data: [['说明'], ['第 1 行为表头']] },
    ]).toBuffer();

    const sheets = await readXlsxFile(buffer);
    const sheet = pickSheet(sheets, ROSTER_IMPORT.sheet);
    expect(sheet?.sheet).toBe('名单');
    const rows = sheetToRows(sheet!.data as unknown[][]);
    expect(rows[0]).toEqual(header);
    expect(rows[1]).toEqual(['97', '钟庆梅', '男', '社区党组织书记', '150303004001', '新桥社区', '拉僧仲街道', '海南区', '村(社区)党组织书记组']);
    expect(rows[2]).toEqual(['', '', '', '', '', '', '', '', '']);
    expect(rows[3]).toEqual(['98', '王芳', '女', '', '150303001001', '', '', '', '']);
    expect(rows[4]).toEqual(['2022-04-21', '0.3', 'TRUE', '', '', '', '', '', '']);
    expect(rows).toHaveLength(5);
  });

  it('reads an org unit sheet after its 说明 sheet, with codes typed as numbers', async () => {
    const header = [...ORG_UNIT_IMPORT.columns];
    const buffer = await writeExcelFile([
      { sheet: '说明', data: [['说明'], ['第 1 行为表头']] },
      {
        sheet: '组织单位',
        data: [
          header,
          [150303004099, '新建社区', '社区', 150303004, '拉僧仲街道', '海南区'],
          ['150303004001', ' 新桥社区 ', 'community', '150303004', null, null],
        ],
      },
    ]).toBuffer();

    const sheets = await readXlsxFile(buffer);
    const sheet = pickSheet(sheets, ORG_UNIT_IMPORT.sheet);
    expect(sheet?.sheet).toBe('组织单位');
    expect(sheetToRows(sheet!.data as unknown[][])).toEqual([
      header,
      ['150303004099', '新建社区', '社区', '150303004', '拉僧仲街道', '海南区'],
      ['150303004001', '新桥社区', 'community', '150303004', '', ''],
    ]);
  });
});
