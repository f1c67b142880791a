import { describe, expect, it } from 'vitest';
import { batchBounds, batchCount, batchMeansInterval, batchOf, summarize, t95 } from '../../src/analysis/interval.ts';

describe('t95', () => {
  it('gives the tabulated two-sided 95% Student t values', () => {
    expect(t95(1)).toBe(12.706);
    expect(t95(2)).toBe(4.303);
    expect(t95(4)).toBe(2.776);
    expect(t95(9)).toBe(2.262);
    expect(t95(30)).toBe(2.042);
  });
  it('approximates beyond 30 df to 3 decimals (t(0.975; 31) = 2.0395, 40: 2.0211, 60: 2.0003, 120: 1.9799, 1000: 1.9623)', () => {
    expect(t95(31)).toBeCloseTo(2.0395, 3);
    expect(t95(40)).toBeCloseTo(2.0211, 3);
    expect(t95(60)).toBeCloseTo(2.0003, 3);
    expect(t95(120)).toBeCloseTo(1.9799, 3);
    expect(t95(1000)).toBeCloseTo(1.9623, 3);
  });
  it('decreases with df toward 1.96', () => {
    for (let df = 2; df <= 500; df++) expect(t95(df)).toBeLessThan(t95(df - 1));
    expect(t95(1e7)).toBeCloseTo(1.959964, 5);
  });
  it('is undefined below 1 df', () => {
    expect(t95(0)).toBeNaN();
    expect(t95(-3)).toBeNaN();
  });
});

describe('summarize', () => {
  it('summarises five unsorted values by hand', () => {
    // [5, 1, 4, 2, 3]: mean 3; squared deviations 4 + 4 + 1 + 1 + 0 = 10; sd = sqrt(10/4) = 1.5811388
    // half = t95(4) sd / sqrt(5) = 2.776 * sqrt(0.5) = 1.9629284 -> ci [1.0370716, 4.9629284]
    // percentiles (simple-statistics: linear, index (n - 1) p on sorted [1, 2, 3, 4, 5]):
    //   2.5%: index 0.1 -> 1 + 0.1 (2 - 1) = 1.1;  97.5%: index 3.9 -> 4 + 0.9 (5 - 4) = 4.9
    const s = summarize([5, 1, 4, 2, 3]);
    expect(s.mean).toBe(3);
    expect(s.n).toBe(5);
    expect(s.sd).toBeCloseTo(1.5811388, 6);
    expect(s.ci95[0]).toBeCloseTo(1.0370716, 6);
    expect(s.ci95[1]).toBeCloseTo(4.9629284, 6);
    expect(s.pi95[0]).toBeCloseTo(1.1, 12);
    expect(s.pi95[1]).toBeCloseTo(4.9, 12);
  });
  it('summarises ten values with a tie by hand', () => {
    // [7, 3, 9, 3, 1, 10, 4, 8, 2, 6] sorted [1, 2, 3, 3, 4, 6, 7, 8, 9, 10]; mean 53 / 10 = 5.3
    // squared deviations 18.49 + 10.89 + 5.29 + 5.29 + 1.69 + 0.49 + 2.89 + 7.29 + 13.69 + 22.09 = 88.1
    // sd = sqrt(88.1 / 9) = 3.1287200; half = 2.262 * 3.1287200 / sqrt(10) = 2.2379960
    // 2.5%: index 9 * 0.025 = 0.225 -> 1 + 0.225 * 1 = 1.225; 97.5%: index 8.775 -> 9 + 0.775 * 1 = 9.775
    const values = [7, 3, 9, 3, 1, 10, 4, 8, 2, 6];
    const s = summarize(values);
    expect(s.mean).toBeCloseTo(5.3, 12);
    expect(s.sd).toBeCloseTo(3.12872, 5);
    expect(s.ci95[0]).toBeCloseTo(5.3 - 2.237996, 5);
    expect(s.ci95[1]).toBeCloseTo(5.3 + 2.237996, 5);
    expect(s.pi95[0]).toBeCloseTo(1.225, 12);
    expect(s.pi95[1]).toBeCloseTo(9.775, 12);
    expect(values).toEqual([7, 3, 9, 3, 1, 10, 4, 8, 2, 6]); // input untouched
  });
  it('matches its documented example [1, 2, 3]: ci 2 -+ 4.303 / sqrt(3) = 2 -+ 2.4843382', () => {
    const s = summarize([1, 2, 3]);
    expect(s.ci95[0]).toBeCloseTo(-0.4843382, 6);
    expect(s.ci95[1]).toBeCloseTo(4.4843382, 6);
    // percentiles: index 0.05 -> 1.05, index 1.95 -> 2.95
    expect(s.pi95).toEqual([expect.closeTo(1.05, 12), expect.closeTo(2.95, 12)]);
  });
  it('uses the large-df approximation beyond 31 values', () => {
    // 0..40 (41 values): mean 20, sample variance 41 * 42 / 12 = 143.5, sd 11.9791486
    // df 40: t = 1.959964 + 2.3722 / 40 + 2.82 / 1600 = 2.0210315; half = 2.0210315 * 11.9791486 / 6.4031242 = 2.0210315 * 1.8708287 = 3.7810037
    const s = summarize(Array.from({ length: 41 }, (_, i) => i));
    expect(s.sd).toBeCloseTo(11.9791486, 6);
    expect(s.ci95[1] - s.mean).toBeCloseTo(3.7810037, 5);
  });
  it('leaves out replications without the figure (NaN, Infinity)', () => {
    const s = summarize([5, NaN, 1, 4, Infinity, 2, 3, -Infinity]);
    expect(s).toEqual(summarize([5, 1, 4, 2, 3]));
    expect(s.n).toBe(5);
  });
  it('gives a point for one value and NaN for none', () => {
    expect(summarize([4.5])).toEqual({ mean: 4.5, ci95: [4.5, 4.5], pi95: [4.5, 4.5], sd: 0, n: 1 });
    expect(summarize([NaN, NaN])).toEqual({ mean: NaN, ci95: [NaN, NaN], pi95: [NaN, NaN], sd: NaN, n: 0 });
    expect(summarize([]).n).toBe(0);
  });
  it('gives zero width for identical values', () => {
    const s = summarize([2, 2, 2, 2]);
    expect(s.sd).toBe(0);
    expect(s.ci95).toEqual([2, 2]);
    expect(s.pi95).toEqual([2, 2]);
  });
});

