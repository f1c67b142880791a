import { describe, expect, it } from 'vitest';
import { paramRows, resolveScenario, scenarioHash, SECTIONS } from '../../src/index.ts';
import { fileLoader } from '../../src/io/readScenario.ts';
import { BUNDLED } from '../../src/scenario/bundled.ts';
import {
  DEFAULT_SCENARIO,
  FIELD_BY_PATH,
  FIELDS,
  problemsByPath,
  resolveDesign,
  SECTION_LIST,
  stateFromFile,
  withOverride,
} from '../../src/dashboard/design.ts';

describe('dashboard design', () => {
  it('bundles every scenario in scenarios/ and resolves them as the command line does', () => {
    expect(BUNDLED.size).toBeGreaterThanOrEqual(5);
    expect(BUNDLED.has(DEFAULT_SCENARIO)).toBe(true);
    for (const key of BUNDLED.keys()) {
      const d = resolveDesign({ scenario: key, overrides: {} });
      expect(d.problems.general, key).toEqual([]);
      expect(scenarioHash(d.scenario)).toBe(scenarioHash(resolveScenario(`scenarios/${key}.json`, fileLoader)));
    }
  });

  it('has one control per parameter, in the sections the model declares', () => {
    const paths = FIELDS.map((f) => f.path);
    expect(paths.slice(0, 3)).toEqual(['seed', 'reps', 'weeks']);
    expect(paths.slice(3)).toEqual(paramRows().map((r) => r.path));
    expect(SECTION_LIST.map((s) => s.key)).toEqual(['run', ...Object.keys(SECTIONS)]);
    expect(SECTION_LIST.find((s) => s.key === 'behaviour')?.advanced).toBe(true);
  });

  it('applies overrides over the base, as the CLI merges extends', () => {
    const d = resolveDesign({ scenario: 'resource-starved', overrides: { reps: 40, 'programme.plannedWeeks': 26 } });
    expect(d.scenario?.reps).toBe(40);
    expect(d.scenario?.params.programme.plannedWeeks).toBe(26);
    expect(d.scenario?.params.programme.followUpStyle).toBe('laissez-faire'); // from resource-starved
    expect(d.scenario?.params.programme.hoursPerContact).toBe(1.5); // from flemish-befriending, its parent
  });

  it('puts each problem next to its control, and the rest in general', () => {
    const d = resolveDesign({ scenario: 'flemish-befriending', overrides: { 'programme.plannedWeeks': 300, 'inflow.participantsPerWeek': 'abc', 'programme.bogus': 1 } });
    expect(d.scenario).toBeNull();
    expect(d.problems.byPath.get('programme.plannedWeeks')?.[0]).toMatch(/^got 300; must be at most 260/);
    expect(d.problems.byPath.get('inflow.participantsPerWeek')?.[0]).toMatch(/^got "abc"; must be a number/);
    expect(d.problems.general.some((l) => l.startsWith('programme.bogus: unknown field'))).toBe(true);
  });

  it('reports a cross-field problem on the field it names', () => {
    const d = resolveDesign({ scenario: 'flemish-befriending', overrides: { weeks: 60 } });
    expect(d.problems.byPath.get('outcomes.assessmentWeeks')?.[0]).toMatch(/less than the horizon/);
  });

  it('names an unknown base scenario instead of throwing', () => {
    const d = resolveDesign({ scenario: 'nope', overrides: {} });
    expect(d.scenario).toBeNull();
    expect(d.problems.general[0]).toMatch(/^nope\.json: no bundled scenario/);
  });

  it('splits ScenarioError lines by field path', () => {
    const p = problemsByPath(['seed: got -1; must be at least 0 seed', 'x.json: extends forms a cycle', 'programme.typology: got "x"; must be one of: a']);
    expect([...p.byPath.keys()]).toEqual(['seed', 'programme.typology']);
    expect(p.general).toEqual(['x.json: extends forms a cycle']);
  });

  it('keeps only real changes as overrides', () => {
    const base = resolveDesign({ scenario: 'flemish-befriending', overrides: {} }).base;
    let s = withOverride({ scenario: 'flemish-befriending', overrides: {} }, base, 'programme.plannedWeeks', 26);
    expect(s.overrides).toEqual({ 'programme.plannedWeeks': 26 });
    s = withOverride(s, base, 'programme.plannedWeeks', 52);
    expect(s.overrides).toEqual({});
    // A field the scenario does not set: its default counts as the base value.
    expect(withOverride(s, base, 'behaviour.gainRate', FIELD_BY_PATH.get('behaviour.gainRate')!.spec.default as number).overrides).toEqual({});
  });

  it('turns a loaded file (with extends) into a state that reproduces it', () => {
    const json = { version: 1, extends: 'flemish-befriending.json', name: 'My variant', programme: { plannedWeeks: 30 } };
    const state = stateFromFile(json, 'my-variant.json');
    expect(state.scenario).toBeNull();
    const d = resolveDesign(state);
    const direct = resolveScenario('my-variant.json', (ref) => (ref === 'my-variant.json' ? { id: ref, json } : fileLoader(ref, 'scenarios/x.json')));
    expect(scenarioHash(d.scenario)).toBe(scenarioHash(direct));
    const described = stateFromFile({ ...json, description: 'Why, and what.' }, 'my-variant.json');
    expect(resolveDesign(described).scenario?.description).toBe('Why, and what.');
  });
});
