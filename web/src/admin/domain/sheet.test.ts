import { describe, expect, it } from 'vitest';
import { cellToString, dateToString, numberToString, pickSheet, sheetToRows } from './sheet';

describe('cellToString', () => {
  it('writes whole numbers without a decimal point', () => {
    expect(cellToString(97)).toBe('97');
    expect(cellToString(0)).toBe('0');
    expect(cellToString(-0)).toBe('0');
    expect(cellToString(150303004001)).toBe('150303004001');
  });

  it('hides binary noise in fractions', () => {
    expect(cellToString(0.1 + 0.2)).toBe('0.3');
    expect(cellToString(0.6)).toBe('0.6');
    expect(numberToString(1 / 3)).toBe('0.333333333333333');
    expect(numberToString(1e-7)).toBe('0.0000001');
    expect(numberToString(Number.NaN)).toBe('');
  });

  it('turns empty cells into ""', () => {
    expect(cellToString(null)).toBe('');
    expect(cellToString(undefined)).toBe('');
    expect(cellToString('   ')).toBe('');
  });

  it('trims text and keeps its line breaks as \\n', () => {
    expect(cellToString('  钟庆梅 ')).toBe('钟庆梅');
    expect(cellToString('第一行\r\n第二行')).toBe('第一行\n第二行');
  });

  it('writes dates as the day typed, with a time only when there is one', () => {
    expect(cellToString(new Date(Date.UTC(2022, 3, 21)))).toBe('2022-04-21');
    expect(dateToString(new Date(Date.UTC(2022, 3, 21, 14, 30)))).toBe('2022-04-21 14:30');
    expect(dateToString(new Date(Date.UTC(2022, 3, 21, 14, 30, 5)))).toBe('2022-04-21 14:30:05');
    expect(dateToString(new Date(Number.NaN))).toBe('');
  });

  it('writes booleans as Excel shows them', () => {
    expect(cellToString(true)).toBe('TRUE');
    expect(cellToString(false)).toBe('FALSE');
  });
});

describe('sheetToRows', () => {
  const header = ['编号', '姓名', '性别', '职务', '单位代码', '单位', '上级单位', '所属区', '组别'];

  it('makes every row a list of strings as wide as the header', () => {
    const rows = sheetToRows([header, [97, '钟庆梅', '男', '社区党组织书记', 150303004001, '新桥社区', null, null, null]]);
    expect(rows).toEqual([header, ['97', '钟庆梅', '男', '社区党组织书记', '150303004001', '新桥社区', '', '', '']]);
  });

  it('pads short rows and keeps blank rows in the middle so lines stay aligned', () => {
    const rows = sheetToRows([['a', 'b', 'c'], [1], null, [null, null], [2, 'x']]);
    expect(rows).toEqual([
      ['a', 'b', 'c'],
      ['1', '', ''],
      ['', '', ''],
      ['', '', ''],
      ['2', 'x', ''],
    ]);
  });

  it('drops blank rows and empty columns at the end', () => {
    const rows = sheetToRows([['a', 'b', null, null], ['1', '2', '', null], [null, '  '], []]);
    expect(rows).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('keeps a row wider than the header (the server reports it)', () => {
    expect(sheetToRows([['a'], ['1', 'extra']])).toEqual([
      ['a', ''],
      ['1', 'extra'],
    ]);
  });

  it('returns nothing for an empty sheet', () => {
    expect(sheetToRows([])).toEqual([]);
    expect(sheetToRows([[null], ['']])).toEqual([]);
  });
});

describe('pickSheet', () => {
  it('takes the sheet named like the template, else the first', () => {
    expect(pickSheet([{ sheet: '说明' }, { sheet: '名单' }], '名单')?.sheet).toBe('名单');
    expect(pickSheet([{ sheet: 'Sheet1' }, { sheet: 'Sheet2' }], '名单')?.sheet).toBe('Sheet1');
    expect(pickSheet([], '名单')).toBeUndefined();
  });

  it('looks for the name it is given, ignoring spaces around sheet names', () => {
    const sheets = [{ sheet: '说明' }, { sheet: '名单' }, { sheet: ' 组织单位 ' }];
    expect(pickSheet(sheets, '组织单位')?.sheet).toBe(' 组织单位 ');
    expect(pickSheet(sheets, '名单')?.sheet).toBe('名单');
    expect(pickSheet([{ sheet: '说明' }, { sheet: '名单' }], '组织单位')?.sheet).toBe('说明');
  });
});