describe('batch means', () => {
  it('an interval around the point from the batch values: t(B-1) sd / sqrt(B)', () => {
    const [lo, hi] = batchMeansInterval(2, [1, 2, 3]);
    expect(lo).toBeCloseTo(2 - 4.303 / Math.sqrt(3), 12);
    expect(hi).toBeCloseTo(2 + 4.303 / Math.sqrt(3), 12);
  });
  it('centres on the point, not on the mean of batches', () => {
    const [lo, hi] = batchMeansInterval(10, [1, 2, 3]);
    expect((lo + hi) / 2).toBeCloseTo(10, 12);
  });
  it('leaves out non-finite batches; needs two', () => {
    expect(batchMeansInterval(2, [1, NaN, 3])).toEqual(batchMeansInterval(2, [1, 3]));
    expect(batchMeansInterval(2, [1])).toEqual([NaN, NaN]);
    expect(batchMeansInterval(NaN, [1, 2])).toEqual([NaN, NaN]);
  });
  it('cuts replications into contiguous balanced batches, and finds a replication\'s batch', () => {
    expect(batchCount(200)).toBe(20);
    expect(batchCount(7)).toBe(7);
    expect([0, 1, 2].map((b) => batchBounds(10, 3, b))).toEqual([[0, 3], [3, 6], [6, 10]]);
    for (const [reps, batches] of [[10, 3], [200, 20], [7, 7], [1000, 20], [23, 20]]) {
      for (let b = 0; b < batches; b++) {
        const [start, end] = batchBounds(reps, batches, b);
        for (let r = start; r < end; r++) expect(batchOf(r, reps, batches)).toBe(b);
      }
    }
  });
});
