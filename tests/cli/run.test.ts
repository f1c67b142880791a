import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvParse } from 'd3';
import { beforeAll, describe, expect, it } from 'vitest';
import { METRIC_NAMES } from '../../src/analysis/metrics.ts';
import { buildCli, cli } from '../support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'buddysim-run-'));
const scenario = join(dir, 'small.json');
writeFileSync(scenario, JSON.stringify({ version: 1, name: 'small', reps: 6, seed: 3, weeks: 70, outcomes: { assessmentWeeks: 35 } }));

beforeAll(buildCli);

describe('buddysim run', () => {
  it('prints a readable summary and writes summary.json and the CSV files', () => {
    const out = join(dir, 'a');
    const r = cli(['run', scenario, '--out', out, '--workers', '1', '--records', '2']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Premature closure by the planned end \(52 weeks\): \d+(\.\d)?% \[/);
    expect(r.stdout).toMatch(/planned completion is a competing event/);
    expect(r.stdout).toMatch(/Effect on well-being \(main outcome\)/);
    expect(r.stdout).toMatch(/35 weeks after referral/);
    expect(r.stdout).toMatch(/all referred participants \(intention to treat\)/);
    expect(r.stdout).toMatch(/matched participants \(\d+\.\d% of referred\)/);
    expect(r.stdout).toMatch(/horizon 70 weeks \(1\.3 years\); assumed dose mechanism: duration/);
    expect(r.stdout).toMatch(/Participants referred per year/);
    expect(readdirSync(out).sort()).toEqual(['costs.csv', 'effects.csv', 'matches.csv', 'outcomes.csv', 'replications.csv', 'summary.json', 'survival.csv', 'waiting.csv', 'weekly.csv']);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.scenario).toMatchObject({ name: 'small', seed: 3, reps: 6, weeks: 70 });
    for (const m of METRIC_NAMES) expect(summary.metrics[m]).toHaveProperty('ci95');
    expect(Object.keys(summary.effects.groups)).toEqual(['allReferred', 'matched', '<3 months', '3-6 months', '6-12 months', '12+ months']);
    expect(summary.survival.prematureIncidence.value).toBe(summary.metrics.prematureIncidence.value);
    expect(Array.isArray(summary.warnings)).toBe(true);
    const matches = csvParse(readFileSync(join(out, 'matches.csv'), 'utf8'));
    expect(new Set(matches.map((m) => m.replication))).toEqual(new Set(['0', '1']));
    expect(matches.columns).toContain('closure_reason');
    expect(csvParse(readFileSync(join(out, 'replications.csv'), 'utf8'))).toHaveLength(6);
    expect(csvParse(readFileSync(join(out, 'weekly.csv'), 'utf8'))).toHaveLength(70);
    // Progress goes to stderr, as plain lines when not on a terminal.
    expect(r.stderr).toMatch(/progress 6\/6 replications/);
  });

  it('gives a byte-identical summary.json with 1 and 2 workers, and a different one for another seed', () => {
    const run = (name: string, ...extra: string[]) => {
      const out = join(dir, name);
      const r = cli(['run', scenario, '--out', out, '--quiet', '--reps', '12', ...extra]);
      expect(r.status, r.stderr).toBe(0);
      return readFileSync(join(out, 'summary.json'), 'utf8');
    };
    const one = run('w1', '--workers', '1');
    expect(run('w2', '--workers', '2')).toBe(one);
    expect(run('s9', '--workers', '2', '--seed', '9')).not.toBe(one);
  });

  it('--json prints the summary on stdout', () => {
    const r = cli(['run', scenario, '--out', join(dir, 'j'), '--quiet', '--json', '--workers', '1']);
    expect(JSON.parse(r.stdout).scenario.name).toBe('small');
  });
});

describe('buddysim compare', () => {
  it('sets designs side by side with the parameters that differ, and paired differences with intervals', () => {
    const other = join(dir, 'monthly.json');
    writeFileSync(other, JSON.stringify({ version: 1, extends: scenario, name: 'monthly', programme: { contactsPerWeek: 0.25 } }));
    const r = cli(['compare', scenario, other, '--quiet', '--workers', '1', '--out', join(dir, 'cmp')]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Parameters that differ between the designs:\n {2}programme\.contactsPerWeek: 1 \| 0\.25/);
    expect(r.stdout).toMatch(/A: small\n {2}B: monthly/);
    expect(r.stdout).toMatch(/B minus A, paired by batches/);
    const json = JSON.parse(readFileSync(join(dir, 'cmp', 'compare.json'), 'utf8'));
    expect(json.differingParameters).toEqual([{ path: 'programme.contactsPerWeek', values: [1, 0.25] }]);
    const d = json.differences[0].figures.meanMatchHours.difference;
    expect(d.ci95).toHaveLength(2);
    // Monthly contact of the same length gives fewer contact hours.
    expect(d.value).toBeLessThan(0);
  });
  it('compares effects domain by domain when the main outcomes differ', () => {
    const other = join(dir, 'skills.json');
    writeFileSync(other, JSON.stringify({ version: 1, extends: scenario, name: 'skills', outcomes: { primary: 'skills' } }));
    const r = cli(['compare', scenario, other, '--quiet', '--workers', '1']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/different main outcomes: effects are compared domain by domain/);
    expect(r.stdout).toMatch(/Effect on well-being, all referred, at the first measurement/);
    expect(r.stdout).toMatch(/Effect on skills, all referred, at the first measurement/);
    expect(r.stdout).not.toMatch(/Effect on the main outcome/);
  });
});

describe('buddysim validate, schema, params', () => {
  it('validates every bundled scenario by name', () => {
    const names = readdirSync('scenarios').filter((f) => f.endsWith('.json')).map((f) => f.replace('.json', ''));
    const r = cli(['validate', ...names]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(names.length);
  });
  it('prints the JSON Schema', () => {
    const schema = JSON.parse(cli(['schema']).stdout);
    expect(schema.properties.programme.properties.matching.enum).toEqual(['first-come', 'surface', 'deep']);
  });
  it('lists parameters with unit, range, default and source', () => {
    expect(cli(['params']).stdout).toMatch(/programme\.plannedWeeks = 52 weeks \(1 - 260\)\n.*\n {4}source: \[DeWit2016\]/);
  });
});
