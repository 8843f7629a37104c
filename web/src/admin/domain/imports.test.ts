import { describe, expect, it } from 'vitest';
import { checkedSummary, emptySheetMessage, importedSummary, importHint, ORG_UNIT_IMPORT, ROSTER_IMPORT } from './imports';

const result = { inserts: 2, updates: 1, unchanged: 5, dry_run: true };

describe('the roster import (wording unchanged by the generalization)', () => {
  it('expects the template sheet 名单 and its nine columns', () => {
    expect(ROSTER_IMPORT.sheet).toBe('名单');
    expect(ROSTER_IMPORT.columns).toEqual(['编号', '姓名', '性别', '职务', '单位代码', '单位', '上级单位', '所属区', '组别']);
    expect(ROSTER_IMPORT.title).toBe('导入参评书记名单');
  });

  it('explains the file', () => {
    expect(importHint(ROSTER_IMPORT)).toBe(
      '请使用“下载模板”得到的表格：第 1 行为表头（编号 姓名 性别 职务 单位代码 单位 上级单位 所属区 组别），从第 2 行起每行一人；按编号新增或更新（旧表格的“序号”列同样可用）。表格在本机读取，确认前不会导入任何数据。',
    );
    expect(emptySheetMessage(ROSTER_IMPORT)).toBe('表格中没有数据：第 1 行应为表头，从第 2 行起每行一位参评书记');
  });

  it('counts people', () => {
    expect(checkedSummary(ROSTER_IMPORT, result)).toBe('校验通过：将新增 2 人，更新 1 人，5 人未变。');
    expect(importedSummary(ROSTER_IMPORT, result)).toBe('导入成功：新增 2 人，更新 1 人，未变 5 人');
  });
});

describe('the org unit import', () => {
  it('expects the template sheet 组织单位 and its six columns', () => {
    expect(ORG_UNIT_IMPORT.sheet).toBe('组织单位');
    expect(ORG_UNIT_IMPORT.columns).toEqual(['单位代码', '单位名称', '层级', '上级单位代码', '上级单位', '所属区']);
    expect(ORG_UNIT_IMPORT.title).toBe('导入组织单位');
  });

  it('explains the file: header, key, levels, optional columns', () => {
    const hint = importHint(ORG_UNIT_IMPORT);
    expect(hint).toContain('第 1 行为表头（单位代码 单位名称 层级 上级单位代码 上级单位 所属区）');
    expect(hint).toContain('每行一个单位');
    expect(hint).toContain('按单位代码');
    for (const level of ['镇', '街道', '村', '社区']) expect(hint).toContain(level);
    expect(hint).toMatch(/确认前不会导入任何数据。$/);
    expect(emptySheetMessage(ORG_UNIT_IMPORT)).toBe('表格中没有数据：第 1 行应为表头，从第 2 行起每行一个组织单位');
  });

  it('counts units', () => {
    expect(checkedSummary(ORG_UNIT_IMPORT, result)).toBe('校验通过：将新增 2 个单位，更新 1 个单位，5 个单位未变。');
    expect(importedSummary(ORG_UNIT_IMPORT, { ...result, dry_run: false })).toBe('导入成功：新增 2 个单位，更新 1 个单位，未变 5 个单位');
  });
});
