import { defineProcess } from '../../engine/process.ts';
import { spendTeam } from '../coordination.ts';
import { suitability } from '../population.ts';
import { V, type ModelState } from '../state.ts';

/**
 * Screening of volunteers, in order of application, as far as the hours reach: suitability (the
 * criteria of [ArmenTeKort2017]) must reach the threshold; the pass rate emerges. Under the
 * support-first policy the coordinator screens no one while ready volunteers already outnumber the
 * people waiting by the margin: new applicants then wait, and time goes to matching and support.
 */
export const screening = defineProcess({
  name: 'screening',
  streams: [],
  params: ['volunteers.screeningThreshold', 'coordinators.hoursPerScreening', 'coordinators.policy', 'coordinators.screeningPauseMargin', 'costs.screeningCheck', 'coordinators.hourlyCost'],
  series: ['screened', 'rejected'],
  step(state: ModelState, week) {
    const par = state.params;
    if (par.coordinators.policy === 'support-first') {
      const surplus = state.available.size - state.waitingList.size - state.intakeQueue.length;
      if (surplus >= par.coordinators.screeningPauseMargin) return;
    }
    const vt = state.volunteers;
    let done = 0;
    while (done < state.screeningQueue.length && spendTeam(state, 'screening', par.coordinators.hoursPerScreening, week)) {
      const v = state.screeningQueue[done++];
      state.costs.screeningChecks += par.costs.screeningCheck;
      state.series.add('screened', week, 1);
      if (suitability(state, v) >= par.volunteers.screeningThreshold) {
        vt.status[v] = V.training;
        state.trainingQueue.push(v);
      } else {
        vt.status[v] = V.left;
        state.tally.rejected += 1;
        state.series.add('rejected', week, 1);
      }
    }
    if (done > 0) state.screeningQueue.splice(0, done);
  },
});
