import { bernoulli, hazardToProbability } from '../../engine/distributions.ts';
import { defineProcess } from '../../engine/process.ts';
import { TASK_SERIES, assignCoordinator, leastLoaded, spendAdministration, teamHours } from '../coordination.ts';
import { requestUnitClosure } from '../lifecycle.ts';
import { matchingHours } from './matching.ts';
import type { ModelState } from '../state.ts';

/**
 * Coordinators at the start of the week. Some leave the job: each of their pairs may end (reason
 * coordinator, [Spencer2020]) and the post stays vacant for the vacancy weeks; the leaver's caseload
 * goes to the others or waits unsupported, as the scenario says. Then the week's hours: contract
 * hours of those in post, administration first. Under the support-first policy, hours are then set
 * aside for the follow-ups each coordinator's own caseload is due this week, and for matching the
 * people who wait, before intake and screening can take them.
 */
export const staffing = defineProcess({
  name: 'staffing',
  streams: ['coordinator.turnover', 'coordinator.closure'],
  params: [
    'coordinators.hourlyCost', 'programme.matching', 'coordinators.hoursPerMatchFirstCome', 'coordinators.hoursPerMatchSurface', 'coordinators.hoursPerMatchDeep',
    'coordinators.count', 'coordinators.hoursPerWeek', 'coordinators.overheadShare', 'coordinators.turnoverPerYear', 'coordinators.vacancyWeeks',
    'coordinators.vacancyCover', 'coordinators.policy', 'coordinators.hoursPerFollowUp', 'programme.followUpEveryWeeks', 'behaviour.turnoverClosure',
  ],
  series: ['coordinatorDepartures', ...TASK_SERIES],
  step(state: ModelState, week, rng) {
    const par = state.params;
    const c = state.coordinators;
    const leave = hazardToProbability(par.coordinators.turnoverPerYear / 52);
    for (let k = 0; k < c.count; k++) {
      if (c.vacantUntil[k] >= 0 && week >= c.vacantUntil[k]) c.vacantUntil[k] = -1;
      if (c.vacantUntil[k] >= 0 || week === 0 || !bernoulli(rng['coordinator.turnover'].u(k, week), leave)) continue;
      c.vacantUntil[k] = week + Math.max(1, par.coordinators.vacancyWeeks);
      state.series.add('coordinatorDepartures', week, 1);
      for (const unit of state.units) {
        if (unit.coordinator !== k) continue;
        if (bernoulli(rng['coordinator.closure'].u(unit.members[0].participant, week), par.behaviour.turnoverClosure)) {
          requestUnitClosure(state, unit, 'coordinator');
        } else if (par.coordinators.vacancyCover === 'reassign') {
          assignCoordinator(state, unit, leastLoaded(state));
        }
      }
    }
    c.available = 0;
    c.used = 0;
    c.matchingReserve = 0;
    for (let k = 0; k < c.count; k++) {
      c.followUpReserve[k] = 0;
      if (c.vacantUntil[k] >= 0) {
        c.free[k] = 0;
        continue;
      }
      const hours = par.coordinators.hoursPerWeek;
      c.available += hours;
      c.free[k] = hours * (1 - par.coordinators.overheadShare);
    }
    if (c.available > 0) spendAdministration(state, c.available * par.coordinators.overheadShare, week);
    if (par.coordinators.policy !== 'support-first') return;

    const every = par.programme.followUpEveryWeeks;
    if (every > 0) {
      for (const unit of state.units) {
        const k = unit.coordinator;
        if (k < 0 || c.vacantUntil[k] >= 0 || week - unit.lastFollowUp < every) continue;
        const take = Math.min(c.free[k], par.coordinators.hoursPerFollowUp);
        c.free[k] -= take;
        c.followUpReserve[k] += take;
      }
    }
    // Volunteers who finish training this week join the pool before matching: count them too.
    const vt = state.volunteers;
    let ready = state.available.size;
    for (const v of state.trainingQueue) if (vt.readyWeek[v] >= 0 && vt.readyWeek[v] <= week) ready += 1;
    const proposals = Math.min(state.waitingList.size, ready);
    const wanted = Math.min(teamHours(state), proposals * matchingHours(par));
    let rest = wanted;
    for (let k = 0; k < c.count && rest > 0; k++) {
      const take = Math.min(rest, c.free[k]);
      c.free[k] -= take;
      rest -= take;
    }
    c.matchingReserve = wanted - rest;
  },
});
