import { DOMAINS, type Domain } from '../model/params.ts';
import { CLOSURE_REASONS, type ReplicationResult } from '../model/results.ts';
import { addCounts, emptyCounts, type CompetingCounts } from './competingRisks.ts';
import { EMPTY_COMOMENTS, EMPTY_MOMENTS, coMoments, combineCoMoments, combineMoments, moments, type CoMoments, type Moments } from './moments.ts';

/**
 * What a set of replications adds up to: totals, competing-risk counts, outcome moments and
 * co-moments. Every figure of a run is a function of a pool (metrics.ts), so one replication's
 * value, a batch's value and the whole run's value are computed by the same code, and pools merge
 * exactly in any grouping (replications in order, batches, shards).
 */

/** Additive totals over replications. */
export const SUMS = [
  'reps', 'weeks', 'participantWeeks',
  'referred', 'everMatched', 'leftUnmatched', 'stillWaiting', 'waitWeeks',
  'volunteerFirstMatches', 'volunteerWaitWeeks', 'responders', 'trained', 'volunteersMatched', 'satisfaction', 'empathyGain',
  'matchesStarted', 'matchesClosed', 'matchesCompleted', 'closedWeeks', 'closedHours',
  'waitingListWeeks', 'volunteersWaitingWeeks', 'activeMatchWeeks',
  'hoursUsed', 'hoursAvailable', 'followUpsDue', 'followUpsMissed', 'cost',
] as const;
export type SumName = (typeof SUMS)[number];

/** Ways a wait for a first match ends: matched, or left the programme unmatched. */
export const FIRST_MATCH_CAUSES = ['matched', 'left'] as const;

/** Groups an effect is taken over: all referred (intention to treat), those matched, and the matched by realised time in a match. */
export const DURATION_BANDS = ['<3 months', '3-6 months', '6-12 months', '12+ months'] as const;
export type DurationBand = (typeof DURATION_BANDS)[number];
export const EFFECT_GROUPS = ['allReferred', 'matched', ...DURATION_BANDS] as const;
export type EffectGroup = (typeof EFFECT_GROUPS)[number];

/** Realised time in matches before assessment, in bands of months (weeks: <13, 13-25, 26-51, 52+). */
export function durationBand(weeks: number): DurationBand {
  return weeks < 13 ? '<3 months' : weeks < 26 ? '3-6 months' : weeks < 52 ? '6-12 months' : '12+ months';
}

/** Per group and domain: the moments of programme minus counterfactual, and of the counterfactual. */
export type EffectMoments = Record<EffectGroup, Record<Domain, { difference: Moments; counterfactual: Moments }>>;

/** Pairs of match figures whose correlation the evidence speaks of (Eby et al. 2013). */
export const CORRELATIONS = ['deepQuality', 'surfaceQuality', 'frequencyGain'] as const;
export type CorrelationName = (typeof CORRELATIONS)[number];

export interface Pool {
  sums: Record<SumName, number>;
  /** Match durations by closure reason (CLOSURE_REASONS order); running at the horizon = censored. */
  matchEnds: CompetingCounts;
  /** Weeks from referral to a first match or to leaving unmatched (FIRST_MATCH_CAUSES); still waiting = censored. */
  firstMatch: CompetingCounts;
  effects: EffectMoments;
  correlations: Record<CorrelationName, CoMoments>;
}

export function emptyPool(weeks: number): Pool {
  const effects = {} as EffectMoments;
  for (const g of EFFECT_GROUPS) {
    effects[g] = {} as EffectMoments[EffectGroup];
    for (const d of DOMAINS) effects[g][d] = { difference: { ...EMPTY_MOMENTS }, counterfactual: { ...EMPTY_MOMENTS } };
  }
  return {
    sums: Object.fromEntries(SUMS.map((s) => [s, 0])) as Record<SumName, number>,
    matchEnds: emptyCounts(CLOSURE_REASONS.length, weeks),
    firstMatch: emptyCounts(FIRST_MATCH_CAUSES.length, weeks),
    effects,
    correlations: Object.fromEntries(CORRELATIONS.map((c) => [c, { ...EMPTY_COMOMENTS }])) as Record<CorrelationName, CoMoments>,
  };
}

