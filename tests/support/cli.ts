import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CLI = 'dist/cli/main.js';

/** Builds the bundled CLI once (what `npm run buddysim` and the bin run). */
export function buildCli(): void {
  const r = spawnSync(process.execPath, ['scripts/bundle.mjs', 'cli'], { encoding: 'utf8' });
  if (r.status !== 0 || !existsSync(CLI)) throw new Error(`building the CLI failed: ${r.stderr}`);
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function cli(args: string[], cwd = process.cwd()): CliRun {
  const r = spawnSync(process.execPath, [`${process.cwd()}/${CLI}`, ...args], { encoding: 'utf8', cwd, env: { ...process.env, BUDDYSIM_DEBUG: '' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
