import { describe, expect, it } from 'vitest';
import { relationship } from '../../../src/model/processes/relationship.ts';
import { duo, step, testState } from '../../support/state.ts';

function pair(behaviour: Record<string, unknown>) {
  const state = testState({ behaviour: { problemPerYear: 0, selfRepairPerYear: 0, ...behaviour } });
  const m = duo(state, 0, 0, 0).members[0];
  return { state, m };
}

describe('relationship process', () => {
  it('moves quality toward the attainable level in proportion to contact: q + growth * dose * (q* - q)', () => {
    const { state, m } = pair({ qualityGrowth: 0.1, referenceHours: 1.5 });
    m.quality = 0.4;
    m.attainableQuality = 0.8;
    m.hoursThisWeek = 3; // dose 2
    m.missedThisWeek = 0;
    step(relationship, state, 1);
    // 0.4 + 0.2 * 0.4 = 0.48
    expect(m.quality).toBeCloseTo(0.48, 12);
  });
  it('erodes quality per missed contact and per week of an unresolved problem', () => {
    const { state, m } = pair({ missedContactErosion: 0.02, problemErosion: 0.03 });
    m.quality = 0.5;
    m.hoursThisWeek = 0;
    m.missedThisWeek = 2;
    m.problem = true;
    step(relationship, state, 1);
    // 0.5 - 2 * 0.02 - 0.03 = 0.43
    expect(m.quality).toBeCloseTo(0.43, 12);
  });
  it('notes when a match starts failing, and forgets it when it recovers', () => {
    const { state, m } = pair({ failQuality: 0.3, qualityGrowth: 0 });
    m.quality = 0.2;
    step(relationship, state, 5);
    expect(m.failingSince).toBe(5);
    step(relationship, state, 6);
    expect(m.failingSince).toBe(5);
    m.quality = 0.5;
    step(relationship, state, 7);
    expect(m.failingSince).toBe(-1);
  });
  it('makes problems more likely with unrealistic expectations', () => {
    let realistic = 0;
    let unrealistic = 0;
    for (let rep = 0; rep < 200; rep++) {
      const { state, m } = pair({ problemPerYear: 5, unrealisticProblemFactor: 4 });
      state.volunteers.realistic[0] = rep % 2;
      m.hoursThisWeek = 1.5;
      step(relationship, state, rep);
      if (m.problem) rep % 2 ? realistic++ : unrealistic++;
    }
    expect(unrealistic).toBeGreaterThan(realistic * 2);
  });
});
