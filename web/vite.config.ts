/// <reference types="vitest" />
import { defineConfig, type Plugin, type ProxyOptions } from 'vite';
import vue from '@vitejs/plugin-vue';

// The C++ backend listens on 8080 during development; `npm run dev` forwards the API to it
// (BACKEND_URL=http://127.0.0.1:PORT npm run dev for another one).
const backend = process.env.BACKEND_URL || 'http://127.0.0.1:8080';

// The backend refuses a state-changing request whose Origin is another site (CSRF). Through the
// dev server the page's origin is Vite's, so the proxy presents the request as the backend's own.
const api: ProxyOptions = {
  target: backend,
  changeOrigin: true,
  configure(proxy) {
    proxy.on('proxyReq', (req) => {
      if (req.getHeader('origin')) req.setHeader('origin', backend);
      req.removeHeader('referer');
    });
  },
};

// Vant's icon font comes embedded (a woff2 data: URL) with a copy at at.alicdn.com as its
// fallback. No page of ours loads anything from a third party — the CSP (font-src 'self'
// data:) refuses it and every page logged the refusal — so the fallback is cut from the CSS.
export function offlineVantIcons(): Plugin {
  return {
    name: 'offline-vant-icons',
    transform(code, id) {
      if (!id.includes('/vant/') || !id.split('?')[0].endsWith('.css') || !code.includes('at.alicdn.com')) return null;
      return { code: code.replace(/,\s*url\((?:https?:)?\/\/at\.alicdn\.com[^)]*\)\s*format\("[a-z0-9]+"\)/g, ''), map: null };
    },
  };
}

export default defineConfig({
  plugins: [vue(), offlineVantIcons()],
  server: {
    proxy: {
      '/api': api,
      '/healthz': backend,
    },
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    // Phones keep old WebViews around longer than desktops.
    target: ['es2020', 'chrome87', 'safari14'],
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['src/test-setup.ts'],
  },
});
