import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { mean, sampleStandardDeviation } from 'simple-statistics';

/**
 * Sequential stopping: replications are added to a candidate until the decision whether it meets
 * the target is clear at the stated confidence, that is until the one-sided half-width
 * t(confidence, n - 1) s / sqrt(n) is below the distance between the mean and the target
 * ([Law2015], ch. 9). A candidate too close to the target to tell apart (the half-width is below
 * the indifference margin, or the replications run out) is not shown to meet it, and counts as
 * failing: the answer errs toward more capacity, so it holds when re-run.
 */

export interface Verdict {
  /** The candidate meets the target with the stated confidence. */
  meets: boolean;
  /** The decision was clear (false: too close to tell, or replications ran out; then meets is false). */
  clear: boolean;
  /** Mean of the replications' values. */
  mean: number;
  /** One-sided half-width at the confidence: t s / sqrt(n). */
  halfWidth: number;
  /** Replications with a value. */
  n: number;
}

export interface StoppingRule {
  /** One-sided confidence of each decision (default 0.95). */
  confidence: number;
  /** Replications of a first look (default 10). */
  firstReps: number;
  /** At most this many replications per candidate. */
  maxReps: number;
  /** Closer to the target than this, a candidate counts as not shown to meet it once t s / sqrt(n) is below it too. */
  margin: number;
}

/**
 * The one-sided half-width t(confidence, n - 1) s / sqrt(n) of a mean; Infinity below 2 values.
 *
 * @example
 *   halfWidth([1, 2, 3], 0.95); // 2.92 x 1 / sqrt(3)
 */
export function halfWidth(values: readonly number[], confidence: number): number {
  const v = values.filter(Number.isFinite);
  if (v.length < 2) return Infinity;
  return (tQuantile(confidence, v.length - 1) * sampleStandardDeviation(v)) / Math.sqrt(v.length);
}

/**
 * The verdict on a candidate from its replications' values so far, and whether to stop.
 *
 * @example
 *   verdict([0.93, 0.95, 0.94, 0.96], 0.9, 'atLeast', rule); // { meets: true, clear: true, ... }
 */
export function verdict(values: readonly number[], target: number, direction: 'atLeast' | 'atMost', rule: StoppingRule): Verdict & { stop: boolean } {
  const v = values.filter(Number.isFinite);
  const m = v.length > 0 ? mean(v) : NaN;
  const h = halfWidth(v, rule.confidence);
  const distance = direction === 'atLeast' ? m - target : target - m;
  const clear = Number.isFinite(distance) && h < Math.abs(distance);
  const out = { mean: m, halfWidth: h, n: v.length };
  if (clear) return { ...out, meets: distance > 0, clear: true, stop: true };
  const undecidable = h < rule.margin || values.length >= rule.maxReps;
  return { ...out, meets: false, clear: false, stop: undecidable };
}

/**
 * How many replications to add next: enough, by the current spread, to make the half-width fall
 * below the distance to the target (with a little slack), at least 50% more and at most twice
 * as many as so far, never beyond the cap.
 *
 * @example
 *   nextReps(10, { mean: 0.92, halfWidth: 0.04, n: 10 }, 0.9, rule); // about 40, capped at 20
 */
export function nextReps(done: number, v: Pick<Verdict, 'mean' | 'halfWidth' | 'n'>, target: number, rule: StoppingRule): number {
  const distance = Math.max(Math.abs(v.mean - target), rule.margin);
  const wanted = Number.isFinite(v.halfWidth) ? Math.ceil(1.2 * done * (v.halfWidth / distance) ** 2) : 2 * done;
  return Math.min(rule.maxReps, Math.max(Math.ceil(1.5 * done), Math.min(2 * done, wanted)));
}
