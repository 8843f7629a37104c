import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import CampaignHome from './pages/CampaignHome.vue';
import { adminRoutes } from './admin/routes';

export const SITE_TITLE = '晒党建 晒成绩';

const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: CampaignHome },
  { path: '/c/:id(\\d+)', name: 'campaign', component: CampaignHome },
  {
    path: '/c/:id(\\d+)/candidates',
    name: 'candidates',
    component: () => import('./pages/CandidateList.vue'),
    meta: { title: '参评书记' },
  },
  {
    path: '/c/:id(\\d+)/candidates/:cid(\\d+)',
    name: 'candidate',
    component: () => import('./pages/CandidatePage.vue'),
    meta: { title: '书记详情' },
  },
  // /admin/**: the admin console (Element Plus), lazy chunks of its own so that the public pages
  // never download it.
  ...adminRoutes,
  { path: '/:path(.*)*', name: 'not-found', component: () => import('./pages/NotFound.vue'), meta: { title: '页面不存在' } },
];

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes,
  scrollBehavior(to, from, savedPosition) {
    if (savedPosition) return savedPosition;
    if (to.path === from.path) return false; // only the filters changed
    return { top: 0 };
  },
});

router.beforeEach(async (to) => {
  if (!to.matched.some((record) => record.meta.admin)) return true;
  const { adminGuard } = await import('./admin/guard');
  return adminGuard(to);
});

router.afterEach((to) => {
  const title = to.meta.title as string | undefined;
  const site = to.matched.some((record) => record.meta.admin) ? `${SITE_TITLE} 管理后台` : SITE_TITLE;
  document.title = title ? `${title} - ${site}` : site;
});
