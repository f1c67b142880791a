import { joinWaitingList } from '../matchingClasses.ts';
import { bernoulli, hazardToProbability } from '../../engine/distributions.ts';
import { defineProcess } from '../../engine/process.ts';
import { spendTeam } from '../coordination.ts';
import { P, keepInPlace, type ModelState } from '../state.ts';

/**
 * People on the lists give up with a weekly hazard, whether they wait for intake or for a match
 * (a re-matched participant too); then participants are taken in, in order of referral, as far as
 * the hours reach. Some do not complete the intake.
 */
export const intake = defineProcess({
  name: 'intake',
  streams: ['waiting.participant', 'intake.dropout'],
  params: ['participants.waitingDropoutPerYear', 'participants.intakeDropout', 'coordinators.hoursPerIntake', 'coordinators.hourlyCost'],
  series: ['waitingDropouts', 'intakeDropouts'],
  step(state: ModelState, week, rng) {
    const par = state.params;
    const pt = state.participants;
    const pLeave = hazardToProbability(par.participants.waitingDropoutPerYear / 52);
    const stays = (p: number) => {
      if (week <= pt.waitingSince[p] || !bernoulli(rng['waiting.participant'].u(p, week), pLeave)) return true;
      pt.status[p] = P.left;
      if (pt.firstMatchWeek[p] < 0) pt.leftUnmatchedWeek[p] = week;
      state.series.add('waitingDropouts', week, 1);
      return false;
    };
    keepInPlace(state.intakeQueue, stays);
    state.waitingList.filter(stays);

    let taken = 0;
    while (taken < state.intakeQueue.length && spendTeam(state, 'intake', par.coordinators.hoursPerIntake, week)) {
      const p = state.intakeQueue[taken++];
      if (bernoulli(rng['intake.dropout'].u(p), par.participants.intakeDropout)) {
        pt.status[p] = P.left;
        pt.leftUnmatchedWeek[p] = week;
        state.series.add('intakeDropouts', week, 1);
        continue;
      }
      pt.status[p] = P.waiting;
      pt.waitingSince[p] = week;
      joinWaitingList(state, p);
    }
    if (taken > 0) state.intakeQueue.splice(0, taken);
  },
});
