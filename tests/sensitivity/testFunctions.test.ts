import { describe, expect, it } from 'vitest';
import { G_FUNCTION_A, gFunction, ishigami, linear, morrisExpectation } from '../../src/sensitivity/testFunctions.ts';

/** The published values, to four decimals, that the formulas must reproduce. */
const close4 = (actual: readonly number[], expected: readonly number[]) =>
  expected.forEach((e, i) => expect(Math.abs(actual[i] - e), `index ${i}: ${actual[i]} vs ${e}`).toBeLessThan(5e-5));

describe('test functions', () => {
  it('Ishigami (a = 7, b = 0.1): V = 13.8446, S = (0.3139, 0.4424, 0), ST = (0.5576, 0.4424, 0.2437)', () => {
    const f = ishigami();
    expect(f.variance).toBeCloseTo(13.8446, 4);
    close4(f.first, [0.3139, 0.4424, 0]);
    close4(f.total, [0.5576, 0.4424, 0.2437]);
    // sin(pi/2) + 7 sin^2(pi/2) + 0.1 * 0 = 8 at x = (pi/2, pi/2, 0).
    expect(f.evaluate([0.75, 0.75, 0.5])).toBeCloseTo(8, 12);
  });

  it('Ishigami: the analytic variance is the variance of the function (a fine midpoint grid)', () => {
    const f = ishigami();
    const n = 100; // the midpoint rule's error shrinks with 1/n^2: about 0.007 here
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let l = 0; l < n; l++) {
      const y = f.evaluate([(i + 0.5) / n, (j + 0.5) / n, (l + 0.5) / n]);
      sum += y;
      sumSq += y * y;
    }
    const m = sum / n ** 3;
    expect(Math.abs(sumSq / n ** 3 - m * m - f.variance)).toBeLessThan(0.01);
    expect(m).toBeCloseTo(3.5, 2); // E f = a / 2
  });

  it('G-function with a = (0, 1, 4.5, 9, 99, 99, 99, 99): S = (0.7162, 0.1790, 0.0237, 0.0072, ~0.0001), ST = (0.7871, 0.2422, 0.0343, 0.0105, ~0.0001)', () => {
    const f = gFunction();
    expect(f.k).toBe(G_FUNCTION_A.length);
    close4(f.first, [0.7162, 0.179, 0.0237, 0.0072, 0.0001, 0.0001, 0.0001, 0.0001]);
    close4(f.total, [0.7871, 0.2422, 0.0343, 0.0105, 0.0001, 0.0001, 0.0001, 0.0001]);
    expect(f.evaluate([0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5])).toBe(0); // |4 * 0.5 - 2| + 0 = 0 in the first factor
  });

  it('G-function with one factor: S = ST = 1', () => {
    const f = gFunction([2]);
    expect(f.first[0]).toBeCloseTo(1, 14);
    expect(f.total[0]).toBeCloseTo(1, 14);
    expect(f.variance).toBeCloseTo(1 / 27, 15); // 1 / (3 (1 + 2)^2)
  });

  it('linear: shares c_i^2 / sum c^2, Morris mu* |c_i| and sigma 0', () => {
    const f = linear([2, -1, 0]);
    expect(f.first).toEqual([0.8, 0.2, 0]);
    expect(f.total).toEqual(f.first);
    expect(f.variance).toBeCloseTo(5 / 12, 15);
    expect(f.muStar).toEqual([2, 1, 0]);
    expect(f.sigma).toEqual([0, 0, 0]);
    expect(f.evaluate([0.5, 1, 0.3])).toBe(0);
  });
});

describe('morrisExpectation', () => {
  it('gives |c_i| for a linear function on any grid', () => {
    for (const levels of [2, 4, 8]) {
      const e = morrisExpectation(linear([2, -1, 0.5]).evaluate, 3, levels);
      e.muStar.forEach((x, i) => expect(x).toBeCloseTo([2, 1, 0.5][i], 12));
      e.mu.forEach((x, i) => expect(x).toBeCloseTo([2, -1, 0.5][i], 12));
    }
  });

  it('gives Ishigami on four levels by hand: mu*2 = 7 * 0.75 / (2/3) = 7.875', () => {
    // x2 on levels -pi, -pi/3, pi/3, pi: each step of delta = 2/3 moves sin^2 between 0 and 3/4.
    const e = morrisExpectation(ishigami().evaluate, 3, 4);
    expect(e.muStar[1]).toBeCloseTo(7.875, 12);
    // x1: |sin| changes by sqrt(3)/2 per step, times the mean of 1 + 0.1 x3^4 over the four levels of x3.
    const mean = 1 + (0.1 * (Math.PI ** 4 + (Math.PI / 3) ** 4)) / 2;
    expect(e.muStar[0]).toBeCloseTo(((Math.sqrt(3) / 2) * mean) / (2 / 3), 12);
  });
});
