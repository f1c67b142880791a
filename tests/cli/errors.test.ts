import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, cli } from '../support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'buddysim-errors-'));
const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};
const ok = { version: 1, name: 'ok', reps: 2, weeks: 60, outcomes: { assessmentWeeks: 30 } };

/** [case, arguments, what stderr must say]: each must exit non-zero with a clear message and no trace. */
const CASES: [string, () => string[], RegExp][] = [
  ['file is not JSON', () => ['validate', file('broken.json', '{ "version": 1,')], /broken.json: not valid JSON/],
  ['file holds an array', () => ['validate', file('array.json', [])], /must hold a JSON object/],
  ['version missing', () => ['validate', file('nover.json', { name: 'x' })], /version: got nothing; must be 1/],
  ['wrong version', () => ['validate', file('v2.json', { ...ok, version: 2 })], /version: got 2; must be 1/],
  ['name missing', () => ['validate', file('noname.json', { version: 1 })], /name: got nothing; must be a text/],
  ['unknown top-level field', () => ['validate', file('top.json', { ...ok, colour: 'red' })], /colour: unknown field; allowed here: \$schema, version, name/],
  ['unknown section field', () => ['validate', file('sec.json', { ...ok, programme: { lenght: 52 } })], /programme.lenght: unknown field; allowed here: typology/],
  ['unknown section', () => ['validate', file('nosec.json', { ...ok, staff: {} })], /staff: unknown field/],
  ['number below range', () => ['validate', file('neg.json', { ...ok, programme: { plannedWeeks: -5 } })], /programme.plannedWeeks: got -5; must be at least 1 weeks/],
  ['number above range', () => ['validate', file('hi.json', { ...ok, coordinators: { hoursPerWeek: 80 } })], /coordinators.hoursPerWeek: got 80; must be at most 40 hours\/week/],
  ['fraction where a whole number is needed', () => ['validate', file('frac.json', { ...ok, programme: { plannedWeeks: 10.5 } })], /programme.plannedWeeks: got 10.5; must be a whole number/],
  ['text where a number is needed', () => ['validate', file('text.json', { ...ok, programme: { contactsPerWeek: 'weekly' } })], /programme.contactsPerWeek: got "weekly"; must be a number/],
  ['unknown option value', () => ['validate', file('enum.json', { ...ok, programme: { matching: 'random' } })], /programme.matching: got "random"; must be one of: first-come, surface, deep/],
  ['section that is not an object', () => ['validate', file('secnum.json', { ...ok, programme: 5 })], /programme: got 5/],
  ['all target-group weights zero', () => ['validate', file('groups.json', { ...ok, participants: { groupNewcomer: 0, groupPsychological: 0, groupPoverty: 0, groupDisability: 0, groupYouth: 0 } })], /target-group weights must not all be 0/],
  ['assessment beyond the horizon', () => ['validate', file('assess.json', { ...ok, weeks: 50, outcomes: { assessmentWeeks: 60 } })], /outcomes.assessmentWeeks: got 60; must be less than the horizon/],
  ['reps zero in the file', () => ['validate', file('reps0.json', { ...ok, reps: 0 })], /reps: got 0; must be at least 1/],
  ['negative seed in the file', () => ['validate', file('seed.json', { ...ok, seed: -1 })], /seed: got -1; must be at least 0/],
  ['extends a missing file', () => ['validate', file('orphan.json', { ...ok, extends: 'nothere.json' })], /nothere.json: scenario file not found/],
  ['extends cycle', () => { file('cyc-b.json', { ...ok, extends: 'cyc-a.json' }); return ['validate', file('cyc-a.json', { ...ok, extends: 'cyc-b.json' })]; }, /extends forms a cycle/],
  ['extends not a text', () => ['validate', file('extnum.json', { ...ok, extends: 3 })], /extends: got 3; must be the path of another scenario file/],
  ['missing scenario file', () => ['run', join(dir, 'missing.json')], /missing.json: scenario file not found/],
  ['scenario path is a directory', () => { mkdirSync(join(dir, 'adir.json'), { recursive: true }); return ['validate', join(dir, 'adir.json')]; }, /adir.json: cannot read the scenario file \(a folder\); it must be a regular file/],
  ['no command', () => [], /Usage:/],
  ['unknown command', () => ['frobnicate'], /unknown command "frobnicate"; commands: run, compare/],
  ['unknown option', () => ['run', 'flemish-befriending', '--speed', '3'], /unknown option --speed/],
  ['run without a scenario', () => ['run'], /run takes one scenario, got 0/],
  ['run with two scenarios', () => ['run', 'a.json', 'b.json'], /run takes one scenario, got 2/],
  ['reps not a number', () => ['run', 'flemish-befriending', '--reps', 'abc'], /--reps: got "abc"; must be a number/],
  ['reps negative', () => ['run', 'flemish-befriending', '--reps=-3'], /--reps: got "-3"; must be at least 1/],
  ['reps fractional', () => ['run', 'flemish-befriending', '--reps', '2.5'], /--reps: got "2.5"; must be a whole number/],
  ['seed too large', () => ['run', 'flemish-befriending', '--seed', '99999999999'], /--seed: got "99999999999"; must be at most 2147483647/],
  ['workers zero', () => ['run', 'flemish-befriending', '--workers', '0'], /--workers: got "0"; must be a whole number from 1 to 256, or auto/],
  ['records not a number', () => ['run', 'flemish-befriending', '--records', 'some'], /--records: got "some"/],
  ['option without its value', () => ['run', 'flemish-befriending', '--reps'], /option --reps needs a value/],
  ['option the command does not take', () => ['validate', 'flemish-befriending', '--reps', '3'], /validate does not take --reps; it takes --extends-anywhere/],
  ['out is an existing file', () => ['run', file('ok.json', ok), '--out', file('afile.txt', 'x'), '--quiet'], /--out: .*afile.txt exists and is not a directory/],
  ['compare with one scenario', () => ['compare', 'flemish-befriending'], /compare needs at least two scenarios/],
  ['schema with an argument', () => ['schema', 'extra'], /schema takes no arguments/],
];

beforeAll(buildCli);

describe('bad input gets a clear error, a non-zero exit and no stack trace', () => {
  it(`covers at least 20 cases (${CASES.length})`, () => expect(CASES.length).toBeGreaterThanOrEqual(20));
  it.each(CASES)('%s', (_name, args, message) => {
    const r = cli(args());
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.stdout).not.toMatch(/summary.json/);
  });
  it('uses exit code 1 for a bad scenario and 2 for a bad command line', () => {
    expect(cli(['validate', file('neg2.json', { ...ok, programme: { plannedWeeks: -5 } })]).status).toBe(1);
    expect(cli(['run', 'flemish-befriending', '--workers', 'x']).status).toBe(2);
  });
  it('lists every problem of a file, one per line', () => {
    const r = cli(['validate', file('many.json', { ...ok, programme: { plannedWeeks: -1, matching: 'x', colour: 1 } })]);
    expect(r.stderr.trim().split('\n')).toHaveLength(3);
  });
  it('writes no files when a run fails', () => {
    const out = join(dir, 'out-fail');
    cli(['run', file('bad-run.json', { ...ok, programme: { plannedWeeks: 0 } }), '--out', out]);
    expect(() => readdirSync(out)).toThrow();
  });
});
