import { describe, expect, it } from 'vitest';
import { createStreams } from '../../src/engine/random.ts';
import { SensitivityError } from '../../src/sensitivity/errors.ts';
import { morrisSample } from '../../src/sensitivity/morris.ts';
import { saltelliRow, saltelliSample, sobolIndices, type SaltelliLayout } from '../../src/sensitivity/saltelli.ts';
import { sobolPoints } from '../../src/sensitivity/sobolSequence.ts';
import { gFunction, ishigami, linear } from '../../src/sensitivity/testFunctions.ts';
import type { UnitSample } from '../../src/sensitivity/types.ts';

describe('saltelliSample', () => {
  it('lays out A, AB_1 ... AB_k and B per base row (base 4, k = 2, written out by hand)', () => {
    // Sobol' points 1-4 in 4 dimensions: (.5,.5,.5,.5), (.75,.25,.25,.25), (.25,.75,.75,.75),
    // (.375,.375,.625,.875); A is the first two coordinates, B the last two.
    const s = saltelliSample(4, 2);
    expect(s.k).toBe(2);
    expect(s.layout).toEqual({ method: 'saltelli', base: 4, rowsPerBase: 4, sequence: { name: 'sobol', dimensions: 4, skip: 1 } });
    expect(s.points).toEqual([
      [0.5, 0.5], [0.5, 0.5], [0.5, 0.5], [0.5, 0.5],
      [0.75, 0.25], [0.25, 0.25], [0.75, 0.25], [0.25, 0.25],
      [0.25, 0.75], [0.75, 0.75], [0.25, 0.75], [0.75, 0.75],
      [0.375, 0.375], [0.625, 0.375], [0.375, 0.875], [0.625, 0.875],
    ]);
  });

  it('takes A and B from one 2k-dimensional Sobol\' sequence, and AB_i from A with column i from B', () => {
    const k = 5;
    const n = 64;
    const s = saltelliSample(n, k);
    const seq = sobolPoints(n, 2 * k);
    expect(s.points).toHaveLength(n * (k + 2));
    for (let j = 0; j < n; j++) {
      const a = s.points[saltelliRow.a(k, j)];
      const b = s.points[saltelliRow.b(k, j)];
      expect(a).toEqual(seq[j].slice(0, k));
      expect(b).toEqual(seq[j].slice(k));
      for (let i = 0; i < k; i++) expect(s.points[saltelliRow.ab(k, j, i)]).toEqual(a.map((x, c) => (c === i ? b[c] : x)));
    }
  });

  it('refuses a base that is not a power of two, and too many factors', () => {
    expect(() => saltelliSample(1000, 3)).toThrow(SensitivityError);
    expect(() => saltelliSample(1000, 3)).toThrow(/base must be a power of two .*got 1000; e\.g\. 512 or 1024/);
    expect(() => saltelliSample(0, 3)).toThrow(/power of two/);
    expect(() => saltelliSample(2.5, 3)).toThrow(/power of two/);
    expect(() => saltelliSample(8, 513)).toThrow(/factors must be an integer from 1 to 512, got 513/);
  });
});

/** One output per row of the design. */
const run = (s: UnitSample<SaltelliLayout>, f: (u: readonly number[]) => number) => s.points.map(f);

