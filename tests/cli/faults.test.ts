/**
 * Fault injection on the command line (issue 10): processes killed while writing, two runs into one
 * folder, corrupt and edited shards, system paths, devices, pipes and huge files as input. Each
 * must end with a clear one-line message and exit code 1 or 2, and a result folder must hold the
 * old complete result or the new complete result, never a mix.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, cli, cliStart, cliWith } from '../support/cli.ts';
import { expectWholeRun } from '../support/results.ts';

const dir = mkdtempSync(join(tmpdir(), 'buddysim-faults-'));
// Readable by an unprivileged user too (the unwritable-folder case runs the CLI as one).
chmodSync(dir, 0o755);
const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};
const small = file('small.json', { version: 1, name: 'small', reps: 6, seed: 3, weeks: 60, outcomes: { assessmentWeeks: 30 } });
/** A run that takes a few seconds: long enough to be caught in the middle. */
const slow = file('slow.json', { version: 1, extends: 'small.json', name: 'slow', reps: 3000, weeks: 156, outcomes: { assessmentWeeks: 78 } });

/** No stack trace, no "internal error", one of the documented codes. */
function expectClear(r: { status: number | null; stderr: string }, code: number, message: RegExp): void {
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stderr).not.toMatch(/internal error/);
  expect(r.status, r.stderr).toBe(code);
}

/** Hidden leftovers of buddysim beside or inside a result folder. */
const leftovers = (parent: string) =>
  readdirSync(parent, { recursive: true, encoding: 'utf8' }).filter((f) => /\.partial$|buddysim-(new|old|lock)/.test(f));

beforeAll(buildCli);

