import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MECHANISMS } from '../../src/calibration/mechanisms.ts';
import { designKey, designScenario, gridDesigns, hoursPlan, limitWeeks } from '../../src/designs/design.ts';
import { DEFAULT_GRID, designPaths, parseGrid } from '../../src/designs/grid.ts';
import { fileLoader, readScenario } from '../../src/io/readScenario.ts';
import { differingParameters } from '../../src/scenario/differences.ts';
import { ScenarioError } from '../../src/scenario/errors.ts';

const grid = parseGrid(DEFAULT_GRID, { load: fileLoader });
const designs = gridDesigns(grid);
const run = { mechanism: 'duration' as const, gainRate: 0.0267, assessmentWeeks: 30, seed: 7, reps: 10 };

function problems(json: unknown): string[] {
  try {
    parseGrid(json, { load: fileLoader, file: 'grid.json' });
  } catch (e) {
    if (e instanceof ScenarioError) return [...e.problems];
    throw e;
  }
  return [];
}

describe('the default grid', () => {
  it('spends 40 hours at 1, 2 and 4 hours a week within 20 or 40 weeks, in three formats, beside year-long befriending', () => {
    expect(grid.hours).toBe(40);
    expect(designs).toHaveLength(5 * 2 * 3 + 1);
    expect(designs.filter((d) => d.kind === 'grid').every((d) => d.set['programme.hoursBudget'] === 40)).toBe(true);
    expect(designs.at(-1)).toMatchObject({ kind: 'alternative', label: 'year-long befriending', cell: null });
    expect(new Set(designs.map((d) => d.key)).size).toBe(designs.length);
    expect(designs.map((d) => d.key).slice(0, 3)).toEqual(['A', 'B', 'C']);
  });
  it('takes the bundled trajectory as the reference, A', () => {
    expect(designs[0]).toMatchObject({ key: 'A', reference: true, label: 'duo, 1 × 2 h a week, within 40 weeks' });
    const base = readScenario('civic-integration-40h');
    const a = designScenario(grid, designs[0], { ...run, seed: base.seed, reps: base.reps, assessmentWeeks: base.params.outcomes.assessmentWeeks });
    expect(differingParameters([base, a]).map((p) => p.path)).toEqual([]);
  });
  it('takes the formats and befriending from the bundled scenarios: only what they change', () => {
    expect(grid.formats).toEqual([
      { label: 'duo', set: {} },
      { label: 'group', set: { 'programme.format': 'group' } },
      { label: 'peer buddies', set: { 'volunteers.peerShare': 0.2 } },
    ]);
    const befriending = designScenario(grid, designs.at(-1)!, run);
    const bundled = readScenario('newcomer-befriending');
    const differ = differingParameters([bundled, befriending]).map((p) => p.path);
    // The bundled scenario extends the trajectory: only the run settings differ.
    expect(differ.every((p) => ['seed', 'reps', 'outcomes.assessmentWeeks', 'programme.mechanism', 'behaviour.gainRate', 'weeks'].includes(p) || p === 'name')).toBe(true);
  });
  it('runs every design on the same inflow, people, volunteers, coordinators, outcomes, horizon, seed and replications', () => {
    const scenarios = designs.map((d) => designScenario(grid, d, run));
    const allowed = new Set(designPaths());
    for (const p of differingParameters(scenarios)) expect(allowed.has(p.path), p.path).toBe(true);
    expect(new Set(scenarios.map((s) => s.seed))).toEqual(new Set([7]));
    expect(new Set(scenarios.map((s) => s.reps))).toEqual(new Set([10]));
    expect(new Set(scenarios.map((s) => JSON.stringify(s.params.inflow))).size).toBe(1);
    expect(new Set(scenarios.map((s) => JSON.stringify(s.params.coordinators))).size).toBe(1);
  });
  it('has every design either reach its 40 hours within its weeks or say it cannot', () => {
    for (const d of designs.filter((x) => x.kind === 'grid')) {
      const s = designScenario(grid, d, run);
      const p = s.params.programme;
      const most = p.plannedWeeks * p.contactsPerWeek * p.hoursPerContact;
      expect(d.hours.plannedHours).toBeCloseTo(most, 9);
      if (most < 40) expect(d.hours.reach, d.label).toBe('cannot');
      else expect(['reaches', 'no slack'], d.label).toContain(d.hours.reach);
    }
    expect(designs.filter((d) => d.hours.reach === 'cannot').map((d) => d.label)).toEqual([
      'duo, 1 × 1 h a week, within 20 weeks', 'group, 1 × 1 h a week, within 20 weeks', 'peer buddies, 1 × 1 h a week, within 20 weeks',
    ]);
    expect(designs.at(-1)!.hours.reach).toBe('no budget');
  });
  it('runs under every mechanism unless the file says otherwise', () => {
    expect(grid.mechanisms).toEqual([...MECHANISMS]);
    expect(grid.gainRates).toEqual({});
  });
});

