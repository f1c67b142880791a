import { poisson } from '../engine/distributions.ts';
import { runLoop, runTimedLoop } from '../engine/loop.ts';
import { declaredSeries, wireProcesses } from '../engine/process.ts';
import { createStreams } from '../engine/random.ts';
import { plainArray } from '../engine/series.ts';
import { closeWeek } from './coordination.ts';
import { LIFECYCLE_COLUMNS, matchRecord } from './lifecycle.ts';
import { PARTICIPANT_CORE, VOLUNTEER_CORE } from './population.ts';
import { WEEK } from './processes/index.ts';
import { measurementPoints } from './processes/outcomes.ts';
import { COST_ITEMS, type CostItem, type MatchRecord, type ReplicationResult } from './results.ts';
import type { Scenario } from './scenario.ts';
import { CURVE_STEP_WEEKS, P, arrivals, createState, type ModelState } from './state.ts';

/** Stocks the recorder takes at the end of every week. */
export const STOCKS = [
  'participantsInIntake', 'participantsWaiting', 'volunteersInPipeline', 'volunteersWaiting', 'activeMatches', 'activeUnits',
  'coordinatorsPresent', 'caseloadMax', 'coordinatorHoursAvailable', 'coordinatorHoursUsed',
] as const;

/** Every weekly series of a run: the recorder's stocks, then the flows the processes declare. */
export const WEEKLY_SERIES: readonly string[] = [...STOCKS, ...declaredSeries(WEEK)];

/** Streams the set-up draws before the first week: the arrival schedules that size the tables. */
export const SETUP_STREAMS = ['inflow.participants', 'inflow.volunteers'] as const;
/** Parameters the set-up reads: the arrival schedules, the size of the tables and the coordinator posts. */
export const SETUP_PARAMS: readonly string[] = [
  'inflow.initialParticipants', 'inflow.participantsPerWeek', 'inflow.initialVolunteers', 'inflow.volunteersPerWeek',
  'volunteers.peerShare', 'coordinators.count', 'costs.overheadShare', 'outcomes.assessmentWeeks', 'outcomes.domains',
];

function recordWeek(state: ModelState, week: number): void {
  const s = state.series;
  const c = state.coordinators;
  s.set('participantsInIntake', week, state.intakeQueue.length);
  s.set('participantsWaiting', week, state.waitingList.size);
  s.set('volunteersInPipeline', week, state.screeningQueue.length + state.trainingQueue.length);
  s.set('volunteersWaiting', week, state.available.size);
  s.set('activeMatches', week, state.matches.length);
  s.set('activeUnits', week, state.units.length);
  let present = 0;
  let caseloadMax = 0;
  for (let k = 0; k < c.count; k++) {
    if (c.vacantUntil[k] >= 0) continue;
    present += 1;
    caseloadMax = Math.max(caseloadMax, c.caseload[k]);
  }
  s.set('coordinatorsPresent', week, present);
  s.set('caseloadMax', week, caseloadMax);
  s.set('coordinatorHoursAvailable', week, c.available);
  s.set('coordinatorHoursUsed', week, c.used);
  closeWeek(state);
  state.participantWeeks += state.intakeQueue.length + state.waitingList.size + state.matches.length;
  state.matchWeeks += state.matches.length;
}

/**
 * At most how many participant-weeks a replication simulates, from its arrivals alone (no week is
 * run): every referred participant from referral to the horizon. The size of its work for cost
 * estimates and the watchdog; an upper bound, since people leave or finish. Milliseconds even for
 * the heaviest designs.
 *
 * @example
 *   plannedParticipantWeeks(scenario, 0) >= runReplication(scenario, 0).participantWeeks; // true
 */
export function plannedParticipantWeeks(scenario: Scenario, replication = 0): number {
  const streams = createStreams(scenario.seed, replication);
  const p = scenario.params.inflow;
  const { from } = arrivals(p.initialParticipants, p.participantsPerWeek, scenario.weeks, streams.stream(SETUP_STREAMS[0]), poisson);
  let total = 0;
  for (let w = 0; w < scenario.weeks; w++) total += (from[w + 1] - from[w]) * (scenario.weeks - w);
  return total;
}

/**
 * One replication of a scenario: the unit of work behind the CLI, the worker threads, cluster
 * shards and the dashboard. Depends only on (scenario, replication): every random draw comes from
 * streams keyed by (scenario.seed, replication, stream name).
 *
 * @example
 *   const result = runReplication(scenario, 0);
 *   result.matches.filter((m) => m.reason === 'planned').length;
 */
export function runReplication(scenario: Scenario, replication: number): ReplicationResult {
  const { state, processes } = setUp(scenario, replication);
  runLoop(state, processes, scenario.weeks, recordWeek);
  return results(state, scenario, replication);
}

