// The console's routes. Every page is a lazy chunk, and so is Element Plus: the public pages
// never download any of it.
import type { RouteRecordRaw, RouteRecordSingleView } from 'vue-router';
import type { Section } from './domain/roles';

const WelcomePage = () => import('./pages/WelcomePage.vue');

/** A menu page: /admin/<section>, named admin-<section>; the guard checks the role by `section`. */
function page(section: Section, title: string, component: RouteRecordSingleView['component']): RouteRecordRaw {
  return { path: section, name: `admin-${section}`, component, meta: { title, section } };
}

export const adminRoutes: RouteRecordRaw[] = [
  {
    path: '/admin',
    component: () => import('./AdminRoot.vue'),
    meta: { admin: true },
    children: [
      {
        path: 'login',
        name: 'admin-login',
        component: () => import('./pages/LoginPage.vue'),
        meta: { title: '登录管理后台' },
      },
      {
        path: '',
        component: () => import('./AdminLayout.vue'),
        children: [
          // The guard sends /admin on to the first page the role may use.
          { path: '', name: 'admin-home', component: WelcomePage },
          page('welcome', '工作台', WelcomePage),
          page('settings', '活动设置', () => import('./pages/SettingsPage.vue')),
          page('org-units', '组织单位', () => import('./pages/OrgUnitsPage.vue')),
          page('candidates', '参评书记', () => import('./pages/CandidatesPage.vue')),
          page('ballot-codes', '党员投票码', () => import('./pages/BallotCodesPage.vue')),
          page('users', '用户管理', () => import('./pages/UsersPage.vue')),
          page('audit', '审计日志', () => import('./pages/AuditPage.vue')),
          page('review', '选票审核', () => import('./pages/ReviewPage.vue')),
          page('showcase', '展示材料', () => import('./pages/showcase/ShowcaseWorkspacePage.vue')),
          page('showcase-review', '材料审核', () => import('./pages/showcase/ShowcaseReviewPage.vue')),
          page('password', '修改密码', () => import('./pages/PasswordPage.vue')),
          {
            path: ':rest(.*)*',
            name: 'admin-not-found',
            component: () => import('./pages/AdminNotFound.vue'),
            meta: { title: '页面不存在' },
          },
        ],
      },
    ],
  },
];
