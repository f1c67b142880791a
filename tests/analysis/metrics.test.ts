import { describe, expect, it } from 'vitest';
import { METRICS, METRIC_NAMES, RETAINED_FLOOR, computeMetrics, effectSize, matchedWithin, prematureIncidence, retainedEffect, timeToMatchMedian } from '../../src/analysis/metrics.ts';
import { mergePools } from '../../src/analysis/packed.ts';
import { COHORT_WEEKS, firstMatchFrom, replicationPool } from '../../src/analysis/pool.ts';
import { assessed, handResult, match } from '../support/result.ts';
import { testScenario } from '../support/scenario.ts';

const WEEKS = 10;
const scenario = testScenario({ weeks: WEEKS, programme: { plannedWeeks: 6, hoursBudget: 40 }, outcomes: { assessmentWeeks: 4 }, inflow: { initialVolunteers: 2 } });

/**
 * Six matches of a 40-hour design (planned at most 6 weeks): premature at 2 and 5, completed at 4
 * and 6 (twice), one still running at 5 weeks when the horizon came. Five referrals: matched after
 * 0, 0, 3 weeks; one left unmatched after 2 weeks; one still waiting at the horizon.
 */
const result = handResult({
  weeks: WEEKS,
  matches: [
    match({ id: 0, weeks: 2, reason: 'volunteer', hours: 4 }),
    match({ id: 1, weeks: 5, reason: 'mismatch', hours: 10 }),
    match({ id: 2, weeks: 4, reason: 'planned', hours: 40 }),
    match({ id: 3, weeks: 6, reason: 'planned', hours: 40 }),
    match({ id: 4, weeks: 6, reason: 'planned', hours: 40 }),
    match({ id: 5, weeks: 5, reason: 'ongoing', endWeek: null, hours: 20 }),
  ],
  referrals: { referredWeek: [0, 1, 2, 3, 7], firstMatchWeek: [0, 1, 5, -1, -1], leftUnmatchedWeek: [-1, -1, -1, 5, -1] },
  assessed: [assessed(0, 1, 0.5, 60), assessed(1, -1, 0.3, 2), assessed(2, 0, 0, 0), assessed(3, 0, 0, 0)],
  volunteerWaits: [1, 3],
  volunteers: { applied: 12, peers: 0, withdrew: 3, rejected: 2, trained: 5, matched: 2, left: 1, meanSatisfaction: 0.7, meanEmpathyGain: 0.02 },
  costs: { ...handResult({ weeks: 1 }).costs, coordinatorFollowUp: 900, volunteerExpenses: 100, total: 1000 },
});
const pool = replicationPool(result, 2);

