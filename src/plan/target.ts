import { fmt } from '../analysis/format.ts';
import { matchedWithin, type WaitPopulation } from '../analysis/metrics.ts';
import { layoutFor, unpackPool, weeklySeries } from '../analysis/packed.ts';
import type { RepStats } from '../analysis/repStats.ts';
import { WEEKLY_SERIES } from '../model/runReplication.ts';

/**
 * A service target a programme manager states, and its value in one replication. Waiting
 * figures are steady-state questions, so both kinds leave out the first `warmUpWeeks` of a run
 * (the start-up with its initial waiting list and volunteer pool, [Welch1983]).
 */
export type ServiceTarget =
  | {
      kind: 'matchedWithin';
      /** Weeks from referral (any number). */
      weeks: number;
      /** The share that must be matched within those weeks (0-1). */
      share: number;
      /** Over whom (analysis/metrics.ts WaitPopulation): 'seeking' (default) or all 'referred'. */
      among: NonNullable<WaitPopulation['among']>;
      /** Participants referred in this week or later count (rounded up to a quarter of 13 weeks). */
      warmUpWeeks: number;
    }
  | {
      kind: 'maxWaiting';
      /** At most this many people waiting on average (intake queue and waiting list), week by week. */
      participants: number;
      /** Weeks at the start of the run left out of the average. */
      warmUpWeeks: number;
    };

/**
 * Whether a figure meets its target from above (a share matched) or from below (a waiting list);
 * the level it must reach; the unit of its figure.
 *
 * @example
 *   targetDirection({ kind: 'maxWaiting', participants: 5, warmUpWeeks: 26 }); // 'atMost'
 *   targetLevel({ kind: 'maxWaiting', participants: 5, warmUpWeeks: 26 });     // 5
 */
export const targetDirection = (t: ServiceTarget): 'atLeast' | 'atMost' => (t.kind === 'matchedWithin' ? 'atLeast' : 'atMost');

export const targetLevel = (t: ServiceTarget): number => (t.kind === 'matchedWithin' ? t.share : t.participants);

export const targetUnit = (t: ServiceTarget): string => (t.kind === 'matchedWithin' ? 'share' : 'people');

/**
 * The target's figure in one replication: the share matched within the weeks (cumulative
 * incidence from the replication's own first-match counts, after the warm-up cut), or the mean of
 * the weekly waiting list (intake queue plus waiting list) after the warm-up. NaN when the
 * replication has nobody to measure. `weeks` is the scenario's horizon (the layout of its statistics).
 *
 * @example
 *   targetValue(stats, { kind: 'matchedWithin', weeks: 8, share: 0.9, among: 'seeking', warmUpWeeks: 26 }, scenario.weeks);
 */
export function targetValue(stats: RepStats, target: ServiceTarget, weeks: number): number {
  const layout = layoutFor(weeks);
  if (target.kind === 'matchedWithin') {
    return matchedWithin(unpackPool(stats.packed, layout), target.weeks, { referredFromWeek: target.warmUpWeeks, among: target.among });
  }
  const intake = weeklySeries(stats.packed, layout, WEEKLY_SERIES.indexOf('participantsInIntake'));
  const waiting = weeklySeries(stats.packed, layout, WEEKLY_SERIES.indexOf('participantsWaiting'));
  let sum = 0;
  let n = 0;
  for (let w = target.warmUpWeeks; w < waiting.length; w++) {
    sum += waiting[w] + intake[w];
    n += 1;
  }
  return n > 0 ? sum / n : NaN;
}

/**
 * The target in words, saying over whom it is taken.
 *
 * @example
 *   describeTarget({ kind: 'matchedWithin', weeks: 8, share: 0.9, among: 'seeking', warmUpWeeks: 26 });
 *   // 'at least 90.0% matched within 8 weeks of referral, of participants still seeking a match (those not left unmatched by then), referred from week 26 on'
 */
export function describeTarget(t: ServiceTarget): string {
  const cut = t.warmUpWeeks > 0 ? `, referred from week ${t.warmUpWeeks} on` : '';
  if (t.kind === 'maxWaiting') {
    return `at most ${fmt(t.participants, '', t.participants % 1 === 0 ? 0 : 1)} people waiting for intake or a match on average${t.warmUpWeeks > 0 ? ` (from week ${t.warmUpWeeks} on)` : ''}`;
  }
  const over = t.among === 'seeking' ? 'of participants still seeking a match (those not left unmatched by then)' : 'of all referred participants (leaving unmatched counts against it)';
  return `at least ${fmt(t.share, 'share')} matched within ${fmt(t.weeks, 'weeks', t.weeks % 1 === 0 ? 0 : 1)} weeks of referral, ${over}${cut}`;
}
