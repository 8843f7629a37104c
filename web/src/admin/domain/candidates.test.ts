import { describe, expect, it } from 'vitest';
import type { AdminCandidate } from '../api/types';
import { candidatePatch } from './candidates';
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
