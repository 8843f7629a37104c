import { describe, expect, it } from 'vitest';
import { buildImportPreview, formErrors, splitDetails } from './details';

describe('splitDetails / formErrors', () => {
  it('puts messages next to the fields the form shows and the rest in a list', () => {
    const split = formErrors(
      [
        { field: 'title', message: '职务不能为空' },
        { field: 'reason', message: '更正原因至少 4 个字' },
        { field: 'title', message: '不超过 100 字' },
        { field: 'campaign', message: '活动已归档' },
        { message: '保存失败' },
      ],
      ['no', 'name', 'title', 'reason'],
    );
    expect(split.byField).toEqual({ title: '职务不能为空；不超过 100 字', reason: '更正原因至少 4 个字' });
    expect(split.other).toEqual(['campaign：活动已归档', '保存失败']);
  });

  it('accepts a predicate', () => {
    const split = splitDetails([{ field: 'rubric[2].max', message: 'x' }], (f) => f.startsWith('rubric'));
    expect(split.byField).toEqual({ 'rubric[2].max': 'x' });
  });
});

describe('buildImportPreview', () => {
  const rows = [
    ['编号', '姓名', '性别', '职务', '单位代码'],
    ['97', '钟庆梅', '男', '社区党组织书记', '150303004001'],
    ['98', '王芳', '未知', '村党支部书记', '150303001001'],
  ];

  it('marks the rows and cells the server names by line and column header', () => {
    const p = buildImportPreview(rows, [
      { line: 3, field: '性别', message: '性别应为 男 或 女' },
      { line: 3, field: '单位代码', message: '不在本区' },
    ]);
    expect(p.header).toEqual(rows[0]);
    expect(p.rows.map((r) => r.line)).toEqual([2, 3]);
    expect(p.rows[0]).toMatchObject({ messages: [], badColumns: [] });
    expect(p.rows[1].messages).toEqual(['性别：性别应为 男 或 女', '单位代码：不在本区']);
    expect(p.rows[1].badColumns).toEqual([2, 4]);
    expect(p.badLines).toEqual([3]);
  });

  it('keeps header problems, row-less problems and lines beyond the sheet apart', () => {
    const p = buildImportPreview(rows, [
      { line: 1, field: '组别', message: '缺少列' },
      { field: 'reason', message: '请填写更正原因' },
      { line: 9, message: '??' },
    ]);
    expect(p.headerErrors).toEqual(['组别：缺少列']);
    expect(p.otherErrors).toEqual([{ field: 'reason', message: '请填写更正原因' }, { line: 9, message: '??' }]);
    expect(p.rows.every((r) => r.messages.length === 0)).toBe(true);
  });

  it('ignores a field that is not a column', () => {
    const p = buildImportPreview(rows, [{ line: 2, field: '备注', message: '太长' }]);
    expect(p.rows[0].badColumns).toEqual([]);
    expect(p.rows[0].messages).toEqual(['备注：太长']);
  });
});
