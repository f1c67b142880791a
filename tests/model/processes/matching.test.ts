import { describe, expect, it } from 'vitest';
import { SHORTLIST, matching, matchingHours, refusalChance } from '../../../src/model/processes/matching.ts';
import { deepSimilarity, surfaceSimilarity } from '../../../src/model/similarity.ts';
import { P, V, type ModelState } from '../../../src/model/state.ts';
import { enlist, step, testState } from '../../support/state.ts';
import { testScenario, type ScenarioOverrides } from '../../support/scenario.ts';

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

describe('matchingHours and refusals', () => {
  it('charges the hours of the programme\'s method', () => {
    const hours = (matching: string) => matchingHours(testScenario({ programme: { matching } }).params);
    expect([hours('first-come'), hours('surface'), hours('deep')]).toEqual([0.5, 1.5, 4]);
  });
  it('refuses twice the base for the poorest fit and never for a perfect one', () => {
    expect(refusalChance(0.05, 0)).toBeCloseTo(0.1, 12);
    expect(refusalChance(0.05, 0.5)).toBeCloseTo(0.05, 12);
    expect(refusalChance(0.05, 1)).toBe(0);
  });
});

const noLosses = { participants: { waitingDropoutPerYear: 0, matchRefusal: 0, firstMeetingNoShow: 0, sameGenderShare: 0 }, volunteers: { idleDropoutPerYear: 0, matchRefusal: 0 } };

function setUp(method: string, over: ScenarioOverrides = {}): ModelState {
  const state = testState({ ...noLosses, ...over, programme: { matching: method, ...over.programme } }, undefined, 10);
  const pt = state.participants;
  const vt = state.volunteers;
  pt.status[0] = P.waiting;
  [pt.age[0], pt.female[0], pt.background[0], pt.slot[0]] = [30, 0, 1, 0];
  pt.deep.set([1, 1, 1], 0);
  // Volunteer 0 waited longest; 1 looks alike (surface); 2 thinks alike (deep). All free at every time.
  for (const v of [0, 1, 2]) {
    vt.status[v] = V.available;
    vt.readyWeek[v] = 0;
    vt.slots[v] = 0b111;
  }
  [vt.age[0], vt.female[0], vt.background[0]] = [70, 1, 0];
  [vt.age[1], vt.female[1], vt.background[1]] = [45, 0, 1];
  [vt.age[2], vt.female[2], vt.background[2]] = [70, 1, 0];
  vt.deep.set([-2, -2, -2], 0);
  vt.deep.set([-2, 2, -2], 3);
  vt.deep.set([1, 1.1, 0.9], 6);
  enlist(state, [0], [0, 1, 2]);
  return state;
}

describe('matching process', () => {
  it.each([
    ['first-come', 0],
    ['surface', 1],
    ['deep', 2],
  ])('%s matching picks volunteer %i', (method, expected) => {
    const state = setUp(method);
    step(matching, state, 3);
    expect(state.matches).toHaveLength(1);
    expect(state.units[0].volunteer).toBe(expected);
    expect(state.coordinators.used).toBeCloseTo(matchingHours(state.params), 9);
    expect(state.participants.firstMatchWeek[0]).toBe(3);
    expect(state.waitingList.toArray()).toEqual([]);
  });
  it('leaves people waiting when the coordinator has no hours', () => {
    const state = setUp('deep');
    state.coordinators.free[0] = 1;
    step(matching, state, 3);
    expect(state.matches).toHaveLength(0);
    expect(state.waitingList.toArray()).toEqual([0]);
  });
  it('proposes only compatible volunteers: free at the participant\'s time, of the gender asked for', () => {
    const state = setUp('first-come');
    const vt = state.volunteers;
    vt.slots[0] = 0b010; // not free in slot 0
    state.participants.sameGenderOnly[0] = 1; // participant is a man: volunteers 0 and 2 are women
    enlist(state, [0], [0, 1, 2]);
    step(matching, state, 3);
    expect(state.units[0].volunteer).toBe(1);
  });
  it('keeps a hard-to-match participant waiting and matches the next one', () => {
    const state = setUp('first-come');
    const pt = state.participants;
    pt.slot[0] = 2;
    for (const v of [0, 1, 2]) state.volunteers.slots[v] = 0b001; // nobody free in slot 2
    pt.status[1] = P.waiting;
    pt.slot[1] = 0;
    enlist(state, [0, 1], [0, 1, 2]);
    step(matching, state, 3);
    expect(state.waitingList.toArray()).toEqual([0]);
    expect(state.matches.map((m) => m.participant)).toEqual([1]);
  });
  it('weighs at most a shortlist of candidates per match, whatever the pool', () => {
    const state = testState({ ...noLosses, programme: { matching: 'surface' } }, { participants: 1, volunteers: 400 }, 100);
    state.participants.status[0] = P.waiting;
    for (let v = 0; v < 400; v++) {
      state.volunteers.status[v] = V.available;
      state.volunteers.slots[v] = 0b111;
    }
    enlist(state, [0], Array.from({ length: 400 }, (_, v) => v));
    step(matching, state, 3);
    expect(state.matches).toHaveLength(1);
    expect(state.candidatesWeighed).toBe(SHORTLIST);
  });
  it('does not propose a pair again after a refusal', () => {
    const state = setUp('first-come', { participants: { matchRefusal: 1 } });
    step(matching, state, 3);
    expect(state.matches).toHaveLength(0);
    expect(state.refused[0]).toEqual([0]);
    (state as { params: unknown }).params = { ...state.params, participants: { ...state.params.participants, matchRefusal: 0 } };
    step(matching, state, 4);
    expect(state.units[0].volunteer).toBe(1);
  });
  it('forms a group of up to the group size, and needs two', () => {
    const state = setUp('first-come', { programme: { format: 'group', groupSize: 3 } });
    const pt = state.participants;
    for (const p of [1, 2, 3]) pt.status[p] = P.waiting;
    enlist(state, [0, 1, 2, 3], [0, 1, 2]);
    step(matching, state, 3);
    expect(state.units).toHaveLength(1);
    expect(state.units[0].members.map((m) => m.participant)).toEqual([0, 1, 2]);
    expect(state.waitingList.toArray()).toEqual([3]);
    // One person left and volunteers free: no group of one.
    step(matching, state, 4);
    expect(state.units).toHaveLength(1);
  });
});
