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
  // Online voting: sign in with a phone or a party member's ballot code, the receipt of a vote, today's votes, any receipt looked up.
  {
    path: '/c/:id(\\d+)/sign-in',
    name: 'vote-sign-in',
    component: () => import('./pages/vote/SignInPage.vue'),
    meta: { title: '投票验证' },
  },
  {
    path: '/c/:id(\\d+)/receipt/:receipt',
    name: 'vote-receipt',
    component: () => import('./pages/vote/ReceiptPage.vue'),
    meta: { title: '投票成功' },
  },
  {
    path: '/c/:id(\\d+)/my-votes',
    name: 'my-votes',
    component: () => import('./pages/vote/MyVotesPage.vue'),
    meta: { title: '我今天的投票' },
  },
  {
    path: '/c/:id(\\d+)/log',
    name: 'log',
    component: () => import('./pages/LogPage.vue'),
    meta: { title: '公开日志' },
  },
  {
    path: '/receipts/:receipt?',
    name: 'receipt-check',
    component: () => import('./pages/vote/ReceiptCheckPage.vue'),
    meta: { title: '查询投票回执' },
  },
  // The results on a phone, and the big screen (数据大屏, 1920×1080; ECharts lives in its chunk only).
  {
    path: '/c/:id(\\d+)/results',
    name: 'results',
    component: () => import('./pages/results/ResultsPage.vue'),
    meta: { title: '实时票数' },
  },
  {
    path: '/screen/:id(\\d+)?',
    name: 'screen',
    component: () => import('./pages/screen/ScreenPage.vue'),
    meta: { title: '数据大屏' },
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
