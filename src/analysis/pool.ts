import { linearRegression } from 'simple-statistics';
import { DOMAINS, type Domain } from '../model/domains.ts';
import { CLOSURE_REASONS, COST_ITEMS, type CostItem, type ReplicationResult, writeDomainValues } from '../model/results.ts';
import { emptyCounts, type CompetingCounts } from './competingRisks.ts';
import { EMPTY_COMOMENTS, EMPTY_MOMENTS, coMoments, moments, type CoMoments, type Moments } from './moments.ts';

/**
 * What a set of replications adds up to: totals, competing-risk counts, outcome moments and
 * co-moments. Every figure of a run is a function of a pool (metrics.ts), so one replication's
 * value, a batch's value and the whole run's value are computed by the same code, and pools merge
 * exactly in any grouping (replications in order, batches, shards).
 */

/** Additive totals over replications. */
export const SUMS = [
  'reps', 'weeks', 'participantWeeks', 'matchWeeks',
  'referred', 'everMatched', 'leftUnmatched', 'turnedAway', 'stillWaiting', 'waitWeeks',
  'volunteerFirstMatches', 'volunteerWaitWeeks', 'responders', 'peers', 'trained', 'volunteersMatched', 'satisfaction', 'empathyGain',
  'matchesStarted', 'matchesClosed', 'matchesCompleted', 'closedWeeks', 'closedHours', 'continued',
  'waitingListWeeks', 'waitingGrowth', 'waitingGrowthReps', 'volunteersWaitingWeeks', 'activeMatchWeeks',
  'hoursUsed', 'hoursAvailable', 'followUpsDue', 'followUpsMissed', 'cost',
  ...COST_ITEMS.map((c) => `cost.${c}` as const),
] as const;
export type SumName = (typeof SUMS)[number];

/** Ways a wait for a first match ends: matched, or left the programme unmatched. */
export const FIRST_MATCH_CAUSES = ['matched', 'left'] as const;

/** Realised time in matches before a measurement, in bands of months (weeks: <13, 13-25, 26-51, 52+). */
export const DURATION_BANDS = ['<3 months', '3-6 months', '6-12 months', '12+ months'] as const;
export type DurationBand = (typeof DURATION_BANDS)[number];
/** Groups an effect is taken over: all referred (intention to treat), those matched, and the matched by realised time in a match. */
export const EFFECT_GROUPS = ['allReferred', 'matched', ...DURATION_BANDS] as const;
export type EffectGroup = (typeof EFFECT_GROUPS)[number];

export function durationBand(weeks: number): DurationBand {
  return DURATION_BANDS[durationBandIndex(weeks)];
}

/** The DURATION_BANDS index of a realised time in matches. */
const durationBandIndex = (weeks: number) => (weeks < 13 ? 0 : weeks < 26 ? 1 : weeks < 52 ? 2 : 3);

/** The measurement points: the first (about the end of the programme), 26 and 52 weeks later. */
export const POINTS = ['first', '+26w', '+52w'] as const;
export type Point = (typeof POINTS)[number];

/**
 * At one measurement point: per group and domain, the moments of programme minus counterfactual
 * outcome; per domain, the moments of the counterfactual outcome of all referred participants (the
 * yardstick every group's effect is standardised by).
 */
export interface EffectMoments {
  difference: Record<EffectGroup, Record<Domain, Moments>>;
  counterfactual: Record<Domain, Moments>;
}

/**
 * At the first measurement point, over the participants also measured at the last one (+52w:
 * referred early enough that it falls within the horizon): per domain, the moments of programme
 * minus counterfactual outcome and of the counterfactual outcome. Everyone measured at the last
 * point was measured at the first, so with the last point's moments over all referred these give
 * the effect at both points over the same people (the retained effect, metrics.ts).
 */
export interface FollowedUpMoments {
  difference: Record<Domain, Moments>;
  counterfactual: Record<Domain, Moments>;
}

/** Pairs of match figures whose correlation the evidence speaks of ([Eby2013]). */
export const CORRELATIONS = ['deepQuality', 'surfaceQuality', 'frequencyGain'] as const;
export type CorrelationName = (typeof CORRELATIONS)[number];

/** Sums of the effect curve on the main outcome, by weeks since referral. */
export interface CurveSums {
  n: number[];
  sumDifference: number[];
  sumDifferenceSq: number[];
  sumCounterfactual: number[];
  sumCounterfactualSq: number[];
}

