/**
 * Functions whose sensitivity indices are known by formula, to check the estimators. Each takes a
 * point of the unit cube (the coordinates a design gives) and maps it to its own input ranges.
 */
export interface TestFunction {
  readonly name: string;
  readonly k: number;
  /** The output at a point of the unit cube [0, 1]^k. */
  readonly evaluate: (u: readonly number[]) => number;
  /** Analytic output variance and first-order and total Sobol' indices. */
  readonly variance: number;
  readonly first: readonly number[];
  readonly total: readonly number[];
}

/**
 * The Ishigami function [IshigamiHomma1990], f = sin x1 + a sin^2 x2 + b x3^4 sin x1 with
 * x_i ~ U(-pi, pi). Its variance decomposition, integrated term by term: V1 = (1 + b pi^4 / 5)^2 / 2,
 * V2 = a^2 / 8, V13 = b^2 pi^8 (1/18 - 1/50), and no other term; V = V1 + V2 + V13.
 * With a = 7, b = 0.1: V = 13.8446, S = (0.3139, 0.4424, 0), ST = (0.5576, 0.4424, 0.2437).
 *
 * @example
 *   ishigami().evaluate([0.75, 0.75, 0.5]); // sin(pi/2) + 7 sin^2(pi/2) + 0 = 8
 */
export function ishigami(a = 7, b = 0.1): TestFunction {
  const pi = Math.PI;
  const v1 = (1 + (b * pi ** 4) / 5) ** 2 / 2;
  const v2 = a ** 2 / 8;
  const v13 = b ** 2 * pi ** 8 * (1 / 18 - 1 / 50);
  const v = v1 + v2 + v13;
  return {
    name: `Ishigami (a = ${a}, b = ${b})`,
    k: 3,
    evaluate: (u) => {
      const [x1, x2, x3] = u.map((ui) => -pi + 2 * pi * ui);
      return Math.sin(x1) + a * Math.sin(x2) ** 2 + b * x3 ** 4 * Math.sin(x1);
    },
    variance: v,
    first: [v1 / v, v2 / v, 0],
    total: [(v1 + v13) / v, v2 / v, v13 / v],
  };
}

/** The a-values of the usual eight-input test case of the G-function: two important, two minor, four negligible inputs. */
export const G_FUNCTION_A = [0, 1, 4.5, 9, 99, 99, 99, 99] as const;

/**
 * Sobol's G-function [SaltelliSobol1995], f = prod (|4 x_i - 2| + a_i) / (1 + a_i)
 * with x_i ~ U(0, 1); its Sobol' indices [Sobol1993]: V_i = 1 / (3 (1 + a_i)^2), V = prod (1 + V_i) - 1, S_i = V_i / V and
 * ST_i = V_i prod_(j != i) (1 + V_j) / V. With G_FUNCTION_A: S = (0.7162, 0.1790, 0.0237, 0.0072, ...),
 * ST = (0.7871, 0.2422, 0.0343, 0.0105, ...).
 *
 * @example
 *   gFunction([0]).evaluate([0.5]); // |2 - 2| + 0 = 0
 */
export function gFunction(a: readonly number[] = G_FUNCTION_A): TestFunction {
  const vi = a.map((ai) => 1 / (3 * (1 + ai) ** 2));
  const product = vi.reduce((p, x) => p * (1 + x), 1);
  const v = product - 1;
  return {
    name: `G-function (a = ${a.join(', ')})`,
    k: a.length,
    evaluate: (u) => {
      let f = 1;
      for (let i = 0; i < a.length; i++) f *= (Math.abs(4 * u[i] - 2) + a[i]) / (1 + a[i]);
      return f;
    },
    variance: v,
    first: vi.map((x) => x / v),
    total: vi.map((x) => (x * product) / (1 + x) / v),
  };
}

export interface LinearFunction extends TestFunction {
  /** Morris mu*_i = |c_i|, mu_i = c_i and sigma_i = 0: every elementary effect of x_i is c_i. */
  readonly muStar: readonly number[];
  readonly mu: readonly number[];
  readonly sigma: readonly number[];
}

/**
 * A linear function f = sum c_i x_i with x_i ~ U(0, 1): V_i = c_i^2 / 12, so S_i = ST_i = c_i^2 / sum c_j^2;
 * an input with c_i = 0 is unused (every index 0).
 *
 * @example
 *   linear([2, -1]).first; // [0.8, 0.2]
 */
export function linear(c: readonly number[]): LinearFunction {
  const sumSquares = c.reduce((s, ci) => s + ci * ci, 0);
  const shares = c.map((ci) => (ci * ci) / sumSquares);
  return {
    name: `linear (c = ${c.join(', ')})`,
    k: c.length,
    evaluate: (u) => c.reduce((s, ci, i) => s + ci * u[i], 0),
    variance: sumSquares / 12,
    first: shares,
    total: shares,
    muStar: c.map(Math.abs),
    mu: [...c],
    sigma: c.map(() => 0),
  };
}

/**
 * The exact expectations of Morris' mu* and mu for a function on the p-level grid: the mean of
 * |EE_i| and EE_i over every base point of the grid, EE_i = (f(x + delta e_i) - f(x)) / delta with
 * x_i among the p/2 lowest levels and every other coordinate on any of the p levels (where a
 * Morris trajectory puts it, each level equally likely). Enumerates p^k points: for small k.
 *
 * @example
 *   morrisExpectation(linear([2, -1]).evaluate, 2, 4).muStar; // [2, 1]
 */
export function morrisExpectation(f: (u: readonly number[]) => number, k: number, levels: number): { muStar: number[]; mu: number[] } {
  const half = levels / 2;
  const delta = levels / (2 * (levels - 1));
  const muStar = new Array<number>(k).fill(0);
  const mu = new Array<number>(k).fill(0);
  const cells = levels ** k;
  const index = new Array<number>(k).fill(0);
  for (let c = 0; c < cells; c++) {
    for (let i = 0, rest = c; i < k; i++, rest = Math.floor(rest / levels)) index[i] = rest % levels;
    const x = index.map((l) => l / (levels - 1));
    const fx = f(x);
    for (let i = 0; i < k; i++) {
      if (index[i] >= half) continue;
      const moved = x.slice();
      moved[i] = (index[i] + half) / (levels - 1);
      const ee = (f(moved) - fx) / delta;
      muStar[i] += Math.abs(ee);
      mu[i] += ee;
    }
  }
  const count = cells / 2; // base points per factor: half of the levels of x_i, all levels of the others
  return { muStar: muStar.map((s) => s / count), mu: mu.map((s) => s / count) };
}
