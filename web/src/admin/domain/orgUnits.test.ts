import { describe, expect, it } from 'vitest';
import { codesToDepth, orgForest } from './orgUnits';

const unit = (code: string, parent: string | null) => ({ code, name: `单位${code}`, parent: parent ? { code: parent, name: '' } : null });

describe('orgForest', () => {
  it('puts every unit under its parent, in the order given', () => {
    const forest = orgForest([unit('15', null), unit('1503', '15'), unit('150303', '1503'), unit('150302', '1503'), unit('150303004', '150303')]);
    expect(forest.map((r) => r.code)).toEqual(['15']);
    const district = forest[0].children![0];
    expect(district.children!.map((r) => r.code)).toEqual(['150303', '150302']);
    expect(district.children![0].children!.map((r) => r.code)).toEqual(['150303004']);
    expect(district.children![1].children).toBeUndefined();
  });

  it('makes a root of a unit whose parent is not listed (a district admin’s district, a search’s matches)', () => {
    const forest = orgForest([unit('150303', '1503'), unit('150303004', '150303'), unit('150302001', '150302')]);
    expect(forest.map((r) => r.code)).toEqual(['150303', '150302001']);
  });

  it('does not loop on a unit named as its own parent', () => {
    expect(orgForest([unit('1', '1')]).map((r) => r.code)).toEqual(['1']);
  });
});

describe('codesToDepth', () => {
  it('names the rows with children down to the depth asked', () => {
    const forest = orgForest([unit('15', null), unit('1503', '15'), unit('150303', '1503'), unit('150303004', '150303')]);
    expect(codesToDepth(forest, 0)).toEqual(['15']);
    expect(codesToDepth(forest, 1)).toEqual(['15', '1503']);
    expect(codesToDepth(forest, 9)).toEqual(['15', '1503', '150303']);
  });
});
