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

/** A unit with the units under it, for the tree table (城市 → 区 → 镇/街道 → 村/社区). */
export type OrgTreeRow<U extends { code: string; parent: { code: string } | null }> = U & { children?: OrgTreeRow<U>[] };

/**
 * The units as a forest, in the order given: each under its parent when the parent is among
 * them, else a root (a district admin's district; the matches of a search whose parents did
 * not match). Leaves have no `children`, so the table shows no expander for them.
 */
export function orgForest<U extends { code: string; parent: { code: string } | null }>(units: readonly U[]): OrgTreeRow<U>[] {
  const rows = new Map<string, OrgTreeRow<U>>();
  for (const u of units) rows.set(u.code, { ...u });
  const roots: OrgTreeRow<U>[] = [];
  for (const u of units) {
    const row = rows.get(u.code)!;
    const parent = u.parent && u.parent.code !== u.code ? rows.get(u.parent.code) : undefined;
    if (parent) (parent.children ??= []).push(row);
    else roots.push(row);
  }
  return roots;
}

/** The codes of the rows down to `depth` levels (0: the roots), to open the tree that far. */
export function codesToDepth<R extends { code: string; children?: R[] }>(roots: readonly R[], depth: number): string[] {
  const out: string[] = [];
  const walk = (rows: readonly R[], d: number) => {
    for (const r of rows) {
      if (!r.children) continue;
      out.push(r.code);
      if (d < depth) walk(r.children, d + 1);
    }
  };
  walk(roots, 0);
  return out;
}
