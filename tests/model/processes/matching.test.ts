import { describe, expect, it } from 'vitest';
import { matching, matchingHours } from '../../../src/model/processes/matching.ts';
import { deepSimilarity, surfaceSimilarity } from '../../../src/model/similarity.ts';
import { P, V, type ModelState } from '../../../src/model/state.ts';
import { testState } from '../../support/state.ts';
import { testScenario } from '../../support/scenario.ts';

describe('similarity', () => {
  it('scores deep similarity as exp(-d^2 / 6)', () => {
    const a = Float64Array.from([0, 0, 0, 1, 1, 1]);
    expect(deepSimilarity(a, 0, a, 0)).toBe(1);
    // Agent 0 at the origin, agent 1 at (1, 1, 1): d^2 = 3, exp(-0.5).
    expect(deepSimilarity(a, 0, a, 1)).toBeCloseTo(Math.exp(-0.5), 12);
  });
  it('scores surface similarity: best at a 15-year gap, same gender and background', () => {
    expect(surfaceSimilarity(30, 45, 1, 1, 0, 0)).toBe(1);
    // Same age: age term 1 - 15 / 30 = 0.5; different gender: 0; same background: 1 -> 1.5 / 3.
    expect(surfaceSimilarity(30, 30, 1, 0, 2, 2)).toBeCloseTo(0.5, 12);
    expect(surfaceSimilarity(20, 80, 0, 1, 0, 1)).toBe(0);
  });
});

describe('matchingHours', () => {
  it('charges the hours of the programme\'s method', () => {
    const hours = (matching: string) => matchingHours(testScenario({ programme: { matching } }).params);
    expect([hours('first-come'), hours('surface'), hours('deep')]).toEqual([0.5, 1.5, 4]);
  });
});

function setUp(method: string): ModelState {
  const state = testState({ programme: { matching: method }, participants: { waitingDropoutPerYear: 0 }, volunteers: { idleDropoutPerYear: 0 } });
  const pt = state.participants;
  const vt = state.volunteers;
  pt.status[0] = P.waiting;
  state.waitingList.push(0);
  [pt.age[0], pt.female[0], pt.background[0]] = [30, 0, 1];
  pt.deep.set([1, 1, 1], 0);
  // Volunteer 0 waited longest; 1 looks alike (surface); 2 thinks alike (deep).
  for (const v of [0, 1, 2]) {
    vt.status[v] = V.available;
    vt.readyWeek[v] = 0;
    state.available.push(v);
  }
  [vt.age[0], vt.female[0], vt.background[0]] = [70, 1, 0];
  [vt.age[1], vt.female[1], vt.background[1]] = [45, 0, 1];
  [vt.age[2], vt.female[2], vt.background[2]] = [70, 1, 0];
  vt.deep.set([-2, -2, -2], 0);
  vt.deep.set([-2, 2, -2], 3);
  vt.deep.set([1, 1.1, 0.9], 6);
  state.hoursLeft = 10;
  return state;
}

describe('matching process', () => {
  it.each([
    ['first-come', 0],
    ['surface', 1],
    ['deep', 2],
  ])('%s matching picks volunteer %i', (method, expected) => {
    const state = setUp(method);
    matching.step(state, 3);
    expect(state.active).toHaveLength(1);
    expect(state.active[0].volunteer).toBe(expected);
    expect(state.hoursLeft).toBeCloseTo(10 - matchingHours(state.params), 9);
    expect(state.participants.firstMatchWeek[0]).toBe(3);
    expect(state.waitingList).toEqual([]);
  });
  it('leaves people waiting when the coordinator has no hours', () => {
    const state = setUp('deep');
    state.hoursLeft = 1;
    matching.step(state, 3);
    expect(state.active).toHaveLength(0);
    expect(state.waitingList).toEqual([0]);
  });
});
