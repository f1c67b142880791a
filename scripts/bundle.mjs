// Bundles Node entry points with esbuild (dependencies stay external). Used for the CLI, so users run
// compiled code, and for the benchmark, so it measures that same code.
//   node scripts/bundle.mjs cli     -> dist/cli/main.js + worker.js (the `buddysim` bin)
//   node scripts/bundle.mjs bench   -> dist/bench/bench.js + worker.js
import { build } from 'esbuild';

const TARGETS = {
  cli: { outdir: 'dist/cli', entryPoints: { main: 'src/cli/main.ts', worker: 'src/cli/worker.ts' }, banner: { js: '#!/usr/bin/env node' } },
  bench: { outdir: 'dist/bench', entryPoints: { bench: 'bench/bench.ts', worker: 'src/cli/worker.ts' } },
};

const names = process.argv.slice(2);
for (const name of names.length ? names : ['cli']) {
  const target = TARGETS[name];
  if (!target) throw new Error(`unknown bundle "${name}"; choose from ${Object.keys(TARGETS).join(', ')}`);
  await build({ ...target, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' });
}