export interface Pool {
  sums: Record<SumName, number>;
  /** Match durations by closure reason (CLOSURE_REASONS order); running at the horizon = censored. */
  matchEnds: CompetingCounts;
  /** Weeks from referral to a first match or to leaving unmatched (FIRST_MATCH_CAUSES); still waiting = censored. */
  firstMatch: CompetingCounts;
  /**
   * The same by referral cohort: entry c counts participants referred in weeks [c, c + 1) x
   * COHORT_WEEKS, so a figure can leave out the first weeks of a run (a warm-up cut: firstMatchFrom).
   */
  firstMatchByCohort: CompetingCounts[];
  /** Effects at each measurement point (POINTS order). */
  effects: EffectMoments[];
  /** The first point's moments over those also measured at the last point. */
  followedUp: FollowedUpMoments;
  correlations: Record<CorrelationName, CoMoments>;
  curve: CurveSums;
}

const byDomain = (): Record<Domain, Moments> => Object.fromEntries(DOMAINS.map((d) => [d, { ...EMPTY_MOMENTS }])) as Record<Domain, Moments>;

function emptyEffects(): EffectMoments {
  const difference = Object.fromEntries(EFFECT_GROUPS.map((g) => [g, byDomain()])) as EffectMoments['difference'];
  return { difference, counterfactual: byDomain() };
}

/** Referral cohorts are quarters: a warm-up cut leaves out whole quarters of referrals. */
export const COHORT_WEEKS = 13;

/** Referral cohorts of a horizon of `weeks`; cohort c can wait at most weeks - c x COHORT_WEEKS weeks. */
const cohortCounts = (weeks: number) =>
  Array.from({ length: Math.ceil(weeks / COHORT_WEEKS) }, (_, c) => emptyCounts(FIRST_MATCH_CAUSES.length, weeks - c * COHORT_WEEKS));

/**
 * The first-match counts of participants referred in week `fromWeek` or later, rounded up to a
 * whole cohort (COHORT_WEEKS): the population of a figure with a warm-up cut. fromWeek 0 gives
 * every referral (equal to pool.firstMatch).
 *
 * @example
 *   // participants referred after the first half-year (weeks 26 on):
 *   aalenJohansen(firstMatchFrom(pool, 26)).incidence[0][8]; // matched within 8 weeks of referral
 */
export function firstMatchFrom(pool: Pool, fromWeek: number): CompetingCounts {
  const out = emptyCounts(FIRST_MATCH_CAUSES.length, pool.firstMatch.censored.length - 1);
  for (let c = Math.max(0, Math.ceil(fromWeek / COHORT_WEEKS)); c < pool.firstMatchByCohort.length; c++) {
    // A later cohort is shorter: it has nothing beyond its last possible wait.
    const cohort = pool.firstMatchByCohort[c];
    for (let t = 0; t < cohort.censored.length; t++) {
      for (let k = 0; k < cohort.events.length; k++) out.events[k][t] += cohort.events[k][t];
      out.censored[t] += cohort.censored[t];
    }
  }
  return out;
}

/** Points of the effect curve over a horizon of `weeks`: one every 4 weeks since referral. */
export const curveLength = (weeks: number) => Math.floor(weeks / 4) + 1;

export function emptyPool(weeks: number): Pool {
  return {
    sums: emptySums(),
    matchEnds: emptyCounts(CLOSURE_REASONS.length, weeks),
    firstMatch: emptyCounts(FIRST_MATCH_CAUSES.length, weeks),
    firstMatchByCohort: cohortCounts(weeks),
    effects: POINTS.map(emptyEffects),
    followedUp: { difference: byDomain(), counterfactual: byDomain() },
    correlations: Object.fromEntries(CORRELATIONS.map((c) => [c, { ...EMPTY_COMOMENTS }])) as Record<CorrelationName, CoMoments>,
    curve: emptyCurve(weeks),
  };
}

const emptySums = () => Object.fromEntries(SUMS.map((s) => [s, 0])) as Record<SumName, number>;

function emptyCurve(weeks: number): CurveSums {
  const n = curveLength(weeks);
  const zeros = () => new Array<number>(n).fill(0);
  return { n: zeros(), sumDifference: zeros(), sumDifferenceSq: zeros(), sumCounterfactual: zeros(), sumCounterfactualSq: zeros() };
}

/** Weeks of the trend the waiting-list growth is read from: the last year of the horizon (at least half a year). */
export const GROWTH_WEEKS = 52;

/**
 * How much a weekly series grew over the last year of the horizon: the least-squares slope over
 * its last 52 weeks, times those weeks (NaN for a horizon under half a year).
 *
 * @example
 *   lastYearGrowth(Array.from({ length: 104 }, (_, w) => w / 4)); // 13: a quarter of a person a week
 */
export function lastYearGrowth(series: readonly number[]): number {
  const last = series.slice(Math.max(0, series.length - GROWTH_WEEKS));
  if (last.length < GROWTH_WEEKS / 2) return NaN;
  return linearRegression(last.map((y, x) => [x, y])).m * last.length;
}

