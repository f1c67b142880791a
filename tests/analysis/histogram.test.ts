import { describe, expect, it } from 'vitest';
import { addValue, emptyHistogram, histogramQuantile, mergeInto, type Histogram } from '../../src/analysis/histogram.ts';

describe('emptyHistogram', () => {
  it('has equal bins over [min, max] and zero counts', () => {
    expect(emptyHistogram(-5, 5, 4)).toEqual({ min: -5, width: 2.5, counts: [0, 0, 0, 0] });
  });
});

describe('addValue', () => {
  it('puts a value in the bin [min + i w, min + (i + 1) w)', () => {
    const h = emptyHistogram(0, 4, 4); // bins [0,1) [1,2) [2,3) [3,4)
    for (const x of [0, 0.99, 1, 2.5, 3.999]) addValue(h, x);
    expect(h.counts).toEqual([2, 1, 1, 1]);
  });
  it('sends values outside the range, and max itself, to the end bins', () => {
    const h = emptyHistogram(0, 4, 4);
    for (const x of [-100, -0.001, 4, 4.5, 1e9]) addValue(h, x);
    expect(h.counts).toEqual([2, 0, 0, 3]);
  });
});

describe('mergeInto', () => {
  it('adds counts bin by bin', () => {
    const a = emptyHistogram(0, 3, 3);
    const b = emptyHistogram(0, 3, 3);
    a.counts = [1, 2, 3];
    b.counts = [10, 0, 5];
    mergeInto(a, b);
    expect(a.counts).toEqual([11, 2, 8]);
    expect(b.counts).toEqual([10, 0, 5]);
  });
  it('refuses histograms with other bins', () => {
    const a = emptyHistogram(0, 3, 3);
    expect(() => mergeInto(a, emptyHistogram(0, 3, 4))).toThrow('histograms have different bins');
    expect(() => mergeInto(a, emptyHistogram(1, 4, 3))).toThrow('histograms have different bins');
    expect(() => mergeInto(a, emptyHistogram(0, 6, 3))).toThrow('histograms have different bins');
  });
});

describe('histogramQuantile', () => {
  // Bins of width 1 from 0: counts [2, 0, 3, 5], total 10. Quantile p: target = 10 p, find the first
  // non-empty bin whose cumulative count reaches it, interpolate inside it.
  const h: Histogram = { min: 0, width: 1, counts: [2, 0, 3, 5] };

  it('interpolates inside the bin (hand-computed)', () => {
    // p = 0.1: target 1, bin 0 (cum 2): 0 + 1/2 = 0.5
    expect(histogramQuantile(h, 0.1)).toBeCloseTo(0.5, 12);
    // p = 0.5: target 5, bin 2 (cum 2 -> 5): 2 + (5 - 2)/3 = 3
    expect(histogramQuantile(h, 0.5)).toBeCloseTo(3, 12);
    // p = 0.3: target 3, bin 2: 2 + (3 - 2)/3 = 2.3333333
    expect(histogramQuantile(h, 0.3)).toBeCloseTo(2 + 1 / 3, 12);
    // p = 0.75: target 7.5, bin 3 (cum 5 -> 10): 3 + 2.5/5 = 3.5
    expect(histogramQuantile(h, 0.75)).toBeCloseTo(3.5, 12);
  });
  it('skips empty bins: the 20% quantile is the right edge of bin 0, not a point in the empty bin 1', () => {
    // p = 0.2: target 2 = cumulative count of bin 0 -> 0 + 2/2 = 1
    expect(histogramQuantile(h, 0.2)).toBeCloseTo(1, 12);
  });
  it('gives the outer edges of the occupied bins at p = 0 and p = 1', () => {
    const g: Histogram = { min: -5, width: 0.5, counts: [0, 0, 4, 1, 0, 3, 0, 0] };
    expect(histogramQuantile(g, 0)).toBe(-4); // left edge of bin 2: -5 + 2 * 0.5
    expect(histogramQuantile(g, 1)).toBe(-2); // right edge of bin 5: -5 + 6 * 0.5
  });
  it('uses min and width: shifted and scaled bins give shifted and scaled quantiles', () => {
    const g: Histogram = { min: 10, width: 2, counts: [2, 0, 3, 5] };
    for (const p of [0.1, 0.3, 0.5, 0.75, 0.9]) expect(histogramQuantile(g, p)).toBeCloseTo(10 + 2 * histogramQuantile(h, p), 12);
  });
  it('is non-decreasing in p', () => {
    let last = -Infinity;
    for (let p = 0; p <= 1; p += 0.01) {
      const q = histogramQuantile(h, p);
      expect(q).toBeGreaterThanOrEqual(last);
      last = q;
    }
  });
  it('recovers the quantiles of evenly spread values', () => {
    const g = emptyHistogram(0, 10, 20);
    for (let i = 0; i < 1000; i++) addValue(g, (i + 0.5) / 100); // uniform on (0, 10)
    expect(histogramQuantile(g, 0.5)).toBeCloseTo(5, 6);
    expect(histogramQuantile(g, 0.05)).toBeCloseTo(0.5, 6);
    expect(histogramQuantile(g, 0.95)).toBeCloseTo(9.5, 6);
  });
  it('is NaN for an empty histogram', () => {
    expect(histogramQuantile(emptyHistogram(0, 1, 5), 0.5)).toBeNaN();
  });
});