describe('sobolIndices', () => {
  it('computes the indices of a hand-made case (k = 1, base 2)', () => {
    // Rows: A_0, AB_0, B_0, A_1, AB_1, B_1. f_A = (1, 4), f_AB = (3, 4), f_B = (2, 0).
    // Mean of [f_A; f_B] 1.75, V = (0.5625 + 5.0625 + 0.0625 + 3.0625) / 4 = 2.1875.
    // S = mean((f_B - 1.75)(f_AB - f_A)) / V = ((0.25)(2) + (-1.75)(0)) / 2 / 2.1875 = 4/35
    // (without centring, mean(f_B (f_AB - f_A)) / V would be 32/35).
    // ST = mean((f_A - f_AB)^2) / (2V) = (4 + 0) / 2 / 4.375 = 16/35.
    const s = saltelliSample(2, 1);
    const r = sobolIndices(s, [1, 3, 2, 4, 4, 0], { resamples: 50 });
    expect(r.variance).toBeCloseTo(2.1875, 12);
    expect(r.mean).toBeCloseTo(1.75, 12);
    expect(r.factors[0].first.value).toBeCloseTo(4 / 35, 12);
    expect(r.factors[0].total.value).toBeCloseTo(16 / 35, 12);
    expect(r).toMatchObject({ method: 'sobol', base: 2, runs: 6, resamples: 50, level: 0.95, seed: 1 });
    expect(r.estimators.total).toMatch(/Jansen 1999/);
  });

  it('recovers the analytic indices of a linear function, Ishigami and the G-function', () => {
    for (const [f, base, tol] of [[linear([1, 2, 3]), 2 ** 10, 0.01], [ishigami(), 2 ** 12, 0.02], [gFunction(), 2 ** 12, 0.02]] as const) {
      const s = saltelliSample(base, f.k);
      const r = sobolIndices(s, run(s, f.evaluate), { resamples: 200 });
      expect(r.variance, f.name).toBeCloseTo(f.variance, f.variance > 1 ? 1 : 2);
      r.factors.forEach((x, i) => {
        expect(Math.abs(x.first.value - f.first[i]), `${f.name} S${i + 1}`).toBeLessThan(tol);
        expect(Math.abs(x.total.value - f.total[i]), `${f.name} ST${i + 1}`).toBeLessThan(tol);
        expect(x.first.lower).toBeLessThanOrEqual(x.first.value);
        expect(x.total.upper).toBeGreaterThanOrEqual(x.total.value);
      });
    }
  });

  it('does not change when a constant is added to the output (costs in euros far from 0)', () => {
    const f = ishigami();
    const s = saltelliSample(1024, 3);
    const y = run(s, f.evaluate);
    const a = sobolIndices(s, y, { resamples: 100 });
    const b = sobolIndices(s, y.map((v) => v + 1e6), { resamples: 100 });
    a.factors.forEach((x, i) => {
      expect(b.factors[i].first.value).toBeCloseTo(x.first.value, 7);
      expect(b.factors[i].total.value).toBeCloseTo(x.total.value, 7);
      expect(b.factors[i].first.lower).toBeCloseTo(x.first.lower, 7);
    });
  });

  it('gives the same intervals for the same seed, and other intervals for another seed', () => {
    const f = gFunction();
    const s = saltelliSample(512, f.k);
    const y = run(s, f.evaluate);
    const one = sobolIndices(s, y, { seed: 5, resamples: 300 });
    expect(sobolIndices(s, y, { seed: 5, resamples: 300 })).toEqual(one);
    const other = sobolIndices(s, y, { seed: 6, resamples: 300 });
    expect(other.factors[0].first.value).toBe(one.factors[0].first.value);
    expect(other.factors[0].first.lower).not.toBe(one.factors[0].first.lower);
  });

  it('narrows its intervals with a lower level', () => {
    const f = ishigami();
    const s = saltelliSample(512, 3);
    const y = run(s, f.evaluate);
    const wide = sobolIndices(s, y, { level: 0.95, resamples: 400 }).factors[0].total;
    const narrow = sobolIndices(s, y, { level: 0.5, resamples: 400 }).factors[0].total;
    expect(narrow.lower).toBeGreaterThan(wide.lower);
    expect(narrow.upper).toBeLessThan(wide.upper);
  });

  it('names the factors and gives NaN indices (null in JSON) for an output that does not vary', () => {
    const s = saltelliSample(16, 2);
    const r = sobolIndices(s, s.points.map(() => 3), { names: ['hours', 'visits'], resamples: 20 });
    expect(r.variance).toBe(0);
    expect(r.factors.map((f) => f.name)).toEqual(['hours', 'visits']);
    expect(r.factors[0].first.value).toBeNaN();
    expect(JSON.parse(JSON.stringify(r.factors[0].total))).toEqual({ value: null, lower: null, upper: null });
  });

  it('refuses outputs of the wrong length, failed points (listing them), and a sample of another kind', () => {
    const s = saltelliSample(4, 2);
    const y = s.points.map((p) => p[0]);
    expect(() => sobolIndices(s, y.slice(1))).toThrow(/outputs have 15 values but the sample has 16 rows/);
    const failed = y.slice();
    failed[5] = NaN;
    failed[14] = Infinity;
    let error: unknown;
    try {
      sobolIndices(s, failed);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SensitivityError);
    expect((error as Error).message).toBe('2 of 16 outputs are not a finite number (failed points): row 5 at (0.25, 0.25) = NaN; row 14 at (0.375, 0.875) = Infinity');
    expect((error as SensitivityError).failedRows).toEqual([
      { index: 5, point: [0.25, 0.25], value: NaN },
      { index: 14, point: [0.375, 0.875], value: Infinity },
    ]);
    const m = morrisSample(2, { levels: 4, trajectories: 3, seed: 1 });
    expect(() => sobolIndices(m as never, m.points.map(() => 1))).toThrow(/not a Saltelli design/);
    expect(() => sobolIndices({ ...s, points: s.points.slice(4) }, y.slice(4))).toThrow(/has 12 rows; base 4 and 2 factors need 16/);
  });

  it('lists the first ten failed rows and counts the rest', () => {
    const s = saltelliSample(8, 2);
    const y = s.points.map((_, i) => (i % 2 ? NaN : 1));
    expect(() => sobolIndices(s, y)).toThrow(/16 of 32 outputs are not a finite number .*row 19 at .*; and 6 more$/);
  });

  it('refuses bad options with a message naming the option', () => {
    const s = saltelliSample(4, 2);
    const y = s.points.map((p) => p[0]);
    expect(() => sobolIndices(s, y, { resamples: 0 })).toThrow(/resamples must be a positive integer, got 0/);
    expect(() => sobolIndices(s, y, { level: 95 })).toThrow(/level must be between 0 and 1/);
    expect(() => sobolIndices(s, y, { seed: -1 })).toThrow(/seed must be a non-negative integer/);
    expect(() => sobolIndices(s, y, { names: ['a'] })).toThrow(/names has 1 entries but the sample has 2 factors/);
    expect(() => sobolIndices(s, y, { names: ['a', 'a'] })).toThrow(/"a" appears twice/);
    expect(() => sobolIndices(s, y, { dummy: 'noise' })).toThrow(/dummy "noise" is not one of the factor names \(x1, x2\)/);
  });
});

