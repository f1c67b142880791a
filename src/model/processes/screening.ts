import type { Process } from '../../engine/process.ts';
import { suitability } from '../population.ts';
import { P, V, spendHours, type ModelState } from '../state.ts';

/**
 * Intake of participants and screening of volunteers, in order of arrival, as far as the
 * coordinator's hours reach. Volunteers pass on the criteria of [ArmenTeKort2017]; the pass rate emerges.
 */
export const screening: Process<ModelState> = {
  name: 'screening',
  step(state, week) {
    const c = state.params.coordinators;
    const pt = state.participants;
    while (state.intakeQueue.length > 0 && spendHours(state, c.hoursPerIntake)) {
      const p = state.intakeQueue.shift()!;
      pt.status[p] = P.waiting;
      pt.waitingSince[p] = week;
      state.waitingList.push(p);
    }
    const vt = state.volunteers;
    const threshold = state.params.volunteers.screeningThreshold;
    while (state.screeningQueue.length > 0 && spendHours(state, c.hoursPerScreening)) {
      const v = state.screeningQueue.shift()!;
      if (suitability(state, v) >= threshold) {
        vt.status[v] = V.training;
        state.trainingQueue.push(v);
      } else {
        vt.status[v] = V.left;
        state.tally.rejected += 1;
      }
    }
  },
};
