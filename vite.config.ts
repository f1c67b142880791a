/// <reference types="vitest/config" />
import { defineConfig } from 'vite';

// The dashboard lives in src/dashboard; the tests run from the repository root.
export default defineConfig({
  root: 'src/dashboard',
  base: './',
  build: {
    outDir: '../../dist/dashboard',
    emptyOutDir: true,
  },
  worker: { format: 'es' },
  test: {
    root: '.',
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    reporters: ['default', './tests/support/countReporter.ts'],
  },
});
