import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readLog } from '../../src/io/experimentLog.ts';
import { buildCli, cli, CLI } from '../support/cli.ts';
import { experimentFile, SMALL_SCENARIO } from './support.ts';

const dir = mkdtempSync(join(tmpdir(), 'buddysim-experiment-'));
const file = join(dir, 'sweep.json');
writeFileSync(file, JSON.stringify(experimentFile({
  factors: [{ path: 'programme.contactsPerWeek', range: [0.25, 2] }, { path: 'programme.matching', levels: ['first-come', 'deep'] }],
  design: { type: 'full-factorial', steps: 12 },
  replications: 12,
})));
/** Every file a finished run leaves, besides its log. */
const FILES = ['experiment.json', 'manifest.json', 'summary.csv', 'replications.csv', 'summary.parquet', 'replications.parquet', 'report.html'];
const same = (a: string, b: string) => {
  for (const f of FILES) expect(readFileSync(join(a, f)).equals(readFileSync(join(b, f))), `${f} in ${a} and ${b}`).toBe(true);
};

beforeAll(() => {
  buildCli();
  const r = cli(['experiment', 'run', file, '--out', join(dir, 'single'), '--quiet', '--workers', '1']);
  if (r.status !== 0) throw new Error(r.stderr);
});

/**
 * Starts the CLI and kills it with SIGKILL at a random moment: once the log holds `after` records
 * (polled every 5 ms), or after `ms` milliseconds when `after` is 0 (during start-up).
 */
function runAndKill(args: string[], log: string, after: number, ms = 0): Promise<{ killed: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: 'ignore' });
    const started = Date.now();
    const poll = setInterval(() => {
      const due = after > 0 ? readLog(log).records.length >= after : Date.now() - started >= ms;
      if (due) child.kill('SIGKILL');
    }, 5);
    child.on('exit', (_code, signal) => {
      clearInterval(poll);
      resolve({ killed: signal === 'SIGKILL' });
    });
  });
}

describe('buddysim experiment run', () => {
  it('writes tidy CSV, Parquet, a manifest and a report, and says where', () => {
    const out = join(dir, 'single');
    for (const f of FILES) expect(existsSync(join(out, f)), f).toBe(true);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.points).toHaveLength(24);
    expect(manifest.points[0]).toEqual({ point: 0, values: { 'programme.contactsPerWeek': 0.25, 'programme.matching': 'first-come' }, unit: [0, 0.25], scenarioHash: expect.stringMatching(/^[0-9a-f]{16}$/) });
    expect(readFileSync(join(out, 'summary.csv'), 'utf8').split('\n')).toHaveLength(24 * 2 + 2);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toMatch(/<svg[^>]+data-chart="heatmap-prematureIncidence-0"/);
  });
  it('gives the same files with 1 or 2 workers', () => {
    const r = cli(['experiment', 'run', file, '--out', join(dir, 'two'), '--quiet', '--workers', '2']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Ran 24 points x 12 replications; results in/);
    same(join(dir, 'single'), join(dir, 'two'));
  });
  it('killed at random moments, resumes to byte-identical files', async () => {
    const out = join(dir, 'killed');
    const log = join(out, 'log');
    const total = 24 * 12;
    const stops: number[] = [];
    // First during start-up, then at random points of progress, once with two workers.
    const plan = [
      { after: 0, ms: 50 + 200 * Math.random(), workers: '1' },
      ...[0.1, 0.35, 0.6, 0.85].map((f, i) => ({ after: Math.max(1, Math.round(total * (f + 0.2 * Math.random()))), ms: 0, workers: i === 2 ? '2' : '1' })),
    ];
    for (const step of plan) {
      // Killed before it wrote experiment.json, a run is simply started again.
      const start = existsSync(join(out, 'experiment.json')) ? ['resume', out] : ['run', file, '--out', out];
      await runAndKill(['experiment', ...start, '--quiet', '--workers', step.workers], log, step.after, step.ms);
      stops.push(readLog(log).records.length);
    }
    expect(stops.filter((n) => n > 0 && n < total).length, `records stored at each kill: ${stops.join(', ')}`).toBeGreaterThanOrEqual(3);
    const last = cli(['experiment', 'resume', out, '--quiet', '--workers', '1']);
    expect(last.status, last.stderr).toBe(0);
    expect(last.stdout).toMatch(/Completed 24 points/);
    same(join(dir, 'single'), out);
  });
  it('resuming a finished run changes nothing', () => {
    const r = cli(['experiment', 'resume', join(dir, 'two'), '--quiet']);
    expect(r.status, r.stderr).toBe(0);
    same(join(dir, 'single'), join(dir, 'two'));
  });
  it('refuses to start over a folder that holds a run, or another experiment', () => {
    const again = cli(['experiment', 'run', file, '--out', join(dir, 'two'), '--quiet']);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already holds a run of this experiment; continue it with: buddysim experiment resume/);
    const other = join(dir, 'other.json');
    writeFileSync(other, JSON.stringify(experimentFile({ replications: 2 })));
    const clash = cli(['experiment', 'run', other, '--out', join(dir, 'two'), '--quiet']);
    expect(clash.status).toBe(1);
    expect(clash.stderr).toMatch(/holds another experiment \("test experiment", hash [0-9a-f]{16}, not [0-9a-f]{16}\)/);
  });
});

