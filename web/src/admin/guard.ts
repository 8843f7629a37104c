// Before every console page: a session (else the sign-in page, coming back afterwards) and a
// role that may see the page (else the role's own start page).
import type { RouteLocationNormalized, RouteLocationRaw } from 'vue-router';
import { router } from '../router';
import { configureHttp } from './api/http';
import { canAccess, homeFor, type Section } from './domain/roles';
import { useSessionStore } from './stores/session';

let configured = false;

function configure() {
  if (configured) return;
  configured = true;
  const session = useSessionStore();
  configureHttp({
    csrfToken: () => session.csrfToken,
    refreshCsrf: () => session.refreshCsrf(),
    unauthenticated: () => {
      session.clear();
      const current = router.currentRoute.value;
      if (current.name !== 'admin-login') {
        void router.replace({ name: 'admin-login', query: { redirect: current.fullPath, expired: '1' } });
      }
    },
  });
}

export async function adminGuard(to: RouteLocationNormalized): Promise<true | RouteLocationRaw> {
  configure();
  const session = useSessionStore();
  if (to.name === 'admin-login') return true;
  if (!session.user) {
    let ok = false;
    try {
      ok = await session.restore();
    } catch {
      ok = false; // the server cannot be reached: the sign-in page says so when used
    }
    if (!ok) return { name: 'admin-login', query: { redirect: to.fullPath } };
  }
  const section = to.meta.section as Section | undefined;
  if (to.name === 'admin-home') return homeFor(session.role);
  if (section && !canAccess(session.role, section)) return homeFor(session.role);
  return true;
}
