import { bernoulli } from '../../engine/distributions.ts';
import type { Process } from '../../engine/process.ts';
import { V, spendHours, type ModelState } from '../state.ts';

/** Pre-match training runs in sessions of this many hours a week. */
export const TRAINING_HOURS_PER_WEEK = 3;

/** Chance that `hours` of training make unrealistic expectations realistic ([Spencer2020]). */
export function realismChance(ratePerHour: number, hours: number): number {
  return 1 - Math.exp(-ratePerHour * hours);
}

/**
 * Pre-match training: screened volunteers are trained in groups (the coordinator's time is
 * shared by the group), which sets realistic expectations and raises commitment ([Drew2020]).
 * Volunteers who finish join the pool of available volunteers.
 */
export const training: Process<ModelState> = {
  name: 'training',
  step(state, week) {
    const hours = state.params.programme.preMatchTrainingHours;
    const groupSize = state.params.coordinators.trainingGroupSize;
    const vt = state.volunteers;
    const weeksNeeded = Math.ceil(hours / TRAINING_HOURS_PER_WEEK);
    const stillTraining: number[] = [];
    for (const v of state.trainingQueue) {
      if (vt.readyWeek[v] < 0) {
        // Not started: starts when the coordinator has the group's share of session hours.
        if (!spendHours(state, hours / groupSize)) {
          stillTraining.push(v);
          continue;
        }
        vt.trainingHours[v] = hours;
        vt.readyWeek[v] = week + weeksNeeded;
      }
      if (week < vt.readyWeek[v]) {
        stillTraining.push(v);
        continue;
      }
      if (!vt.realistic[v] && bernoulli(state.rng['training.realism'].u(v), realismChance(state.params.behaviour.trainingRealismPerHour, hours))) {
        vt.realistic[v] = 1;
      }
      vt.motivation[v] = Math.min(1, vt.motivation[v] + 0.005 * hours);
      vt.status[v] = V.available;
      vt.readyWeek[v] = week;
      state.available.push(v);
      state.tally.trained += 1;
    }
    state.trainingQueue = stillTraining;
  },
};
