import type { Scenario } from '../model/scenario.ts';
import { erlangAQueue, fewestServers, halfinWhittBeta, squareRootStaffing, type QueueMeasures } from './erlang.ts';
import type { Tally } from './tally.ts';
import { targetLevel, type ServiceTarget } from './target.ts';

/**
 * The queueing estimate: the programme seen as an Erlang A queue ([Garnett2002]). Participants who
 * complete their intake join the waiting list at rate lambda and leave it at rate theta each; the
 * servers are volunteer places in matches, each busy for a match's mean length. Erlang A gives the
 * fewest places that meet the target, square-root staffing a first guess at it ([Borst2004]).
 * Little's law on a first look at the scenario (the pilot: its replications at the levers as they
 * are) turns places into volunteer applications a year, and the work per referral, application and
 * match into coordinator hours. It knows nothing of time slots, gender wishes, refusals or the
 * order of a coordinator's week, so it is a starting point for the search, not the answer.
 */
export interface QueueingEstimate {
  /** Participants joining the waiting list per week (referrals less those lost at intake). */
  arrivalsPerWeek: number;
  /** Hazard per week that a waiting participant gives up. */
  leavingPerWeek: number;
  /** Mean weeks a match lasts (from the pilot's closed matches; the planned weeks if none closed). */
  matchWeeks: number;
  /** Participants one volunteer serves at once (the group size in the group format). */
  participantsPerVolunteer: number;
  /** Offered load: places busy on average if nobody waited or left (lambda x match weeks). */
  load: number;
  /** Square-root staffing A + beta sqrt(A), beta from the Halfin-Whitt chance of waiting 1 - target share. */
  squareRootPlaces: number;
  /** The fewest places that meet the target in the Erlang A queue (null when none up to 100 x the load). */
  places: number | null;
  /** The target's figure the queue predicts at those places. */
  predicted: number;
  /** Weeks a trained volunteer stays in the programme (Little's law on the pilot: ready volunteers over their inflow). */
  volunteerWeeks: number;
  /** Trained volunteers per application (the pilot's conversion). */
  conversion: number;
  /** Volunteer applications per week that keep the places filled. */
  volunteersPerWeek: number;
  /** Coordinator hours a week for the work this flow brings, at a target utilisation of 85% (assumption), overhead included. */
  coordinatorHoursPerWeek: number;
  /** The work behind those hours, per task (hours a week). */
  workload: Record<'intake' | 'recruitment' | 'screening' | 'training' | 'matching' | 'followUp' | 'intervision', number>;
}

/** A coordinator busier than this lets queues grow (assumption: the slack any single server needs). */
const COORDINATOR_UTILISATION = 0.85;

const finiteOr = (x: number, fallback: number) => (Number.isFinite(x) && x > 0 ? x : fallback);
const avg = (xs: readonly number[]) => (xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);

/** The target's figure in a queue with `places` servers. */
function figure(q: QueueMeasures, target: ServiceTarget, intakeDropout: number, arrivals: number): number {
  if (target.kind === 'maxWaiting') return arrivals * q.meanWait;
  const served = q.servedWithin(target.weeks);
  if (target.among === 'seeking') return served / Math.max(1e-12, 1 - q.abandonedWithin(target.weeks));
  return (1 - intakeDropout) * served;
}

/**
 * The queueing estimate for a scenario, from its pilot replications.
 *
 * @example
 *   const q = queueingEstimate(scenario, pilotTally, { kind: 'matchedWithin', weeks: 8, share: 0.9, among: 'seeking', warmUpWeeks: 26 });
 *   q.volunteersPerWeek; q.coordinatorHoursPerWeek; // where the search starts
 */
