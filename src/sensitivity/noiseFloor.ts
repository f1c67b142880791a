import type { Interval } from './types.ts';

/**
 * Whether a factor cannot be told apart from the dummy (the input the model ignores): its interval
 * reaches into the dummy's. An index that is not a number (an output that did not vary) cannot be
 * told apart either.
 *
 * @example
 *   overlapsDummy({ value: 0.02, lower: 0.01, upper: 0.04 }, { value: 0.01, lower: 0, upper: 0.03 }); // true
 */
export function overlapsDummy(factor: Interval, dummy: Interval): boolean {
  return !(factor.lower > dummy.upper || factor.upper < dummy.lower);
}

/**
 * Adds `overlapsDummy` to every factor except the dummy itself, judged on the interval `pick`
 * chooses (the total index for Sobol', mu* for Morris).
 */
export function flagAgainstDummy<F extends object>(factors: F[], dummy: number, pick: (f: F) => Interval): (F & { overlapsDummy?: boolean })[] {
  if (dummy < 0) return factors;
  const floor = pick(factors[dummy]);
  return factors.map((f, i) => (i === dummy ? f : { ...f, overlapsDummy: overlapsDummy(pick(f), floor) }));
}
