import { describe, expect, it } from 'vitest';
import type { AdminCandidate } from '../api/types';
import { batchSummary, batchTargets, candidatePatch } from './candidates';
import { levelsFor, parentLevels } from './orgUnits';

const original: AdminCandidate = {
  id: 97,
  no: 97,
  name: '钟庆梅',
  gender: '男',
  title: '社区党组织书记',
  group: 'village_community',
  group_name: '村(社区)党组织书记组',
  unit: { code: '150303004001', name: '新桥社区', level: 'community' },
  district: { code: '150303', name: '海南区' },
  active: true,
};

describe('candidatePatch', () => {
  it('sends only what changed, trimmed', () => {
    expect(
      candidatePatch(original, { no: 97, name: ' 钟庆梅 ', gender: '男', title: '社区党组织书记（测试）', unit: '150303004001', reason: 'x' }),
    ).toEqual({ title: '社区党组织书记（测试）' });
    expect(candidatePatch(original, { no: 97, name: '钟庆', gender: '女', title: original.title, unit: '150303004002', reason: '' })).toEqual({
      name: '钟庆',
      gender: '女',
      unit: '150303004002',
    });
  });

  it('is empty when nothing changed', () => {
    expect(candidatePatch(original, { no: 97, name: '钟庆梅', gender: '男', title: '社区党组织书记', unit: '150303004001', reason: '' })).toEqual({});
  });
});

describe('org unit levels', () => {
  it('knows the parent level of each level', () => {
    expect(parentLevels('district')).toEqual(['city']);
    expect(parentLevels('street')).toEqual(['district']);
    expect(parentLevels('community')).toEqual(['town', 'street']);
    expect(parentLevels('')).toEqual([]);
  });

  it('keeps district admins below the district level', () => {
    expect(levelsFor('district_admin')).not.toContain('district');
    expect(levelsFor('organizer')).toContain('district');
  });
});

describe('batch actions', () => {
  it('changes only the rows not in the wanted state already', () => {
    const rows = [{ id: 1, active: true }, { id: 2, active: false }, { id: 3, active: true }];
    expect(batchTargets(rows, false).map((r) => r.id)).toEqual([1, 3]);
    expect(batchTargets(rows, true).map((r) => r.id)).toEqual([2]);
  });

  it('says what was done and who failed, in one sentence', () => {
    expect(batchSummary('停用', 5, [])).toBe('已停用 5 人');
    expect(batchSummary('停用', 1, [{ name: '张立', message: '当前阶段不能修改名单' }, { name: '李明', message: '网络连接失败' }])).toBe(
      '已停用 1 人，2 人未能停用：张立（当前阶段不能修改名单）；李明（网络连接失败）',
    );
  });
});