describe('hoursPlan', () => {
  const plan = (contactsPerWeek: number, hoursPerContact: number, plannedWeeks: number, hoursBudget = 40) => hoursPlan({ programme: { contactsPerWeek, hoursPerContact, plannedWeeks, hoursBudget } });
  it('counts the meetings to spare within the limit', () => {
    expect(plan(1, 2, 40)).toMatchObject({ weeklyHours: 2, paceWeeks: 20, plannedHours: 80, spareMeetings: 20, reach: 'reaches', endWeeks: 20 });
    expect(plan(2, 2, 20)).toMatchObject({ spareMeetings: 20, reach: 'reaches', endWeeks: 10 });
    expect(plan(0.5, 3, 40)).toMatchObject({ plannedHours: 60, spareMeetings: 6, endWeeks: 27 });
  });
  it('has no slack when every planned meeting is needed, and cannot when they are not enough', () => {
    expect(plan(1, 1, 40)).toMatchObject({ spareMeetings: 0, reach: 'no slack', endWeeks: 40 });
    expect(plan(1, 1, 20)).toMatchObject({ spareMeetings: -20, reach: 'cannot', endWeeks: 20 });
    expect(plan(1, 1.5, 26)).toMatchObject({ reach: 'cannot' });
  });
  it('runs a design without a budget for its planned weeks', () => {
    expect(plan(1, 1.5, 52, 0)).toMatchObject({ budget: 0, reach: 'no budget', endWeeks: 52, plannedHours: 78 });
  });
});

describe('limits and keys', () => {
  it('turns a multiple of the pace into weeks, rounded up', () => {
    expect(limitWeeks({ weeks: 30 }, { contactsPerWeek: 1, hoursPerContact: 2 }, 40)).toBe(30);
    expect(limitWeeks({ times: 2 }, { contactsPerWeek: 1, hoursPerContact: 2 }, 40)).toBe(40);
    expect(limitWeeks({ times: 1.5 }, { contactsPerWeek: 1, hoursPerContact: 3 }, 40)).toBe(20);
  });
  it('names designs A to Z, then AA, AB', () => {
    expect([0, 25, 26, 27, 51, 52].map(designKey)).toEqual(['A', 'Z', 'AA', 'AB', 'AZ', 'BA']);
  });
  it('keeps one of designs that come out the same', () => {
    const g = parseGrid({ ...DEFAULT_GRID, limits: [{ weeks: 40 }, { times: 2 }], formats: [{ label: 'duo' }], alternatives: [] }, { load: fileLoader });
    // 1 x 2 h and 2 x 1 h: twice the pace is the 40-week limit itself.
    expect(gridDesigns(g).map((d) => d.set['programme.plannedWeeks'])).toEqual([40, 40, 80, 40, 40, 20, 40, 20]);
  });
  it('puts a named reference first', () => {
    const g = parseGrid({ ...DEFAULT_GRID, reference: 'year-long befriending' }, { load: fileLoader });
    expect(gridDesigns(g)[0]).toMatchObject({ key: 'A', label: 'year-long befriending', reference: true });
    expect(() => gridDesigns(parseGrid({ ...DEFAULT_GRID, reference: 'nothing' }, { load: fileLoader }))).toThrow(/reference: got "nothing"; must be the label of a design/);
  });
});

