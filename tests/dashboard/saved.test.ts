import { describe, expect, it } from 'vitest';
import { problemsOf } from '../support/problems.ts';
import { parseScenario, runSerial, scenarioHash } from '../../src/index.ts';
import { resolveDesign } from '../../src/dashboard/design.ts';
import { addRun, historyEntry, HISTORY_SIZE, keyFigures } from '../../src/dashboard/saved/history.ts';
import { designSetJson, openState, parseDesignSet, readStoredSets, removeDesign, saveDesign, storeSets, STORAGE_KEY, withSet } from '../../src/dashboard/saved/designSets.ts';

const dash = { scenario: 'resource-starved', overrides: { reps: 3, weeks: 40, 'outcomes.assessmentWeeks': 20 } };
const scenario = resolveDesign(dash).scenario!;
const aggregate = runSerial(scenario);
const when = new Date('2026-05-04T10:00:00Z');

class MemoryStorage {
  items = new Map<string, string>();
  full = false;
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    if (this.full) throw new Error('QuotaExceededError');
    this.items.set(k, v);
  }
}

describe('run history', () => {
  it('keeps each run with its scenario, seed, replications and key figures, newest first', () => {
    const e = historyEntry(dash, scenario, scenarioHash(scenario), aggregate, 1.5, when);
    expect(e).toMatchObject({ name: scenario.name, base: 'resource-starved', seed: scenario.seed, reps: 3, changed: 2, finished: '2026-05-04T10:00:00.000Z' });
    expect(e.figures.map((f) => f.key)).toEqual(['premature', 'effect', 'matched8', 'cost']);
    expect(keyFigures(aggregate)[0].text).toMatch(/^\d+(\.\d+)?% \[/);
    const other = { ...e, hash: 'other' };
    expect(addRun(addRun([], e), other).map((h) => h.hash)).toEqual(['other', e.hash]);
    expect(addRun([other, e], e).map((h) => h.hash)).toEqual([e.hash, 'other']);
    const many = Array.from({ length: 30 }, (_, i) => ({ ...e, hash: String(i) })).reduce(addRun, []);
    expect(many.length).toBe(HISTORY_SIZE);
    expect(many[0].hash).toBe('29');
  });
});

describe('saved design sets', () => {
  it('saves designs into named sets, a label once per set, and removes them', () => {
    let sets = saveDesign([], 'Options', 'Starved', dash, scenario, when);
    sets = saveDesign(sets, 'Options', 'Starved', dash, scenario, when);
    sets = saveDesign(sets, 'Other', '', dash, scenario, when);
    expect(sets.map((s) => [s.name, s.designs.map((d) => d.label)])).toEqual([['Other', [scenario.name]], ['Options', ['Starved']]]);
    expect(removeDesign(sets, 'Other', 0).map((s) => s.name)).toEqual(['Options']);
  });

  it('exports a set as JSON that imports back, each design a scenario file buddysim run reads', () => {
    const set = saveDesign([], 'Options', 'Starved', dash, scenario, when)[0];
    const back = parseDesignSet(JSON.parse(designSetJson(set)), 'options.json');
    expect(back).toEqual(set);
    expect(scenarioHash(parseScenario(back.designs[0].scenario))).toBe(scenarioHash(scenario));
    expect(withSet([set], { ...set, designs: [] }).length).toBe(1);
  });

  it('re-opens a design with its controls as they were, or from its scenario file if the base changed', () => {
    const set = saveDesign([], 'Options', 'Starved', dash, scenario, when)[0];
    expect(openState(set.designs[0])).toEqual(dash);
    const moved = { ...set.designs[0], dashboard: { scenario: 'resource-starved', overrides: { reps: 5 } } };
    const state = openState(moved);
    expect(state.scenario).toBeNull();
    expect(scenarioHash(resolveDesign(state).scenario!)).toBe(scenarioHash(scenario));
  });

  it('refuses a broken set file naming the field', () => {
    expect(problemsOf(() => parseDesignSet({ format: 'buddysim-design-set', version: 1, name: 'x', designs: [{ label: 'a', scenario: { version: 1, name: 'a', reps: -1 } }] }, 'x.json'))).toEqual([
      'x.json designs.0.scenario: reps: got -1; must be at least 1 replications',
    ]);
    expect(problemsOf(() => parseDesignSet({ format: 'other', version: 1, name: 'x', designs: [] }, 'x.json'))).toEqual(['x.json: format: got "other"; must be "buddysim-design-set"']);
    expect(problemsOf(() => parseDesignSet({ format: 'buddysim-design-set', version: 1, name: 'x', designs: [], extra: 1 }, 'x.json'))[0]).toMatch(/^x\.json: extra: unknown field; allowed here: format, version, name, saved, designs$/);
  });

  it('keeps sets in storage, says when storage is full, and leaves unreadable storage alone', () => {
    const storage = new MemoryStorage();
    const sets = saveDesign([], 'Options', 'Starved', dash, scenario, when);
    expect(storeSets(storage, sets)).toBeNull();
    expect(readStoredSets(storage)).toEqual({ sets, problems: [] });
    storage.full = true;
    expect(storeSets(storage, sets)).toMatch(/could not be saved in this browser's storage \(QuotaExceededError\); export them as JSON/);
    storage.items.set(STORAGE_KEY, '{ not json');
    expect(readStoredSets(storage)).toEqual({ sets: [], problems: [`The saved design sets in this browser's storage are not readable (key ${STORAGE_KEY}); they were left as they are.`] });
    expect(storage.items.get(STORAGE_KEY)).toBe('{ not json');
  });
});
