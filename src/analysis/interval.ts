import { mean, quantile, sampleStandardDeviation } from 'simple-statistics';

/** Two-sided 95% critical values of Student's t for 1..30 degrees of freedom. */
const T95 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

export function t95(df: number): number {
  if (df < 1) return NaN;
  if (df <= 30) return T95[df - 1];
  // Beyond 30 degrees of freedom, a close approximation toward 1.96.
  return 1.959964 + 2.3722 / df + 2.82 / (df * df);
}

/** A figure over replications: its mean, the 95% interval of that mean, and the 95% spread of single runs. */
export interface RepSummary {
  mean: number;
  /** 95% confidence interval of the mean (Student's t over replications). */
  ci95: [number, number];
  /** 2.5th and 97.5th percentiles over replications: what one run of the programme may show. */
  pi95: [number, number];
  sd: number;
  /** Replications with a defined value (others had nothing to measure, e.g. no closed match). */
  n: number;
}

/**
 * Summarises one figure over replications; NaN marks a replication without the figure.
 *
 * @example
 *   summarize([1, 2, 3]).ci95; // [2 - 4.303 / sqrt(3), 2 + 4.303 / sqrt(3)]
 */
export function summarize(values: readonly number[]): RepSummary {
  const v = values.filter((x) => Number.isFinite(x));
  if (v.length === 0) return { mean: NaN, ci95: [NaN, NaN], pi95: [NaN, NaN], sd: NaN, n: 0 };
  const m = mean(v);
  if (v.length === 1) return { mean: m, ci95: [m, m], pi95: [m, m], sd: 0, n: 1 };
  const sd = sampleStandardDeviation(v);
  const half = (t95(v.length - 1) * sd) / Math.sqrt(v.length);
  const [lo, hi] = quantile(v, [0.025, 0.975]);
  return { mean: m, ci95: [m - half, m + half], pi95: [lo, hi], sd, n: v.length };
}

/**
 * Batch means: the replications are cut into B contiguous batches, the figure is computed on each
 * batch as on the whole run, and the spread of the batch values gives the precision of the whole
 * run's figure: point +- t(B-1) sd(batch values) / sqrt(B). It suits every figure alike (pooled
 * ratios, cumulative incidences, effect sizes, correlations), and two designs run on the same seed
 * pair up batch by batch. Non-finite batch values are left out; [NaN, NaN] below two batches.
 *
 * @example
 *   batchMeansInterval(2, [1, 2, 3]); // [2 - 4.303 / sqrt(3), 2 + 4.303 / sqrt(3)]
 */
export function batchMeansInterval(point: number, batchValues: readonly number[]): [number, number] {
  const v = batchValues.filter(Number.isFinite);
  if (v.length < 2 || !Number.isFinite(point)) return [NaN, NaN];
  const half = (t95(v.length - 1) * sampleStandardDeviation(v)) / Math.sqrt(v.length);
  return [point - half, point + half];
}

/** How many batches a run of `reps` replications is cut into for batch means: 20, or fewer for short runs. */
export function batchCount(reps: number): number {
  return Math.max(1, Math.min(20, reps));
}

/**
 * Batch b of B over `reps` replications: [start, end), contiguous and balanced.
 *
 * @example
 *   batchBounds(10, 3, 1); // [3, 6]
 */
export function batchBounds(reps: number, batches: number, b: number): [number, number] {
  return [Math.floor((b * reps) / batches), Math.floor(((b + 1) * reps) / batches)];
}

/**
 * The batch that replication `rep` falls in (the inverse of batchBounds).
 *
 * @example
 *   batchOf(3, 10, 3); // 1 (batches hold replications 0-2, 3-5, 6-9)
 */
export function batchOf(rep: number, reps: number, batches: number): number {
  return Math.max(0, Math.min(batches - 1, Math.ceil(((rep + 1) * batches) / reps) - 1));
}
