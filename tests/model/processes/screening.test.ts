import { describe, expect, it } from 'vitest';
import { intake } from '../../../src/model/processes/intake.ts';
import { screening } from '../../../src/model/processes/screening.ts';
import { P, V } from '../../../src/model/state.ts';
import { enlist, step, testState } from '../../support/state.ts';

describe('intake process', () => {
  it('takes in participants as far as the hours reach, in order of arrival', () => {
    const state = testState({ coordinators: { hoursPerIntake: 1.5 }, participants: { intakeDropout: 0, waitingDropoutPerYear: 0 } }, undefined, 3.2);
    state.intakeQueue.push(0, 1, 2);
    step(intake, state, 4);
    // 3.2 hours cover two intakes of 1.5 hours.
    expect(state.waitingList.toArray()).toEqual([0, 1]);
    expect(state.intakeQueue).toEqual([2]);
    expect(state.participants.status[0]).toBe(P.waiting);
    expect(state.participants.waitingSince[1]).toBe(4);
  });
  it('loses those who do not complete the intake: they leave unmatched', () => {
    const state = testState({ participants: { intakeDropout: 1 } }, undefined, 10);
    state.intakeQueue.push(0);
    step(intake, state, 4);
    expect(state.waitingList.toArray()).toEqual([]);
    expect(state.participants.status[0]).toBe(P.left);
    expect(state.participants.leftUnmatchedWeek[0]).toBe(4);
  });
});

describe('screening process', () => {
  it('passes volunteers at or above the threshold and rejects the rest', () => {
    const state = testState({ volunteers: { screeningThreshold: 0.5 } }, undefined, 100);
    const vt = state.volunteers;
    // Suitability is the mean of motivation, stability, empathy and affinity.
    [vt.motivation[0], vt.stability[0], vt.empathy[0], vt.affinity[0]] = [0.6, 0.6, 0.4, 0.4]; // 0.5: passes
    [vt.motivation[1], vt.stability[1], vt.empathy[1], vt.affinity[1]] = [0.6, 0.6, 0.4, 0.39]; // 0.4975: fails
    state.screeningQueue.push(0, 1);
    step(screening, state, 0);
    expect(state.trainingQueue).toEqual([0]);
    expect(vt.status[1]).toBe(V.left);
    expect(state.tally.rejected).toBe(1);
  });
  it('under support-first, pauses while ready volunteers outnumber the people waiting by the margin', () => {
    const run = (policy: string) => {
      const state = testState({ coordinators: { policy, screeningPauseMargin: 2 } }, undefined, 100);
      enlist(state, [0], [1, 2, 3]);
      state.screeningQueue.push(4);
      step(screening, state, 0);
      return state.screeningQueue.length;
    };
    expect(run('support-first')).toBe(1); // 3 ready - 1 waiting = 2: paused
    expect(run('arrival-order')).toBe(0);
  });
});
