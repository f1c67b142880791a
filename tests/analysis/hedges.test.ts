import { combineVariances } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { hedgesG, hedgesGFromMoments, moments } from '../../src/analysis/hedges.ts';

const Z95 = 1.959963984540054;

describe('moments', () => {
  it('gives count, mean and population variance', () => {
    // [2, 4, 6, 8]: mean 5, squared deviations 9 + 1 + 1 + 9 = 20, population variance 20 / 4 = 5
    expect(moments([2, 4, 6, 8])).toEqual({ n: 4, mean: 5, variance: 5 });
  });
  it('gives variance 0 for one value and zeros for none', () => {
    expect(moments([3])).toEqual({ n: 1, mean: 3, variance: 0 });
    expect(moments([])).toEqual({ n: 0, mean: 0, variance: 0 });
  });
  it('merges like the whole sample (what the aggregator relies on)', () => {
    const a = moments([1, 2, 9]);
    const b = moments([4, 4, 7, 10]);
    const whole = moments([1, 2, 9, 4, 4, 7, 10]);
    expect(combineVariances(a.variance, a.mean, a.n, b.variance, b.mean, b.n)).toBeCloseTo(whole.variance, 12);
  });
});

describe('hedgesG on two small samples', () => {
  // a = [2, 4, 6, 8]: n1 = 4, mean 5, sample variance 20 / 3
  // b = [1, 2, 3]:    n2 = 3, mean 2, sample variance (1 + 0 + 1) / 2 = 1
  // pooled SD = sqrt((3 * 20/3 + 2 * 1) / (4 + 3 - 2)) = sqrt(22 / 5) = sqrt(4.4) = 2.0976177
  // d = (5 - 2) / 2.0976177 = 1.4301939
  // J = 1 - 3 / (4 * 7 - 9) = 1 - 3/19 = 16/19 = 0.8421053
  // g = 1.4301939 * 16/19 = 1.2043738
  // SE = sqrt(7 / 12 + g^2 / (2 * 7)) = sqrt(0.5833333 + 1.4505162 / 14) = sqrt(0.6869416) = 0.8288194
  // 95%: 1.2043738 -+ 1.959964 * 0.8288194 = [-0.4200824, 2.8288300]
  const r = hedgesG([2, 4, 6, 8], [1, 2, 3]);
  const handG = 1.2043738;
  const handSe = 0.8288194;

  it('gives the hand-computed g and group sizes', () => {
    expect(r.g).toBeCloseTo(handG, 6);
    expect(r.n1).toBe(4);
    expect(r.n2).toBe(3);
  });
  it('gives an interval symmetric around g, of half-width z * SE', () => {
    expect(r.upper - r.g).toBeCloseTo(r.g - r.lower, 12);
    expect((r.upper - r.g) / handSe).toBeCloseTo(Z95, 2);
    expect(r.lower).toBeCloseTo(-0.4200824, 2);
    expect(r.upper).toBeCloseTo(2.8288300, 2);
  });
  // BUG (src/analysis/hedges.ts): z = probit(0.975) from simple-statistics is an approximation,
  // 1.957162 instead of 1.959964, so the "95%" interval is 0.14% too narrow.
  it('uses the exact 95% normal quantile 1.959964', () => {
    expect((r.upper - r.g) / handSe).toBeCloseTo(Z95, 4);
  });
  it('changes sign, not size, when the groups swap', () => {
    const s = hedgesG([1, 2, 3], [2, 4, 6, 8]);
    expect(s.g).toBeCloseTo(-r.g, 12);
    expect(s.upper - s.lower).toBeCloseTo(r.upper - r.lower, 12);
  });
  it('gives a narrower interval at level 0.9', () => {
    const r90 = hedgesG([2, 4, 6, 8], [1, 2, 3], 0.9);
    expect(r90.g).toBe(r.g);
    expect(r90.upper - r90.lower).toBeLessThan(r.upper - r.lower);
    // half-width ratio is z90 / z95 = 1.644854 / 1.959964 = 0.83923
    expect((r90.upper - r90.g) / (r.upper - r.g)).toBeCloseTo(0.83923, 3);
  });
});

describe('hedgesGFromMoments', () => {
  it('matches its documented example: d = 1, J = 1 - 3/15 = 0.8, g = 0.8', () => {
    // population variance 2/3 with n = 3 is sample variance 1; pooled SD 1; d = (3 - 2) / 1
    expect(hedgesGFromMoments({ n: 3, mean: 3, variance: 2 / 3 }, { n: 3, mean: 2, variance: 2 / 3 }).g).toBeCloseTo(0.8, 12);
  });
  it('treats variances as population variances (converts with n / (n - 1))', () => {
    // n = 5 each, population variance 4 -> sample variance 5, pooled SD sqrt(5) = 2.2360680
    // d = 2 / 2.2360680 = 0.8944272; J = 1 - 3 / (40 - 9) = 28/31 = 0.9032258; g = 0.8078697
    // SE = sqrt(10/25 + g^2 / 20) = sqrt(0.4 + 0.6526534 / 20) = sqrt(0.4326327) = 0.6577482
    const r = hedgesGFromMoments({ n: 5, mean: 3, variance: 4 }, { n: 5, mean: 1, variance: 4 });
    expect(r.g).toBeCloseTo(0.8078697, 6);
    expect((r.upper - r.lower) / 2 / 0.6577482).toBeCloseTo(Z95, 2);
  });
  it('agrees with hedgesG on the raw samples', () => {
    const a = [0.3, -1.2, 2.5, 0.9, 1.1];
    const b = [0.1, 0.4, -0.8, 0.2];
    expect(hedgesGFromMoments(moments(a), moments(b))).toEqual(hedgesG(a, b));
  });
  it('gives NaN when a group has fewer than two members', () => {
    expect(hedgesG([1], [1, 2, 3])).toEqual({ g: NaN, lower: NaN, upper: NaN, n1: 1, n2: 3 });
    expect(hedgesG([1, 2], []).g).toBeNaN();
  });
  it('gives g = 0 for identical groups, with interval +- z sqrt(2/n)', () => {
    // n1 = n2 = 4: SE = sqrt(8/16 + 0) = 0.7071068
    const r = hedgesG([1, 2, 3, 4], [4, 3, 2, 1]);
    expect(r.g).toBe(0);
    expect(r.upper / 0.7071068).toBeCloseTo(Z95, 2);
  });
});
