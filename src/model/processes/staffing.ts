import { bernoulli, hazardToProbability } from '../../engine/distributions.ts';
import type { Process } from '../../engine/process.ts';
import { closeMatch } from '../matchLifecycle.ts';
import type { ModelState } from '../state.ts';

/**
 * Coordinators at the start of the week: some leave the job (their pairs may end: [Spencer2020]),
 * vacant posts are filled after a delay, and the week's hours are set.
 */
export const staffing: Process<ModelState> = {
  name: 'staffing',
  step(state, week) {
    const c = state.params.coordinators;
    const leave = hazardToProbability(c.turnoverPerYear / 52);
    let present = 0;
    for (let k = 0; k < state.vacantUntil.length; k++) {
      if (state.vacantUntil[k] >= 0 && week >= state.vacantUntil[k]) state.vacantUntil[k] = -1;
      if (state.vacantUntil[k] < 0 && week > 0 && bernoulli(state.rng['coordinator.turnover'].u(k, week), leave)) {
        state.vacantUntil[k] = week + c.vacancyWeeks;
        for (const match of [...state.active]) {
          if (match.coordinator !== k) continue;
          if (bernoulli(state.rng['coordinator.closure'].u(match.participant, week), state.params.behaviour.turnoverClosure)) {
            closeMatch(state, match, 'coordinator', week);
          }
        }
      }
      if (state.vacantUntil[k] < 0) present += 1;
    }
    state.hoursAvailable = present * c.hoursPerWeek;
    state.hoursLeft = state.hoursAvailable * (1 - c.overheadShare);
    state.coordinatorCost += state.hoursAvailable * c.hourlyCost;
  },
};
