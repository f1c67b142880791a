import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../src/scenario/errors.ts';
import { flatten, mergeDeep, parseScenario, resolveScenario, scenarioToFile, type ScenarioLoader } from '../../src/scenario/resolve.ts';
import { canonicalJson, scenarioHash } from '../../src/scenario/hash.ts';

const files: Record<string, unknown> = {
  'base.json': { version: 1, name: 'base', description: 'the base', seed: 5, programme: { plannedWeeks: 52, contactsPerWeek: 1 } },
  'child.json': { version: 1, extends: 'base.json', name: 'child', programme: { contactsPerWeek: 0.25 } },
  'loop-a.json': { version: 1, extends: 'loop-b.json', name: 'a' },
  'loop-b.json': { version: 1, extends: 'loop-a.json', name: 'b' },
};
const load: ScenarioLoader = (ref) => {
  if (!(ref in files)) throw new ScenarioError([`${ref}: scenario file not found`]);
  return { id: ref, json: files[ref] };
};

function problems(f: () => unknown): string[] {
  try {
    f();
  } catch (e) {
    if (e instanceof ScenarioError) return [...e.problems];
    throw e;
  }
  throw new Error('expected a ScenarioError');
}

describe('mergeDeep', () => {
  it('merges objects key by key and lets overrides win', () => {
    expect(mergeDeep({ a: { x: 1, y: 2 }, b: 1 }, { a: { y: 3 }, c: 4 })).toEqual({ a: { x: 1, y: 3 }, b: 1, c: 4 });
  });
});

describe('extends', () => {
  it('inherits the base and overrides only what the child sets', () => {
    const s = resolveScenario('child.json', load);
    expect(s.name).toBe('child');
    expect(s.seed).toBe(5);
    expect(s.params.programme.plannedWeeks).toBe(52);
    expect(s.params.programme.contactsPerWeek).toBe(0.25);
    // The description is not inherited: it described the base.
    expect(s.description).toBe('');
  });
  it('reports a cycle with the chain', () => {
    expect(problems(() => flatten('loop-a.json', load))[0]).toMatch(/cycle: loop-a.json -> loop-b.json -> loop-a.json/);
  });
  it('reports a missing base', () => {
    expect(problems(() => resolveScenario('nowhere.json', load))[0]).toMatch(/not found/);
  });
});

describe('parseScenario', () => {
  it('fills every default and freezes the result', () => {
    const s = parseScenario({ version: 1, name: 'x' });
    expect(s.params.programme.typology).toBe('befriending');
    expect(Object.isFrozen(s.params.programme)).toBe(true);
  });
  it('names the field, the value and what is allowed, one line per problem', () => {
    const lines = problems(() => parseScenario({ version: 1, name: 'x', programme: { plannedWeeks: -3, matching: 'random', bogus: 1 } }, 'f.json'));
    expect(lines).toContain('f.json: programme.plannedWeeks: got -3; must be at least 1 weeks');
    expect(lines).toContain('f.json: programme.matching: got "random"; must be one of: first-come, surface, deep');
    expect(lines.find((l) => l.includes('programme.bogus'))).toMatch(/unknown field; allowed here: typology, supportStyle/);
    expect(lines).toHaveLength(3);
  });
  it('checks fields against each other', () => {
    expect(problems(() => parseScenario({ version: 1, name: 'x', weeks: 50, outcomes: { assessmentWeeks: 60 } }))[0])
      .toMatch(/outcomes.assessmentWeeks: got 60; must be less than the horizon \(weeks = 50\)/);
  });
  it('round-trips through the file form', () => {
    const s = parseScenario({ version: 1, name: 'x', programme: { hoursBudget: 40 } });
    expect(parseScenario(scenarioToFile(s))).toEqual(s);
  });
});

describe('scenarioHash', () => {
  it('ignores key order and changes with content', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe('{"a":{"c":3,"d":2},"b":1}');
    expect(scenarioHash({ a: 1, b: 2 })).toBe(scenarioHash({ b: 2, a: 1 }));
    expect(scenarioHash({ a: 1 })).not.toBe(scenarioHash({ a: 2 }));
  });
});
