import { bootstrapStream, draw, percentileInterval, resolveOptions } from './bootstrap.ts';
import { SensitivityError } from './errors.ts';
import { flagAgainstDummy } from './noiseFloor.ts';
import { checkOutputs } from './outputs.ts';
import { SOBOL_MAX_DIMENSIONS, sobolPoints } from './sobolSequence.ts';
import type { IndexOptions, Interval, UnitSample } from './types.ts';

/**
 * How the rows of a Saltelli design belong together. Base row j (0 ... base - 1) owns rows
 * j(k + 2) ... j(k + 2) + k + 1, in this order: A_j, then AB_1j ... AB_kj (A_j with column i taken
 * from B_j), then B_j. A and B are the first and last k coordinates of point j of a 2k-dimensional
 * Sobol' sequence (from its second point: `skip` 1).
 */
export interface SaltelliLayout {
  readonly method: 'saltelli';
  /** N: rows of A (and of B); a power of two. */
  readonly base: number;
  /** k + 2: A, the k matrices AB_i, B. */
  readonly rowsPerBase: number;
  readonly sequence: { readonly name: 'sobol'; readonly dimensions: number; readonly skip: number };
}

/** Which row of the design holds A_j, AB_ij (i = 0 ... k - 1) and B_j. */
export const saltelliRow = {
  a: (k: number, j: number) => j * (k + 2),
  ab: (k: number, j: number, i: number) => j * (k + 2) + 1 + i,
  b: (k: number, j: number) => j * (k + 2) + k + 1,
};

const SEQUENCE_SKIP = 1;

function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && Number.isInteger(Math.log2(n));
}

/**
 * The design of Saltelli et al. (2010, Comput Phys Commun 181:259): matrices A and B of N base
 * rows from a 2k-dimensional Sobol' sequence, and for each factor i the matrix AB_i (A with column
 * i from B): N(k + 2) model runs for all first-order and total indices. N must be a power of two,
 * where the Sobol' points are balanced.
 *
 * @example
 *   const s = saltelliSample(1024, 3); // 5,120 rows of 3 coordinates in [0, 1]
 *   const y = s.points.map(([u1, u2, u3]) => u1 + 2 * u2); // one model run per row
 *   sobolIndices(s, y).factors[1].first.value; // about 0.8
 */
export function saltelliSample(base: number, k: number): UnitSample<SaltelliLayout> {
  if (!isPowerOfTwo(base)) {
    const below = isFinite(base) && base >= 1 ? 2 ** Math.floor(Math.log2(base)) : 1;
    throw new SensitivityError(`Saltelli base must be a power of two (where Sobol' points are balanced), got ${base}; e.g. ${below} or ${below * 2}`);
  }
  const maxK = Math.floor(SOBOL_MAX_DIMENSIONS / 2);
  if (!Number.isInteger(k) || k < 1 || k > maxK) throw new SensitivityError(`factors must be an integer from 1 to ${maxK}, got ${k}`);
  const sequence = sobolPoints(base, 2 * k, SEQUENCE_SKIP);
  const points: number[][] = new Array(base * (k + 2));
  for (let j = 0; j < base; j++) {
    const a = sequence[j].slice(0, k);
    const b = sequence[j].slice(k);
    points[saltelliRow.a(k, j)] = a;
    for (let i = 0; i < k; i++) {
      const ab = a.slice();
      ab[i] = b[i];
      points[saltelliRow.ab(k, j, i)] = ab;
    }
    points[saltelliRow.b(k, j)] = b;
  }
  return {
    k,
    points,
    layout: { method: 'saltelli', base, rowsPerBase: k + 2, sequence: { name: 'sobol', dimensions: 2 * k, skip: SEQUENCE_SKIP } },
  };
}

export interface SobolFactor {
  readonly name: string;
  /** First-order index S_i: the share of the output variance due to factor i alone. */
  readonly first: Interval;
  /** Total index ST_i: the share due to factor i with all its interactions. */
  readonly total: Interval;
  /** With a dummy factor: the total-index interval reaches into the dummy's (not told apart from noise). */
  readonly overlapsDummy?: boolean;
}

