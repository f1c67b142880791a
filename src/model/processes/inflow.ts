import { joinPool, joinWaitingList } from '../matchingClasses.ts';
import { bernoulli } from '../../engine/distributions.ts';
import { defineProcess } from '../../engine/process.ts';
import { spendTeam } from '../coordination.ts';
import { startPaths } from '../gains.ts';
import { drawParticipant, drawPeerVolunteer, drawVolunteer } from '../population.ts';
import { P, V, type ModelState } from '../state.ts';

/**
 * Referrals and applications of the week. The initial cohort (week 0) is already through intake,
 * screening and training: a running programme's waiting list and volunteer pool. While the list is
 * closed (as many waiting as the cap), referrals are turned away. Every application costs a share of
 * recruitment campaigns and some coordinator time; former participants who chose to become peer
 * buddies apply when their delay is over.
 */
export const inflow = defineProcess({
  name: 'inflow',
  streams: ['participant.traits', 'volunteer.traits', 'screening.withdraw'],
  params: [
    'coordinators.hourlyCost',
    'inflow.initialParticipants', 'inflow.initialVolunteers', 'coordinators.waitingListCap', 'coordinators.hoursPerRecruitment', 'coordinators.policy',
    'costs.recruitmentPerApplicant', 'volunteers.withdrawBeforeScreening',
    'participants.groupNewcomer', 'participants.groupPsychological', 'participants.groupPoverty', 'participants.groupDisability',
    'participants.groupYouth', 'participants.instrumentalNeed', 'participants.motivation', 'participants.urgentNeedShare',
    'participants.urgentNeedWeeks', 'participants.meanAge', 'participants.ageSd', 'participants.minAge', 'participants.maxAge',
    'participants.sameGenderShare', 'volunteers.availabilityHours', 'volunteers.stability', 'volunteers.motivation', 'volunteers.empathy',
    'volunteers.affinity', 'volunteers.realisticShare', 'volunteers.experiencedShare', 'volunteers.bridging', 'volunteers.meanAge',
    'volunteers.ageSd', 'volunteers.minAge', 'volunteers.maxAge', 'volunteers.womenShare', 'volunteers.slotAvailability',
  ],
  series: ['referrals', 'turnedAway', 'volunteerApplications', 'peerApplications'],
  step(state: ModelState, week, rng) {
    const par = state.params;
    const pt = state.participants;
    const cap = par.coordinators.waitingListCap;
    for (let p = state.participantsFrom[week]; p < state.participantsFrom[week + 1]; p++) {
      drawParticipant(state, rng['participant.traits'], p, week);
      startPaths(state, p, week);
      state.series.add('referrals', week, 1);
      pt.waitingSince[p] = week;
      if (week === 0 && p < par.inflow.initialParticipants) {
        pt.status[p] = P.waiting;
        joinWaitingList(state, p);
      } else if (cap > 0 && state.intakeQueue.length + state.waitingList.size >= cap) {
        pt.status[p] = P.left;
        pt.leftUnmatchedWeek[p] = week;
        state.series.add('turnedAway', week, 1);
      } else {
        pt.status[p] = P.intake;
        state.intakeQueue.push(p);
      }
    }
    const vt = state.volunteers;
    for (let v = state.volunteersFrom[week]; v < state.volunteersFrom[week + 1]; v++) {
      vt.appliedWeek[v] = week;
      state.tally.applied += 1;
      if (week === 0 && v < par.inflow.initialVolunteers) {
        drawVolunteer(state, rng['volunteer.traits'], v, week);
        vt.status[v] = V.available;
        vt.readyWeek[v] = week;
        vt.realistic[v] = 1;
        joinPool(state, v);
        continue;
      }
      state.series.add('volunteerApplications', week, 1);
      state.costs.recruitmentCampaigns += par.costs.recruitmentPerApplicant;
      // Arrival order: every application is answered in its week, whatever else waits. Support-first
      // answers an application when the coordinator takes it up for screening (screening.ts).
      if (par.coordinators.policy === 'arrival-order') spendTeam(state, 'recruitment', par.coordinators.hoursPerRecruitment, week);
      if (bernoulli(rng['screening.withdraw'].u(v), par.volunteers.withdrawBeforeScreening)) {
        // Never seen by the programme: no traits needed.
        vt.status[v] = V.left;
        state.tally.withdrew += 1;
      } else {
        drawVolunteer(state, rng['volunteer.traits'], v, week);
        vt.status[v] = V.screening;
        state.screeningQueue.push(v);
      }
    }
    // Peer buddies: former participants whose delay is over apply like any volunteer.
    const q = state.peerQueue;
    let i = 0;
    while (i < q.length && q[i] <= week) {
      const p = q[i + 1];
      const v = state.nextVolunteer++;
      drawPeerVolunteer(state, rng['volunteer.traits'], v, p, week);
      vt.status[v] = V.screening;
      state.screeningQueue.push(v);
      state.tally.applied += 1;
      state.tally.peers += 1;
      state.series.add('peerApplications', week, 1);
      i += 2;
    }
    if (i > 0) q.splice(0, i);
  },
});
