import { describe, expect, it } from 'vitest';
import { paramRows } from '../../src/model/params.ts';
import { OverrideError, applyOverrides, override, overrideText, parseOverride, parseOverrides, settablePaths } from '../../src/scenario/overrides.ts';
import { parseScenario, scenarioToFile } from '../../src/scenario/resolve.ts';
import { testScenario } from '../support/scenario.ts';

const refused = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(OverrideError);
    return (e as Error).message;
  }
  throw new Error('expected an OverrideError');
};

describe('settablePaths', () => {
  it('are the run fields seed, reps, weeks and every parameter by section.key', () => {
    expect(settablePaths()).toEqual(['seed', 'reps', 'weeks', ...paramRows().map((r) => r.path)]);
  });
});

describe('parseOverride reads a value by its parameter\'s kind', () => {
  it('a number in decimal digits, negative and fractional ones included', () => {
    expect(parseOverride('programme.contactsPerWeek=2')).toEqual({ path: 'programme.contactsPerWeek', value: 2 });
    expect(parseOverride('programme.contactsPerWeek=0.25')).toEqual({ path: 'programme.contactsPerWeek', value: 0.25 });
    expect(parseOverride(' seed = 7 ')).toEqual({ path: 'seed', value: 7 });
  });
  it('one option of a choice', () => {
    expect(parseOverride('programme.matching=deep')).toEqual({ path: 'programme.matching', value: 'deep' });
  });
  it('comma-separated options of a list', () => {
    expect(parseOverride('outcomes.domains=wellbeing, network')).toEqual({ path: 'outcomes.domains', value: ['wellbeing', 'network'] });
  });
  it('refuses what is not path=value', () => {
    expect(refused(() => parseOverride('programme.contactsPerWeek'))).toMatch(/got "programme.contactsPerWeek"; must be path=value/);
  });
  it('refuses an unknown path and suggests the closest known ones', () => {
    expect(refused(() => parseOverride('programme.contactPerWeek=2'))).toMatch(/unknown parameter "programme.contactPerWeek"; did you mean programme.contactsPerWeek\?/);
    expect(refused(() => parseOverride('hoursPerContact=2'))).toMatch(/did you mean programme.hoursPerContact\?/);
    expect(refused(() => parseOverride('name=x'))).toMatch(/unknown parameter "name"/);
  });
  it('refuses a number not in decimal digits, naming path, value and what is allowed', () => {
    for (const raw of ['0x2', '1e3', 'two', 'Infinity', '2.']) {
      expect(refused(() => parseOverride(`programme.contactsPerWeek=${raw}`))).toBe(`programme.contactsPerWeek: got "${raw}"; must be a number in decimal digits from 0.1 to 5 contacts/week`);
    }
    expect(refused(() => parseOverride('programme.plannedWeeks='))).toBe('programme.plannedWeeks: got no value; must be a whole number in decimal digits from 1 to 260 weeks');
  });
  it('checks the range and whole numbers with the scenario schema: negative numbers reach the range check', () => {
    expect(refused(() => parseOverride('seed=-1'))).toMatch(/^seed: got -1; must be at least 0/);
    expect(refused(() => parseOverride('reps=-5'))).toMatch(/^reps: got -5; must be at least 1/);
    expect(refused(() => parseOverride('programme.contactsPerWeek=9'))).toMatch(/got 9; must be at most 5 contacts\/week/);
    expect(refused(() => parseOverride('programme.plannedWeeks=10.5'))).toMatch(/got 10.5; must be a whole number/);
  });
  it('refuses an unknown option and suggests the closest', () => {
    expect(refused(() => parseOverride('programme.matching=dep'))).toBe('programme.matching: got "dep"; must be one of: first-come, surface, deep; did you mean deep?');
    expect(refused(() => parseOverride('outcomes.domains=wellbeing,netwrk'))).toMatch(/must be one of: .*; did you mean network\?/);
    expect(refused(() => parseOverride('outcomes.domains=wellbeing,wellbeing'))).toMatch(/must not name an option twice/);
  });
  it('refuses a path set twice', () => {
    expect(refused(() => parseOverrides(['seed=1', 'seed=2']))).toBe('seed is set more than once; set it once');
  });
});

describe('override checks values given by a program as parseOverride checks text', () => {
  it('accepts a valid value and refuses an invalid one', () => {
    expect(override('programme.format', 'group')).toEqual({ path: 'programme.format', value: 'group' });
    expect(refused(() => override('programme.format', 'trio'))).toMatch(/programme.format: got "trio"; must be one of: duo, group/);
    expect(refused(() => override('programme.nothing', 1))).toMatch(/unknown parameter/);
  });
  it('writes an override back as path=value, which parses to the same', () => {
    for (const o of [override('programme.contactsPerWeek', 0.5), override('outcomes.domains', ['wellbeing', 'skills']), override('programme.matching', 'deep')]) {
      expect(parseOverride(overrideText(o))).toEqual(o);
    }
  });
});

describe('applyOverrides', () => {
  const base = testScenario();
  it('sets parameters and run fields and leaves everything else as it was', () => {
    const s = applyOverrides(base, parseOverrides(['programme.contactsPerWeek=2', 'outcomes.domains=wellbeing,network', 'seed=7', 'weeks=90']));
    expect(s.params.programme.contactsPerWeek).toBe(2);
    expect(s.params.outcomes.domains).toEqual(['wellbeing', 'network']);
    expect(s.seed).toBe(7);
    expect(s.weeks).toBe(90);
    const unchanged = (x: typeof s) => {
      const f = scenarioToFile(x) as Record<string, any>;
      return { ...f, name: '', description: '', seed: 0, weeks: 0, programme: { ...f.programme, contactsPerWeek: 0 }, outcomes: { ...f.outcomes, domains: [] } };
    };
    expect(unchanged(s)).toEqual(unchanged(base));
  });
  it('notes the changed parameters in the name (not seed and reps) and every override in the description', () => {
    const s = applyOverrides(base, parseOverrides(['programme.contactsPerWeek=2', 'seed=7', 'reps=3']));
    expect(s.name).toBe('test; contactsPerWeek=2');
    expect(s.description).toMatch(/Set from outside the scenario file: programme.contactsPerWeek=2, seed=7, reps=3\.$/);
    expect(applyOverrides(base, parseOverrides(['seed=7'])).name).toBe('test');
  });
  it('keeps the name within the 80 characters a scenario name may have', () => {
    const long = parseScenario({ ...scenarioToFile(base), name: 'A'.repeat(75) });
    const s = applyOverrides(long, parseOverrides(['programme.contactsPerWeek=2', 'programme.matching=deep']));
    expect(s.name.length).toBeLessThanOrEqual(80);
    expect(s.name).toMatch(/^A+\.\.\.; contactsPerWeek=2, matching=deep$/);
  });
  it('validates the whole scenario again: a horizon before the assessment point is refused, naming the override', () => {
    expect(refused(() => applyOverrides(base, parseOverrides(['weeks=30'])))).toBe(
      'weeks=30 makes the scenario invalid: outcomes.assessmentWeeks: got 40; must be less than the horizon (weeks = 30), or no participant is ever assessed',
    );
  });
  it('returns the scenario itself when nothing is set', () => {
    expect(applyOverrides(base, [])).toBe(base);
  });
});
