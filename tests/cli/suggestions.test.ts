import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundledScenarios } from '../../src/io/readScenario.ts';
import { buildCli, cli } from '../support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'buddysim-suggest-'));
writeFileSync(join(dir, 'my-scenario.json'), JSON.stringify({ version: 1, name: 'mine', reps: 2, weeks: 60, outcomes: { assessmentWeeks: 30 } }));

beforeAll(buildCli);

/** A usage or input error: its exit code, one line on stderr, nothing on stdout, no stack trace. */
function refused(args: string[], status: number, cwd?: string): string {
  const r = cli(args, cwd);
  expect(r.status, r.stderr).toBe(status);
  expect(r.stdout).toBe('');
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).not.toMatch(/^\s+at /m);
  return r.stderr;
}

describe('did you mean', () => {
  it('a misspelt command gets the closest commands and the list of all', () => {
    expect(refused(['comapre', 'a', 'b'], 2)).toMatch(/unknown command "comapre"; did you mean compare\? commands: run, compare, merge/);
    expect(refused(['valid', 'x.json'], 2)).toMatch(/did you mean validate or validate-model\?/);
    expect(refused(['frobnicate'], 2)).toMatch(/unknown command "frobnicate"; commands: run/);
  });
  it('a misspelt option gets the closest options of that command', () => {
    expect(refused(['run', 'flemish-befriending', '--rep', '3'], 2)).toMatch(/unknown option --rep; did you mean --reps\? see buddysim run --help/);
    expect(refused(['run', 'flemish-befriending', '--wokers', '2'], 2)).toMatch(/did you mean --workers\?/);
    expect(refused(['compare', 'a', 'b', '--sed', '2'], 2)).toMatch(/did you mean --seed or --set\?/);
  });
  it('an option the command does not take, or that is nowhere near one, lists what the command takes', () => {
    expect(refused(['compare', 'a', 'b', '--record', '3'], 2)).toMatch(/unknown option --record; compare takes --reps, --seed, --set, .* \(see buddysim compare --help\)/);
    expect(refused(['validate', 'x.json', '--reps', '3'], 2)).toMatch(/validate does not take --reps; it takes --extends-anywhere \(see buddysim validate --help\)/);
  });
  it('a misspelt bundled scenario gets the closest names and the list of bundled scenarios', () => {
    const err = refused(['run', 'flemish-befriendin', '--quiet'], 1);
    expect(err).toMatch(/flemish-befriendin: scenario file not found .*; did you mean flemish-befriending\? \(bundled scenarios: /);
    for (const name of bundledScenarios()) expect(err).toContain(name);
    expect(refused(['validate', 'civic-integration-40-group'], 1)).toMatch(/did you mean civic-integration-40h-group\?/);
  });
  it('a name near nothing still gets the list of bundled scenarios', () => {
    expect(refused(['validate', 'zzzz'], 1)).toMatch(/zzzz: scenario file not found .*; bundled scenarios: best-practice-mentoring, /);
  });
  it('a misspelt file gets the closest .json files of its folder, or of the current folder for a plain name', () => {
    expect(refused(['validate', join(dir, 'my-scenari.json')], 1)).toContain(`did you mean ${join(dir, 'my-scenario.json')}?`);
    expect(refused(['validate', 'my-scenaro'], 1, dir)).toMatch(/did you mean my-scenario\.json\?/);
  });
  it('a misspelt parameter path for --set gets the closest known paths', () => {
    expect(refused(['run', 'flemish-befriending', '--set', 'programme.contactPerWeek=2'], 2)).toMatch(
      /--set unknown parameter "programme.contactPerWeek"; did you mean programme.contactsPerWeek\? \(buddysim params lists every parameter\)/,
    );
    expect(refused(['run', 'flemish-befriending', '--set', 'plannedWeeks=20'], 2)).toMatch(/did you mean programme.plannedWeeks\?/);
  });
  it('a misspelt lever path for sweep gets the closest known paths; its levels are checked as --set checks values', () => {
    expect(refused(['sweep', 'flemish-befriending', '--lever', 'coordinators.hoursPerWek=8,16'], 2)).toMatch(/--lever unknown parameter "coordinators.hoursPerWek"; did you mean coordinators.hoursPerWeek\?/);
    expect(refused(['sweep', 'flemish-befriending', '--lever', 'coordinators.hoursPerWeek=8,100'], 2)).toMatch(/--lever coordinators.hoursPerWeek: got 100; must be at most 40 hours\/week/);
    expect(refused(['sweep', 'flemish-befriending', '--lever', 'coordinators.hoursPerWeek=0x8,16'], 2)).toMatch(/got "0x8"; must be a number in decimal digits/);
    expect(refused(['sweep', 'flemish-befriending', '--lever', 'programme.matching=deep,surface'], 2)).toMatch(/a lever must be a numeric parameter/);
  });
  it('a misspelt option of a choice gets the closest options', () => {
    expect(refused(['run', 'flemish-befriending', '--set', 'programme.matching=dep'], 2)).toMatch(/--set programme.matching: got "dep"; must be one of: first-come, surface, deep; did you mean deep\?/);
  });
});
