// Bundles Node entry points with esbuild (dependencies stay external). Used for the CLI, so users run
// compiled code, and for the benchmark, so it measures that same code.
//   node scripts/bundle.mjs cli     -> dist/cli/main.js + worker.js (the `buddysim` bin)
//   node scripts/bundle.mjs bench   -> dist/bench/bench.js + worker.js
import { readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'esbuild';

const TARGETS = {
  cli: { outdir: 'dist/cli', entryPoints: { main: 'src/cli/main.ts', worker: 'src/cli/worker.ts' }, banner: { js: '#!/usr/bin/env node' } },
  bench: { outdir: 'dist/bench', entryPoints: { bench: 'bench/bench.ts', worker: 'src/cli/worker.ts' } },
};

const names = process.argv.slice(2);
for (const name of names.length ? names : ['cli']) {
  const target = TARGETS[name];
  if (!target) throw new Error(`unknown bundle "${name}"; choose from ${Object.keys(TARGETS).join(', ')}`);
  // Code shared by the entry points, and each command's module (loaded when the command runs), go into
  // chunks beside them, so paths taken from import.meta.url (the worker, bundled scenarios) stay the same.
  const { metafile } = await build({ ...target, bundle: true, splitting: true, chunkNames: '[name]-[hash]', metafile: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'warning' });
  // Chunk names carry a hash of their content: remove the chunks of earlier builds. Not the folder: a
  // test may be running the CLI from it while another file's tests build it again (to the same names).
  const current = new Set(Object.keys(metafile.outputs).map((f) => relative(target.outdir, f)));
  for (const f of readdirSync(target.outdir)) if (f.endsWith('.js') && !current.has(f)) rmSync(join(target.outdir, f));
}