export interface SobolResult {
  readonly method: 'sobol';
  readonly factors: readonly SobolFactor[];
  /** V: the variance of [f_A; f_B] (2N outputs, divided by 2N). */
  readonly variance: number;
  /** The mean of [f_A; f_B]. */
  readonly mean: number;
  /** N, the base rows; the design has N(k + 2) runs. */
  readonly base: number;
  readonly runs: number;
  readonly resamples: number;
  readonly level: number;
  readonly seed: number;
  readonly estimators: { readonly first: string; readonly total: string; readonly interval: string };
  /** With a dummy factor: its name and its total index, the noise floor. */
  readonly dummy?: string;
  readonly noiseFloor?: Interval;
}

export const SOBOL_ESTIMATORS = {
  first: 'Saltelli et al. 2010: S_i = mean((f_B - m)(f_ABi - f_A)) / V, m and V the mean and variance of [f_A; f_B]',
  total: 'Jansen 1999: ST_i = mean((f_A - f_ABi)^2) / (2V)',
  interval: 'bootstrap percentile over base rows',
} as const;

/** Sums over base rows from which every index follows; the same code serves the estimate and each resample. */
class Sums {
  n = 0;
  a = 0;
  b = 0;
  aa = 0;
  bb = 0;
  readonly bd: Float64Array;
  readonly d: Float64Array;
  readonly dd: Float64Array;

  constructor(readonly k: number) {
    this.bd = new Float64Array(k);
    this.d = new Float64Array(k);
    this.dd = new Float64Array(k);
  }

  reset(): void {
    this.n = this.a = this.b = this.aa = this.bb = 0;
    this.bd.fill(0);
    this.d.fill(0);
    this.dd.fill(0);
  }

  /** Adds row j, `times` times (a bootstrap resample draws a row 0, 1 or more times). */
  add(rows: RowTerms, j: number, times = 1): void {
    const { k } = this;
    const fa = rows.a[j];
    const fb = rows.b[j];
    this.n += times;
    this.a += times * fa;
    this.b += times * fb;
    this.aa += times * fa * fa;
    this.bb += times * fb * fb;
    for (let i = 0, o = j * k; i < k; i++, o++) {
      this.bd[i] += times * rows.bd[o];
      this.d[i] += times * rows.d[o];
      this.dd[i] += times * rows.dd[o];
    }
  }

  /** Centring: shift of the mean of these rows from the full sample's (whose mean is 0 in RowTerms). */
  shift(): number {
    return (this.a + this.b) / (2 * this.n);
  }

  variance(): number {
    const m = this.shift();
    return (this.aa + this.bb) / (2 * this.n) - m * m;
  }

  first(i: number, v: number): number {
    return (this.bd[i] - this.shift() * this.d[i]) / (this.n * v);
  }

  total(i: number, v: number): number {
    return this.dd[i] / (2 * this.n * v);
  }
}

/**
 * The per-row terms, with outputs centred on the full sample's mean so that a large output level
 * (costs in euros) does not swamp the products: f_A, f_B, and for each factor
 * (f_B - m)(f_ABi - f_A), f_ABi - f_A and (f_A - f_ABi)^2.
 */
interface RowTerms {
  a: Float64Array;
  b: Float64Array;
  bd: Float64Array;
  d: Float64Array;
  dd: Float64Array;
}

function rowTerms(y: readonly number[], k: number, n: number, mean: number): RowTerms {
  const rows: RowTerms = {
    a: new Float64Array(n),
    b: new Float64Array(n),
    bd: new Float64Array(n * k),
    d: new Float64Array(n * k),
    dd: new Float64Array(n * k),
  };
  for (let j = 0; j < n; j++) {
    const fa = y[saltelliRow.a(k, j)] - mean;
    const fb = y[saltelliRow.b(k, j)] - mean;
    rows.a[j] = fa;
    rows.b[j] = fb;
    for (let i = 0; i < k; i++) {
      const diff = y[saltelliRow.ab(k, j, i)] - mean - fa;
      rows.bd[j * k + i] = fb * diff;
      rows.d[j * k + i] = diff;
      rows.dd[j * k + i] = diff * diff;
    }
  }
  return rows;
}