describe('shards and merge', () => {
  const shards = join(dir, 'shards');
  beforeAll(() => {
    for (const k of [2, 0, 1]) {
      const r = cli(['experiment', 'run', file, '--shard', `${k}/3`, '--out', shards, '--quiet', '--workers', '1']);
      if (r.status !== 0) throw new Error(r.stderr);
    }
  });
  const shardFile = (k: number) => join(shards, `shard-000${k}-of-0003.jsonl`);
  it('merged shards give the files of a single run, byte for byte; merging again changes nothing', () => {
    const m = cli(['experiment', 'merge', shardFile(0), shardFile(1), shardFile(2), '--out', join(dir, 'merged'), '--quiet']);
    expect(m.status, m.stderr).toBe(0);
    expect(m.stdout).toMatch(/Merged 3 shards: 24 points x 12 replications/);
    same(join(dir, 'single'), join(dir, 'merged'));
    expect(cli(['experiment', 'merge', shardFile(2), shardFile(0), shardFile(1), '--out', join(dir, 'merged'), '--quiet']).status).toBe(0);
    same(join(dir, 'single'), join(dir, 'merged'));
  });
  it('--shard auto reads a Slurm job array', () => {
    const out = join(dir, 'auto');
    const env = { ...process.env, SLURM_ARRAY_TASK_ID: '5', SLURM_ARRAY_TASK_MIN: '4', SLURM_ARRAY_TASK_COUNT: '3' };
    const r = spawnCli(['experiment', 'run', file, '--shard', 'auto', '--out', out, '--quiet', '--workers', '1'], env);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(out, 'shard-0001-of-0003.jsonl')).equals(readFileSync(shardFile(1)))).toBe(true);
  });
  it('refuses missing, duplicate and foreign shards, naming the file', () => {
    const missing = cli(['experiment', 'merge', shardFile(0), shardFile(2), '--out', join(dir, 'x')]);
    expect([missing.status, missing.stderr.trim()]).toEqual([1, 'missing shard 1 of 3: expected files such as shard-0001-of-0003.jsonl']);
    const twice = cli(['experiment', 'merge', shardFile(0), shardFile(1), shardFile(1), shardFile(2), '--out', join(dir, 'x')]);
    expect([twice.status, twice.stderr.trim()]).toEqual([1, `${shardFile(1)}: shard 1 of 3 is given twice (also ${shardFile(1)})`]);
    const otherFile = join(dir, 'other-shards.json');
    writeFileSync(otherFile, JSON.stringify(experimentFile({ replications: 2, scenario: SMALL_SCENARIO })));
    expect(cli(['experiment', 'run', otherFile, '--shard', '1/3', '--out', join(dir, 'foreign'), '--quiet', '--workers', '1']).status).toBe(0);
    const foreign = join(dir, 'foreign', 'shard-0001-of-0003.jsonl');
    const f = cli(['experiment', 'merge', shardFile(0), foreign, shardFile(2), '--out', join(dir, 'x')]);
    expect(f.status).toBe(1);
    expect(f.stderr).toMatch(new RegExp(`^${foreign.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: belongs to another experiment`));
    const notShard = cli(['experiment', 'merge', file, '--out', join(dir, 'x')]);
    expect(notShard.stderr.trim()).toBe(`${file}: not a buddysim experiment shard file (experiment run --shard writes them)`);
    expect(existsSync(join(dir, 'x', 'summary.csv'))).toBe(false);
  });
});