/** The state of a replication before its first week, and its processes wired to their streams. */
function setUp(scenario: Scenario, replication: number) {
  const params = scenario.params;
  const weeks = scenario.weeks;
  const streams = createStreams(scenario.seed, replication);
  const pa = arrivals(params.inflow.initialParticipants, params.inflow.participantsPerWeek, weeks, streams.stream(SETUP_STREAMS[0]), poisson);
  const va = arrivals(params.inflow.initialVolunteers, params.inflow.volunteersPerWeek, weeks, streams.stream(SETUP_STREAMS[1]), poisson);
  const state = createState({
    params, weeks, participantsFrom: pa.from, volunteersFrom: va.from, processes: WEEK,
    participantCore: { ...PARTICIPANT_CORE, ...LIFECYCLE_COLUMNS }, volunteerCore: VOLUNTEER_CORE, series: WEEKLY_SERIES,
  });
  return { state, processes: wireProcesses(WEEK, streams, state) };
}

/** Where a replication's time went, in milliseconds (wall time of this thread, by performance.now). */
export interface ReplicationTiming {
  /** Arrival schedules, the state's tables, the streams and each process's own set-up. */
  setUp: number;
  /** Each process of the week, over all weeks, in the order of the week. */
  processes: { name: string; ms: number }[];
  /** The recorder's weekly stocks and the close of each week's coordinator hours. */
  record: number;
  /** Building the result (the records of the matches, the series, the costs). */
  results: number;
}

/**
 * `runReplication` with a stopwatch on its parts: the same result, bit for bit, and how long the
 * set-up, each process of the week, the recorder and the result took. For the benchmark's account of
 * where the time goes; the clock itself adds a little (about 1% of a replication).
 *
 * @example
 *   const { result, timing } = timeReplication(scenario, 0);
 *   timing.processes.find((p) => p.name === 'outcomes')!.ms; // milliseconds in the outcomes process
 */
export function timeReplication(scenario: Scenario, replication: number): { result: ReplicationResult; timing: ReplicationTiming } {
  const t0 = performance.now();
  const { state, processes } = setUp(scenario, replication);
  const t1 = performance.now();
  const spent = new Float64Array(processes.length + 1);
  runTimedLoop(state, processes, scenario.weeks, recordWeek, spent);
  const t2 = performance.now();
  const result = results(state, scenario, replication);
  const t3 = performance.now();
  return {
    result,
    timing: {
      setUp: t1 - t0,
      processes: processes.map((p, i) => ({ name: p.name, ms: spent[i] })),
      record: spent[processes.length],
      results: t3 - t2,
    },
  };
}

/**
 * Every match of the run as a record, in the order they began: ids count up from 0 and each match
 * is either closed or still running, so each record goes straight to its place (no merge and sort).
 */
function matchRecords(state: ModelState, lastWeek: number): MatchRecord[] {
  const out = new Array<MatchRecord>(state.nextMatchId);
  const closed = state.closed;
  for (let i = 0; i < closed.length; i++) out[closed[i].id] = closed[i];
  const running = state.matches;
  for (let i = 0; i < running.length; i++) out[running[i].id] = matchRecord(running[i], 'ongoing', lastWeek, null);
  return out;
}

function results(state: ModelState, scenario: Scenario, replication: number): ReplicationResult {
  const matches = matchRecords(state, scenario.weeks - 1);
  const vt = state.volunteers;
  let satisfaction = 0;
  let empathyGain = 0;
  let matchedVolunteers = 0;
  for (let v = 0; v < state.nextVolunteer; v++) {
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
  let direct = 0;
  for (const k of COST_ITEMS) if (k !== 'overhead') direct += state.costs[k];
  const costs = { ...state.costs, overhead: direct * state.params.costs.overheadShare } as Record<CostItem, number> & { total: number };
  costs.total = direct + costs.overhead;
  const curve = state.curve;
  const curveWeeks = new Array<number>(curve.n.length);
  for (let k = 0; k < curveWeeks.length; k++) curveWeeks[k] = k * CURVE_STEP_WEEKS;
  return {
    replication,
    weeks: scenario.weeks,
    participantWeeks: state.participantWeeks,
    matches,
    assessed: state.assessed,
    points: measurementPoints(state.params),
    effectCurve: {
      weeks: curveWeeks,
      n: plainArray(curve.n),
      sumDifference: plainArray(curve.sumDifference),
      sumDifferenceSq: plainArray(curve.sumDifferenceSq),
      sumCounterfactual: plainArray(curve.sumCounterfactual),
      sumCounterfactualSq: plainArray(curve.sumCounterfactualSq),
    },
    referred: referrals.referredWeek.length,
    referrals,
    participantWaits: state.participantWaits,
    volunteerWaits: state.volunteerWaits,
    volunteers: {
      applied: state.tally.applied,
      peers: state.tally.peers,
      withdrew: state.tally.withdrew,
      rejected: state.tally.rejected,
      trained: state.tally.trained,
      matched: matchedVolunteers,
      left: state.tally.left,
      meanSatisfaction: matchedVolunteers > 0 ? satisfaction / matchedVolunteers : 0,
      meanEmpathyGain: matchedVolunteers > 0 ? empathyGain / matchedVolunteers : 0,
    },
    weekly: state.series.toTable(),
    costs,
    matchWeeks: state.matchWeeks,
    work: { listOperations: state.waitingList.operations + state.available.operations, candidatesWeighed: state.candidatesWeighed },
  };
}
