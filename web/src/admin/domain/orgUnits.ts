// Org unit levels: which may be created by whom, and which level the parent must have.
import type { OrgLevel } from '../../api/types';
import type { Role } from '../api/types';

export const CREATABLE_LEVELS: OrgLevel[] = ['district', 'town', 'street', 'village', 'community'];

/** A district admin adds units inside their district only (towns, streets and below). */
export function levelsFor(role: Role | null | undefined): OrgLevel[] {
  if (role === 'district_admin') return ['town', 'street', 'village', 'community'];
  return CREATABLE_LEVELS;
}

export function parentLevels(level: OrgLevel | '' | null | undefined): OrgLevel[] {
  switch (level) {
    case 'district':
      return ['city'];
    case 'town':
    case 'street':
      return ['district'];
    case 'village':
    case 'community':
      return ['town', 'street'];
    default:
      return [];
  }
}
