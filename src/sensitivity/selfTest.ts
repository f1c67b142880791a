import { morrisIndices, morrisSample } from './morris.ts';
import { saltelliSample, sobolIndices } from './saltelli.ts';
import { sobolPoints } from './sobolSequence.ts';
import { G_FUNCTION_A, gFunction, ishigami, linear, morrisExpectation, type TestFunction } from './testFunctions.ts';
import type { Interval } from './types.ts';

/** One check: what was estimated, its interval (if any), the analytic value and the verdict. */
export interface SelfTestCheck {
  readonly group: string;
  readonly check: string;
  readonly estimate: number | readonly number[] | string;
  readonly lower?: number;
  readonly upper?: number;
  readonly analytic: number | readonly number[] | string;
  /** How far outside the interval the analytic value may lie and still pass (0: exact). */
  readonly tolerance: number;
  readonly pass: boolean;
}

export interface SelfTestReport {
  readonly checks: readonly SelfTestCheck[];
  readonly passed: number;
  readonly failed: number;
  /** The pass rule of each group, in words. */
  readonly rules: Readonly<Record<string, string>>;
}

/**
 * Sobol' design size: 2^13 base rows (40,960 runs for Ishigami, 81,920 for the G-function), where
 * the estimates sit within about 0.01 of the analytic values.
 */
export const SELF_TEST_BASE = 2 ** 13;
/** Added on each side of a Sobol' index's bootstrap interval (indices lie on a 0-1 scale). */
export const SOBOL_TOLERANCE = 0.01;
/** Added on each side of a mu* interval, as a share of the largest analytic mu* of the function. */
export const MORRIS_TOLERANCE_SHARE = 0.01;
/** Morris on a linear function: exact up to rounding. */
export const EXACT_TOLERANCE = 1e-9;

/**
 * The first five points of the 3-dimensional Sobol' sequence after the origin with Joe & Kuo's
 * direction numbers: dimension 1 has v = 1/2, 1/4, ...; dimension 2 (m = 1) v = 1/2, 3/4, ...;
 * dimension 3 (m = 1, 3) v = 1/2, 3/4, 3/8, ..., and point i is the xor of the v's at the set bits of
 * i's Gray code. scipy.stats.qmc.Sobol(3, scramble=False) gives the same points.
 */
export const SOBOL_FIRST_POINTS: readonly (readonly number[])[] = [
  [0.5, 0.5, 0.5],
  [0.75, 0.25, 0.25],
  [0.25, 0.75, 0.75],
  [0.375, 0.375, 0.625],
  [0.875, 0.875, 0.125],
];

export const SELF_TEST_RULES = {
  'sobol sequence': 'the first 5 points in 3 dimensions after the origin equal the reference exactly',
  'sobol indices': `Ishigami (a = 7, b = 0.1) and G-function (a = ${G_FUNCTION_A.join(', ')}), N = ${SELF_TEST_BASE}: analytic value inside the 95% bootstrap interval widened by ${SOBOL_TOLERANCE} on each side`,
  'morris linear': `f = 2 x1 - x2 + 0.5 x3 + 0 x4 (x4 unused), p = 4, r = 20 of 100 candidates: estimate within ${EXACT_TOLERANCE} of the analytic value (every elementary effect equals c_i)`,
  'morris ishigami': `p = 6, r = 1000: exact expectation of mu* on the grid inside the 95% bootstrap interval widened by ${100 * MORRIS_TOLERANCE_SHARE}% of the largest mu*; ranking by mu* equal to the analytic ranking`,
} as const;

/**
 * The pass rule for an estimate with an interval: the analytic value lies within the interval
 * widened by `tolerance` on each side.
 *
 * @example
 *   withinInterval(0.31, { value: 0.33, lower: 0.32, upper: 0.35 }, 0.01); // true
 */
export function withinInterval(analytic: number, interval: Interval, tolerance: number): boolean {
  return analytic >= interval.lower - tolerance && analytic <= interval.upper + tolerance;
}

function sobolSequenceChecks(): SelfTestCheck[] {
  const points = sobolPoints(SOBOL_FIRST_POINTS.length, 3);
  return points.map((p, i) => ({
    group: 'sobol sequence',
    check: `Sobol' sequence, point ${i + 1}`,
    estimate: p,
    analytic: SOBOL_FIRST_POINTS[i],
    tolerance: 0,
    pass: p.every((x, d) => x === SOBOL_FIRST_POINTS[i][d]),
  }));
}

