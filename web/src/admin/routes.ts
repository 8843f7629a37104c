// The console's routes. Every page is a lazy chunk, and so is Element Plus: the public pages
// never download any of it.
import type { RouteRecordRaw } from 'vue-router';

const WelcomePage = () => import('./pages/WelcomePage.vue');

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
          { path: 'welcome', name: 'admin-welcome', component: WelcomePage, meta: { title: '工作台', section: 'welcome' } },
          {
            path: 'settings',
            name: 'admin-settings',
            component: () => import('./pages/SettingsPage.vue'),
            meta: { title: '活动设置', section: 'settings' },
          },
          {
            path: 'org-units',
            name: 'admin-org-units',
            component: () => import('./pages/OrgUnitsPage.vue'),
            meta: { title: '组织单位', section: 'org-units' },
          },
          {
            path: 'candidates',
            name: 'admin-candidates',
            component: () => import('./pages/CandidatesPage.vue'),
            meta: { title: '参评书记', section: 'candidates' },
          },
          {
            path: 'users',
            name: 'admin-users',
            component: () => import('./pages/UsersPage.vue'),
            meta: { title: '用户管理', section: 'users' },
          },
          {
            path: 'audit',
            name: 'admin-audit',
            component: () => import('./pages/AuditPage.vue'),
            meta: { title: '审计日志', section: 'audit' },
          },
          {
            path: 'password',
            name: 'admin-password',
            component: () => import('./pages/PasswordPage.vue'),
            meta: { title: '修改密码', section: 'password' },
          },
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
