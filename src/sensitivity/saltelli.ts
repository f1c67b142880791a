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
 * The design of [Saltelli2010]: matrices A and B of N base
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

/**
 * The per-row terms from which every index follows, one row of `stride` = 4 + 3k numbers per base
 * row: f_A, f_B, f_A^2, f_B^2, then for each factor (f_B)(f_ABi - f_A), f_ABi - f_A and
 * (f_A - f_ABi)^2. Outputs are centred on the full sample's mean first, so that a large output
 * level (costs in euros) does not swamp the products. Kept in one flat array, so that summing a
 * resample reads memory in sequence.
 */
class RowTerms {
  readonly stride: number;
  readonly terms: Float64Array;

  constructor(y: readonly number[], readonly k: number, readonly n: number, mean: number) {
    this.stride = 4 + 3 * k;
    this.terms = new Float64Array(n * this.stride);
    for (let j = 0; j < n; j++) {
      const o = j * this.stride;
      const fa = y[saltelliRow.a(k, j)] - mean;
      const fb = y[saltelliRow.b(k, j)] - mean;
      this.terms[o] = fa;
      this.terms[o + 1] = fb;
      this.terms[o + 2] = fa * fa;
      this.terms[o + 3] = fb * fb;
      for (let i = 0; i < k; i++) {
        const diff = y[saltelliRow.ab(k, j, i)] - mean - fa;
        this.terms[o + 4 + i] = fb * diff;
        this.terms[o + 4 + k + i] = diff;
        this.terms[o + 4 + 2 * k + i] = diff * diff;
      }
    }
  }

  /** Sums of the terms over base rows, row j counted counts[j] times (a bootstrap resample), or once each. */
  sum(counts?: Int32Array): Sums {
    const { stride, terms, n, k } = this;
    const acc = new Float64Array(stride);
    let rows = 0;
    for (let j = 0; j < n; j++) {
      const c = counts ? counts[j] : 1;
      if (c === 0) continue;
      rows += c;
      for (let t = 0, o = j * stride; t < stride; t++, o++) acc[t] += c * terms[o];
    }
    return new Sums(acc, rows, k);
  }
}

/** Sums over (re)sampled base rows, and the indices they give. */
class Sums {
  constructor(
    private readonly acc: Float64Array,
    private readonly n: number,
    private readonly k: number,
  ) {}

  /** The mean of [f_A; f_B] over these rows, measured from the full sample's mean. */
  shift(): number {
    return (this.acc[0] + this.acc[1]) / (2 * this.n);
  }

  /** V: the variance of [f_A; f_B] over these rows. */
  variance(): number {
    const m = this.shift();
    return (this.acc[2] + this.acc[3]) / (2 * this.n) - m * m;
  }

  /** S_i = mean((f_B - m)(f_ABi - f_A)) / V, m the mean of [f_A; f_B] over these rows. */
  first(i: number, v: number): number {
    return (this.acc[4 + i] - this.shift() * this.acc[4 + this.k + i]) / (this.n * v);
  }

  /** ST_i = mean((f_A - f_ABi)^2) / (2V). */
  total(i: number, v: number): number {
    return this.acc[4 + 2 * this.k + i] / (2 * this.n * v);
  }

  /** Both indices of factor i; NaN when the output does not vary over these rows. */
  indices(i: number): [number, number] {
    const v = this.variance();
    return v > 0 ? [this.first(i, v), this.total(i, v)] : [NaN, NaN];
  }
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
 * percentile intervals over base rows. First order: [Saltelli2010], on outputs centred on
 * the mean of [f_A; f_B] (same expectation, less variance when the output level is far from 0).
 * Total: [Jansen1999]. An output that does not vary gives indices that are NaN (null in JSON).
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
  const rows = new RowTerms(y, k, n, mean);
  const all = rows.sum();
  const variance = all.variance();
  const point = Array.from({ length: k }, (_, i) => all.indices(i));

  const firsts = Array.from({ length: k }, () => new Float64Array(o.resamples));
  const totals = Array.from({ length: k }, () => new Float64Array(o.resamples));
  const stream = bootstrapStream(o.seed);
  // Each resample as counts per base row (a row drawn twice counts twice).
  const counts = new Int32Array(n);
  for (let b = 0; b < o.resamples; b++) {
    counts.fill(0);
    for (let t = 0; t < n; t++) counts[draw(stream, b, t, n)]++;
    const sums = rows.sum(counts);
    for (let i = 0; i < k; i++) [firsts[i][b], totals[i][b]] = sums.indices(i);
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
