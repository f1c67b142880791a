import { describe, expect, it } from 'vitest';
import { kaplanMeier, kaplanMeierFromCounts, survivalAt, survivalCounts } from '../../src/analysis/kaplanMeier.ts';

/**
 * Hand-worked data set, 8 matches (duration in weeks, + = event, c = censored):
 *   1+  2+  2+  2c  3c  4+  5+  5c
 * Ties: events are taken before censorings at the same time (the censored are still at risk).
 *
 *  t  at risk  d  c   S(t)                          Greenwood sum  d / (n (n - d))
 *  0     8     0  0   1                             0
 *  1     8     1  0   7/8 = 0.875                   1/56          = 1/(8*7)
 *  2     7     2  1   7/8 * 5/7 = 5/8 = 0.625       3/40 = 0.075  += 2/(7*5) = 2/35
 *  3     4     0  1   5/8                           3/40
 *  4     3     1  0   5/8 * 2/3 = 5/12 = 0.416667   29/120        += 1/(3*2) = 1/6
 *  5     2     1  1   5/12 * 1/2 = 5/24 = 0.208333  89/120        += 1/(2*1) = 1/2
 *
 * Band on the log(-log) scale: se = sqrt(Greenwood) / |ln S|, bounds S^exp(+-z se).
 *  t=1: ln S = -0.1335314, se = 0.1336306 / 0.1335314 = 1.0007431
 *  t=2: ln S = -0.4700036, se = 0.2738613 / 0.4700036 = 0.5826791
 *  t=4: ln S = -0.8754687, se = 0.4915960 / 0.8754687 = 0.5615232
 *  t=5: ln S = -1.5686159, se = 0.8611961 / 1.5686159 = 0.5490195
 * With z = 1.959964: t=1 [0.38700, 0.98139], t=2 [0.22933, 0.86070], t=4 [0.07197, 0.74733],
 * t=5 [0.01004, 0.58579].
 */
const durations = [1, 2, 2, 2, 3, 4, 5, 5];
const event = [true, true, true, false, false, true, true, false];
const Z95 = 1.959963984540054;
const handS = [1, 7 / 8, 5 / 8, 5 / 8, 5 / 12, 5 / 24];
const handGreenwood = [0, 1 / 56, 3 / 40, 3 / 40, 29 / 120, 89 / 120];
const handSe = [NaN, 1.0007431, 0.5826791, 0.5826791, 0.5615232, 0.5490195];

describe('survivalCounts', () => {
  it('counts events and censorings per integer time', () => {
    expect(survivalCounts(durations, event, 5)).toEqual({ events: [0, 1, 2, 0, 1, 1], censored: [0, 0, 1, 1, 0, 1] });
  });
  it('rounds durations and clamps them to [0, maxTime]', () => {
    // 0.4 -> 0, 2.6 -> 3, 7 -> 5 (clamped), -1 -> 0 (clamped)
    expect(survivalCounts([0.4, 2.6, 7, -1], [true, false, true, false], 5)).toEqual({
      events: [1, 0, 0, 0, 0, 1], censored: [1, 0, 0, 1, 0, 0],
    });
  });
});

