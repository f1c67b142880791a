import { describe, expect, it } from 'vitest';
import { followUp } from '../../../src/model/processes/followUp.ts';
import type { Unit } from '../../../src/model/state.ts';
import { duo, step, testState } from '../../support/state.ts';

/**
 * `n` duos started in scrambled weeks 0-49, all due a follow-up in week 60, with hours for `served`
 * follow-ups: the units served are the first `served` in the order of service.
 */
function servedFirst(n: number, served: number, policy: 'arrival-order' | 'support-first') {
  const state = testState(
    { coordinators: { count: 1, hoursPerFollowUp: 1, policy }, programme: { followUpEveryWeeks: 4, ongoingTrainingEveryWeeks: 0 } },
    { participants: n, volunteers: n },
    served + 0.5,
  );
  const units: Unit[] = [];
  for (let i = 0; i < n; i++) units.push(duo(state, i, i, (i * 37) % 50));
  step(followUp, state, 70);
  return { servedIds: units.filter((u) => u.lastFollowUp === 70).map((u) => u.id), units };
}

describe('follow-up order', () => {
  for (const n of [12, 100]) {
    it(`serves the oldest pairs first under arrival-order, ties by unit id (${n} units due)`, () => {
      const { servedIds, units } = servedFirst(n, 7, 'arrival-order');
      const expected = [...units].sort((a, b) => a.startWeek - b.startWeek || a.id - b.id).slice(0, 7).map((u) => u.id);
      expect(servedIds.sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
    });
    it(`serves the most overdue pairs first under support-first (${n} units due)`, () => {
      // None is new (all started 13 weeks or more before week 70), so the longest without a follow-up come first.
      const { servedIds, units } = servedFirst(n, 5, 'support-first');
      const expected = [...units].sort((a, b) => a.startWeek - b.startWeek || a.id - b.id).slice(0, 5).map((u) => u.id);
      expect(servedIds.sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
    });
  }
});
