import { describe, expect, it } from 'vitest';
import { closure, closureHazards, closureReason } from '../../../src/model/processes/closure.ts';
import { closeMatch, startMatch } from '../../../src/model/matchLifecycle.ts';
import { P, V } from '../../../src/model/state.ts';
import { testState } from '../../support/state.ts';
import type { ScenarioOverrides } from '../../support/scenario.ts';

function oneMatch(overrides: ScenarioOverrides = {}) {
  const state = testState(overrides);
  state.participants.motivation[0] = 0.7;
  state.participants.leaveFactor[0] = 1;
  state.volunteers.stability[0] = 0.7;
  state.volunteers.satisfaction[0] = 0.6;
  const m = startMatch(state, 0, 0, 10, 0.5, 0.5);
  return { state, m };
}

describe('closureReason', () => {
  it('closes as planned when the planned weeks are reached', () => {
    const { state, m } = oneMatch({ programme: { plannedWeeks: 20 } });
    // A match started in week 10 has lasted 20 weeks at the end of week 29.
    expect(closureReason(state, m, 29)).toBe('planned');
  });
  it('closes as planned when the hours budget is used', () => {
    const { state, m } = oneMatch({ programme: { hoursBudget: 40, plannedWeeks: 200 } });
    m.hours = 40;
    expect(closureReason(state, m, 12)).toBe('planned');
  });
  it('never closes prematurely when every hazard is zero', () => {
    const { state, m } = oneMatch({ behaviour: { volunteerLeavePerYear: 0, participantLeavePerYear: 0, mismatchPerYear: 0, neglectPerYear: 0 } });
    for (let w = 10; w < 60; w++) expect(closureReason(state, m, w)).toBeNull();
  });
  it('names the only non-zero hazard as the reason', () => {
    const { state, m } = oneMatch({ behaviour: { volunteerLeavePerYear: 0, participantLeavePerYear: 0, mismatchPerYear: 20, failQuality: 0.5 } });
    m.quality = 0.1;
    const reasons = new Set<string | null>();
    for (let w = 11; w < 60; w++) reasons.add(closureReason(state, m, w));
    expect(reasons).toEqual(new Set([null, 'mismatch']));
  });
});

describe('closureHazards', () => {
  it('lowers volunteer leaving with satisfaction: exp(-3 * 0.2) between 0.6 and 0.8', () => {
    const { state, m } = oneMatch();
    const at = (sat: number) => {
      state.volunteers.satisfaction[0] = sat;
      return closureHazards(state, m, 11, new Float64Array(4))[0];
    };
    expect(at(0.8) / at(0.6)).toBeCloseTo(Math.exp(-0.6), 12);
  });
  it('raises participant leaving while an urgent need is unmet (x 1.5)', () => {
    const { state, m } = oneMatch();
    const base = closureHazards(state, m, 11, new Float64Array(4))[1];
    state.participants.urgentUntil[0] = 30;
    expect(closureHazards(state, m, 11, new Float64Array(4))[1] / base).toBeCloseTo(1.5, 12);
  });
  it('adds the resources hazard only when follow-up is long overdue', () => {
    const { state, m } = oneMatch({ programme: { followUpEveryWeeks: 4 } });
    // Overdue after 2 * 4 + 4 = 12 weeks without a follow-up.
    expect(closureHazards(state, m, 22, new Float64Array(4))[3]).toBe(0);
    expect(closureHazards(state, m, 23, new Float64Array(4))[3]).toBeCloseTo(state.params.behaviour.neglectPerYear / 52, 12);
  });
});

describe('closure process and closeMatch', () => {
  it('closes every due match once, with one reason, and frees the pair', () => {
    const { state } = oneMatch({ programme: { plannedWeeks: 5 }, behaviour: { rematchParticipant: 0 }, volunteers: { rematchWillingness: 1 } });
    closure.step(state, 14);
    expect(state.active).toHaveLength(0);
    expect(state.closed.map((r) => [r.reason, r.weeks])).toEqual([['planned', 5]]);
    expect(state.participants.status[0]).toBe(P.finished);
    expect(state.volunteers.status[0]).toBe(V.available);
  });
  it('refuses to close a match twice', () => {
    const { state, m } = oneMatch();
    closeMatch(state, m, 'volunteer', 12);
    expect(() => closeMatch(state, m, 'mismatch', 12)).toThrow(/closed twice/);
  });
  it('harms the participant when a match ends early: harm * (1 - weeks / 26)', () => {
    const { state, m } = oneMatch({ behaviour: { earlyEndHarm: 0.2 } });
    closeMatch(state, m, 'volunteer', 22); // 13 weeks: half the harm window
    expect(state.participants.gain[0]).toBeCloseTo(-0.1, 12);
  });
});