describe('kaplanMeier on a hand-worked data set with ties and censoring', () => {
  const curve = kaplanMeier(durations, event);

  it('gives time, at-risk counts and events per time', () => {
    expect(curve.time).toEqual([0, 1, 2, 3, 4, 5]);
    expect(curve.atRisk).toEqual([8, 8, 7, 4, 3, 2]);
    expect(curve.events).toEqual([0, 1, 2, 0, 1, 1]);
  });
  it('gives the hand-computed S(t)', () => {
    expect(curve.survival).toHaveLength(6);
    curve.survival.forEach((s, t) => expect(s).toBeCloseTo(handS[t], 12));
  });
  it('gives a band that contains S(t) and collapses where S = 1', () => {
    expect([curve.lower[0], curve.upper[0]]).toEqual([1, 1]);
    for (let t = 1; t < 6; t++) {
      expect(curve.lower[t]).toBeLessThan(curve.survival[t]);
      expect(curve.upper[t]).toBeGreaterThan(curve.survival[t]);
      expect(curve.lower[t]).toBeGreaterThan(0);
      expect(curve.upper[t]).toBeLessThan(1);
    }
  });
  it('is symmetric on the log(-log) scale, with Greenwood\'s variance recovered from its width', () => {
    for (let t = 1; t < 6; t++) {
      const ls = Math.log(curve.survival[t]);
      const up = Math.log(Math.log(curve.lower[t]) / ls); // = +z se
      const down = Math.log(Math.log(curve.upper[t]) / ls); // = -z se
      expect(up).toBeCloseTo(-down, 10);
      // Greenwood sum from the band, (z se |ln S|)^2 / z^2, relative to the hand value.
      expect((up * ls) ** 2 / (Z95 * Z95) / handGreenwood[t]).toBeCloseTo(1, 2);
      expect(up / handSe[t]).toBeCloseTo(Z95, 2);
    }
  });
  it('gives the hand-computed bounds (to 2 decimals)', () => {
    const hand = [[1, 1], [0.38700, 0.98139], [0.22933, 0.86070], [0.22933, 0.86070], [0.07197, 0.74733], [0.01004, 0.58579]];
    hand.forEach(([lo, hi], t) => {
      expect(curve.lower[t]).toBeCloseTo(lo, 2);
      expect(curve.upper[t]).toBeCloseTo(hi, 2);
    });
  });
  // BUG (src/analysis/kaplanMeier.ts): z comes from simple-statistics' probit, an approximation:
  // probit(0.975) = 1.957162 instead of 1.959964, so the "95%" band is 0.14% too narrow on the
  // log(-log) scale. With the hand-computed se, (log(-log) half-width) / se should be 1.959964.
  it('uses the exact 95% normal quantile 1.959964 for the band', () => {
    const ls = Math.log(curve.survival[1]);
    expect(Math.log(Math.log(curve.lower[1]) / ls) / handSe[1]).toBeCloseTo(Z95, 4);
  });
  it('gives a narrower band at level 0.9', () => {
    const c90 = kaplanMeier(durations, event, 0.9);
    expect(c90.survival).toEqual(curve.survival);
    for (let t = 1; t < 6; t++) {
      expect(c90.lower[t]).toBeGreaterThan(curve.lower[t]);
      expect(c90.upper[t]).toBeLessThan(curve.upper[t]);
    }
  });
  // BUG (src/analysis/kaplanMeier.ts, kaplanMeier): survivalCounts rounds durations, but maxTime is the
  // raw maximum, so a fractional largest duration sizes the arrays with `new Array(maxTime + 1)` and
  // throws "RangeError: Invalid array length" (maxTime 2.5 -> new Array(3.5)).
  it('accepts a fractional largest duration as survivalCounts does (rounding it)', () => {
    const c = kaplanMeier([1, 2.5], [true, true]); // rounds to 1 and 3
    expect(c.survival).toEqual(kaplanMeierFromCounts([0, 1, 0, 1], [0, 0, 0, 0]).survival);
  });
});

describe('kaplanMeierFromCounts', () => {
  it('matches its documented example', () => {
    // n = 3; t=1: 1 of 3 ends, S = 2/3; t=2: 1 of 2 ends (1 censored), S = 2/3 * 1/2 = 1/3
    const c = kaplanMeierFromCounts([0, 1, 1], [0, 0, 1]);
    expect(c.survival[0]).toBe(1);
    expect(c.survival[1]).toBeCloseTo(2 / 3, 12);
    expect(c.survival[2]).toBeCloseTo(1 / 3, 12);
    expect(c.atRisk).toEqual([3, 3, 2]);
  });
  it('drops to 0 when every remaining match ends, with a band collapsed to 0 (no NaN)', () => {
    // n = 4; t=1: 1 of 4, S = 3/4; t=2: 3 of 3, S = 0
    const c = kaplanMeierFromCounts([0, 1, 3], [0, 0, 0]);
    expect(c.survival).toEqual([1, 0.75, 0]);
    expect(c.lower[2]).toBe(0);
    expect(c.upper[2]).toBe(0);
    expect(c.lower[1]).toBeGreaterThan(0);
  });
  it('stays at 1 with censoring only', () => {
    const c = kaplanMeierFromCounts([0, 0, 0], [2, 1, 3]);
    expect(c.survival).toEqual([1, 1, 1]);
    expect(c.lower).toEqual([1, 1, 1]);
    expect(c.upper).toEqual([1, 1, 1]);
    expect(c.atRisk).toEqual([6, 4, 3]);
  });
  it('keeps S(t) constant after everyone has left', () => {
    const c = kaplanMeierFromCounts([1, 0, 0], [1, 0, 0]);
    expect(c.survival).toEqual([0.5, 0.5, 0.5]);
    expect(c.atRisk).toEqual([2, 0, 0]);
  });
  it('rejects arrays of different lengths', () => {
    expect(() => kaplanMeierFromCounts([0, 1], [0])).toThrow('events and censored must have the same length');
  });
});

describe('survivalAt', () => {
  const curve = kaplanMeier(durations, event);
  it('reads S(t) and its band at t', () => {
    expect(survivalAt(curve, 2)).toEqual({ survival: curve.survival[2], lower: curve.lower[2], upper: curve.upper[2] });
    expect(survivalAt(curve, 4).survival).toBeCloseTo(5 / 12, 12);
  });
  it('clamps t to the curve: the last point beyond it, the first before it', () => {
    expect(survivalAt(curve, 50).survival).toBeCloseTo(5 / 24, 12);
    expect(survivalAt(curve, -3).survival).toBe(1);
  });
});
