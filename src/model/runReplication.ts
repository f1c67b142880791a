import { poisson } from '../engine/distributions.ts';
import { runLoop } from '../engine/loop.ts';
import { ongoingRecord } from './matchLifecycle.ts';
import { WEEK } from './processes/index.ts';
import type { ReplicationResult } from './results.ts';
import type { Scenario } from './scenario.ts';
import { P, V, createState, newClosureTally, type ModelState } from './state.ts';

function recordWeek(state: ModelState, week: number): void {
  const s = state.series;
  s.set('participantsWaiting', week, state.waitingList.length);
  s.set('participantsInIntake', week, state.intakeQueue.length);
  s.set('volunteersWaiting', week, state.available.length);
  s.set('volunteersInPipeline', week, state.screeningQueue.length + state.trainingQueue.length);
  s.set('activeMatches', week, state.active.length);
  const c = state.closuresThisWeek;
  const premature = c.volunteer + c.participant + c.mismatch + c.coordinator + c.resources;
  s.set('closures', week, premature + c.planned);
  s.set('prematureClosures', week, premature);
  s.set('coordinatorHoursAvailable', week, state.hoursAvailable);
  s.set('coordinatorHoursUsed', week, state.hoursAvailable - state.hoursLeft);
  state.closuresThisWeek = newClosureTally();
}

/** Participant-weeks: every referred participant, each week from referral to assessment or the horizon. */
function participantWeeks(state: ModelState): number {
  const horizon = state.params.outcomes.assessmentWeeks;
  let total = 0;
  for (let w = 0; w < state.weeks; w++) {
    const n = state.participantsFrom[w + 1] - state.participantsFrom[w];
    total += n * Math.min(horizon + 1, state.weeks - w);
  }
  return total;
}

/**
 * Participant-weeks a replication of the scenario simulates, from its arrivals alone (no week is
 * run): the size of its work, for cost estimates. Milliseconds even for the heaviest designs.
 *
 * @example
 *   plannedParticipantWeeks(scenario, 0) === runReplication(scenario, 0).participantWeeks; // true
 */
export function plannedParticipantWeeks(scenario: Scenario, replication = 0): number {
  return participantWeeks(createState(scenario.params, scenario.seed, replication, scenario.weeks, poisson));
}

/**
 * One replication of a scenario: the unit of work behind the CLI, the worker threads, cluster
 * shards and the dashboard. Depends only on (scenario, replication): every random draw comes from
 * streams keyed by (scenario.seed, replication, stream name).
 *
 * @example
 *   const result = runReplication(loadBundled('flemish-befriending'), 0);
 *   result.matches.filter((m) => m.reason === 'planned').length;
 */
export function runReplication(scenario: Scenario, replication: number): ReplicationResult {
  const state = createState(scenario.params, scenario.seed, replication, scenario.weeks, poisson);
  runLoop(state, WEEK, scenario.weeks, recordWeek);

  const last = scenario.weeks - 1;
  const matches = [...state.closed, ...state.active.map((m) => ongoingRecord(m, last))].sort((a, b) => a.id - b.id);
  const vt = state.volunteers;
  let satisfaction = 0;
  let empathyGain = 0;
  let matchedVolunteers = 0;
  for (let v = 0; v < vt.size; v++) {
    if (vt.matchCount[v] === 0) continue;
    matchedVolunteers += 1;
    satisfaction += vt.satisfaction[v];
    empathyGain += vt.empathy[v] - vt.empathyAtStart[v];
  }
  const pt = state.participants;
  const referrals: ReplicationResult['referrals'] = { referredWeek: [], firstMatchWeek: [], leftUnmatchedWeek: [] };
  for (let p = 0; p < pt.size; p++) {
    if (pt.status[p] === P.notYet) continue;
    referrals.referredWeek.push(pt.referredWeek[p]);
    referrals.firstMatchWeek.push(pt.firstMatchWeek[p]);
    referrals.leftUnmatchedWeek.push(pt.leftUnmatchedWeek[p]);
  }
  const referred = referrals.referredWeek.length;
  let applied = 0;
  for (let v = 0; v < vt.size; v++) if (vt.status[v] !== V.notYet) applied += 1;
  return {
    replication,
    weeks: scenario.weeks,
    participantWeeks: participantWeeks(state),
    matches,
    assessed: state.assessed,
    referred,
    referrals,
    participantWaits: state.participantWaits,
    volunteerWaits: state.volunteerWaits,
    volunteers: {
      applied,
      withdrew: state.tally.withdrew,
      rejected: state.tally.rejected,
      trained: state.tally.trained,
      matched: matchedVolunteers,
      left: state.tally.left,
      meanSatisfaction: matchedVolunteers > 0 ? satisfaction / matchedVolunteers : 0,
      meanEmpathyGain: matchedVolunteers > 0 ? empathyGain / matchedVolunteers : 0,
    },
    weekly: state.series.toTable(),
    costs: {
      coordinator: state.coordinatorCost,
      expenses: state.expenses,
      total: state.coordinatorCost + state.expenses,
    },
  };
}
