import { describe, expect, it } from 'vitest';
import {
  bernoulli, categorical, clamp, clampedNormal, exponential, hazardToProbability, normal, normalQuantile, poisson, zCritical,
} from '../../src/engine/distributions.ts';

/** Midpoints of n equal slices of (0, 1): a deterministic stand-in for uniforms. */
const midpoints = (n: number) => Array.from({ length: n }, (_, i) => (i + 0.5) / n);
const average = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;

describe('bernoulli', () => {
  it('is true exactly when u < p', () => {
    expect(bernoulli(0.29, 0.3)).toBe(true);
    expect(bernoulli(0.3, 0.3)).toBe(false);
    expect(bernoulli(0.31, 0.3)).toBe(false);
  });
  it('never fires with p = 0 and always with p = 1', () => {
    for (const u of [1e-12, 0.5, 1 - 1e-12]) {
      expect(bernoulli(u, 0)).toBe(false);
      expect(bernoulli(u, 1)).toBe(true);
    }
  });
  it('fires in a share p of uniforms', () => {
    expect(midpoints(1000).filter((u) => bernoulli(u, 0.237)).length).toBe(237);
  });
});

describe('normal', () => {
  it('returns the mean at u = 0.5', () => {
    expect(normal(0.5, 10, 2)).toBeCloseTo(10, 12);
    expect(normal(0.5, -3, 7)).toBeCloseTo(-3, 12);
  });
  it('returns mean + sd at Phi(1) = 0.8413447 and mean - sd at 1 - Phi(1)', () => {
    expect(normal(0.8413447460685429, 5, 2)).toBeCloseTo(7, 3);
    expect(normal(1 - 0.8413447460685429, 5, 2)).toBeCloseTo(3, 3);
  });
  it('is symmetric about the mean: normal(u) - m = m - normal(1 - u)', () => {
    for (const u of [0.01, 0.2, 0.37, 0.49]) {
      expect(normal(u, 4, 3) - 4).toBeCloseTo(4 - normal(1 - u, 4, 3), 10);
    }
  });
  it('increases with u and scales with sd', () => {
    const us = midpoints(200);
    const xs = us.map((u) => normal(u, 0, 1));
    for (let i = 1; i < xs.length; i++) expect(xs[i]).toBeGreaterThan(xs[i - 1]);
    expect(normal(0.9, 1, 3) - 1).toBeCloseTo(3 * normal(0.9, 0, 1), 12);
  });
  // BUG (src/engine/distributions.ts via simple-statistics' probit): probit uses Winitzki's closed-form
  // approximation of the inverse error function, accurate only to about 3 decimals:
  // probit(0.975) = 1.957162 instead of 1.959964, probit(0.95) = 1.643421 instead of 1.644854,
  // probit(0.99865) = 2.990456 instead of 3. Normal draws are therefore slightly too narrow in the tails.
  it('returns the standard normal quantiles at 0.95, 0.975 and 0.995 to 4 decimals', () => {
    expect(normal(0.95, 0, 1)).toBeCloseTo(1.644854, 4);
    expect(normal(0.975, 0, 1)).toBeCloseTo(1.959964, 4);
    expect(normal(0.995, 0, 1)).toBeCloseTo(2.575829, 4);
  });
});

describe('clampedNormal', () => {
  it('stays inside [0, 1] by default and is the plain normal inside', () => {
    expect(clampedNormal(0.5, 0.4, 0.15)).toBeCloseTo(0.4, 12);
    expect(clampedNormal(1e-9, 0.4, 0.15)).toBe(0);
    expect(clampedNormal(1 - 1e-9, 0.4, 0.15)).toBe(1);
    expect(clampedNormal(0.7, 0.4, 0.15)).toBe(normal(0.7, 0.4, 0.15));
  });
  it('takes other bounds', () => {
    expect(clampedNormal(0.01, 38, 12, 18, 85)).toBe(18);
    expect(clampedNormal(0.99, 80, 12, 18, 85)).toBe(85);
  });
});

describe('exponential', () => {
  it('has median ln 2 / rate', () => {
    // u = 0.5: -ln(1 - 0.5) / 0.25 = 4 ln 2 = 2.7725887
    expect(exponential(0.5, 0.25)).toBeCloseTo(4 * Math.LN2, 12);
    expect(exponential(0.5, 2)).toBeCloseTo(Math.LN2 / 2, 12);
  });
  it('returns 1 / rate at u = 1 - 1/e', () => {
    expect(exponential(1 - Math.exp(-1), 0.5)).toBeCloseTo(2, 12);
  });
  it('has mean close to 1 / rate over a fine grid of uniforms', () => {
    // Midpoint rule over 100 000 slices; the last slice's tail costs well under 0.1%.
    expect(average(midpoints(100000).map((u) => exponential(u, 0.2)))).toBeCloseTo(5, 2);
  });
  it('is near 0 for u near 0', () => {
    expect(exponential(1e-12, 1)).toBeCloseTo(1e-12, 15);
  });
});

