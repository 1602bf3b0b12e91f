///
/// Copyright 2026 The native-shm authors
/// SPDX-License-Identifier: Apache-2.0
///

import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'

/** Where the running api is when developing with `npm run dev`. */
const api = process.env.API_URL ?? 'http://127.0.0.1:8080'

export default defineConfig({
  plugins: [vue()],
  build: {
    // Maven builds straight into the jar's public/ (see pom.xml).
    outDir: process.env.UI_OUT_DIR ?? 'target/dist',
    target: 'es2022',
  },
  server: {
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/health': { target: api },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    restoreMocks: true,
  },
})
