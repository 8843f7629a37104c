import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import CampaignHome from './pages/CampaignHome.vue';

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
  // /admin/** is kept for the admin console (Element Plus, loaded as its own lazy chunk so the
  // public pages never download it). Until it exists, /admin falls through to "not found".
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

router.afterEach((to) => {
  const title = to.meta.title as string | undefined;
  document.title = title ? `${title} - ${SITE_TITLE}` : SITE_TITLE;
});