describe('parseGrid refuses', () => {
  const base = { version: 1, name: 'g', patterns: [{ contactsPerWeek: 1, hoursPerContact: 2 }] };
  it('unknown fields, naming the allowed ones', () => {
    expect(problems({ ...base, weekz: 3 })).toEqual([expect.stringMatching(/^grid\.json: weekz: unknown field; allowed here: \$schema, version, name, .*patterns, limits, formats/)]);
    expect(problems({ ...base, limits: [{ weeks: 20, times: 2 }] })).toEqual(['grid.json: limits.0: got {"weeks":20,"times":2}; a limit takes weeks or times, not both']);
  });
  it('values outside a parameter\'s range', () => {
    expect(problems({ ...base, patterns: [{ contactsPerWeek: 9, hoursPerContact: 2 }] })).toEqual([expect.stringMatching(/^grid\.json: patterns\.0\.contactsPerWeek: got 9; /)]);
    expect(problems({ ...base, limits: [{ weeks: 300 }] })).toEqual([expect.stringMatching(/^grid\.json: limits\.0\.weeks: got 300; /)]);
  });
  it('parameters that are not design parameters, so every design keeps the base\'s people and coordinators', () => {
    const p = problems({ ...base, alternatives: [{ label: 'big', set: { 'inflow.participantsPerWeek': 5, 'programme.mechanism': 'neither', 'programme.nothing': 1 } }] });
    expect(p).toEqual([
      expect.stringMatching(/^grid\.json: alternatives\.0\.set\.inflow\.participantsPerWeek: got 5; is not a design parameter/),
      expect.stringMatching(/^grid\.json: alternatives\.0\.set\.programme\.mechanism: got "neither"; is not a design parameter/),
      'grid.json: alternatives.0.set.programme.nothing: got 1; no such parameter; see buddysim params for the paths',
    ]);
  });
  it('a format that changes what the grid sets, twice-used labels, and a base without hours', () => {
    expect(problems({ ...base, formats: [{ label: 'duo', set: { 'programme.hoursPerContact': 3 } }] })).toEqual([
      'grid.json: formats.0.set.programme.hoursPerContact: got 3; is set by the grid itself (patterns, limits, hours); a format may not change it',
    ]);
    expect(problems({ ...base, formats: [{ label: 'duo' }, { label: 'duo' }] })).toEqual([expect.stringMatching(/formats\.1\.label: got "duo"; is used twice/)]);
    expect(problems({ ...base, base: 'flemish-befriending' })).toEqual([expect.stringMatching(/^grid\.json: hours: got nothing; the base flemish-befriending has no hours budget/)]);
  });
  it('a scenario that does not exist', () => {
    expect(problems({ ...base, alternatives: [{ label: 'x', scenario: 'no-such-scenario' }] })).toEqual([expect.stringMatching(/no-such-scenario: scenario file not found/)]);
  });
});

describe('docs/designs.md', () => {
  it('shows the default grid as it is', () => {
    const text = readFileSync('docs/designs.md', 'utf8');
    const block = /<!-- default-grid[^>]*-->\n```json\n([\s\S]*?)\n```/.exec(text);
    expect(block, 'the default grid block').not.toBeNull();
    expect(JSON.parse(block![1])).toEqual(DEFAULT_GRID);
  });
  it('shows a grid file example that parses', () => {
    const text = readFileSync('docs/designs.md', 'utf8');
    const example = /A grid comparing[^\n]*\n\n```json\n([\s\S]*?)\n```/.exec(text);
    const g = parseGrid(JSON.parse(example![1]), { load: fileLoader });
    expect(gridDesigns(g).map((d) => d.label)).toEqual(['group of three, 1 × 2 h a week, within 30 weeks', 'group of three, 1 × 4 h a week, within 15 weeks', 'monthly befriending']);
  });
});
