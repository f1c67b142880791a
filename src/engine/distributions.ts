/**
 * Quantile functions: each turns one uniform into one draw, so a draw stays tied to its
 * counter (common random numbers) and a change of parameter moves it monotonically.
 */

export function bernoulli(u: number, p: number): boolean {
  return u < p;
}

/**
 * The standard normal quantile (inverse CDF), by Acklam's rational approximation [Acklam2003]: relative error
 * below 1.2e-9 over (0, 1). Written here because simple-statistics' `probit` is a closed-form
 * approximation good to about three decimals (1.9572 for 1.95996 at 0.975), too coarse for
 * interval bounds and for the tails of trait distributions.
 *
 * @example
 *   normalQuantile(0.975); // 1.959963985
 */
export function normalQuantile(p: number): number {
  // The central region (95% of uniforms) is kept this small so that V8 inlines it into the callers
  // (the whole function is over its inlining limit, so every draw was a call returning a boxed
  // double); the argument check and the two tails, which need logarithms, are in a function of their own.
  // NaN fails both comparisons and is refused there. Acklam's coefficients are written as literals:
  // as module constants each was a load from the module's context in V8's optimised code (about a
  // third of the central region's time).
  if (p >= 0.02425 && p <= 0.97575) {
    const q = p - 0.5;
    const r = q * q;
    return ((((((-3.969683028665376e1 * r + 2.209460984245205e2) * r + -2.759285104469687e2) * r + 1.38357751867269e2) * r + -3.066479806614716e1) * r + 2.506628277459239) * q) / (((((-5.447609879822406e1 * r + 1.615858368580409e2) * r + -1.556989798598866e2) * r + 6.680131188771972e1) * r + -1.328068155288572e1) * r + 1);
  }
  return normalQuantileTail(p);
}

/** normalQuantile below 0.02425 and above 0.97575 (= 1 - 0.02425 exactly), and its answer to a p outside (0, 1). */
function normalQuantileTail(p: number): number {
  if (!(p > 0 && p < 1)) {
    if (p === 0) return -Infinity;
    if (p === 1) return Infinity;
    throw new RangeError(`normalQuantile needs a probability in [0, 1], got ${p}`);
  }
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((-7.784894002430293e-3 * q + -3.223964580411365e-1) * q + -2.400758277161838) * q + -2.549732539343734) * q + 4.374664141464968) * q + 2.938163982698783) / ((((7.784695709041462e-3 * q + 3.224671290700398e-1) * q + 2.445134137142996) * q + 3.754408661907416) * q + 1);
  }
  const q = Math.sqrt(-2 * Math.log(1 - p));
  return -(((((-7.784894002430293e-3 * q + -3.223964580411365e-1) * q + -2.400758277161838) * q + -2.549732539343734) * q + 4.374664141464968) * q + 2.938163982698783) / ((((7.784695709041462e-3 * q + 3.224671290700398e-1) * q + 2.445134137142996) * q + 3.754408661907416) * q + 1);
}

/** The two-sided critical value of a confidence level: 1.959964 for 0.95. */
export function zCritical(level: number): number {
  return normalQuantile(1 - (1 - level) / 2);
}

export function normal(u: number, mean: number, sd: number): number {
  return mean + sd * normalQuantile(u);
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
  if (weights.length === 0) throw new RangeError('categorical needs at least one weight');
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i];
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
