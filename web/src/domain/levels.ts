import type { Group, OrgLevel } from '../api/types';

export const LEVEL_NAMES: Record<OrgLevel, string> = {
  city: '市',
  district: '区',
  town: '镇',
  street: '街道',
  village: '村',
  community: '社区',
};

export function levelName(level: string): string {
  return LEVEL_NAMES[level as OrgLevel] ?? level;
}

/** A group's name short enough for a button: levels town and street make "镇(街道)组". */
export function groupShortName(group: Pick<Group, 'name' | 'levels'>): string {
  const [first, ...others] = group.levels.map(levelName);
  if (!first) return group.name;
  return `${first}${others.map((name) => `(${name})`).join('')}组`;
}
