import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands.ts';
import { shardFileName } from '../../src/io/shards.ts';
import { SMALL_GRID } from '../designs/support.ts';
import { buildCli, cli } from '../support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'buddysim-frame-'));
const write = (name: string, json: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(json));
  return path;
};
const SMALL = { version: 1, name: 'small', reps: 2, seed: 5, weeks: 60, outcomes: { assessmentWeeks: 30 } };
const small = write('small.json', SMALL);
const frequency = write('frequency.json', { ...SMALL, name: 'by hours', weeks: 104, programme: { mechanism: 'frequency' } });
const targets = write('targets.json', {
  version: 1, validationSeed: 99, reps: 2, batches: 2,
  targets: [{ id: 'closure', fact: 1, use: 'fit', title: 'Premature closure', source: '[DeWit2016]', scenario: { ref: small }, statistic: { name: 'prematureIncidence' }, target: { min: 0, max: 1 } }],
});
const experiment = (name: string, design: unknown, factors: unknown[]) =>
  write(`${name}.json`, { version: 1, name, scenario: SMALL, factors, design, replications: 2, outputs: ['effectAllReferred'] });
const sweep = experiment('sweep', { type: 'full-factorial' }, [{ path: 'programme.mechanism', levels: ['duration', 'neither'] }]);
const grid = write('grid.json', { ...SMALL_GRID, alternatives: [] });
const morris = experiment('morris', { type: 'morris', levels: 4, trajectories: 2, resamples: 20 }, [{ name: 'contacts', path: 'programme.contactsPerWeek', range: [0.5, 2] }, { name: 'dummy', dummy: true }]);

/** Commands that simulate nothing, so have no mechanism or horizon to state. */
const SIMULATE_NOTHING = ['schema', 'params'];

/** [command, arguments, what its output must state]: every command that simulates says the assumed mechanism and the horizon in years. */
const FRAMES: [string, () => string[], RegExp][] = [
  ['run', () => ['run', small, '--out', join(dir, 'run'), '--workers', '1'], /horizon 60 weeks \(1\.2 years\); assumed dose mechanism: duration/],
  ['compare', () => ['compare', small, frequency, '--workers', '1'], /horizon 60 weeks \(1\.2 years\) \(A\); 104 weeks \(2\.0 years\) \(B\); assumed dose mechanism: duration \(A\); frequency \(B\)/],
  ['designs', () => ['designs', '--grid', grid, '--reps', '2', '--workers', '1'], /horizon: 156 weeks \(3\.0 years\)\n.*\n  mechanisms: duration 0\.0267 SD\/week \(as given\), neither/],
  ['plan', () => ['plan', small, '--max-waiting', '20', '--vary', 'hours', '--inflows', '31', '--reps', '4', '--workers', '1'], /horizon 60 weeks \(1\.2 years\); assumed dose mechanism: duration/],
  ['sweep', () => ['sweep', small, '--lever', 'coordinators.hoursPerWeek=8,16', '--workers', '1'], /small: levers one at a time, .*; horizon 60 weeks \(1\.2 years\); assumed dose mechanism: duration/],
  ['merge', () => {
    expect(cli(['run', small, '--shard', '0/1', '--out', join(dir, 'shards'), '--quiet', '--workers', '1']).status).toBe(0);
    return ['merge', join(dir, 'shards', shardFileName(0, 1)), '--out', join(dir, 'merged')];
  }, /horizon 60 weeks \(1\.2 years\); assumed dose mechanism: duration/],
  ['validate', () => ['validate', small, frequency], /small.json: valid \("small", 2 replications, seed 5, horizon 60 weeks \(1\.2 years\); assumed dose mechanism: duration\)\n.*frequency.json: valid .*horizon 104 weeks \(2\.0 years\); assumed dose mechanism: frequency/],
  ['validate-model', () => ['validate-model', targets, '--out', join(dir, 'validation.md'), '--workers', '1'], /Scenarios run: horizon 60 weeks \(1\.2 years\); assumed dose mechanism: duration/],
  ['calibrate', () => ['calibrate', targets, '--params', 'behaviour.gainRate', '--reps', '2', '--candidates', '1', '--refine', '0', '--workers', '1'], /Scenarios run: horizon 60 weeks \(1\.2 years\); assumed dose mechanism: duration/],
  ['mechanisms', () => ['mechanisms', '--reps', '2', '--out', join(dir, 'mechanisms.md'), '--workers', '1'], /Scenarios run: horizon 156 weeks \(3\.0 years\); assumed dose mechanism: duration, frequency, neither \(varies by scenario\)/],
  ['experiment', () => ['experiment', 'run', sweep, '--out', join(dir, 'sweep'), '--workers', '1'], /horizon 60 weeks \(1\.2 years\); assumed dose mechanism: duration \(point 0\); neither \(point 1\)/],
  ['sensitivity', () => ['sensitivity', morris, '--out', join(dir, 'morris'), '--workers', '1'], /horizon 60 weeks \(1\.2 years\); assumed dose mechanism: duration/],
];

beforeAll(buildCli);

describe('every command that simulates states the assumed mechanism and the horizon in years', () => {
  it('covers every command in the table but those that simulate nothing', () => {
    expect([...FRAMES.map(([c]) => c), ...SIMULATE_NOTHING].sort()).toEqual(Object.keys(COMMANDS).sort());
  });
  it.each(FRAMES)('%s', (_command, args, frame) => {
    const r = cli(args());
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(frame);
  });
});