describe('result folders are replaced whole (cases 1, 2, 8)', () => {
  it('a run killed while it runs leaves the previous result whole; the next run cleans what it left', async () => {
    const parent = join(dir, 'killed');
    const out = join(parent, 'out');
    expect(cli(['run', small, '--out', out, '--quiet', '--workers', '1', '--seed', '5']).status).toBe(0);
    const before = readFileSync(join(out, 'summary.json'), 'utf8');
    const run = cliStart(['run', slow, '--out', out, '--workers', '2', '--records', '3']);
    await run.waitFor(/progress \d+\/3000/);
    run.child.kill('SIGKILL');
    await run.exited;
    expect(readFileSync(join(out, 'summary.json'), 'utf8')).toBe(before);
    expectWholeRun(out);
    const next = cli(['run', small, '--out', out, '--quiet', '--workers', '1', '--seed', '9']);
    expect(next.status, next.stderr).toBe(0);
    expect(expectWholeRun(out).scenario.seed).toBe(9);
    expect(leftovers(parent)).toEqual([]);
  });

  it('killed at any moment, the folder holds the old or the new run whole', async () => {
    const out = join(dir, 'killed-anytime', 'out');
    expect(cli(['run', small, '--out', out, '--quiet', '--workers', '1']).status).toBe(0);
    for (const delay of [50, 150, 300, 500, 800, 1200]) {
      const run = cliStart(['run', small, '--out', out, '--quiet', '--workers', '1', '--reps', '40', '--seed', String(delay)]);
      await new Promise((r) => setTimeout(r, delay));
      run.child.kill('SIGKILL');
      await run.exited;
      const seed = expectWholeRun(out).scenario.seed;
      expect([3, delay]).toContain(seed);
    }
  });

  it('a second run into a folder being written refuses with a clear message; the first completes whole', async () => {
    const out = join(dir, 'concurrent');
    const first = cliStart(['run', slow, '--out', out, '--workers', '1', '--reps', '400']);
    await first.waitFor(/progress \d+\/400/);
    const second = cli(['run', small, '--out', out, '--quiet', '--workers', '1']);
    expectClear(second, 1, /--out: .*concurrent is being written by another buddysim run \(process \d+/);
    expect(await first.exited).toBe(0);
    expect(expectWholeRun(out).scenario.reps).toBe(400);
  });

  it('merge into a folder of an earlier run replaces it whole: no records of the other run stay', () => {
    const out = join(dir, 'merge-over');
    expect(cli(['run', small, '--out', out, '--quiet', '--workers', '1', '--seed', '11']).status).toBe(0);
    expect(existsSync(join(out, 'matches.csv'))).toBe(true);
    for (const k of [0, 1]) expect(cli(['run', small, '--shard', `${k}/2`, '--out', out, '--quiet', '--workers', '1']).status).toBe(0);
    const shards = readdirSync(out).filter((f) => f.startsWith('shard-')).map((f) => join(out, f));
    const merged = cli(['merge', ...shards, '--out', out, '--quiet']);
    expect(merged.status, merged.stderr).toBe(0);
    expect(expectWholeRun(out).scenario.seed).toBe(3);
    expect(readdirSync(out).sort()).toEqual(['costs.csv', 'effects.csv', 'replications.csv', 'shard-0000-of-0002.jsonl', 'shard-0001-of-0002.jsonl', 'summary.json', 'survival.csv', 'waiting.csv', 'weekly.csv']);
  });

  it('cleans temporary files that killed runs of older versions left', () => {
    const out = join(dir, 'partials');
    expect(cli(['run', small, '--out', out, '--quiet', '--workers', '1']).status).toBe(0);
    // A process id that cannot be running (above the kernel's maximum).
    writeFileSync(join(out, '.4194399-1.partial'), 'half a file');
    writeFileSync(join(out, `.${process.pid}-1.partial`), 'a file being written by a live process');
    expect(cli(['run', small, '--out', out, '--quiet', '--workers', '1']).status).toBe(0);
    expect(readdirSync(out).filter((f) => f.endsWith('.partial'))).toEqual([]);
    const shards = join(dir, 'partials-shards');
    mkdirSync(shards);
    writeFileSync(join(shards, '.4194399-2.partial'), 'half a shard');
    expect(cli(['run', small, '--shard', '0/2', '--out', shards, '--quiet', '--workers', '1']).status).toBe(0);
    expect(readdirSync(shards)).toEqual(['shard-0000-of-0002.jsonl']);
  });

  it('refuses to replace a folder that holds other files', () => {
    const out = join(dir, 'mine');
    mkdirSync(out);
    writeFileSync(join(out, 'thesis.docx'), 'years of work');
    expectClear(cli(['run', small, '--out', out, '--quiet', '--workers', '1']), 2, /--out: .*mine holds files that are not buddysim results \("thesis.docx"\)/);
    expect(readdirSync(out)).toEqual(['thesis.docx']);
  });
});

describe('output paths are checked before anything runs (cases 4, 7, 14)', () => {
  it('refuses --out under /proc and /sys at once', () => {
    expectClear(cliWith(['run', small, '--out', '/proc/self/buddysim', '--quiet'], { timeout: 20_000 }), 2, /--out: got "\/proc\/self\/buddysim", inside \/proc, a folder of the operating system/);
    expectClear(cliWith(['schema', '--out', '/sys/buddysim.json'], { timeout: 20_000 }), 2, /inside \/sys/);
  });

  it('experiment schema and experiment report check --out too (recursive mkdir under /proc never ends)', () => {
    expectClear(cliWith(['experiment', 'schema', '--out', '/proc/self/buddysim/x.json'], { timeout: 20_000 }), 2, /--out: got "\/proc\/self\/buddysim\/x.json", inside \/proc/);
    expectClear(cliWith(['experiment', 'report', dir, '--out', '/proc/self/buddysim'], { timeout: 20_000 }), 2, /--out: got "\/proc\/self\/buddysim", inside \/proc/);
    expectClear(cli(['experiment', 'schema', '--out', 'scenarios/x.json']), 2, /which holds the bundled scenarios/);
    expect(readdirSync('scenarios').filter((f) => !f.endsWith('.json') || f === 'x.json')).toEqual([]);
  });

  it('refuses the bundled scenarios folder', () => {
    expectClear(cli(['run', small, '--out', 'scenarios', '--quiet']), 2, /--out: got "scenarios", which holds the bundled scenarios/);
    expect(readdirSync('scenarios').filter((f) => !f.endsWith('.json'))).toEqual([]);
  });

  it('an unwritable folder is an input error (1) naming the folder, not a bug (70)', () => {
    const locked = join(dir, 'locked');
    mkdirSync(locked, { mode: 0o755 });
    // As root every folder is writable: run as an unprivileged user; otherwise take the write bit away.
    const asRoot = process.getuid?.() === 0;
    if (!asRoot) chmodSync(locked, 0o555);
    const as = asRoot ? { uid: 65534 } : {};
    expectClear(cliWith(['run', small, '--out', join(locked, 'out'), '--quiet', '--workers', '1'], { ...as, cwd: dir }), 1, /--out: cannot write in .*locked \(EACCES: permission denied\)/);
    expectClear(cliWith(['run', small, '--shard', '0/2', '--out', locked, '--quiet', '--workers', '1'], { ...as, cwd: dir }), 1, /cannot write in .*locked \(EACCES/);
    expectClear(cliWith(['schema', '--out', join(locked, 'schema.json')], { ...as, cwd: dir }), 1, /cannot write in .*locked \(EACCES/);
  });

  it('compare checks --out before it runs anything', () => {
    const r = cli(['compare', small, small, '--reps', '50', '--workers', '1', '--out', file('not-a-folder.txt', 'x')]);
    expectClear(r, 2, /--out: .*not-a-folder.txt exists and is not a directory/);
    expect(r.stderr).not.toMatch(/progress/);
  });
});

describe('shards are checked (cases 3, 10)', () => {
  const shardDir = join(dir, 'shards');
  let shards: string[] = [];
  beforeAll(() => {
    for (const k of [0, 1]) expect(cli(['run', small, '--shard', `${k}/2`, '--out', shardDir, '--quiet', '--workers', '1']).status).toBe(0);
    shards = readdirSync(shardDir).map((f) => join(shardDir, f));
  });
  const damaged = (name: string, change: (text: string) => string) => file(name, change(readFileSync(shards[1], 'utf8')));

  it('a truncated shard names the file (exit 1)', () => {
    const cut = damaged('cut.jsonl', (t) => t.slice(0, Math.floor(t.length * 0.6)));
    expectClear(cli(['merge', shards[0], cut, '--out', join(dir, 'm1')]), 1, /cut.jsonl: incomplete: the end line with the checksum is missing/);
    const cutHeader = damaged('cut-header.jsonl', (t) => t.slice(0, 100));
    expectClear(cli(['merge', shards[0], cutHeader, '--out', join(dir, 'm1')]), 1, /cut-header.jsonl: not a buddysim shard file/);
    expect(existsSync(join(dir, 'm1'))).toBe(false);
  });

  it('edited statistics fail the checksum; the file is named', () => {
    const edited = damaged('edited.jsonl', (t) => t.replace(/"participantWeeks":(\d+)/, (_m, n) => `"participantWeeks":${Number(n) + 1}`));
    expectClear(cli(['merge', shards[0], edited, '--out', join(dir, 'm2')]), 1, /edited.jsonl: checksum mismatch: the file was changed or damaged/);
  });

  it('an edited header (another scenario under the same fingerprint) is refused', () => {
    const header = damaged('header.jsonl', (t) => t.replace('"name":"small"', '"name":"renamed"'));
    expectClear(cli(['merge', shards[0], header, '--out', join(dir, 'm3')]), 1, /header.jsonl: the scenario in the header does not match its fingerprint/);
    const zeroLine = damaged('garbage.jsonl', (t) => t.replace(/\n\{"replication"/, '\n{"replication":"x","x"'));
    expectClear(cli(['merge', shards[0], zeroLine, '--out', join(dir, 'm3')]), 1, /garbage.jsonl: checksum mismatch/);
  });

  it('a shard given twice is named as such, not as "replications 3 to 2 are missing"', () => {
    expectClear(cli(['merge', shards[0], shards[0], '--out', join(dir, 'm4')]), 1, /shard-0000-of-0002.jsonl: holds the same replications \(0 to 2, shard 0 of 2\) as .*: give each shard once/);
  });

  it('a device or a pipe as a shard is refused without reading it', () => {
    expectClear(cliWith(['merge', '/dev/zero'], { timeout: 20_000 }), 1, /\/dev\/zero: cannot read the shard file \(a device\); it must be a regular file/);
    // A named pipe with no writer would block a plain open for ever.
    const fifo = join(dir, 'shard-0-of-2.jsonl');
    execFileSync('mkfifo', [fifo]);
    expectClear(cliWith(['merge', fifo], { timeout: 20_000 }), 1, /shard-0-of-2.jsonl: cannot read the shard file \(a named pipe\); it must be a regular file/);
    expectClear(cliWith(['experiment', 'merge', fifo, '--out', join(dir, 'merged')], { timeout: 20_000 }), 1, /shard-0-of-2.jsonl: cannot read the shard file \(a named pipe\); it must be a regular file/);
  });
});

describe('inputs are bounded and contained (case 6)', () => {
  it('extends may not leave the folder of the file that names it; nothing of the target is shown', () => {
    const abs = file('abs.json', { version: 1, name: 'x', extends: '/etc/passwd' });
    expectClear(cli(['validate', abs]), 1, /abs.json: extends: got "\/etc\/passwd", a file outside the folder .*; extends may name a file in that folder \(or below it\) or a bundled scenario/);
    const up = file('up.json', { version: 1, name: 'x', extends: '../../../etc/hostname' });
    const r = cli(['validate', up]);
    expectClear(r, 1, /up.json: extends: got "..\/..\/..\/etc\/hostname", a file outside the folder/);
    expect(r.stderr).not.toContain(readFileSync('/etc/hostname', 'utf8').trim());
  });

  it('with --extends-anywhere, a non-JSON target is refused without echoing it', () => {
    const secret = file('secret.txt', 'root:$6$supersecrethash:19000:0:99999:7:::\n');
    const sub = join(dir, 'sub');
    mkdirSync(sub, { recursive: true });
    const ref = join(sub, 'ref.json');
    writeFileSync(ref, JSON.stringify({ version: 1, name: 'x', extends: secret }));
    const r = cli(['validate', ref, '--extends-anywhere']);
    expectClear(r, 1, /secret.txt: not valid JSON at line 1, column 1: unexpected character/);
    expect(r.stderr).not.toMatch(/supersecret|root:/);
  });

  it('refuses /dev/zero, a named pipe and a 200 MB file at once, by type and size', () => {
    const fifo = join(dir, 'pipe.json');
    execFileSync('mkfifo', [fifo]);
    const big = join(dir, 'big.json');
    writeFileSync(big, '');
    truncateSync(big, 200 * 1024 * 1024); // sparse: no disk used
    for (const [target, message] of [
      ['/dev/zero', /\/dev\/zero: cannot read the scenario file \(a device\); it must be a regular file/],
      [fifo, /pipe.json: cannot read the scenario file \(a named pipe\); it must be a regular file/],
      [big, /big.json: the scenario file is 200.0 MB; at most 1.0 MB is allowed/],
    ] as const) {
      const ext = file(`ext-${target.replace(/\W/g, '')}.json`, { version: 1, name: 'x', extends: target });
      expectClear(cliWith(['validate', ext, '--extends-anywhere'], { timeout: 20_000 }), 1, message);
      expectClear(cliWith(['run', target, '--quiet'], { timeout: 20_000 }), 1, message);
    }
  });
});
