import { quantileSorted } from 'simple-statistics';
import { createStreams, type RandomStream } from '../engine/random.ts';
import { SensitivityError } from './errors.ts';
import type { IndexOptions, Interval } from './types.ts';

/** The name of the stream every bootstrap draws from. */
export const BOOTSTRAP_STREAM = 'sensitivity.bootstrap';

/** Index options with their defaults filled in and checked. */
export interface ResolvedOptions {
  resamples: number;
  level: number;
  seed: number;
  names: string[];
  /** Index of the dummy factor, or -1 without one. */
  dummy: number;
}

/**
 * Fills in the defaults (1,000 resamples, level 0.95, seed 1, names x1 ... xk) and refuses
 * values that make no interval.
 *
 * @example
 *   resolveOptions(2, {}).names; // ['x1', 'x2']
 */
export function resolveOptions(k: number, options: IndexOptions = {}): ResolvedOptions {
  const { resamples = 1000, level = 0.95, seed = 1 } = options;
  if (!Number.isInteger(resamples) || resamples < 1) throw new SensitivityError(`resamples must be a positive integer, got ${resamples}`);
  if (!(level > 0 && level < 1)) throw new SensitivityError(`level must be between 0 and 1 (e.g. 0.95), got ${level}`);
  if (!Number.isInteger(seed) || seed < 0) throw new SensitivityError(`seed must be a non-negative integer, got ${seed}`);
  const names = options.names ? [...options.names] : Array.from({ length: k }, (_, i) => `x${i + 1}`);
  if (names.length !== k) throw new SensitivityError(`names has ${names.length} entries but the sample has ${k} factors`);
  const repeated = names.find((n, i) => names.indexOf(n) !== i);
  if (repeated !== undefined) throw new SensitivityError(`names must be unique; "${repeated}" appears twice`);
  let dummy = -1;
  if (options.dummy !== undefined) {
    dummy = names.indexOf(options.dummy);
    if (dummy < 0) throw new SensitivityError(`dummy "${options.dummy}" is not one of the factor names (${names.join(', ')})`);
  }
  return { resamples, level, seed, names, dummy };
}

/** The bootstrap's draws: resample b, draw t picks one of n units (rows or trajectories). */
export function bootstrapStream(seed: number): RandomStream {
  return createStreams(seed, 0).stream(BOOTSTRAP_STREAM);
}

/**
 * Unit t of resample b, uniform over 0 ... n - 1. Addressed by counters, so resample b is the same
 * whatever the number of resamples or the other statistics computed.
 */
export function draw(stream: RandomStream, b: number, t: number, n: number): number {
  return Math.floor(stream.u(b, t) * n);
}

/**
 * The estimate with the percentile interval of its bootstrap replicates (R type 7 quantiles).
 * Replicates that are not finite (a resample whose output did not vary) are left out.
 *
 * @example
 *   percentileInterval(0.3, Float64Array.from([0.1, 0.2, 0.3, 0.4, 0.5]), 0.5);
 *   // { value: 0.3, lower: 0.2, upper: 0.4 }
 */
export function percentileInterval(value: number, replicates: Float64Array, level: number): Interval {
  const finite = replicates.filter((x) => Number.isFinite(x)).sort();
  if (finite.length === 0) return { value, lower: NaN, upper: NaN };
  const sorted = Array.from(finite);
  const tail = (1 - level) / 2;
  return { value, lower: quantileSorted(sorted, tail), upper: quantileSorted(sorted, 1 - tail) };
}
