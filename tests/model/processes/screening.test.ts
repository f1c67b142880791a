import { describe, expect, it } from 'vitest';
import { screening } from '../../../src/model/processes/screening.ts';
import { P, V } from '../../../src/model/state.ts';
import { testState } from '../../support/state.ts';

describe('screening process', () => {
  it('takes in participants as far as the hours reach, in order of arrival', () => {
    const state = testState({ coordinators: { hoursPerIntake: 1.5 } });
    state.intakeQueue.push(0, 1, 2);
    state.hoursLeft = 3.2;
    screening.step(state, 4);
    // 3.2 hours cover two intakes of 1.5 hours.
    expect(state.waitingList).toEqual([0, 1]);
    expect(state.intakeQueue).toEqual([2]);
    expect(state.participants.status[0]).toBe(P.waiting);
    expect(state.participants.waitingSince[1]).toBe(4);
  });
  it('passes volunteers at or above the threshold and rejects the rest', () => {
    const state = testState({ volunteers: { screeningThreshold: 0.5 } });
    const vt = state.volunteers;
    // Suitability is the mean of motivation, stability, empathy and affinity.
    [vt.motivation[0], vt.stability[0], vt.empathy[0], vt.affinity[0]] = [0.6, 0.6, 0.4, 0.4]; // 0.5: passes
    [vt.motivation[1], vt.stability[1], vt.empathy[1], vt.affinity[1]] = [0.6, 0.6, 0.4, 0.39]; // 0.4975: fails
    state.screeningQueue.push(0, 1);
    state.hoursLeft = 100;
    screening.step(state, 0);
    expect(state.trainingQueue).toEqual([0]);
    expect(vt.status[1]).toBe(V.left);
    expect(state.tally.rejected).toBe(1);
  });
});