/** Left to right from 0, as `xs.reduce((a, b) => a + b, 0)` adds (the same sum to the last bit). */
function sum(xs: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < xs.length; i++) total += xs[i];
  return total;
}

const REASON_INDEX = new Map<string, number>(CLOSURE_REASONS.map((c, i) => [c, i]));
const COST_SUMS = COST_ITEMS.map((c) => `cost.${c}` as SumName);

/**
 * One replication's pool.
 *
 * Counts and sums go through local variables and typed arrays and land in the pool once: this
 * runs once per replication, next to every run of the model.
 *
 * @example
 *   const pool = replicationPool(runReplication(scenario, 0), scenario.params.inflow.initialVolunteers);
 *   pool.sums.referred; // participants referred in that replication
 */
export function replicationPool(r: ReplicationResult, initialVolunteers: number): Pool {
  const weeks = r.weeks;
  const s = emptySums();
  const w = r.weekly;
  s.reps = 1;
  s.weeks = weeks;
  s.participantWeeks = r.participantWeeks;
  s.matchWeeks = r.matchWeeks;

  const firstMatch = emptyCounts(FIRST_MATCH_CAUSES.length, weeks);
  const firstMatchByCohort = cohortCounts(weeks);
  const ref = r.referrals;
  const last = weeks - 1;
  let everMatched = 0;
  let leftUnmatched = 0;
  let stillWaiting = 0;
  let waitWeeks = 0;
  for (let i = 0; i < ref.referredWeek.length; i++) {
    const from = ref.referredWeek[i];
    const cohort = firstMatchByCohort[Math.floor(from / COHORT_WEEKS)];
    const matchedAt = ref.firstMatchWeek[i];
    const leftAt = ref.leftUnmatchedWeek[i];
    if (matchedAt >= 0) {
      everMatched += 1;
      waitWeeks += matchedAt - from;
      firstMatch.events[0][matchedAt - from] += 1;
      cohort.events[0][matchedAt - from] += 1;
    } else if (leftAt >= 0) {
      leftUnmatched += 1;
      firstMatch.events[1][leftAt - from] += 1;
      cohort.events[1][leftAt - from] += 1;
    } else {
      stillWaiting += 1;
      firstMatch.censored[last - from] += 1;
      cohort.censored[last - from] += 1;
    }
  }
  s.referred = ref.referredWeek.length;
  s.everMatched = everMatched;
  s.leftUnmatched = leftUnmatched;
  s.stillWaiting = stillWaiting;
  s.waitWeeks = waitWeeks;
  s.turnedAway = sum(w.turnedAway ?? []);

  s.volunteerFirstMatches = r.volunteerWaits.length;
  s.volunteerWaitWeeks = sum(r.volunteerWaits);
  const v = r.volunteers;
  s.responders = v.applied - initialVolunteers;
  s.peers = v.peers;
  s.trained = v.trained;
  s.volunteersMatched = v.matched;
  s.satisfaction = v.meanSatisfaction * v.matched;
  s.empathyGain = v.meanEmpathyGain * v.matched;

  const matchEnds = emptyCounts(CLOSURE_REASONS.length, weeks);
  const nm = r.matches.length;
  const deep = new Float64Array(nm);
  const surface = new Float64Array(nm);
  const quality = new Float64Array(nm);
  const hoursPerWeek = new Float64Array(nm);
  const relationalGain = new Float64Array(nm);
  let continued = 0;
  let closed = 0;
  let completed = 0;
  let closedWeeks = 0;
  let closedHours = 0;
  for (let i = 0; i < nm; i++) {
    const m = r.matches[i];
    if (m.continued) continued += 1;
    deep[i] = m.deepSimilarity;
    surface[i] = m.surfaceSimilarity;
    quality[i] = m.quality;
    hoursPerWeek[i] = m.hoursPerWeek;
    relationalGain[i] = m.relationalGain;
    if (m.reason === 'ongoing') {
      matchEnds.censored[m.weeks] += 1;
      continue;
    }
    matchEnds.events[REASON_INDEX.get(m.reason)!][m.weeks] += 1;
    closed += 1;
    closedWeeks += m.weeks;
    closedHours += m.hours;
    if (m.reason === 'planned' || m.reason === 'goal') completed += 1;
  }
  s.matchesStarted = nm;
  s.continued = continued;
  s.matchesClosed = closed;
  s.matchesCompleted = completed;
  s.closedWeeks = closedWeeks;
  s.closedHours = closedHours;
  const correlations: Pool['correlations'] = {
    deepQuality: coMoments(deep, quality),
    surfaceQuality: coMoments(surface, quality),
    frequencyGain: coMoments(hoursPerWeek, relationalGain),
  };

  const { effects, followedUp } = effectMoments(r);

  const curve = emptyCurve(weeks);
  const c = r.effectCurve;
  for (let k = 0; k < Math.min(c.n.length, curve.n.length); k++) {
    curve.n[k] = c.n[k];
    curve.sumDifference[k] = c.sumDifference[k];
    curve.sumDifferenceSq[k] = c.sumDifferenceSq[k];
    curve.sumCounterfactual[k] = c.sumCounterfactual[k];
    curve.sumCounterfactualSq[k] = c.sumCounterfactualSq[k];
  }

  s.waitingListWeeks = sum(w.participantsWaiting) + sum(w.participantsInIntake);
  const growth = lastYearGrowth(w.participantsWaiting.map((x, week) => x + w.participantsInIntake[week]));
  if (Number.isFinite(growth)) {
    s.waitingGrowth = growth;
    s.waitingGrowthReps = 1;
  }
  s.volunteersWaitingWeeks = sum(w.volunteersWaiting);
  s.activeMatchWeeks = sum(w.activeMatches);
  s.hoursUsed = sum(w.coordinatorHoursUsed);
  s.hoursAvailable = sum(w.coordinatorHoursAvailable);
  s.followUpsDue = sum(w.followUpsDue);
  s.followUpsMissed = sum(w.followUpsMissed);
  s.cost = r.costs.total;
  for (let i = 0; i < COST_ITEMS.length; i++) s[COST_SUMS[i]] = r.costs[COST_ITEMS[i] as CostItem];
  return { sums: s, matchEnds, firstMatch, firstMatchByCohort, effects, followedUp, correlations, curve };
}

