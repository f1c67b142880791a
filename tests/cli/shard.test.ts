import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { shardFlag } from '../../src/cli/shardFlag.ts';
import { buildCli, cli } from '../support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'buddysim-shard-'));
const scenario = join(dir, 'small.json');
writeFileSync(scenario, JSON.stringify({ version: 1, name: 'small', reps: 7, seed: 5, weeks: 60, outcomes: { assessmentWeeks: 30 } }));

beforeAll(buildCli);

describe('sharding across machines', () => {
  it('merged shards give the same summary.json as a single run, byte for byte', () => {
    const single = cli(['run', scenario, '--out', join(dir, 'single'), '--quiet', '--workers', '1']);
    expect(single.status, single.stderr).toBe(0);
    for (const k of [2, 0, 1]) {
      const r = cli(['run', scenario, '--shard', `${k}/3`, '--out', join(dir, 'shards'), '--quiet', '--workers', '1']);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`Shard ${k} of 3`));
    }
    const shards = readdirSync(join(dir, 'shards')).map((f) => join(dir, 'shards', f));
    expect(shards).toHaveLength(3);
    const merged = cli(['merge', ...shards, '--out', join(dir, 'merged'), '--quiet']);
    expect(merged.status, merged.stderr).toBe(0);
    expect(readFileSync(join(dir, 'merged', 'summary.json'), 'utf8')).toBe(readFileSync(join(dir, 'single', 'summary.json'), 'utf8'));
    expect(readFileSync(join(dir, 'merged', 'replications.csv'), 'utf8')).toBe(readFileSync(join(dir, 'single', 'replications.csv'), 'utf8'));
  });
  it('refuses an incomplete set of shards, naming the missing replications', () => {
    const r = cli(['merge', join(dir, 'shards', 'shard-0000-of-0003.jsonl'), join(dir, 'shards', 'shard-0002-of-0003.jsonl')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/1 of 3 shards missing: shard 1 \(replications 3 to 4\)/);
  });
  it('refuses a file that is not a shard', () => {
    const r = cli(['merge', scenario]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/not a buddysim shard file/);
  });
});

describe('--shard', () => {
  it('reads K/N, a Slurm job array or a Kubernetes Indexed Job', () => {
    expect(shardFlag('2/5')).toEqual({ shard: 2, shards: 5 });
    expect(shardFlag('auto', { SLURM_ARRAY_TASK_ID: '11', SLURM_ARRAY_TASK_MIN: '10', SLURM_ARRAY_TASK_COUNT: '4' })).toEqual({ shard: 1, shards: 4 });
    expect(shardFlag('auto', { JOB_COMPLETION_INDEX: '3', SHARDS: '8' })).toEqual({ shard: 3, shards: 8 });
  });
  it('rejects what is not a shard of a split', () => {
    expect(() => shardFlag('3/3')).toThrow(/--shard: got "3\/3" \(from --shard\); must be K\/N/);
    expect(() => shardFlag('auto', {})).toThrow(/found neither SLURM_ARRAY_TASK_ID/);
  });
});
