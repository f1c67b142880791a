import { describe, expect, it } from 'vitest';
import { PARTICIPANT_CLASSES_FOR, TIME_SLOTS, VOLUNTEER_CLASSES_FOR, compatible, participantClass, volunteerClass } from '../../src/model/matchingClasses.ts';
import { testState } from '../support/state.ts';

describe('matching classes', () => {
  it('say exactly what compatible says, for every participant and volunteer there can be', () => {
    const state = testState({}, { participants: TIME_SLOTS * 2 * 2, volunteers: (1 << TIME_SLOTS) * 2 });
    const pt = state.participants;
    const vt = state.volunteers;
    let p = 0;
    for (let slot = 0; slot < TIME_SLOTS; slot++) {
      for (const female of [0, 1]) {
        for (const only of [0, 1]) {
          [pt.slot[p], pt.female[p], pt.sameGenderOnly[p]] = [slot, female, only];
          p += 1;
        }
      }
    }
    let v = 0;
    for (let slots = 0; slots < 1 << TIME_SLOTS; slots++) {
      for (const female of [0, 1]) {
        [vt.slots[v], vt.female[v]] = [slots, female];
        v += 1;
      }
    }
    let pairs = 0;
    for (let i = 0; i < p; i++) {
      for (let j = 0; j < v; j++) {
        const byClass = VOLUNTEER_CLASSES_FOR[participantClass(state, i)].includes(volunteerClass(state, j));
        expect(byClass).toBe(compatible(state, i, j));
        expect(PARTICIPANT_CLASSES_FOR[volunteerClass(state, j)].includes(participantClass(state, i))).toBe(byClass);
        if (byClass) pairs += 1;
      }
    }
    expect(pairs).toBeGreaterThan(0);
    expect(pairs).toBeLessThan(p * v);
  });
});
