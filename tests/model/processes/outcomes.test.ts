import { describe, expect, it } from 'vitest';
import { domainFactors, styleFit, weeklyDose } from '../../../src/model/processes/outcomes.ts';
import { fadeFactor, gainAt, startMatch, closeMatch } from '../../../src/model/matchLifecycle.ts';
import { testScenario } from '../../support/scenario.ts';
import { testState } from '../../support/state.ts';
import type { Match } from '../../../src/model/state.ts';

const match = (m: Partial<Match>) => ({ plannedThisWeek: 1, contactsThisWeek: 1, hoursThisWeek: 1.5, ...m }) as Match;

describe('weeklyDose', () => {
  it('duration: ramps with the age of the relationship, counting held contacts', () => {
    const p = testScenario({ programme: { mechanism: 'duration' }, behaviour: { rampWeeks: 26 } }).params;
    // Week 12 of the match (age 12): 13 / 26.
    expect(weeklyDose(p, match({}), 12)).toBeCloseTo(0.5, 12);
    expect(weeklyDose(p, match({ contactsThisWeek: 0 }), 12)).toBe(0);
    expect(weeklyDose(p, match({ plannedThisWeek: 0, contactsThisWeek: 0 }), 40)).toBe(1);
  });
  it('frequency: contact hours over the reference dose, whatever the age', () => {
    const p = testScenario({ programme: { mechanism: 'frequency' }, behaviour: { referenceHours: 1.5 } }).params;
    expect(weeklyDose(p, match({ hoursThisWeek: 3 }), 0)).toBeCloseTo(2, 12);
    expect(weeklyDose(p, match({ hoursThisWeek: 3 }), 80)).toBeCloseTo(2, 12);
  });
  it('neither: front-loaded weights that sum to rampWeeks over an endless match', () => {
    const p = testScenario({ programme: { mechanism: 'neither' }, behaviour: { rampWeeks: 26 } }).params;
    let total = 0;
    for (let age = 0; age < 2000; age++) total += weeklyDose(p, match({ hoursThisWeek: 0 }), age);
    expect(total).toBeCloseTo(26, 6);
    expect(weeklyDose(p, match({}), 0)).toBeGreaterThan(weeklyDose(p, match({}), 10));
  });
});

describe('support style', () => {
  it('feeds instrumental domains with s * factor and relational ones with 1 - s, times the mix bonus', () => {
    const p = testScenario({ programme: { supportStyle: 0.5 }, behaviour: { mixBonus: 0.3, instrumentalGainFactor: 1.8 } }).params;
    // mix = 1 + 0.3 * 4 * 0.25 = 1.3; relational 1.3 * 0.5 = 0.65; instrumental 1.3 * 0.5 * 1.8 = 1.17.
    expect(Array.from(domainFactors(p)).map((x) => Number(x.toFixed(6)))).toEqual([0.65, 0.65, 1.17, 1.17]);
  });
  it('fits support to need: 1 - |style - need|', () => {
    expect(styleFit(0.3, 0.5)).toBeCloseTo(0.8, 12);
  });
});

describe('fading', () => {
  it('keeps the lasting share and halves the rest every half-life', () => {
    const state = testState({ behaviour: { retainedShare: 0.5, fadeHalfLifeWeeks: 26, earlyEndHarm: 0 } });
    // 0.5 + 0.5 * 0.5 = 0.75 after one half-life.
    expect(fadeFactor(state, 26)).toBeCloseTo(0.75, 12);
    const m = startMatch(state, 0, 0, 0, 0.5, 0.5);
    state.participants.gain[0] = 0.4;
    closeMatch(state, m, 'planned', 51);
    expect(gainAt(state, 0, 0, 51)).toBeCloseTo(0.4, 12);
    expect(gainAt(state, 0, 0, 77)).toBeCloseTo(0.3, 12);
  });
});
