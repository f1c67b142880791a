import { describe, expect, it } from 'vitest';
import { distributionQuantile, gridCoordinates } from '../../src/experiment/factors.ts';
import { experiment } from './support.ts';

const factor = (f: Record<string, unknown>) => experiment({ factors: [f] }).factors[0];

describe('factors map a coordinate of the unit hypercube to a value', () => {
  it('a range: lo + u (hi - lo), whole-number parameters rounded', () => {
    const f = factor({ path: 'programme.contactsPerWeek', range: [0.5, 2] });
    expect([0, 0.5, 1].map(f.value)).toEqual([0.5, 1.25, 2]);
    expect(factor({ path: 'programme.contactsPerWeek', range: [0.1, 0.4] }).value(2 / 3)).toBe(0.3); // not 0.30000000000000004
    const weeks = factor({ path: 'programme.plannedWeeks', range: [20, 52] });
    expect([0, 0.3, 1].map(weeks.value)).toEqual([20, 30, 52]); // 29.6 -> 30
  });
  it('a list of levels: levels[min(L - 1, floor(u L))]', () => {
    const f = factor({ path: 'programme.matching', levels: ['first-come', 'surface', 'deep'] });
    expect([0, 0.33, 0.34, 0.99, 1].map(f.value)).toEqual(['first-come', 'first-come', 'surface', 'deep', 'deep']);
    expect(f.numeric).toBe(false);
  });
  it('variants: the same, by label', () => {
    const f = factor({ name: 'format', variants: [{ label: 'short', set: { 'programme.plannedWeeks': 20 } }, { label: 'long', set: { 'programme.plannedWeeks': 52 } }] });
    expect([0.2, 0.7].map(f.value)).toEqual(['short', 'long']);
  });
  it('a distribution: its quantile of u', () => {
    expect(distributionQuantile({ type: 'uniform', lo: 1, hi: 3 }, 0.25, 0, 10)).toBe(1.5);
    // Triangular (0, 0, 1): F(x) = 1 - (1 - x)^2, so the quantile of 0.75 is 0.5.
    expect(distributionQuantile({ type: 'triangular', lo: 0, mode: 0, hi: 1 }, 0.75, 0, 1)).toBeCloseTo(0.5, 12);
    // Triangular (0, 1, 2), symmetric: the median is the mode.
    expect(distributionQuantile({ type: 'triangular', lo: 0, mode: 1, hi: 2 }, 0.5, 0, 2)).toBeCloseTo(1, 12);
    // Normal (0, 1) truncated to [-1, 1]: symmetric, so u = 0.5 gives the mean; ends stay inside.
    expect(distributionQuantile({ type: 'normal', mean: 0, sd: 1 }, 0.5, -1, 1)).toBeCloseTo(0, 6);
    expect(distributionQuantile({ type: 'normal', mean: 0, sd: 1 }, 0.9999, -1, 1)).toBeLessThanOrEqual(1);
    // Untruncated in effect (wide bounds): the normal quantile, 1.959964 at 0.975.
    expect(distributionQuantile({ type: 'normal', mean: 10, sd: 2 }, 0.975, -1e6, 1e6)).toBeCloseTo(10 + 2 * 1.959964, 5);
  });
  it('a distribution factor is monotone in u and stays within the parameter\'s range', () => {
    const f = factor({ path: 'programme.hoursPerContact', distribution: { type: 'normal', mean: 1.5, sd: 3 } });
    const us = Array.from({ length: 101 }, (_, i) => i / 100);
    const values = us.map((u) => f.value(u) as number);
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThanOrEqual(values[i - 1]);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0.25);
    expect(Math.max(...values)).toBeLessThanOrEqual(8);
  });
  it('a dummy changes nothing: its value is its coordinate', () => {
    const f = factor({ name: 'dummy', dummy: true });
    expect(f.value(0.3)).toBe(0.3);
  });
  it('grids of a full factorial: ends included for a range, cell centres for levels and distributions', () => {
    expect(gridCoordinates(factor({ path: 'programme.contactsPerWeek', range: [0.5, 2] }), 5)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(gridCoordinates(factor({ path: 'programme.contactsPerWeek', range: [0.5, 2], steps: 2 }), 5)).toEqual([0, 1]);
    expect(gridCoordinates(factor({ path: 'programme.matching', levels: ['deep', 'surface'] }), 5)).toEqual([0.25, 0.75]);
    expect(gridCoordinates(factor({ path: 'programme.contactsPerWeek', distribution: { type: 'uniform', lo: 1, hi: 2 } }), 4)).toEqual([0.125, 0.375, 0.625, 0.875]);
  });
});