describe('poisson', () => {
  // lambda = 2: P(0) = e^-2 = 0.135335, P(1) = 2 e^-2 = 0.270671, P(2) = 2 e^-2 = 0.270671,
  // P(3) = (4/3) e^-2 = 0.180447. CDF: F(0) = 0.135335, F(1) = 0.406006, F(2) = 0.676676,
  // F(3) = 0.857123. Inversion: the smallest k with u <= F(k).
  it('inverts the CDF for lambda = 2 at hand-computed boundaries', () => {
    expect(poisson(0.1, 2)).toBe(0);
    expect(poisson(0.135, 2)).toBe(0);
    expect(poisson(0.1354, 2)).toBe(1);
    expect(poisson(0.406, 2)).toBe(1);
    expect(poisson(0.4061, 2)).toBe(2);
    expect(poisson(0.6766, 2)).toBe(2);
    expect(poisson(0.6767, 2)).toBe(3);
    expect(poisson(0.857, 2)).toBe(3);
    expect(poisson(0.8572, 2)).toBe(4);
  });
  it('returns 0 exactly at u = P(0) = e^-lambda (u <= F(0))', () => {
    expect(poisson(Math.exp(-2), 2)).toBe(0);
  });
  it('returns 0 for a non-positive rate', () => {
    expect(poisson(0.99, 0)).toBe(0);
    expect(poisson(0.99, -1)).toBe(0);
  });
  it('has mean lambda and variance lambda over a fine grid of uniforms', () => {
    const ks = midpoints(100000).map((u) => poisson(u, 2.5));
    const m = average(ks);
    expect(m).toBeCloseTo(2.5, 2);
    expect(average(ks.map((k) => (k - m) ** 2))).toBeCloseTo(2.5, 1);
  });
  it('stays finite at the top uniform for the largest rate the schema allows (200)', () => {
    // The largest u a stream gives is 1 - 2^-33; the loop must end on the CDF, not on its 10 000 cap.
    const k = poisson(1 - 2 ** -33, 200);
    expect(k).toBeGreaterThan(250);
    expect(k).toBeLessThan(400);
  });
});

describe('categorical', () => {
  // weights [1, 3, 0, 6], total 10: u in [0, 0.1) -> 0, [0.1, 0.4) -> 1, never 2, [0.4, 1) -> 3.
  const w = [1, 3, 0, 6];
  it('picks the index whose cumulative share covers u', () => {
    expect(categorical(0.05, w)).toBe(0);
    expect(categorical(0.1, w)).toBe(1);
    expect(categorical(0.39, w)).toBe(1);
    expect(categorical(0.4, w)).toBe(3);
    expect(categorical(0.999, w)).toBe(3);
  });
  it('draws each index in proportion to its weight and never a zero weight', () => {
    const counts = [0, 0, 0, 0];
    for (const u of midpoints(1000)) counts[categorical(u, w)] += 1;
    expect(counts).toEqual([100, 300, 0, 600]);
  });
  it('does not need weights that sum to one', () => {
    const scaled = w.map((x) => x * 7.5);
    for (const u of midpoints(500)) expect(categorical(u, scaled)).toBe(categorical(u, w));
  });
  it('returns 0 for a single weight', () => {
    expect(categorical(0.99, [4])).toBe(0);
  });
});

describe('hazardToProbability', () => {
  it('turns a weekly hazard of ln 2 into probability 1/2', () => {
    expect(hazardToProbability(Math.LN2)).toBeCloseTo(0.5, 15);
  });
  it('is 0 at hazard 0, near the hazard when small, and below 1 when large', () => {
    expect(hazardToProbability(0)).toBe(0);
    // 1 - e^-h = h - h^2/2 + h^3/6 - ...: at h = 0.001, 0.001 - 0.0000005 + 0.000000000167
    expect(hazardToProbability(0.001)).toBeCloseTo(0.000999500167, 12);
    // 1 - e^-5 = 1 - 0.006737947 = 0.993262053
    expect(hazardToProbability(5)).toBeCloseTo(0.993262053, 9);
    expect(hazardToProbability(5)).toBeLessThan(1);
  });
  it('composes over weeks: surviving two weeks at h is surviving one week at 2h', () => {
    const h = 0.3;
    expect((1 - hazardToProbability(h)) ** 2).toBeCloseTo(1 - hazardToProbability(2 * h), 14);
  });
});

describe('clamp', () => {
  it('keeps values inside and moves others to the nearest bound', () => {
    expect(clamp(0.5, 0, 1)).toBe(0.5);
    expect(clamp(-0.1, 0, 1)).toBe(0);
    expect(clamp(1.1, 0, 1)).toBe(1);
    expect(clamp(0, 0, 1)).toBe(0);
    expect(clamp(1, 0, 1)).toBe(1);
    expect(clamp(90, 18, 85)).toBe(85);
  });
});

describe('normalQuantile (Acklam)', () => {
  it('is accurate in the body and both tails, and symmetric', () => {
    // Reference values of the standard normal quantile.
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326347874, 7);
    expect(normalQuantile(1e-6)).toBeCloseTo(-4.753424309, 6);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.3)).toBeCloseTo(-normalQuantile(0.7), 12);
    expect(zCritical(0.95)).toBeCloseTo(1.959963985, 8);
  });
  it('rejects what is not a probability', () => {
    expect(() => normalQuantile(1.5)).toThrow(/got 1.5/);
  });
});