describe('buddysim sensitivity <experiment file>', () => {
  it('runs a Morris experiment and prints mu* per lever with the noise floor; a second call reuses the results', () => {
    const morris = join(dir, 'morris.json');
    writeFileSync(morris, JSON.stringify(experimentFile({
      factors: [{ name: 'contacts', path: 'programme.contactsPerWeek', range: [0.5, 2] }, { name: 'hours', path: 'programme.hoursPerContact', range: [1, 3] }, { name: 'dummy', dummy: true }],
      design: { type: 'morris', levels: 4, trajectories: 3, resamples: 50 }, replications: 2, outputs: ['effectAllReferred'],
    })));
    const out = join(dir, 'morris');
    const r = cli(['sensitivity', morris, '--out', out, '--quiet', '--workers', '1']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Which levers matter: Morris screening/);
    expect(r.stdout).toMatch(/Noise floor \(mu\* of the dummy dummy, which moves only the random numbers\)/);
    expect(r.stdout).toMatch(/rank\s+lever\s+mu\* \[95% interval\]/);
    const again = cli(['sensitivity', morris, '--out', out, '--json', '--workers', '1']);
    expect(again.status, again.stderr).toBe(0);
    const analyses = JSON.parse(again.stdout);
    expect(analyses[0].result.factors.map((f: { name: string }) => f.name)).toEqual(['contacts', 'hours', 'dummy']);
  });
  it('refuses an experiment without a sensitivity design', () => {
    const r = cli(['sensitivity', file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/sensitivity needs an experiment with a morris or sobol design; .* has design\.type "full-factorial"/);
  });
});

describe('command line errors', () => {
  it('a bad experiment file: one line per problem, exit code 1, nothing written', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify(experimentFile({ replications: 0, factors: [{ path: 'programme.nope', range: [0, 1] }] })));
    const r = cli(['experiment', 'run', bad, '--out', join(dir, 'bad')]);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([`${bad}: replications: got 0; must be at least 1`]);
    expect(existsSync(join(dir, 'bad'))).toBe(false);
    writeFileSync(bad, '{ not json');
    expect(cli(['experiment', 'run', bad]).stderr).toMatch(/bad\.json: not valid JSON/);
  });
  it('a wrong invocation: a one-line hint, exit code 2', () => {
    expect(cli(['experiment']).status).toBe(2);
    expect(cli(['experiment', 'fly']).stderr).toMatch(/experiment needs a subcommand \(run, resume, merge, report, schema\), got "fly"/);
    expect(cli(['experiment', 'merge', 'a.jsonl']).stderr).toMatch(/needs --out DIR/);
    expect(cli(['experiment', 'resume', dir, '--shard', '1/2']).stderr).toMatch(/experiment resume does not take --shard/);
    expect(cli(['experiment', 'run', file, '--shard', '3/3']).status).toBe(2);
    const notDir = cli(['experiment', 'resume', join(dir, 'nothing')]);
    expect([notDir.status, notDir.stderr]).toEqual([1, expect.stringMatching(/not an experiment folder \(no experiment\.json\)/)]);
  });
  it('writes a finished run\'s report as Markdown with SVG charts, and refuses an unfinished one', () => {
    const docs = join(dir, 'docs');
    const r = cli(['experiment', 'report', join(dir, 'single'), '--out', docs]);
    expect(r.status, r.stderr).toBe(0);
    const md = readFileSync(join(docs, 'README.md'), 'utf8');
    expect(md).toMatch(/^# test experiment\n\n\*Generated by `buddysim experiment report /);
    const charts = [...md.matchAll(/!\[[^\]]*\]\(([^)]+\.svg)\)/g)].map((m) => m[1]);
    expect(charts.length).toBeGreaterThan(0);
    for (const c of charts) expect(readFileSync(join(docs, c), 'utf8')).toMatch(/^<svg /);
    expect(md).toMatch(/\| point \| programme\.contactsPerWeek \| programme\.matching \| prematureIncidence \| effectMatched \|/);
    const partial = join(dir, 'partial');
    expect(cli(['experiment', 'run', file, '--shard', '0/2', '--out', partial, '--quiet', '--workers', '1']).status).toBe(0);
    const refused = cli(['experiment', 'report', partial, '--out', join(dir, 'nodocs')]);
    expect([refused.status, refused.stderr.trim()]).toEqual([1, `${partial}: the run is not complete; finish it with: buddysim experiment resume ${partial}`]);
  });
  it('prints the JSON Schema of experiment files', () => {
    const r = cli(['experiment', 'schema']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).properties.design).toBeDefined();
  });
});

function spawnCli(args: string[], env: NodeJS.ProcessEnv) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
