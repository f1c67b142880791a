import { joinPool } from '../matchingClasses.ts';
import { bernoulli } from '../../engine/distributions.ts';
import { defineProcess } from '../../engine/process.ts';
import { spendTeam } from '../coordination.ts';
import { V, type ModelState } from '../state.ts';

/** Pre-match training runs in sessions of this many hours a week (assumption: one evening or half-day a week). */
export const TRAINING_HOURS_PER_WEEK = 3;

/** Chance that `hours` of training make unrealistic expectations realistic ([Spencer2020]). */
export function realismChance(ratePerHour: number, hours: number): number {
  return 1 - Math.exp(-ratePerHour * hours);
}

/**
 * Pre-match training: screened volunteers are trained in groups (the coordinator's time and the
 * session costs are shared by the group), which sets realistic expectations and raises commitment
 * ([Drew2020]). Volunteers who finish join the pool of available volunteers; former participants
 * among them are counted apart too (`peerBuddiesTrained`), so peer buddies show as volunteers.
 */
export const training = defineProcess({
  name: 'training',
  streams: ['training.realism'],
  params: ['programme.preMatchTrainingHours', 'coordinators.trainingGroupSize', 'behaviour.trainingRealismPerHour', 'costs.trainingPerHour', 'coordinators.hourlyCost'],
  series: ['volunteersTrained', 'peerBuddiesTrained'],
  step(state: ModelState, week, rng) {
    const par = state.params;
    const hours = par.programme.preMatchTrainingHours;
    const groupSize = par.coordinators.trainingGroupSize;
    const vt = state.volunteers;
    const weeksNeeded = Math.ceil(hours / TRAINING_HOURS_PER_WEEK);
    const realism = realismChance(par.behaviour.trainingRealismPerHour, hours);
    let kept = 0;
    const queue = state.trainingQueue;
    for (let i = 0; i < queue.length; i++) {
      const v = queue[i];
      if (vt.readyWeek[v] < 0) {
        // Not started: starts when the coordinator has the group's share of session hours.
        if (!spendTeam(state, 'training', hours / groupSize, week)) {
          queue[kept++] = v;
          continue;
        }
        state.costs.trainingSessions += (par.costs.trainingPerHour * hours) / groupSize;
        vt.trainingHours[v] = hours;
        vt.readyWeek[v] = week + weeksNeeded;
      }
      if (week < vt.readyWeek[v]) {
        queue[kept++] = v;
        continue;
      }
      if (!vt.realistic[v] && bernoulli(rng['training.realism'].u(v), realism)) vt.realistic[v] = 1;
      vt.motivation[v] = Math.min(1, vt.motivation[v] + 0.005 * hours);
      vt.status[v] = V.available;
      vt.readyWeek[v] = week;
      joinPool(state, v);
      state.tally.trained += 1;
      state.series.add('volunteersTrained', week, 1);
      if (vt.peer[v] === 1) state.series.add('peerBuddiesTrained', week, 1);
    }
    queue.length = kept;
  },
});
