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
export function moments(values: readonly number[] | Float64Array): Moments {
  if (values.length === 0) return { ...EMPTY_MOMENTS };
  return { n: values.length, mean: mean(values as number[]), variance: values.length > 1 ? variance(values as number[]) : 0 };
}

/**
 * Merges the moments (n, mean, variance) at source[j..j+2] into target[i..i+2]: the one place
 * groups are merged (replications, batches, shards), on packed statistics (packed.ts).
 */
export function mergeMomentsAt(target: Float64Array, i: number, source: Float64Array, j: number): void {
  const nb = source[j];
  if (nb === 0) return;
  const na = target[i];
  if (na === 0) {
    target[i] = nb;
    target[i + 1] = source[j + 1];
    target[i + 2] = source[j + 2];
    return;
  }
  const ma = target[i + 1];
  const va = target[i + 2];
  target[i] = na + nb;
  target[i + 1] = combineMeans(ma, na, source[j + 1], nb);
  target[i + 2] = combineVariances(va, ma, na, source[j + 2], source[j + 1], nb);
}

/**
 * The moments of two groups together.
 *
 * @example
 *   combineMoments(moments([1, 2]), moments([3])); // equals moments([1, 2, 3])
 */
export function combineMoments(a: Moments, b: Moments): Moments {
  const t = Float64Array.of(a.n, a.mean, a.variance);
  mergeMomentsAt(t, 0, Float64Array.of(b.n, b.mean, b.variance), 0);
  return { n: t[0], mean: t[1], variance: t[2] };
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
export function coMoments(x: readonly number[] | Float64Array, y: readonly number[] | Float64Array): CoMoments {
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

/**
 * Merges co-moments (n, meanX, meanY, ssX, ssY, sxy) at source[j..j+5] into target[i..i+5]
 * (Chan et al.'s pairwise update).
 */
export function mergeCoMomentsAt(target: Float64Array, i: number, source: Float64Array, j: number): void {
  const nb = source[j];
  if (nb === 0) return;
  const na = target[i];
  if (na === 0) {
    for (let k = 0; k < 6; k++) target[i + k] = source[j + k];
    return;
  }
  const n = na + nb;
  const dx = source[j + 1] - target[i + 1];
  const dy = source[j + 2] - target[i + 2];
  const w = (na * nb) / n;
  target[i] = n;
  target[i + 1] += (dx * nb) / n;
  target[i + 2] += (dy * nb) / n;
  target[i + 3] = target[i + 3] + source[j + 3] + dx * dx * w;
  target[i + 4] = target[i + 4] + source[j + 4] + dy * dy * w;
  target[i + 5] = target[i + 5] + source[j + 5] + dx * dy * w;
}

/** Co-moments of two groups together. */
export function combineCoMoments(a: CoMoments, b: CoMoments): CoMoments {
  const t = Float64Array.of(a.n, a.meanX, a.meanY, a.ssX, a.ssY, a.sxy);
  mergeCoMomentsAt(t, 0, Float64Array.of(b.n, b.meanX, b.meanY, b.ssX, b.ssY, b.sxy), 0);
  return { n: t[0], meanX: t[1], meanY: t[2], ssX: t[3], ssY: t[4], sxy: t[5] };
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