describe('sobolIndices with a dummy factor', () => {
  const names = ['volunteers', 'training', 'dummy'];
  it('gives a deterministic model\'s dummy indices of 0 and flags no influential factor', () => {
    const s = saltelliSample(1024, 3);
    const r = sobolIndices(s, s.points.map(([u, v]) => 4 * u + v), { names, dummy: 'dummy', resamples: 200 });
    const dummy = r.factors[2];
    expect(dummy.total).toEqual({ value: 0, lower: 0, upper: 0 });
    expect(Math.abs(dummy.first.value)).toBeLessThan(0.01);
    expect(dummy.overlapsDummy).toBeUndefined();
    expect(r.factors.slice(0, 2).map((f) => f.overlapsDummy)).toEqual([false, false]);
    expect(r).toMatchObject({ dummy: 'dummy', noiseFloor: dummy.total });
  });

  it('measures the noise floor of a stochastic model and flags a factor lost in the noise', () => {
    // Each row draws its own noise (no common random numbers between rows): the dummy's total
    // index estimates the noise share, and a factor with a smaller effect cannot be told apart.
    const noise = createStreams(3, 0).stream('test.noise');
    const s = saltelliSample(2048, 3);
    const y = s.points.map(([u, v], row) => 4 * u + 0.05 * v + 0.5 * (noise.u(row) - 0.5));
    const r = sobolIndices(s, y, { names, dummy: 'dummy', resamples: 300 });
    const floor = r.noiseFloor!;
    // Noise variance 0.25 / 12 against 16 / 12 + 0.0025 / 12 + 0.25 / 12: the total index of pure noise is about 0.015.
    expect(floor.value).toBeGreaterThan(0.01);
    expect(floor.value).toBeLessThan(0.03);
    expect(r.factors[0].overlapsDummy).toBe(false);
    expect(r.factors[1].overlapsDummy).toBe(true);
  });
});