export function queueingEstimate(scenario: Scenario, pilot: Tally, target: ServiceTarget): QueueingEstimate {
  const p = scenario.params;
  const referralsPerWeek = p.inflow.participantsPerWeek;
  const arrivals = referralsPerWeek * (1 - p.participants.intakeDropout);
  const leaving = p.participants.waitingDropoutPerYear / 52;
  const matchWeeks = finiteOr(pilot.metric('meanMatchWeeks'), p.programme.plannedWeeks);
  const from = Math.min(target.warmUpWeeks, scenario.weeks - 1);
  const late = (series: string) => avg(pilot.weeklyMean(series).slice(from));
  const perVolunteer = finiteOr(late('activeMatches') / late('activeUnits'), p.programme.format === 'group' ? p.programme.groupSize : 1);
  const load = arrivals * matchWeeks;
  const queueAt = (places: number) => erlangAQueue({ arrivalRate: arrivals, serviceRate: 1 / matchWeeks, servers: places, abandonRate: leaving });
  const level = targetLevel(target);
  const meets = (places: number) => {
    const f = figure(queueAt(places), target, p.participants.intakeDropout, arrivals);
    return target.kind === 'maxWaiting' ? f <= level : f >= level;
  };
  const waitAllowed = target.kind === 'matchedWithin' ? Math.min(0.99, Math.max(0.01, 1 - target.share)) : 0.5;
  const squareRootPlaces = squareRootStaffing(load, halfinWhittBeta(waitAllowed));
  const places = arrivals > 0 ? fewestServers(meets, squareRootPlaces, Math.max(10, Math.ceil(100 * load))) ?? null : 0;
  const predicted = places === null ? NaN : figure(queueAt(places), target, p.participants.intakeDropout, arrivals);

  // Little's law on the pilot: ready volunteers in the programme over the rate they become ready.
  const readyVolunteers = late('activeUnits') + late('volunteersWaiting');
  const trainedPerWeek = late('volunteersTrained');
  const volunteerWeeks = finiteOr(readyVolunteers / trainedPerWeek, 2 * p.programme.plannedWeeks);
  const conversion = finiteOr(pilot.metric('volunteerConversion'), 1 / 3);
  const volunteersNeeded = (places ?? Math.ceil(load)) / perVolunteer;
  const trainedNeeded = volunteersNeeded / volunteerWeeks;
  const volunteersPerWeek = trainedNeeded / conversion;

  const c = p.coordinators;
  const served = arrivals * (1 - (places === null ? 0 : queueAt(places).abandonShare));
  const matchesPerParticipant = finiteOr(pilot.metric('matchesStartedPerYear') / (pilot.metric('referredPerYear') * pilot.metric('matchedShare')), 1);
  const matchHours = { 'first-come': c.hoursPerMatchFirstCome, surface: c.hoursPerMatchSurface, deep: c.hoursPerMatchDeep }[p.programme.matching];
  const activeUnits = (served * matchWeeks) / perVolunteer;
  const workload = {
    intake: referralsPerWeek * c.hoursPerIntake,
    recruitment: volunteersPerWeek * c.hoursPerRecruitment,
    screening: volunteersPerWeek * (1 - p.volunteers.withdrawBeforeScreening) * c.hoursPerScreening,
    training: (trainedNeeded * p.programme.preMatchTrainingHours) / c.trainingGroupSize,
    matching: served * matchesPerParticipant * matchHours,
    followUp: p.programme.followUpEveryWeeks > 0 ? (activeUnits / p.programme.followUpEveryWeeks) * c.hoursPerFollowUp : 0,
    intervision: p.programme.ongoingTrainingEveryWeeks > 0 ? (volunteersNeeded / p.programme.ongoingTrainingEveryWeeks) * c.hoursPerIntervision : 0,
  };
  const work = Object.values(workload).reduce((a, b) => a + b, 0);
  const coordinatorHoursPerWeek = work / (1 - c.overheadShare) / COORDINATOR_UTILISATION;
  return {
    arrivalsPerWeek: arrivals,
    leavingPerWeek: leaving,
    matchWeeks,
    participantsPerVolunteer: perVolunteer,
    load,
    squareRootPlaces,
    places,
    predicted,
    volunteerWeeks,
    conversion,
    volunteersPerWeek,
    coordinatorHoursPerWeek,
    workload,
  };
}
