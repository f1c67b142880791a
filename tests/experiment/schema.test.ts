import { describe, expect, it } from 'vitest';
import { METRIC_NAMES } from '../../src/analysis/metrics.ts';
import { readFileSync } from 'node:fs';
import { experimentJsonSchema, experimentSchemaText } from '../../src/experiment/schema.ts';
import { experiment, experimentFile, problems } from './support.ts';

describe('experiment files', () => {
  it('accept a valid file and fill in the defaults', () => {
    const e = experiment({ outputs: undefined, seed: undefined });
    expect(e.outputs).toEqual(METRIC_NAMES);
    expect(e.seed).toBe(5); // the base scenario's seed
    expect(e.factors.map((f) => f.name)).toEqual(['programme.contactsPerWeek']);
    expect(e.hash).toMatch(/^[0-9a-f]{16}$/);
  });
  it('hash their content: the same experiment, the same hash; any change, another', () => {
    expect(experiment().hash).toBe(experiment().hash);
    expect(experiment({ replications: 4 }).hash).not.toBe(experiment().hash);
  });
  it('resolve to a self-contained file that parses to the same experiment', async () => {
    const e = experiment();
    const { parseExperiment } = await import('../../src/experiment/experiment.ts');
    expect(parseExperiment(e.file).hash).toBe(e.hash);
    const other = { version: 1, name: 'other', weeks: 70, outcomes: { assessmentWeeks: 30 } };
    const v = experiment({ factors: [{ name: 'format', variants: [{ label: 'base' }, { label: 'other', scenario: other }] }] });
    const again = parseExperiment(v.file);
    expect(again.hash).toBe(v.hash);
    expect(((again.file.factors as { variants: { scenario?: { weeks: number; programme: object } }[] }[])[0].variants[1].scenario)).toMatchObject({ weeks: 70, programme: { plannedWeeks: 52 } });
  });
  it('name the field, the value and what is allowed for each problem', () => {
    const lines = problems(experimentFile({ replications: 0, bogus: 1, design: { type: 'grid' }, outputs: ['nope'] }));
    expect(lines).toContain('x.json: replications: got 0; must be at least 1');
    expect(lines.some((l) => /^x\.json: bogus: unknown field; allowed here: \$schema, version, name/.test(l))).toBe(true);
    expect(lines).toContain('x.json: design.type: got "grid"; type must be one of: full-factorial, list, latin-hypercube, sobol, morris');
    expect(lines.find((l) => l.startsWith('x.json: outputs.0'))).toMatch(/got "nope"; must be a summary metric: referredPerYear, matchedShare/);
  });
  it('list the metrics from the analysis layer, never a copy', () => {
    const line = problems(experimentFile({ outputs: ['nope'] }))[0];
    for (const m of METRIC_NAMES) expect(line).toContain(m);
  });
  it('check factors against the declared parameters', () => {
    const lines = problems(experimentFile({
      factors: [
        { path: 'programme.contactsPerWek', range: [0.5, 2] },
        { path: 'programme.matching', range: [0, 1] },
        { path: 'programme.plannedWeeks', range: [0, 10] },
        { path: 'programme.matching', levels: ['deep', 'random'] },
        { path: 'programme.hoursPerContact', levels: [1], range: [1, 2] },
        { name: 'x', dummy: true, path: 'programme.hoursPerContact' },
        { path: 'programme.followUpEveryWeeks', range: [8, 4] },
      ],
    }));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^x\.json: factors\.4: got \{"path":"programme\.hoursPerContact".*; a factor takes only one of range, levels, distribution, variants, dummy; got range and levels$/);
    expect(lines[1]).toBe('x.json: factors.5.path: got "programme.hoursPerContact"; a dummy factor has no path');
    const second = problems(experimentFile({
      factors: [
        { path: 'programme.contactsPerWek', range: [0.5, 2] },
        { path: 'programme.matching', range: [0, 1] },
        { path: 'programme.plannedWeeks', range: [0, 10] },
        { path: 'programme.matching', levels: ['deep', 'random'] },
        { path: 'programme.followUpEveryWeeks', range: [8, 4] },
      ],
    }));
    expect(second).toEqual([
      'x.json: factors.0.path: got "programme.contactsPerWek"; no such parameter; see buddysim params for the paths (section.key)',
      'x.json: factors.1.range: got [0,1]; programme.matching is a choice (first-come, surface, deep): give its levels instead',
      'x.json: factors.2.range.0: got 0; must be within the declared range of programme.plannedWeeks: 1 to 260 weeks',
      'x.json: factors.3.levels.1: got "random"; must be one of: first-come, surface, deep',
      'x.json: factors.4.range: got [8,4]; must be [lo, hi] with lo below hi',
    ]);
  });
  it('refuse two factors on one parameter, clashing names, and list points without a value', () => {
    expect(problems(experimentFile({ factors: [{ path: 'programme.contactsPerWeek', range: [0.5, 2] }, { name: 'again', path: 'programme.contactsPerWeek', levels: [1] }] })))
      .toContain('x.json: factors: got "programme.contactsPerWeek"; is set by both programme.contactsPerWeek and again; a parameter can be set by one factor only');
    expect(problems(experimentFile({ factors: [{ name: 'metric', dummy: true }] }))[0]).toMatch(/is a column name of the results/);
    expect(problems(experimentFile({ design: { type: 'list', points: [{ other: 1 }] } }))).toEqual([
      'x.json: design.points.0: got {"other":1}; gives no value for factor programme.contactsPerWeek',
      'x.json: design.points.0.other: got 1; no factor has this name; factors: programme.contactsPerWeek',
    ]);
  });
  it('check variants: labels, parameter paths and values', () => {
    const lines = problems(experimentFile({
      factors: [{ name: 'format', variants: [{ label: 'a', set: { 'programme.mechanism': 'often' } }, { label: 'a', set: { 'programme.nothing': 1 } }] }],
    }));
    expect(lines).toEqual([
      'x.json: factors.0.variants.0.set.programme.mechanism: got "often"; must be one of: duration, frequency, neither',
      'x.json: factors.0.variants.1.label: got "a"; is used twice; every variant needs its own label',
      'x.json: factors.0.variants.1.set.programme.nothing: got 1; no such parameter; see buddysim params for the paths',
    ]);
  });
  it('need a file loader for scenario files, and say so', () => {
    expect(problems(experimentFile({ scenario: 'flemish-befriending' }))[0]).toMatch(/scenario: got "flemish-befriending"; a scenario file needs a file loader/);
  });
  it('report problems of the base scenario by its field', () => {
    expect(problems(experimentFile({ scenario: { version: 1, name: 's', weeks: 10, outcomes: { assessmentWeeks: 30 } } }))[0])
      .toMatch(/scenario: outcomes\.assessmentWeeks: got 30; must be less than the horizon/);
  });
  it('have a JSON Schema for editors', () => {
    const schema = experimentJsonSchema() as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['scenario', 'factors', 'design', 'replications', 'outputs', 'seed', 'across']));
    expect(schema.required).toEqual(expect.arrayContaining(['version', 'name', 'scenario', 'factors', 'design', 'replications']));
  });
  it('is committed up to date in docs/experiment.schema.json', () => {
    expect(readFileSync('docs/experiment.schema.json', 'utf8'), 'stale: run `npm run docs`').toBe(experimentSchemaText());
  });
});
