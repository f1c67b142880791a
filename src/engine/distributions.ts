import { probit } from 'simple-statistics';

/**
 * Quantile functions: each turns one uniform into one draw, so a draw stays tied to its
 * counter (common random numbers) and a change of parameter moves it monotonically.
 */

export function bernoulli(u: number, p: number): boolean {
  return u < p;
}

export function normal(u: number, mean: number, sd: number): number {
  return mean + sd * probit(u);
}

/** Normal draw clamped to [lo, hi]: for bounded traits on a 0-1 scale. */
export function clampedNormal(u: number, mean: number, sd: number, lo = 0, hi = 1): number {
  return clamp(normal(u, mean, sd), lo, hi);
}

export function exponential(u: number, rate: number): number {
  return -Math.log(1 - u) / rate;
}

/** Poisson by inversion of the cumulative distribution; fine for the small weekly rates used here. */
export function poisson(u: number, lambda: number): number {
  if (lambda <= 0) return 0;
  let k = 0;
  let p = Math.exp(-lambda);
  let cdf = p;
  while (u > cdf && k < 10_000) {
    k += 1;
    p *= lambda / k;
    cdf += p;
  }
  return k;
}

/** Index drawn from non-negative weights (need not sum to one). */
export function categorical(u: number, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  let acc = 0;
  const target = u * total;
  for (let i = 0; i < weights.length; i++) {
    acc += weights[i];
    if (target < acc) return i;
  }
  return weights.length - 1;
}

/** Probability that an event with a weekly hazard rate happens within one week. */
export function hazardToProbability(hazard: number): number {
  return 1 - Math.exp(-hazard);
}

export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}