/** Adds `other` into `target`. Floating-point sums depend on order: callers add in replication order. */
export function addPool(target: Pool, other: Pool): void {
  for (const s of SUMS) target.sums[s] += other.sums[s];
  addCounts(target.matchEnds, other.matchEnds);
  addCounts(target.firstMatch, other.firstMatch);
  for (const g of EFFECT_GROUPS) {
    for (const d of DOMAINS) {
      const t = target.effects[g][d];
      const o = other.effects[g][d];
      t.difference = combineMoments(t.difference, o.difference);
      t.counterfactual = combineMoments(t.counterfactual, o.counterfactual);
    }
  }
  for (const c of CORRELATIONS) target.correlations[c] = combineCoMoments(target.correlations[c], other.correlations[c]);
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * One replication's pool.
 *
 * @example
 *   const pool = replicationPool(runReplication(scenario, 0), 156);
 *   pool.sums.referred; // participants referred in that replication
 */
export function replicationPool(r: ReplicationResult, initialVolunteers: number): Pool {
  const pool = emptyPool(r.weeks);
  const s = pool.sums;
  const w = r.weekly;
  s.reps = 1;
  s.weeks = r.weeks;
  s.participantWeeks = r.participantWeeks;

  const ref = r.referrals;
  const last = r.weeks - 1;
  for (let i = 0; i < ref.referredWeek.length; i++) {
    const from = ref.referredWeek[i];
    s.referred += 1;
    if (ref.firstMatchWeek[i] >= 0) {
      s.everMatched += 1;
      s.waitWeeks += ref.firstMatchWeek[i] - from;
      pool.firstMatch.events[0][ref.firstMatchWeek[i] - from] += 1;
    } else if (ref.leftUnmatchedWeek[i] >= 0) {
      s.leftUnmatched += 1;
      pool.firstMatch.events[1][ref.leftUnmatchedWeek[i] - from] += 1;
    } else {
      s.stillWaiting += 1;
      pool.firstMatch.censored[last - from] += 1;
    }
  }

  s.volunteerFirstMatches = r.volunteerWaits.length;
  s.volunteerWaitWeeks = sum(r.volunteerWaits);
  const v = r.volunteers;
  s.responders = v.applied - initialVolunteers;
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
    if (m.reason === 'planned') s.matchesCompleted += 1;
  }
  pool.correlations.deepQuality = coMoments(deep, quality);
  pool.correlations.surfaceQuality = coMoments(surface, quality);
  pool.correlations.frequencyGain = coMoments(hoursPerWeek, relationalGain);

  for (const g of EFFECT_GROUPS) {
    const members = r.assessed.filter((a) =>
      g === 'allReferred' ? true : a.matchedWeeks > 0 && (g === 'matched' || durationBand(a.matchedWeeks) === g));
    for (const d of DOMAINS) {
      pool.effects[g][d] = {
        difference: moments(members.map((a) => a.programme[d] - a.counterfactual[d])),
        counterfactual: moments(members.map((a) => a.counterfactual[d])),
      };
    }
  }

  s.waitingListWeeks = sum(w.participantsWaiting) + sum(w.participantsInIntake);
  s.volunteersWaitingWeeks = sum(w.volunteersWaiting);
  s.activeMatchWeeks = sum(w.activeMatches);
  s.hoursUsed = sum(w.coordinatorHoursUsed);
  s.hoursAvailable = sum(w.coordinatorHoursAvailable);
  s.followUpsDue = sum(w.followUpsDue);
  s.followUpsMissed = sum(w.followUpsMissed);
  s.cost = r.costs.total;
  return pool;
}