describe('figures from a hand-built replication', () => {
  it('premature closure by the planned end is the cumulative incidence, completion competing', () => {
    // As in the competing-risks test: premature 2 of 6 at t=2 and t=5 -> CIF = 1/3, not 1 - KM = 0.375.
    expect(prematureIncidence(pool, scenario)).toBeCloseTo(1 / 3, 12);
  });
  it('time to a first match over all referred: leaving competes, still waiting is censored', () => {
    // Durations since referral: matched at 0, 0, 3; left at 2; still waiting, censored at 9 - 7 = 2.
    // t=0: n=5, 2 matched: CIF 2/5, S 3/5. t=2: n=3, 1 left (the censored one still at risk): S 2/5.
    // t=3: n=1, 1 matched: CIF 2/5 + 2/5 = 4/5. A plain share would say 3/5.
    expect(matchedWithin(pool, 0)).toBeCloseTo(2 / 5, 12);
    expect(matchedWithin(pool, 2)).toBeCloseTo(2 / 5, 12);
    expect(matchedWithin(pool, 3)).toBeCloseTo(4 / 5, 12);
    expect(timeToMatchMedian(pool)).toBe(3);
    expect(pool.sums).toMatchObject({ referred: 5, everMatched: 3, leftUnmatched: 1, stillWaiting: 1, waitWeeks: 3 });
  });
  it('effects: mean difference over the SD of the counterfactual of all referred', () => {
    // counterfactuals 1, -1, 0, 0: sample SD sqrt(2/3); differences all 0.5, 0.3, 0, 0; matched 0.5, 0.3.
    const sd = Math.sqrt(2 / 3);
    expect(effectSize(pool, 'allReferred', 'wellbeing')).toBeCloseTo(0.2 / sd, 12);
    expect(effectSize(pool, 'matched', 'wellbeing')).toBeCloseTo(0.4 / sd, 12);
    expect(effectSize(pool, '<3 months', 'network')).toBeCloseTo(0.3 / sd, 12);
    expect(effectSize(pool, '12+ months', 'network')).toBeCloseTo(0.5 / sd, 12);
    expect(effectSize(pool, '6-12 months', 'network')).toBeNaN();
  });
  it('ratios pool sums; per-year figures divide by the horizon in years', () => {
    const m = computeMetrics(pool, scenario);
    expect(m.matchedShare).toBeCloseTo(3 / 5, 12);
    expect(m.leftUnmatchedShare).toBeCloseTo(1 / 5, 12);
    expect(m.stillWaitingShare).toBeCloseTo(1 / 5, 12);
    expect(m.participantWait).toBeCloseTo(1, 12);
    expect(m.volunteerWait).toBeCloseTo(2, 12);
    expect(m.matchesStartedPerYear).toBeCloseTo(6 / (10 / 52), 9);
    expect(m.matchesCompletedPerYear).toBeCloseTo(3 / (10 / 52), 9);
    expect(m.meanMatchWeeks).toBeCloseTo((2 + 5 + 4 + 6 + 6) / 5, 12);
    expect(m.meanMatchHours).toBeCloseTo((4 + 10 + 40 + 40 + 40) / 5, 12);
    expect(m.volunteerConversion).toBeCloseTo(5 / 10, 12);
    expect(m.volunteerSatisfaction).toBeCloseTo(0.7, 12);
    expect(m.costPerYear).toBeCloseTo(1000 / (10 / 52), 9);
    expect(m.costPerMatch).toBeCloseTo(1000 / 6, 9);
    expect(m.costPerCompletedMatch).toBeCloseTo(1000 / 3, 9);
    expect(m.effectAllReferred).toBeCloseTo(effectSize(pool, 'allReferred', scenario.params.outcomes.primary), 12);
    expect(m.followUpsMissedShare).toBeNaN(); // no follow-up fell due
  });
  it('two replications pooled: ratios of sums, not means of ratios', () => {
    const other = replicationPool(handResult({
      weeks: WEEKS,
      referrals: { referredWeek: [0], firstMatchWeek: [-1], leftUnmatchedWeek: [2] },
    }), 2);
    const both = mergePools([pool, other], WEEKS);
    expect(METRICS.matchedShare.compute(both, scenario)).toBeCloseTo(3 / 6, 12);
    expect(METRICS.matchesStartedPerYear.compute(both, scenario)).toBeCloseTo(6 / (20 / 52), 9);
  });
  it('matched within X weeks after a warm-up cut, over all referred or over those still seeking', () => {
    // Referred at 0, 2 | 13, 15 | 26, 30 (cohorts of 13 weeks); waits: matched 1, left 1 | matched 1, matched 10 | matched 1, left 1.
    const cohorts = replicationPool(handResult({
      weeks: 40,
      referrals: { referredWeek: [0, 2, 13, 15, 26, 30], firstMatchWeek: [1, -1, 14, 25, 27, -1], leftUnmatchedWeek: [-1, 3, -1, -1, -1, 31] },
    }), 0);
    expect(COHORT_WEEKS).toBe(13);
    // Every referral: t=1 n=6, 3 matched and 2 left: CIF 1/2; t=10 n=1 matched: 1/2 + 1/6.
    expect(matchedWithin(cohorts, 8)).toBeCloseTo(1 / 2, 12);
    expect(matchedWithin(cohorts, 10)).toBeCloseTo(2 / 3, 12);
    expect(firstMatchFrom(cohorts, 0)).toEqual(cohorts.firstMatch);
    // Referred from week 13: 13, 15, 26, 30. t=1 n=4: 2 matched, 1 left; t=10: the last one matched.
    expect(matchedWithin(cohorts, 8, { referredFromWeek: 13 })).toBeCloseTo(1 / 2, 12);
    expect(matchedWithin(cohorts, 10, { referredFromWeek: 13 })).toBeCloseTo(3 / 4, 12);
    // Among those still seeking at 8 weeks: 1/2 matched of the 3/4 who had not left.
    expect(matchedWithin(cohorts, 8, { referredFromWeek: 13, among: 'seeking' })).toBeCloseTo(2 / 3, 12);
    // Week 14 rounds up to the next whole cohort (26): referred at 26 and 30, one matched, one left.
    expect(matchedWithin(cohorts, 8, { referredFromWeek: 14 })).toBeCloseTo(1 / 2, 12);
    expect(matchedWithin(cohorts, 8, { referredFromWeek: 14, among: 'seeking' })).toBeCloseTo(1, 12);
    // Nobody referred after the cut: no figure.
    expect(matchedWithin(cohorts, 8, { referredFromWeek: 39 })).toBeNaN();
  });
  it('the retained effect is over the participants measured at both points, not everyone measured at the first', () => {
    // Points 4, 30 and 56 weeks after referral. Participants 0 and 1 are measured at the first point
    // and a year later; 2 and 3 (referred later, unmatched) only at the first.
    const followed = replicationPool(handResult({
      weeks: 60,
      assessed: [assessed(0, 1, 0.6, 4), assessed(1, -1, 0.2, 4), assessed(2, 0, 0, 0), assessed(3, 0, 0, 0), assessed(0, 1, 0.3, 6, 56), assessed(1, -1, 0.1, 6, 56)],
    }), 0);
    expect(followed.followedUp.difference.wellbeing.n).toBe(2);
    expect(followed.effects[0].difference.allReferred.wellbeing.n).toBe(4);
    // Over 0 and 1: first 0.4 / sqrt(2), a year later 0.2 / sqrt(2) (counterfactuals 1 and -1 at both): half is left.
    expect(retainedEffect(followed, 'wellbeing')).toBeCloseTo(0.5, 12);
    // Over everyone at the first point (0.2 / sqrt(2/3)) it would mix who is measured with the fading: 0.577.
    expect((0.2 / Math.sqrt(2)) / effectSize(followed, 'allReferred', 'wellbeing', 0)).toBeCloseTo(Math.sqrt(1 / 3), 12);
    expect(METRICS.retainedEffect.compute(followed, scenario)).toBe(retainedEffect(followed, scenario.params.outcomes.primary));
    // Merged with itself (as batches and runs are), the same figure.
    expect(retainedEffect(mergePools([followed, followed], 60), 'wellbeing')).toBeCloseTo(0.5, 12);
  });
  it('the retained effect is not available when the first effect is about zero', () => {
    const small = (first: number) => replicationPool(handResult({
      weeks: 60,
      assessed: [assessed(0, 1, first, 4), assessed(1, -1, first, 4), assessed(0, 1, 0.02, 6, 56), assessed(1, -1, 0.02, 6, 56)],
    }), 0);
    // Scores: a first effect of 0.04 / sqrt(2) = 0.028 SD is under the floor of 0.05 SD; 0.08 / sqrt(2) = 0.057 is over it.
    expect(RETAINED_FLOOR).toBe(0.05);
    expect(retainedEffect(small(0.04), 'wellbeing')).toBeNaN();
    expect(retainedEffect(small(0.08), 'wellbeing')).toBeCloseTo(0.25, 12);
    // Work (a difference in shares): the floor is 0.025 (2.5 share points); 4 points are over it (half is left), 2 are not.
    expect(retainedEffect(small(0.04), 'employment')).toBeCloseTo(0.5, 12);
    expect(retainedEffect(small(0.02), 'employment')).toBeNaN();
    // Negative or no first effect: nothing to keep.
    expect(retainedEffect(small(-0.2), 'wellbeing')).toBeNaN();
    expect(retainedEffect(small(0), 'wellbeing')).toBeNaN();
    // Nobody measured a year later: no figure.
    expect(retainedEffect(pool, 'wellbeing')).toBeNaN();
  });
  it('every figure has a label, unit and "over whom"', () => {
    for (const m of METRIC_NAMES) {
      expect(METRICS[m].label.length).toBeGreaterThan(5);
      expect(METRICS[m].over.length).toBeGreaterThan(3);
      expect(typeof METRICS[m].unit).toBe('string');
    }
  });
});