function sobolChecks(f: TestFunction, label: string, seed: number, resamples: number): SelfTestCheck[] {
  const sample = saltelliSample(SELF_TEST_BASE, f.k);
  const result = sobolIndices(sample, sample.points.map(f.evaluate), { seed, resamples });
  const row = (check: string, estimate: Interval, analytic: number): SelfTestCheck => ({
    group: 'sobol indices',
    check: `${label} ${check}`,
    estimate: estimate.value,
    lower: estimate.lower,
    upper: estimate.upper,
    analytic,
    tolerance: SOBOL_TOLERANCE,
    pass: withinInterval(analytic, estimate, SOBOL_TOLERANCE),
  });
  return [
    ...result.factors.map((x, i) => row(`S${i + 1}`, x.first, f.first[i])),
    ...result.factors.map((x, i) => row(`ST${i + 1}`, x.total, f.total[i])),
  ];
}

function morrisLinearChecks(seed: number, resamples: number): SelfTestCheck[] {
  const f = linear([2, -1, 0.5, 0]);
  const sample = morrisSample(f.k, { levels: 4, trajectories: 20, candidates: 100, seed });
  const result = morrisIndices(sample, sample.points.map(f.evaluate), { seed, resamples });
  const exact = (check: string, estimate: number, analytic: number, interval?: Interval): SelfTestCheck => ({
    group: 'morris linear',
    check: `Morris, linear: ${check}`,
    estimate,
    ...(interval ? { lower: interval.lower, upper: interval.upper } : {}),
    analytic,
    tolerance: EXACT_TOLERANCE,
    pass: Math.abs(estimate - analytic) <= EXACT_TOLERANCE,
  });
  return [
    ...result.factors.map((x, i) => exact(`mu*${i + 1}`, x.muStar.value, f.muStar[i], x.muStar)),
    ...result.factors.map((x, i) => exact(`sigma${i + 1}`, x.sigma, f.sigma[i])),
  ];
}

const ranking = (values: readonly number[]) =>
  values.map((v, i) => ({ v, i })).sort((a, b) => b.v - a.v).map(({ i }) => `x${i + 1}`).join(' > ');

function morrisIshigamiChecks(seed: number, resamples: number): SelfTestCheck[] {
  const f = ishigami();
  // Six levels: on the four-level grid x1 and x2 have nearly equal mu* (7.70 and 7.88), so a
  // ranking could not be told apart; on six levels it is x1 (7.99) > x3 (5.54) > x2 (2.69).
  const levels = 6;
  const sample = morrisSample(f.k, { levels, trajectories: 1000, seed });
  const result = morrisIndices(sample, sample.points.map(f.evaluate), { seed, resamples });
  const expected = morrisExpectation(f.evaluate, f.k, levels).muStar;
  const tolerance = MORRIS_TOLERANCE_SHARE * Math.max(...expected);
  const estimates = result.factors.map((x) => x.muStar.value);
  return [
    ...result.factors.map((x, i) => ({
      group: 'morris ishigami',
      check: `Morris, Ishigami: mu*${i + 1}`,
      estimate: x.muStar.value,
      lower: x.muStar.lower,
      upper: x.muStar.upper,
      analytic: expected[i],
      tolerance,
      pass: withinInterval(expected[i], x.muStar, tolerance),
    })),
    {
      group: 'morris ishigami',
      check: 'Morris, Ishigami: ranking by mu*',
      estimate: ranking(estimates),
      analytic: ranking(expected),
      tolerance: 0,
      pass: ranking(estimates) === ranking(expected),
    },
  ];
}

/**
 * Runs the estimators on functions with known indices and says, per check, whether the analytic
 * value is recovered: the first Sobol' points; Ishigami and G-function first and total indices
 * (Saltelli design, N = 2^13); Morris mu* and sigma on a linear function (exact); Morris mu* and
 * ranking on Ishigami. Deterministic for a seed. Takes a second or two.
 *
 * @example
 *   const r = runSelfTest();
 *   r.failed; // 0
 */
export function runSelfTest(options: { seed?: number; resamples?: number } = {}): SelfTestReport {
  const { seed = 1, resamples = 1000 } = options;
  const checks = [
    ...sobolSequenceChecks(),
    ...sobolChecks(ishigami(), 'Ishigami', seed, resamples),
    ...sobolChecks(gFunction(), 'G-function', seed, resamples),
    ...morrisLinearChecks(seed, resamples),
    ...morrisIshigamiChecks(seed, resamples),
  ];
  const passed = checks.filter((c) => c.pass).length;
  return { checks, passed, failed: checks.length - passed, rules: SELF_TEST_RULES };
}
