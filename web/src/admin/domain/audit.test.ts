import { describe, expect, it } from 'vitest';
import { actionLabel, auditDiff, dateRangeQuery, flatten, formatValue } from './audit';
import { formatStamp } from './format';

describe('audit log display', () => {
  it('names actions in Chinese', () => {
    expect(actionLabel('candidate.update')).toBe('修改参评书记');
    expect(actionLabel('roster.import')).toBe('导入名单');
    expect(actionLabel('org_unit.import')).toBe('导入组织单位');
    expect(actionLabel('ballot_code.revoke')).toBe('作废投票码');
    expect(actionLabel('something.new')).toBe('something.new');
  });

  it('shows times in Beijing time with seconds', () => {
    expect(formatStamp('2026-11-20T06:30:05Z')).toBe('2026-11-20 14:30:05');
    expect(formatStamp('2026-12-31T16:00:00Z')).toBe('2027-01-01 00:00:00');
    expect(formatStamp(null)).toBe('');
    expect(formatStamp('nonsense')).toBe('');
  });

  it('turns a date range into the whole of both Beijing days (to is exclusive)', () => {
    expect(dateRangeQuery(['2026-11-20', '2026-11-21'])).toEqual({
      from: '2026-11-19T16:00:00.000Z',
      to: '2026-11-21T16:00:00.000Z',
    });
    expect(dateRangeQuery(['2026-12-31', '2026-12-31'])).toEqual({
      from: '2026-12-30T16:00:00.000Z',
      to: '2026-12-31T16:00:00.000Z',
    });
    expect(dateRangeQuery(null)).toEqual({});
  });
});

describe('auditDiff', () => {
  it('lists only the fields that changed', () => {
    const rows = auditDiff(
      { no: 97, name: '钟庆梅', title: '社区党组织书记', unit: { code: '150303004001', name: '新桥社区' }, active: true },
      { no: 97, name: '钟庆梅', title: '社区党组织书记（测试）', unit: { code: '150303004001', name: '新桥社区' }, active: true },
    );
    expect(rows).toEqual([{ field: 'title', label: '职务', before: '社区党组织书记', after: '社区党组织书记（测试）' }]);
  });

  it('shows nested changes by their path and yes/no for booleans', () => {
    const rows = auditDiff({ unit: { code: 'a', name: '甲' }, active: true }, { unit: { code: 'b', name: '乙' }, active: false });
    expect(rows.map((r) => [r.field, r.before, r.after])).toEqual([
      ['unit.code', 'a', 'b'],
      ['unit.name', '甲', '乙'],
      ['active', '是', '否'],
    ]);
  });

  it('lists every field of a creation, and a field only one side has', () => {
    expect(auditDiff(null, { username: 'judge1', role: 'judge' })).toEqual([
      { field: 'username', label: '用户名', before: '—', after: 'judge1' },
      { field: 'role', label: '角色', before: '—', after: '评委' },
    ]);
    expect(auditDiff({ a: 1 }, { a: 1, b: [1, 2] })).toEqual([{ field: 'b', label: 'b', before: '—', after: '[1,2]' }]);
    expect(auditDiff(null, null)).toEqual([]);
  });

  it('flattens objects but keeps arrays and empty objects whole', () => {
    expect(flatten({ a: { b: { c: 1 } }, d: [1], e: {} })).toEqual({ 'a.b.c': 1, d: [1], e: {} });
    expect(formatValue(null)).toBe('—');
    expect(formatValue({})).toBe('{}');
  });
});

describe('an import in the audit log', () => {
  it('names the candidate of each change', () => {
    const before = [{ no: 12, name: '张三', gender: '男', title: '社区党组织书记', unit: 'u1', group: 'g', active: true }];
    const after = [
      { no: 12, name: '张三', gender: '男', title: '社区党委书记', unit: 'u1', group: 'g', active: true },
      { no: 200, name: '李四', gender: '女', title: '村党支部书记', unit: 'u2', group: 'g', active: true },
    ];
    const rows = auditDiff(before, after);
    expect(rows[0].label).toBe('编号 12 张三 · 职务');
    expect(rows[0].before).toBe('社区党组织书记');
    expect(rows[0].after).toBe('社区党委书记');
    expect(rows.some((r) => r.label.startsWith('0.'))).toBe(false);
    expect(rows.filter((r) => r.label.startsWith('编号 200 李四')).map((r) => r.after)).toEqual([200, '李四'].map(String));
  });
});
