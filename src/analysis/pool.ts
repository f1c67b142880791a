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
  return weeks < 13 ? '<3 months' : weeks < 26 ? '3-6 months' : weeks < 52 ? '6-12 months' : '12+ months';
}

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
  const n = curveLength(weeks);
  const zeros = () => new Array<number>(n).fill(0);
  return {
    sums: Object.fromEntries(SUMS.map((s) => [s, 0])) as Record<SumName, number>,
    matchEnds: emptyCounts(CLOSURE_REASONS.length, weeks),
    firstMatch: emptyCounts(FIRST_MATCH_CAUSES.length, weeks),
    firstMatchByCohort: cohortCounts(weeks),
    effects: POINTS.map(emptyEffects),
    followedUp: { difference: byDomain(), counterfactual: byDomain() },
    correlations: Object.fromEntries(CORRELATIONS.map((c) => [c, { ...EMPTY_COMOMENTS }])) as Record<CorrelationName, CoMoments>,
    curve: { n: zeros(), sumDifference: zeros(), sumDifferenceSq: zeros(), sumCounterfactual: zeros(), sumCounterfactualSq: zeros() },
  };
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

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * One replication's pool.
 *
 * @example
 *   const pool = replicationPool(runReplication(scenario, 0), scenario.params.inflow.initialVolunteers);
 *   pool.sums.referred; // participants referred in that replication
 */
export function replicationPool(r: ReplicationResult, initialVolunteers: number): Pool {
  const pool = emptyPool(r.weeks);
  const s = pool.sums;
  const w = r.weekly;
  s.reps = 1;
  s.weeks = r.weeks;
  s.participantWeeks = r.participantWeeks;
  s.matchWeeks = r.matchWeeks;

  const ref = r.referrals;
  const last = r.weeks - 1;
  for (let i = 0; i < ref.referredWeek.length; i++) {
    const from = ref.referredWeek[i];
    const cohort = pool.firstMatchByCohort[Math.floor(from / COHORT_WEEKS)];
    s.referred += 1;
    if (ref.firstMatchWeek[i] >= 0) {
      s.everMatched += 1;
      s.waitWeeks += ref.firstMatchWeek[i] - from;
      pool.firstMatch.events[0][ref.firstMatchWeek[i] - from] += 1;
      cohort.events[0][ref.firstMatchWeek[i] - from] += 1;
    } else if (ref.leftUnmatchedWeek[i] >= 0) {
      s.leftUnmatched += 1;
      pool.firstMatch.events[1][ref.leftUnmatchedWeek[i] - from] += 1;
      cohort.events[1][ref.leftUnmatchedWeek[i] - from] += 1;
    } else {
      s.stillWaiting += 1;
      pool.firstMatch.censored[last - from] += 1;
      cohort.censored[last - from] += 1;
    }
  }
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

  const reasonIndex = new Map<string, number>(CLOSURE_REASONS.map((c, i) => [c, i]));
  const deep: number[] = [];
  const surface: number[] = [];
  const quality: number[] = [];
  const hoursPerWeek: number[] = [];
  const relationalGain: number[] = [];
  for (const m of r.matches) {
    s.matchesStarted += 1;
    if (m.continued) s.continued += 1;
    deep.push(m.deepSimilarity);
    surface.push(m.surfaceSimilarity);
    quality.push(m.quality);
    hoursPerWeek.push(m.hoursPerWeek);
    relationalGain.push(m.relationalGain);
    if (m.reason === 'ongoing') {
      pool.matchEnds.censored[m.weeks] += 1;
      continue;
    }
    pool.matchEnds.events[reasonIndex.get(m.reason)!][m.weeks] += 1;
    s.matchesClosed += 1;
    s.closedWeeks += m.weeks;
    s.closedHours += m.hours;
    if (m.reason === 'planned' || m.reason === 'goal') s.matchesCompleted += 1;
  }
  pool.correlations.deepQuality = coMoments(deep, quality);
  pool.correlations.surfaceQuality = coMoments(surface, quality);
  pool.correlations.frequencyGain = coMoments(hoursPerWeek, relationalGain);

  // Each record's values are read once into flat arrays (difference and counterfactual per domain);
  // members of each (point, group) are listed in the order assessed, in one pass; then per domain
  // the values go through one reused buffer. Those measured at the first point who are measured at
  // the last one too are listed apart (followedUp).
  const nd = DOMAINS.length;
  const difference = new Float64Array(r.assessed.length * nd);
  const counterfactual = new Float64Array(r.assessed.length * nd);
  const members = r.points.map(() => EFFECT_GROUPS.map((): number[] => []));
  const pointIndex = new Map(r.points.map((point, j) => [point, j]));
  const lastPoint = r.points[r.points.length - 1];
  const measuredLast = new Set(r.assessed.filter((a) => a.point === lastPoint).map((a) => a.id));
  const followedUp: number[] = [];
  r.assessed.forEach((a, i) => {
    writeDomainValues(a.programme, difference, i * nd);
    writeDomainValues(a.counterfactual, counterfactual, i * nd);
    for (let k = i * nd; k < (i + 1) * nd; k++) difference[k] -= counterfactual[k];
    const j = pointIndex.get(a.point);
    if (j === undefined) return;
    members[j][0].push(i);
    if (j === 0 && measuredLast.has(a.id)) followedUp.push(i);
    if (a.matchedWeeks === 0) return;
    members[j][1].push(i);
    members[j][2 + DURATION_BANDS.indexOf(durationBand(a.matchedWeeks))].push(i);
  });
  const buffer: number[] = [];
  /** The moments of domain n of `values` over the records listed in `group`. */
  const over = (values: Float64Array, group: readonly number[], n: number) => {
    buffer.length = group.length;
    for (let i = 0; i < group.length; i++) buffer[i] = values[group[i] * nd + n];
    return moments(buffer);
  };
  members.forEach((groups, j) => {
    EFFECT_GROUPS.forEach((g, k) => {
      DOMAINS.forEach((d, n) => {
        pool.effects[j].difference[g][d] = over(difference, groups[k], n);
        if (g === 'allReferred') pool.effects[j].counterfactual[d] = over(counterfactual, groups[k], n);
      });
    });
  });
  DOMAINS.forEach((d, n) => {
    pool.followedUp.difference[d] = over(difference, followedUp, n);
    pool.followedUp.counterfactual[d] = over(counterfactual, followedUp, n);
  });

  const c = r.effectCurve;
  for (let k = 0; k < Math.min(c.n.length, pool.curve.n.length); k++) {
    pool.curve.n[k] = c.n[k];
    pool.curve.sumDifference[k] = c.sumDifference[k];
    pool.curve.sumDifferenceSq[k] = c.sumDifferenceSq[k];
    pool.curve.sumCounterfactual[k] = c.sumCounterfactual[k];
    pool.curve.sumCounterfactualSq[k] = c.sumCounterfactualSq[k];
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
  for (const item of COST_ITEMS) s[`cost.${item}` as SumName] = r.costs[item as CostItem];
  return pool;
}
