// Bundles the command line into dist/cli (main.js + worker.js side by side), for `npm link` / global installs.
import { build } from 'esbuild';

await build({
  entryPoints: { main: 'src/cli/main.ts', worker: 'src/cli/worker.ts' },
  outdir: 'dist/cli',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  banner: { js: '#!/usr/bin/env node' },
  logLevel: 'warning',
});
