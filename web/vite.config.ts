/// <reference types="vitest" />
import { defineConfig, type ProxyOptions } from 'vite';
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

export default defineConfig({
  plugins: [vue()],
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
