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
    expect(r.stdout).toMatch(/Premature closure before the planned 52 weeks \(Kaplan-Meier\): \d+\.\d%/);
    expect(r.stdout).toMatch(/Effect on wellbeing \(Hedges g/);
    expect(readdirSync(out).sort()).toEqual(['matches.csv', 'outcomes.csv', 'replications.csv', 'summary.json', 'survival.csv', 'weekly.csv']);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.scenario).toMatchObject({ name: 'small', seed: 3, reps: 6, weeks: 70 });
    for (const m of METRIC_NAMES) expect(summary.metrics[m]).toHaveProperty('ci95');
    expect(Object.keys(summary.effects.byGroup)).toEqual(['all', '<3 months', '3-6 months', '6-12 months', '12+ months']);
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
  it('pairs replications and reports differences with intervals', () => {
    const other = join(dir, 'monthly.json');
    writeFileSync(other, JSON.stringify({ version: 1, extends: scenario, name: 'monthly', programme: { contactsPerWeek: 0.25 } }));
    const r = cli(['compare', scenario, other, '--quiet', '--workers', '1', '--out', join(dir, 'cmp')]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/monthly {2}against {2}small/);
    const json = JSON.parse(readFileSync(join(dir, 'cmp', 'compare.json'), 'utf8'));
    expect(json.comparisons[0].diff.meanMatchHours.difference.ci95).toHaveLength(2);
    // Monthly contact of the same length gives fewer contact hours.
    expect(json.comparisons[0].diff.meanMatchHours.difference.mean).toBeLessThan(0);
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
