import { describe, expect, it } from 'vitest';
import type { User } from '../api/types';
import { canAccess, canManageUser, creatableRoles, districtScope, homeFor, menuFor, roleLabel, safeRedirect } from './roles';

function user(role: User['role'], id = 1, district: User['district'] = null): User {
  return {
    id,
    username: `u${id}`,
    display_name: 'x',
    role,
    district,
    candidate: null,
    disabled: false,
    created_at: '',
    last_login_at: null,
  };
}

describe('menu by role', () => {
  it('shows everything to admins and organizers', () => {
    const all = ['活动设置', '组织单位', '参评书记', '投票码', '用户管理', '审计日志', '选票审核', '展示材料', '材料审核'];
    expect(menuFor('admin').map((m) => m.title)).toEqual(all);
    expect(menuFor('organizer').map((m) => m.title)).toEqual(all);
  });

  it('shows a district admin org units, candidates, ballot codes and the audit log', () => {
    expect(menuFor('district_admin').map((m) => m.title)).toEqual(['组织单位', '参评书记', '投票码', '审计日志', '选票审核', '展示材料', '材料审核']);
    expect(canAccess('district_admin', 'showcase-review')).toBe(true);
    expect(canAccess('district_admin', 'ballot-codes')).toBe(true);
    expect(canAccess('district_admin', 'settings')).toBe(false);
    expect(canAccess('district_admin', 'users')).toBe(false);
    expect(homeFor('district_admin')).toBe('/admin/org-units');
  });

  it('gives judges only the welcome page and candidates only their showcase', () => {
    expect(menuFor('judge').map((m) => m.path)).toEqual(['/admin/welcome']);
    expect(homeFor('judge')).toBe('/admin/welcome');
    expect(canAccess('judge', 'showcase')).toBe(false);
    expect(canAccess('judge', 'showcase-review')).toBe(false);
    expect(menuFor('candidate').map((m) => m.title)).toEqual(['展示材料']);
    expect(homeFor('candidate')).toBe('/admin/showcase');
    expect(canAccess('candidate', 'showcase-review')).toBe(false);
    for (const role of ['judge', 'candidate'] as const) {
      expect(canAccess(role, 'candidates')).toBe(false);
      expect(canAccess(role, 'ballot-codes')).toBe(false);
      expect(canAccess(role, 'password')).toBe(true);
    }
  });

  it('lets nobody in without a role', () => {
    expect(canAccess(null, 'password')).toBe(false);
    expect(homeFor(null)).toBe('/admin/welcome');
  });
});

describe('user management', () => {
  it('lets admins create every role and organizers judges and candidates', () => {
    expect(creatableRoles('admin')).toEqual(['admin', 'organizer', 'district_admin', 'judge', 'candidate']);
    expect(creatableRoles('organizer')).toEqual(['judge', 'candidate']);
    expect(creatableRoles('district_admin')).toEqual([]);
  });

  it('lets an organizer manage judges but not admins, and nobody their own account', () => {
    const organizer = user('organizer', 1);
    expect(canManageUser(organizer, user('judge', 2))).toBe(true);
    expect(canManageUser(organizer, user('admin', 3))).toBe(false);
    expect(canManageUser(organizer, organizer)).toBe(false);
    expect(canManageUser(user('admin', 9), user('organizer', 2))).toBe(true);
    expect(canManageUser(null, user('judge', 2))).toBe(false);
  });

  it('scopes a district admin to their district', () => {
    expect(districtScope(user('district_admin', 1, { code: '150303', name: '海南区' }))).toBe('150303');
    expect(districtScope(user('organizer'))).toBeNull();
  });

  it('names roles in Chinese', () => {
    expect(roleLabel('district_admin')).toBe('区委组织部');
    expect(roleLabel('unknown')).toBe('unknown');
  });
});

describe('safeRedirect', () => {
  it('keeps console paths with their query', () => {
    expect(safeRedirect('/admin/candidates?q=97')).toBe('/admin/candidates?q=97');
    expect(safeRedirect('/admin')).toBe('/admin');
    expect(safeRedirect(['/admin/audit'])).toBe('/admin/audit');
  });

  it('refuses other sites, other pages and the sign-in page', () => {
    for (const bad of ['//evil.example/admin', 'https://evil.example', '/c/1', '/administrator', '/admin/login?x=1', '/admin\\..', 3, undefined]) {
      expect(safeRedirect(bad)).toBe('/admin');
    }
  });
});
