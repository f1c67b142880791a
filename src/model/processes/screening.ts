import { defineProcess } from '../../engine/process.ts';
import { spendTeam, teamHours } from '../coordination.ts';
import { suitability } from '../population.ts';
import { V, type ModelState } from '../state.ts';

/**
 * Screening of volunteers, in order of application, as far as the hours reach: suitability (the
 * criteria of [ArmenTeKort2017]) must reach the threshold; the pass rate emerges. Under the
 * support-first policy the coordinator takes up applications here (answering one costs its
 * recruitment hours now, not when it arrived), and screens no one while ready volunteers and those
 * in training already outnumber the people waiting by the margin: new applicants then wait, and time goes to matching
 * and support. More applicants can then only lengthen the queue, never take hours from matching.
 */
export const screening = defineProcess({
  name: 'screening',
  streams: [],
  params: ['volunteers.screeningThreshold', 'coordinators.hoursPerScreening', 'coordinators.hoursPerRecruitment', 'coordinators.policy', 'coordinators.screeningPauseMargin', 'costs.screeningCheck', 'coordinators.hourlyCost'],
  series: ['screened', 'rejected'],
  step(state: ModelState, week) {
    const par = state.params;
    if (par.coordinators.policy === 'support-first') {
      // Volunteers in training count too: they are ready within weeks.
      const surplus = state.available.size + state.trainingQueue.length - state.waitingList.size - state.intakeQueue.length;
      if (surplus >= par.coordinators.screeningPauseMargin) return;
    }
    const vt = state.volunteers;
    const supportFirst = par.coordinators.policy === 'support-first';
    let done = 0;
    while (done < state.screeningQueue.length) {
      // Support-first answers an application (first contact, information session) only when it can
      // also screen the applicant; under arrival order it was answered when it came in (inflow.ts).
      if (supportFirst && teamHours(state) + 1e-9 < par.coordinators.hoursPerRecruitment + par.coordinators.hoursPerScreening) break;
      if (supportFirst) spendTeam(state, 'recruitment', par.coordinators.hoursPerRecruitment, week);
      if (!spendTeam(state, 'screening', par.coordinators.hoursPerScreening, week)) break;
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
