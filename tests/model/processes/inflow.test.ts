import { describe, expect, it } from 'vitest';
import { createStreams } from '../../../src/engine/random.ts';
import { drawVolunteer } from '../../../src/model/population.ts';
import { inflow } from '../../../src/model/processes/inflow.ts';
import { screening } from '../../../src/model/processes/screening.ts';
import { training } from '../../../src/model/processes/training.ts';
import { DEEP_TRAITS } from '../../../src/model/similarity.ts';
import { V, type ModelState } from '../../../src/model/state.ts';
import { step, testState } from '../../support/state.ts';

const POOL_TRAITS = ['appliedWeek', 'availability', 'stability', 'motivation', 'empathy', 'empathyAtStart', 'affinity', 'realistic', 'experienced', 'bridging', 'age', 'female', 'background', 'slots', 'satisfaction'] as const;

/** 40 applicants in week 0, none of them the initial pool, through screening and training for 6 weeks. */
function applicants(trainingHours: number): ModelState {
  const state = testState(
    { inflow: { initialParticipants: 0, initialVolunteers: 0 }, volunteers: { withdrawBeforeScreening: 0, screeningThreshold: 0.62 }, programme: { preMatchTrainingHours: trainingHours }, coordinators: { policy: 'arrival-order' } },
    { participants: 0, volunteers: 40 },
  );
  for (let week = 0; week < 6; week++) {
    for (let k = 0; k < state.coordinators.count; k++) state.coordinators.free[k] = 1000;
    for (const process of [inflow, screening, training]) step(process, state, week);
  }
  return state;
}

describe('inflow: an applicant traits in two steps', () => {
  for (const hours of [4, 0]) {
    it(`gives every volunteer who reaches the pool the traits drawVolunteer gives (${hours} hours of training)`, () => {
      const state = applicants(hours);
      // Drawn all at once in a fresh state; training then only raises motivation (by 0.005 an hour) and may make expectations realistic.
      const plain = testState({ volunteers: { screeningThreshold: 0.62 } }, { participants: 0, volunteers: 40 });
      const traits = createStreams(11, 0).stream('volunteer.traits');
      const pool = state.available.toArray();
      expect(pool.length).toBeGreaterThan(5);
      for (const v of pool) {
        drawVolunteer(plain, traits, v, 0);
        for (const col of POOL_TRAITS) {
          if (col === 'motivation') expect(state.volunteers.motivation[v]).toBe(Math.min(1, plain.volunteers.motivation[v] + 0.005 * hours));
          else if (col === 'realistic') expect(state.volunteers.realistic[v]).toBeGreaterThanOrEqual(plain.volunteers.realistic[v]);
          else expect(state.volunteers[col][v], col).toBe(plain.volunteers[col][v]);
        }
        for (let k = 0; k < DEEP_TRAITS; k++) expect(state.volunteers.deep[v * DEEP_TRAITS + k]).toBe(plain.volunteers.deep[v * DEEP_TRAITS + k]);
      }
    });
  }

  it('draws the rest only for applicants who pass screening', () => {
    const state = applicants(4);
    const vt = state.volunteers;
    let rejected = 0;
    for (let v = 0; v < 40; v++) {
      if (vt.status[v] === V.left) rejected += 1;
      expect(vt.poolTraits[v], `volunteer ${v}`).toBe(vt.status[v] === V.left ? 0 : 1);
    }
    expect(rejected).toBeGreaterThan(5);
  });
});
