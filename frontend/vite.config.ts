/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// The built app is embedded into the Go binary (frontend/embed.go) and served
// under a Content-Security-Policy without 'unsafe-inline': the build must emit
// no inline <script> or <style>, only external files under assets/.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The polyfill would be an inline script, which the CSP blocks.
    modulePreload: { polyfill: false },
    // Keep assets as files rather than data: URIs (fonts may only come from 'self').
    assetsInlineLimit: 0,
    target: 'es2022',
  },
  server: {
    // `npm run dev` against a Go server on the default address.
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/healthz': 'http://127.0.0.1:8080',
      '/readyz': 'http://127.0.0.1:8080',
    },
    // The app, and the server's domain code, which a unit test reads to find
    // every audit action and snapshot field (src/lib/auditWords.test.tsx).
    fs: { allow: ['.', '../domain'] },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    testTimeout: 15_000,
    restoreMocks: true,
    unstubGlobals: true,
  },
})