/**
 * A replication's effect moments: per measurement point, group and domain, and over those measured
 * at both the first and the last point (followedUp).
 *
 * Each record's values are read once into flat arrays, domain after domain (difference and
 * counterfactual), so the values of one domain lie together; members of each (point, group) are
 * listed in the order assessed, in one pass; then per domain the values go through one reused
 * buffer.
 */
function effectMoments(r: ReplicationResult): Pick<Pool, 'effects' | 'followedUp'> {
  const nd = DOMAINS.length;
  const na = r.assessed.length;
  const difference = new Float64Array(na * nd);
  const counterfactual = new Float64Array(na * nd);
  const programme = new Float64Array(nd);
  const without = new Float64Array(nd);
  const members = r.points.map(() => EFFECT_GROUPS.map((): number[] => []));
  const lastPoint = r.points[r.points.length - 1];
  // Who is measured at the last point, by participant id.
  let maxId = -1;
  for (let i = 0; i < na; i++) maxId = Math.max(maxId, r.assessed[i].id);
  const measuredLast = new Uint8Array(maxId + 1);
  for (let i = 0; i < na; i++) if (r.assessed[i].point === lastPoint) measuredLast[r.assessed[i].id] = 1;
  const followedUpMembers: number[] = [];
  for (let i = 0; i < na; i++) {
    const a = r.assessed[i];
    writeDomainValues(a.programme, programme);
    writeDomainValues(a.counterfactual, without);
    for (let n = 0; n < nd; n++) {
      difference[n * na + i] = programme[n] - without[n];
      counterfactual[n * na + i] = without[n];
    }
    const j = r.points.indexOf(a.point);
    if (j < 0) continue;
    const groups = members[j];
    groups[0].push(i);
    if (j === 0 && measuredLast[a.id] === 1) followedUpMembers.push(i);
    if (a.matchedWeeks === 0) continue;
    groups[1].push(i);
    groups[2 + durationBandIndex(a.matchedWeeks)].push(i);
  }
  const buffer = new Float64Array(na);
  /** The moments of domain n of `values` over the records listed in `group`. */
  const over = (values: Float64Array, group: readonly number[], n: number) => {
    const from = n * na;
    for (let i = 0; i < group.length; i++) buffer[i] = values[from + group[i]];
    return moments(buffer.subarray(0, group.length));
  };
  /** Per domain, the moments of `values` over `group`. */
  const byDomainOver = (values: Float64Array, group: readonly number[]) => {
    const out = {} as Record<Domain, Moments>;
    for (let n = 0; n < nd; n++) out[DOMAINS[n]] = over(values, group, n);
    return out;
  };
  const effects = POINTS.map((_, j): EffectMoments => {
    const groups = members[j];
    const difference_ = {} as EffectMoments['difference'];
    for (let k = 0; k < EFFECT_GROUPS.length; k++) difference_[EFFECT_GROUPS[k]] = groups ? byDomainOver(difference, groups[k]) : byDomain();
    return { difference: difference_, counterfactual: groups ? byDomainOver(counterfactual, groups[0]) : byDomain() };
  });
  return {
    effects,
    followedUp: { difference: byDomainOver(difference, followedUpMembers), counterfactual: byDomainOver(counterfactual, followedUpMembers) },
  };
}
