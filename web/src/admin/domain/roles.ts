// Who may see what in the console. The server checks every request; this only decides which
// menu items and buttons are shown, so that nobody is offered what will be refused.
import type { Role, User } from '../api/types';

export const ROLES: Role[] = ['admin', 'organizer', 'district_admin', 'judge', 'candidate'];

export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  organizer: '活动组织者',
  district_admin: '区委组织部',
  judge: '评委',
  candidate: '参评书记',
};

export function roleLabel(role: string | null | undefined): string {
  return (role && ROLE_LABELS[role as Role]) || role || '';
}

export type Section =
  | 'settings'
  | 'org-units'
  | 'candidates'
  | 'ballot-codes'
  | 'users'
  | 'audit'
  | 'review'
  | 'showcase'
  | 'showcase-review'
  | 'password'
  | 'welcome';

const ACCESS: Record<Section, readonly Role[]> = {
  settings: ['admin', 'organizer'],
  'org-units': ['admin', 'organizer', 'district_admin'],
  candidates: ['admin', 'organizer', 'district_admin'],
  // Party members' ballot codes: a district admin only for their own district (the server checks).
  'ballot-codes': ['admin', 'organizer', 'district_admin'],
  users: ['admin', 'organizer'],
  audit: ['admin', 'organizer', 'district_admin'],
  // 选票审核: a district admin for their own district's candidates (the server checks).
  review: ['admin', 'organizer', 'district_admin'],
  // 展示材料: a candidate account its own; a district admin their district's (the server checks).
  showcase: ['admin', 'organizer', 'district_admin', 'candidate'],
  // 材料审核: the review queue by district (the server applies the scope). Judges see neither.
  'showcase-review': ['admin', 'organizer', 'district_admin'],
  password: ROLES,
  welcome: ROLES,
};

export function canAccess(role: Role | null | undefined, section: Section): boolean {
  return !!role && ACCESS[section].includes(role);
}

export interface MenuItem {
  section: Section;
  path: string;
  title: string;
}

/** The sidebar, in order. */
export const MENU: MenuItem[] = [
  { section: 'settings', path: '/admin/settings', title: '活动设置' },
  { section: 'org-units', path: '/admin/org-units', title: '组织单位' },
  { section: 'candidates', path: '/admin/candidates', title: '参评书记' },
  { section: 'ballot-codes', path: '/admin/ballot-codes', title: '投票码' },
  { section: 'users', path: '/admin/users', title: '用户管理' },
  { section: 'audit', path: '/admin/audit', title: '审计日志' },
  { section: 'review', path: '/admin/review', title: '选票审核' },
  { section: 'showcase', path: '/admin/showcase', title: '展示材料' },
  { section: 'showcase-review', path: '/admin/showcase-review', title: '材料审核' },
];

export function menuFor(role: Role | null | undefined): MenuItem[] {
  const items = MENU.filter((item) => canAccess(role, item.section));
  return items.length ? items : [{ section: 'welcome', path: '/admin/welcome', title: '工作台' }];
}

/** Where /admin leads each role. */
export function homeFor(role: Role | null | undefined): string {
  return menuFor(role)[0].path;
}

/** The roles a user may create accounts for (admin: all; organizer: judges and candidates). */
export function creatableRoles(role: Role | null | undefined): Role[] {
  if (role === 'admin') return [...ROLES];
  if (role === 'organizer') return ['judge', 'candidate'];
  return [];
}

/** Whether `actor` may edit, disable or reset the password of `target`. */
export function canManageUser(actor: User | null | undefined, target: User): boolean {
  if (!actor) return false;
  if (actor.id === target.id) return false; // one's own account: 修改密码
  return creatableRoles(actor.role).includes(target.role);
}

/** A district admin works inside one district; everyone else sees all. */
export function districtScope(user: User | null | undefined): string | null {
  return user?.role === 'district_admin' ? (user.district?.code ?? null) : null;
}

/**
 * A path to return to after signing in: only pages of the console, never another site
 * ("//evil.example") nor the sign-in page itself.
 */
export function safeRedirect(raw: unknown): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (typeof value !== 'string') return '/admin';
  if (!/^\/admin(?:[/?#]|$)/.test(value)) return '/admin';
  if (/^\/admin\/login(?:[/?#]|$)/.test(value)) return '/admin';
  if (value.includes('\\')) return '/admin';
  return value;
}
