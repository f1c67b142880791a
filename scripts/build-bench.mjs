// Bundles the benchmark with the worker beside it, so it measures the code users run (the CLI is bundled too).
import { build } from 'esbuild';

await build({
  entryPoints: { bench: 'bench/bench.ts', worker: 'src/cli/worker.ts' },
  outdir: 'dist/bench',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
