/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { singleFile } from './src/dashboard/build/singleFile.ts';

// The dashboard lives in src/dashboard; the tests run from the repository root.
// The build is a single index.html (script, styles and the Web Worker inlined), so it opens from a
// web server and from a folder (file://) alike; see docs/dashboard.md.
export default defineConfig({
  root: 'src/dashboard',
  base: './',
  plugins: [singleFile()],
  build: {
    outDir: '../../dist/dashboard',
    emptyOutDir: true,
    modulePreload: false,
    cssCodeSplit: false,
    assetsInlineLimit: Number.MAX_SAFE_INTEGER,
    chunkSizeWarningLimit: 2000,
  },
  worker: { format: 'iife' },
  test: {
    root: '.',
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    reporters: ['default', './tests/support/countReporter.ts'],
  },
});