function checkLayout(sample: UnitSample<SaltelliLayout>): number {
  const { k, layout, points } = sample;
  if (layout?.method !== 'saltelli') throw new SensitivityError(`sample is not a Saltelli design (layout method "${layout?.method}"); make it with saltelliSample`);
  if (layout.rowsPerBase !== k + 2 || points.length !== layout.base * (k + 2)) {
    throw new SensitivityError(`Saltelli sample has ${points.length} rows; base ${layout.base} and ${k} factors need ${layout.base * (k + 2)}`);
  }
  return layout.base;
}

/**
 * First-order and total Sobol' indices from the outputs of a Saltelli design, with bootstrap
 * percentile intervals over base rows. First order: Saltelli et al. (2010), on outputs centred on
 * the mean of [f_A; f_B] (same expectation, less variance when the output level is far from 0).
 * Total: Jansen (1999). An output that does not vary gives indices that are NaN (null in JSON).
 *
 * @example
 *   const s = saltelliSample(4096, 2);
 *   const r = sobolIndices(s, s.points.map(([u, v]) => u + v * v), { names: ['hours', 'visits'] });
 *   r.factors[0].first; // { value: ~0.48, lower, upper }
 */
export function sobolIndices(sample: UnitSample<SaltelliLayout>, y: readonly number[], options?: IndexOptions): SobolResult {
  const n = checkLayout(sample);
  checkOutputs(sample, y);
  const { k } = sample;
  const o = resolveOptions(k, options);

  let mean = 0;
  for (let j = 0; j < n; j++) mean += y[saltelliRow.a(k, j)] + y[saltelliRow.b(k, j)];
  mean /= 2 * n;
  const rows = rowTerms(y, k, n, mean);

  const sums = new Sums(k);
  for (let j = 0; j < n; j++) sums.add(rows, j);
  const variance = sums.variance();
  const estimate = (s: Sums, v: number, i: number) => (v > 0 ? [s.first(i, v), s.total(i, v)] : [NaN, NaN]);
  const point = Array.from({ length: k }, (_, i) => estimate(sums, variance, i));

  const firsts = Array.from({ length: k }, () => new Float64Array(o.resamples));
  const totals = Array.from({ length: k }, () => new Float64Array(o.resamples));
  const stream = bootstrapStream(o.seed);
  // Each resample as counts per base row, then one pass in row order: the rows' terms are read
  // in sequence instead of at random, which is several times faster for large designs.
  const counts = new Int32Array(n);
  for (let b = 0; b < o.resamples; b++) {
    counts.fill(0);
    for (let t = 0; t < n; t++) counts[draw(stream, b, t, n)]++;
    sums.reset();
    for (let j = 0; j < n; j++) if (counts[j] > 0) sums.add(rows, j, counts[j]);
    const v = sums.variance();
    for (let i = 0; i < k; i++) [firsts[i][b], totals[i][b]] = estimate(sums, v, i);
  }

  const factors = flagAgainstDummy(
    o.names.map((name, i) => ({
      name,
      first: percentileInterval(point[i][0], firsts[i], o.level),
      total: percentileInterval(point[i][1], totals[i], o.level),
    })),
    o.dummy,
    (f) => f.total,
  );
  return {
    method: 'sobol',
    factors,
    variance,
    mean,
    base: n,
    runs: y.length,
    resamples: o.resamples,
    level: o.level,
    seed: o.seed,
    estimators: SOBOL_ESTIMATORS,
    ...(o.dummy >= 0 ? { dummy: o.names[o.dummy], noiseFloor: factors[o.dummy].total } : {}),
  };
}
