import { describe, expect, it } from 'vitest';
import { coMoments, combineCoMoments, combineMoments, correlationOf, moments, sampleSd } from '../../src/analysis/moments.ts';

describe('moments', () => {
  it('count, mean and population variance', () => {
    expect(moments([1, 2, 3])).toEqual({ n: 3, mean: 2, variance: 2 / 3 });
    expect(moments([])).toEqual({ n: 0, mean: 0, variance: 0 });
    expect(moments([5])).toEqual({ n: 1, mean: 5, variance: 0 });
  });
  it('merge exactly in any grouping', () => {
    const all = [1, 4, 2, 8, 5, 7, 3];
    const m = combineMoments(combineMoments(moments(all.slice(0, 2)), moments(all.slice(2, 5))), moments(all.slice(5)));
    const whole = moments(all);
    expect(m.n).toBe(whole.n);
    expect(m.mean).toBeCloseTo(whole.mean, 12);
    expect(m.variance).toBeCloseTo(whole.variance, 12);
    expect(combineMoments(moments([]), moments([3, 4]))).toEqual(moments([3, 4]));
  });
  it('sample SD from population moments', () => {
    expect(sampleSd(moments([1, 2, 3]))).toBeCloseTo(1, 12);
    expect(sampleSd(moments([1]))).toBeNaN();
  });
});

describe('co-moments', () => {
  it('give Pearson r, and merge exactly', () => {
    const x = [1, 2, 3, 4, 5, 6];
    const y = [2, 4, 7, 8, 9, 15];
    // r by hand: mean x 3.5, mean y 7.5; sxy 40.5, ssx 17.5, ssy 101.5 -> 40.5 / sqrt(17.5 * 101.5)
    expect(correlationOf(coMoments(x, y))).toBeCloseTo(40.5 / Math.sqrt(17.5 * 101.5), 12);
    const merged = combineCoMoments(coMoments(x.slice(0, 2), y.slice(0, 2)), coMoments(x.slice(2), y.slice(2)));
    expect(correlationOf(merged)).toBeCloseTo(correlationOf(coMoments(x, y)), 12);
  });
  it('NaN below three pairs or without spread', () => {
    expect(correlationOf(coMoments([1, 2], [3, 4]))).toBeNaN();
    expect(correlationOf(coMoments([1, 1, 1], [3, 4, 5]))).toBeNaN();
    expect(() => coMoments([1], [1, 2])).toThrow(/equal length/);
  });
});
