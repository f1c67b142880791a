import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, cli, CLI } from '../support/cli.ts';
import { ensureSlurm, startCluster, type Cluster } from '../support/slurm.ts';
import { experimentFile } from './support.ts';

/**
 * The real thing: Debian's Slurm on a single node (munged, slurmctld, slurmd on localhost, from
 * a generated slurm.conf), an experiment submitted as a job array with --shard auto, the shards
 * merged, and the result compared with a single-machine run byte for byte.
 */
let cluster: Cluster | undefined;
const dir = mkdtempSync(join(tmpdir(), 'buddysim-slurm-experiment-'));
const file = join(dir, 'experiment.json');
writeFileSync(file, JSON.stringify(experimentFile({
  factors: [{ path: 'programme.contactsPerWeek', range: [0.25, 2] }, { path: 'programme.followUpStyle', levels: ['structured', 'laissez-faire'] }],
  design: { type: 'full-factorial', steps: 5 },
  replications: 6,
})));

beforeAll(async () => {
  buildCli();
  ensureSlurm();
  cluster = await startCluster();
}, 240_000);

afterAll(async () => {
  await cluster?.stop();
}, 60_000);

describe('an experiment on Slurm', () => {
  it('runs as a job array of 4 shards whose merge equals a single-machine run byte for byte', () => {
    const out = join(dir, 'cluster');
    const script = join(dir, 'job.sh');
    // The batch script of docs/experiments.md, with this machine's paths.
    writeFileSync(script, [
      '#!/bin/sh',
      '#SBATCH --job-name=buddysim-experiment',
      `#SBATCH --output=${join(dir, 'slurm-%A_%a.out')}`,
      `cd ${resolve('.')}`,
      `exec ${process.execPath} ${resolve(CLI)} experiment run ${file} --shard auto --out ${out} --workers 1 --quiet`,
    ].join('\n') + '\n');
    execFileSync('/usr/bin/sbatch', ['--wait', '--array=0-3', script], { env: cluster!.env, encoding: 'utf8', timeout: 180_000 });
    const shards = readdirSync(out).filter((f) => /^shard-\d{4}-of-0004\.jsonl$/.test(f)).map((f) => join(out, f));
    expect(shards, readdirSync(dir).filter((f) => f.startsWith('slurm-')).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n')).toHaveLength(4);
    const merged = cli(['experiment', 'merge', ...shards, '--out', join(dir, 'merged'), '--quiet']);
    expect(merged.status, merged.stderr).toBe(0);
    const single = cli(['experiment', 'run', file, '--out', join(dir, 'single'), '--quiet', '--workers', '2']);
    expect(single.status, single.stderr).toBe(0);
    for (const f of ['experiment.json', 'manifest.json', 'summary.csv', 'replications.csv', 'summary.parquet', 'replications.parquet', 'report.html']) {
      expect(readFileSync(join(dir, 'merged', f)).equals(readFileSync(join(dir, 'single', f))), f).toBe(true);
    }
  }, 200_000);
});
