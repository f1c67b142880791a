import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, cli } from '../support/cli.ts';
import { SMALL_GRID } from '../designs/support.ts';

const dir = mkdtempSync(join(tmpdir(), 'buddysim-set-'));
const SMALL = { version: 1, name: 'small', reps: 3, seed: 5, weeks: 60, outcomes: { assessmentWeeks: 30 } };
const small = join(dir, 'small.json');
writeFileSync(small, JSON.stringify(SMALL));
const other = join(dir, 'other.json');
writeFileSync(other, JSON.stringify({ ...SMALL, name: 'other', programme: { matching: 'deep' } }));

beforeAll(buildCli);

const summaryOf = (out: string) => JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));

describe('--set path=value', () => {
  it('runs the scenario as if the file held the values: the same figures as a file that sets them', () => {
    const set = ['programme.contactsPerWeek=2', 'programme.matching=deep', 'outcomes.domains=wellbeing,network', 'seed=7', 'weeks=62'];
    const r = cli(['run', small, ...set.flatMap((s) => ['--set', s]), '--out', join(dir, 'set'), '--quiet', '--workers', '1']);
    expect(r.status, r.stderr).toBe(0);
    const file = join(dir, 'as-file.json');
    writeFileSync(file, JSON.stringify({ ...SMALL, seed: 7, weeks: 62, programme: { contactsPerWeek: 2, matching: 'deep' }, outcomes: { assessmentWeeks: 30, domains: ['wellbeing', 'network'] } }));
    expect(cli(['run', file, '--out', join(dir, 'file'), '--quiet', '--workers', '1']).status).toBe(0);
    const a = summaryOf(join(dir, 'set'));
    const b = summaryOf(join(dir, 'file'));
    expect(a.scenario).toMatchObject({ seed: 7, weeks: 62, reps: 3 });
    expect(a.scenarioFile.programme).toMatchObject({ contactsPerWeek: 2, matching: 'deep' });
    expect(a.metrics).toEqual(b.metrics);
    // The name notes what was set (not the seed), the description every override; the summary's first line shows the name.
    expect(a.scenario.name).toBe('small; contactsPerWeek=2, matching=deep, domains=wellbeing,network, weeks=62');
    expect(a.scenarioFile.description).toBe('Set from outside the scenario file: programme.contactsPerWeek=2, programme.matching=deep, outcomes.domains=wellbeing,network, seed=7, weeks=62.');
    expect(r.stdout.split('\n')[0]).toBe(a.scenario.name);
    expect(r.stdout).toMatch(/3 replications, seed 7, horizon 62 weeks \(1\.2 years\)/);
  });

  it('sets the replications and goes with --seed', () => {
    const r = cli(['run', small, '--set', 'reps=2', '--seed', '9', '--json', '--quiet', '--workers', '1', '--out', join(dir, 'reps')]);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).scenario).toMatchObject({ name: 'small', reps: 2, seed: 9 });
  });

  it('applies to every scenario that compare is given', () => {
    const out = join(dir, 'compare');
    const r = cli(['compare', small, other, '--set', 'programme.contactsPerWeek=2', '--set', 'programme.mechanism=frequency', '--out', out, '--quiet', '--workers', '1']);
    expect(r.status, r.stderr).toBe(0);
    const json = JSON.parse(readFileSync(join(out, 'compare.json'), 'utf8'));
    expect(json.designs.map((d: { name: string }) => d.name)).toEqual(['small; contactsPerWeek=2, mechanism=frequency', 'other; contactsPerWeek=2, mechanism=frequency']);
    // Set on both, so not a difference between them; only what the files differ in is.
    expect(json.differingParameters.map((d: { path: string }) => d.path)).toEqual(['programme.matching']);
    expect(r.stdout).toMatch(/assumed dose mechanism: frequency\n/);
  });

  it('applies to the base of every design of designs, and refuses what the designs vary', () => {
    const grid = join(dir, 'grid.json');
    writeFileSync(grid, JSON.stringify({ ...SMALL_GRID, alternatives: [] }));
    const run = (...extra: string[]) => cli(['designs', '--grid', grid, '--reps', '2', '--json', '--quiet', '--workers', '1', ...extra]);
    const plain = run();
    const fewer = run('--set', 'inflow.participantsPerWeek=0.5');
    expect(plain.status, plain.stderr).toBe(0);
    expect(fewer.status, fewer.stderr).toBe(0);
    const referred = (r: { stdout: string }) => JSON.stringify(JSON.parse(r.stdout).designs);
    expect(referred(fewer)).not.toBe(referred(plain));
    expect(run('--set', 'inflow.participantsPerWeek=2').stdout).toBe(plain.stdout); // the base's own value: the same result
    const refused = run('--set', 'programme.format=group');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/--set programme.format: the designs vary programme\.\* and volunteers\.peer\*; set them per design in a grid file/);
  });

  it('applies to the scenario plan plans for', () => {
    const r = cli(['plan', small, '--set', 'programme.matching=deep', '--max-waiting', '20', '--vary', 'hours', '--inflows', '31', '--reps', '4', '--workers', '1', '--quiet']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Capacity plan: small; matching=deep\n/);
  });

  /** [case, --set values, what stderr says]: each a usage error (exit 2) that names the path, the value and what is allowed. */
  const ERRORS: [string, string[], RegExp][] = [
    ['not path=value', ['programme.contactsPerWeek'], /--set got "programme.contactsPerWeek"; must be path=value, like programme.contactsPerWeek=2/],
    ['an unknown path', ['programme.speed=2'], /--set unknown parameter "programme.speed"; .*buddysim params lists every parameter/],
    ['no value', ['programme.contactsPerWeek='], /--set programme.contactsPerWeek: got no value; must be a number in decimal digits from 0.1 to 5 contacts\/week/],
    ['a number not in decimal digits', ['programme.contactsPerWeek=1e3'], /--set programme.contactsPerWeek: got "1e3"; must be a number in decimal digits/],
    ['a number above its range', ['programme.contactsPerWeek=9'], /--set programme.contactsPerWeek: got 9; must be at most 5 contacts\/week/],
    ['a fraction for a whole number', ['programme.plannedWeeks=10.5'], /--set programme.plannedWeeks: got 10.5; must be a whole number/],
    ['an unknown option', ['programme.format=trio'], /--set programme.format: got "trio"; must be one of: duo, group/],
    ['an option twice in a list', ['outcomes.domains=network,network'], /--set outcomes.domains: got \["network","network"\]; must not name an option twice/],
    ['a path set twice', ['seed=1', 'seed=2'], /--set seed is set more than once; set it once/],
    ['a scenario the values make invalid', ['weeks=20'], /--set weeks=20 makes the scenario invalid: outcomes.assessmentWeeks: got 30; must be less than the horizon \(weeks = 20\)/],
  ];
  it.each(ERRORS)('refuses %s', (_name, values, message) => {
    const r = cli(['run', small, ...values.flatMap((v) => ['--set', v]), '--out', join(dir, 'never'), '--quiet']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
  it('refuses --set seed with --seed (or reps with --reps): which was meant?', () => {
    expect(cli(['run', small, '--seed', '3', '--set', 'seed=4']).stderr).toMatch(/--seed and --set seed=\.\.\. both set the seed; give one/);
    expect(cli(['compare', small, other, '--reps', '3', '--set', 'reps=4']).stderr).toMatch(/--reps and --set reps=\.\.\. both set the reps; give one/);
  });
  it('is refused by a command that does not take it', () => {
    expect(cli(['validate', small, '--set', 'seed=1']).stderr).toMatch(/validate does not take --set/);
  });
});

describe('negative numbers reach the range check', () => {
  const CASES: [string[], RegExp][] = [
    [['--seed', '-1'], /--seed: got "-1"; must be at least 0/],
    [['--seed=-1'], /--seed: got "-1"; must be at least 0/],
    [['--reps', '-5'], /--reps: got "-5"; must be at least 1/],
    [['--reps', '-0.5'], /--reps: got "-0.5"; must be at least 1/],
    [['--set', 'seed=-1'], /--set seed: got -1; must be at least 0$/m],
    [['--set', 'reps=-5'], /--set reps: got -5; must be at least 1/],
    [['--set', 'programme.contactsPerWeek=-2'], /--set programme.contactsPerWeek: got -2; must be at least 0.1 contacts\/week/],
    [['--workers', '-2'], /--workers: got "-2"; must be a whole number from 1 to 256, or auto/],
    [['--records', '-1'], /--records: got "-1"; must be a whole number from 0/],
  ];
  it.each(CASES)('%j', (args, message) => {
    const r = cli(['run', small, ...args, '--quiet', '--out', join(dir, 'never')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/needs a value/);
  });
  it('still takes an option after a negative number as an option', () => {
    expect(cli(['run', small, '--seed', '-1', '--quiet']).stderr).toMatch(/must be at least 0/);
    expect(cli(['run', small, '--seed', '--quiet']).stderr).toMatch(/option --seed needs a value/);
  });
});
