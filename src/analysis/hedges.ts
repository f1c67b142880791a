import { mean, variance } from 'simple-statistics';
import { zCritical } from '../engine/distributions.ts';

/** Summary of one group: count, mean and population variance (what combineVariances takes). */
export interface Moments {
  n: number;
  mean: number;
  variance: number;
}

export function moments(values: readonly number[]): Moments {
  if (values.length === 0) return { n: 0, mean: 0, variance: 0 };
  return { n: values.length, mean: mean(values as number[]), variance: values.length > 1 ? variance(values as number[]) : 0 };
}

export interface EffectSize {
  /** Hedges' g: standardised mean difference with the small-sample correction. */
  g: number;
  lower: number;
  upper: number;
  n1: number;
  n2: number;
}

/**
 * Hedges' g of group 1 against group 2, from their moments, with the usual large-sample 95%
 * interval ([HedgesOlkin1985]): SE = sqrt((n1 + n2) / (n1 n2) + g^2 / (2 (n1 + n2))).
 * For paired data (programme and counterfactual of the same participants) this interval is
 * conservative: it ignores the positive correlation between the pairs.
 *
 * @example
 *   hedgesGFromMoments({ n: 3, mean: 3, variance: 2 / 3 }, { n: 3, mean: 2, variance: 2 / 3 }).g; // 0.8
 */
export function hedgesGFromMoments(a: Moments, b: Moments, level = 0.95): EffectSize {
  const n1 = a.n;
  const n2 = b.n;
  if (n1 < 2 || n2 < 2) return { g: NaN, lower: NaN, upper: NaN, n1, n2 };
  const s1 = (a.variance * n1) / (n1 - 1);
  const s2 = (b.variance * n2) / (n2 - 1);
  const pooled = Math.sqrt(((n1 - 1) * s1 + (n2 - 1) * s2) / (n1 + n2 - 2));
  // No spread: no effect if the means agree, otherwise a standardised difference does not exist.
  if (pooled === 0) return a.mean === b.mean ? { g: 0, lower: 0, upper: 0, n1, n2 } : { g: NaN, lower: NaN, upper: NaN, n1, n2 };
  const d = (a.mean - b.mean) / pooled;
  const j = 1 - 3 / (4 * (n1 + n2) - 9);
  const g = d * j;
  const se = Math.sqrt((n1 + n2) / (n1 * n2) + (g * g) / (2 * (n1 + n2)));
  const z = zCritical(level);
  return { g, lower: g - z * se, upper: g + z * se, n1, n2 };
}

/** Hedges' g of two samples. */
export function hedgesG(a: readonly number[], b: readonly number[], level = 0.95): EffectSize {
  return hedgesGFromMoments(moments(a), moments(b), level);
}
