import { bernoulli } from '../../engine/distributions.ts';
import type { Process } from '../../engine/process.ts';
import { drawParticipant, drawVolunteer } from '../population.ts';
import { P, V, type ModelState } from '../state.ts';

/**
 * Referrals and applications of the week. The initial cohort (week 0) is already through intake,
 * screening and training: a running programme's waiting list and volunteer pool.
 */
export const inflow: Process<ModelState> = {
  name: 'inflow',
  step(state, week) {
    const { inflow: par, volunteers: vpar } = state.params;
    const pt = state.participants;
    for (let p = state.participantsFrom[week]; p < state.participantsFrom[week + 1]; p++) {
      drawParticipant(state, p, week);
      if (week === 0 && p < par.initialParticipants) {
        pt.status[p] = P.waiting;
        pt.waitingSince[p] = week;
        state.waitingList.push(p);
      } else {
        pt.status[p] = P.intake;
        state.intakeQueue.push(p);
      }
    }
    const vt = state.volunteers;
    for (let v = state.volunteersFrom[week]; v < state.volunteersFrom[week + 1]; v++) {
      vt.appliedWeek[v] = week;
      if (week === 0 && v < par.initialVolunteers) {
        drawVolunteer(state, v, week);
        vt.status[v] = V.available;
        vt.readyWeek[v] = week;
        vt.realistic[v] = 1;
        state.available.push(v);
      } else if (bernoulli(state.rng['screening.withdraw'].u(v), vpar.withdrawBeforeScreening)) {
        // Never seen by the programme: no traits needed.
        vt.status[v] = V.left;
        state.tally.withdrew += 1;
      } else {
        drawVolunteer(state, v, week);
        vt.status[v] = V.screening;
        state.screeningQueue.push(v);
      }
    }
  },
};
