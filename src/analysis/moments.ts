import { combineMeans, combineVariances, mean, variance } from 'simple-statistics';

/**
 * Count, mean and population variance of a group: what simple-statistics' combineMeans and
 * combineVariances merge, so groups (replications, batches) merge exactly in any grouping.
 */
export interface Moments {
  n: number;
  mean: number;
  variance: number;
}

export const EMPTY_MOMENTS: Readonly<Moments> = Object.freeze({ n: 0, mean: 0, variance: 0 });

/**
 * @example
 *   moments([1, 2, 3]); // { n: 3, mean: 2, variance: 2 / 3 }
 */
export function moments(values: readonly number[]): Moments {
  if (values.length === 0) return { ...EMPTY_MOMENTS };
  return { n: values.length, mean: mean(values as number[]), variance: values.length > 1 ? variance(values as number[]) : 0 };
}

/**
 * The moments of two groups together: the one place groups are merged.
 *
 * @example
 *   combineMoments(moments([1, 2]), moments([3])); // equals moments([1, 2, 3])
 */
export function combineMoments(a: Moments, b: Moments): Moments {
  if (a.n === 0) return { ...b };
  if (b.n === 0) return { ...a };
  return {
    n: a.n + b.n,
    mean: combineMeans(a.mean, a.n, b.mean, b.n),
    variance: combineVariances(a.variance, a.mean, a.n, b.variance, b.mean, b.n),
  };
}

/** Sample standard deviation (n - 1) from moments; NaN below two values. */
export function sampleSd(m: Moments): number {
  return m.n > 1 ? Math.sqrt((m.variance * m.n) / (m.n - 1)) : NaN;
}

/**
 * Co-moments of two variables, mergeable like Moments (Chan et al.'s pairwise update), for a
 * Pearson correlation pooled over replications without keeping the values.
 */
export interface CoMoments {
  n: number;
  meanX: number;
  meanY: number;
  /** Sums of squared deviations and of cross products. */
  ssX: number;
  ssY: number;
  sxy: number;
}

export const EMPTY_COMOMENTS: Readonly<CoMoments> = Object.freeze({ n: 0, meanX: 0, meanY: 0, ssX: 0, ssY: 0, sxy: 0 });

/** Co-moments of paired values. */
export function coMoments(x: readonly number[], y: readonly number[]): CoMoments {
  if (x.length !== y.length) throw new RangeError('coMoments needs paired values of equal length');
  const n = x.length;
  if (n === 0) return { ...EMPTY_COMOMENTS };
  const meanX = mean(x as number[]);
  const meanY = mean(y as number[]);
  let ssX = 0;
  let ssY = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - meanX;
    const dy = y[i] - meanY;
    ssX += dx * dx;
    ssY += dy * dy;
    sxy += dx * dy;
  }
  return { n, meanX, meanY, ssX, ssY, sxy };
}

/** Co-moments of two groups together. */
export function combineCoMoments(a: CoMoments, b: CoMoments): CoMoments {
  if (a.n === 0) return { ...b };
  if (b.n === 0) return { ...a };
  const n = a.n + b.n;
  const dx = b.meanX - a.meanX;
  const dy = b.meanY - a.meanY;
  const w = (a.n * b.n) / n;
  return {
    n,
    meanX: a.meanX + (dx * b.n) / n,
    meanY: a.meanY + (dy * b.n) / n,
    ssX: a.ssX + b.ssX + dx * dx * w,
    ssY: a.ssY + b.ssY + dy * dy * w,
    sxy: a.sxy + b.sxy + dx * dy * w,
  };
}

/**
 * Pearson's r from co-moments; NaN with fewer than three pairs or no spread.
 *
 * @example
 *   correlationOf(coMoments([1, 2, 3], [2, 4, 7])); // 0.9934
 */
export function correlationOf(c: CoMoments): number {
  if (c.n < 3 || c.ssX <= 0 || c.ssY <= 0) return NaN;
  return c.sxy / Math.sqrt(c.ssX * c.ssY);
}
