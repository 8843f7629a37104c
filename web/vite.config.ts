/// <reference types="vitest" />
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// The C++ backend listens on 8080 during development; `npm run dev` forwards the API to it.
const backend = 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [vue()],
  server: {
    proxy: {
      '/api': backend,
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
  },
});
