import { describe, expect, it } from 'vitest';
import { createStreams } from '../../src/engine/random.ts';
import { SensitivityError } from '../../src/sensitivity/errors.ts';
import { morrisIndices, morrisSample, type MorrisLayout } from '../../src/sensitivity/morris.ts';
import { ishigami, linear, morrisExpectation } from '../../src/sensitivity/testFunctions.ts';
import { campolongoSelection, trajectorySpread } from '../../src/sensitivity/trajectorySpread.ts';
import type { UnitSample } from '../../src/sensitivity/types.ts';

/**
 * Two trajectories on the 4-level grid (delta = 2/3), written out by hand:
 * 1: (0, 0) -> x1 up -> (2/3, 0) -> x2 up -> (2/3, 2/3)
 * 2: (1, 1/3) -> x2 up -> (1, 1) -> x1 down -> (1/3, 1)
 */
const handMade: UnitSample<MorrisLayout> = {
  k: 2,
  points: [[0, 0], [2 / 3, 0], [2 / 3, 2 / 3], [1, 1 / 3], [1, 1], [1 / 3, 1]],
  layout: { method: 'morris', levels: 4, delta: 2 / 3, trajectories: 2, candidates: 2, seed: 0, order: [[0, 1], [1, 0]], directions: [[1, 1], [1, -1]] },
};

const trajectoriesOf = (s: UnitSample<MorrisLayout>) =>
  Array.from({ length: s.layout.trajectories }, (_, t) => s.points.slice(t * (s.k + 1), (t + 1) * (s.k + 1)));

describe('morrisIndices on hand-computed cases', () => {
  it('linear f = 3 x1 - 2 x2: every elementary effect is the coefficient', () => {
    // Outputs 0, 2, 2/3 and 7/3, 1, -1. Trajectory 1: EE1 = (2 - 0) / (2/3) = 3, EE2 = (2/3 - 2) / (2/3) = -2.
    // Trajectory 2: EE2 = (1 - 7/3) / (2/3) = -2, EE1 = (-1 - 1) / (-2/3) = 3.
    const r = morrisIndices(handMade, handMade.points.map(([u, v]) => 3 * u - 2 * v), { resamples: 50 });
    expect(r.factors.map((f) => f.mu.value)).toEqual([expect.closeTo(3, 12), expect.closeTo(-2, 12)]);
    expect(r.factors.map((f) => f.muStar.value)).toEqual([expect.closeTo(3, 12), expect.closeTo(2, 12)]);
    expect(r.factors.map((f) => f.sigma)).toEqual([expect.closeTo(0, 12), expect.closeTo(0, 12)]);
    expect(r).toMatchObject({ method: 'morris', trajectories: 2, levels: 4, delta: 2 / 3, resamples: 50 });
  });

  it('f = x1 x2: effects that differ between trajectories', () => {
    // Outputs 0, 0, 4/9 and 1/3, 1, 1/3. Trajectory 1: EE1 = 0, EE2 = (4/9) / (2/3) = 2/3.
    // Trajectory 2: EE2 = (1 - 1/3) / (2/3) = 1, EE1 = (1/3 - 1) / (-2/3) = 1.
    // mu = (1/2, 5/6), sigma = (sd(0, 1), sd(2/3, 1)) = (1/sqrt 2, 1/(3 sqrt 2)).
    const r = morrisIndices(handMade, handMade.points.map(([u, v]) => u * v), { resamples: 200 });
    const [x1, x2] = r.factors;
    expect(x1.mu.value).toBeCloseTo(0.5, 12);
    expect(x1.muStar.value).toBeCloseTo(0.5, 12);
    expect(x1.sigma).toBeCloseTo(Math.SQRT1_2, 12);
    expect(x2.mu.value).toBeCloseTo(5 / 6, 12);
    expect(x2.sigma).toBeCloseTo(1 / (3 * Math.SQRT2), 12);
    // A resample of two trajectories has mean 0, 1/2 or 1 for x1: the interval stays within them.
    expect(x1.muStar.lower).toBeGreaterThanOrEqual(0);
    expect(x1.muStar.upper).toBeLessThanOrEqual(1 + 1e-12);
    expect(x1.muStar.upper).toBeGreaterThan(x1.muStar.lower);
  });

  it('refuses a layout that does not describe the points', () => {
    const moved = { ...handMade, points: handMade.points.map((p, i) => (i === 2 ? [2 / 3, 1] : p)) };
    expect(() => morrisIndices(moved, [0, 0, 0, 0, 0, 0])).toThrow(/row 2 does not follow its layout: factor 2 moved by 1, expected 0\.666/);
    expect(() => morrisIndices({ ...handMade, points: handMade.points.slice(1) }, [0, 0, 0, 0, 0])).toThrow(/has 5 rows; 2 trajectories of 2 factors need 6/);
  });
});

describe('morrisSample', () => {
  const k = 5;
  const s = morrisSample(k, { levels: 4, trajectories: 30, seed: 11 });

  it('gives r trajectories of k + 1 grid points, each moving every factor once by delta', () => {
    expect(s.points).toHaveLength(30 * (k + 1));
    expect(s.layout.delta).toBeCloseTo(2 / 3, 15);
    const grid = [0, 1 / 3, 2 / 3, 1];
    for (const p of s.points) for (const x of p) expect(grid.some((g) => Math.abs(g - x) < 1e-12)).toBe(true);
    trajectoriesOf(s).forEach((points, t) => {
      expect([...s.layout.order[t]].sort()).toEqual([0, 1, 2, 3, 4]);
      for (let m = 0; m < k; m++) {
        const changed = points[m].map((x, i) => points[m + 1][i] - x).map((d, i) => [i, d] as const).filter(([, d]) => Math.abs(d) > 1e-12);
        expect(changed).toHaveLength(1);
        expect(changed[0][0]).toBe(s.layout.order[t][m]);
        expect(changed[0][1]).toBeCloseTo(s.layout.directions[t][m] * (2 / 3), 12);
      }
    });
  });

  it('visits every level of every factor about equally often', () => {
    const big = morrisSample(3, { levels: 6, trajectories: 2000, seed: 2 });
    for (let i = 0; i < 3; i++) {
      const counts = new Array(6).fill(0);
      for (const p of big.points) counts[Math.round(p[i] * 5)]++;
      for (const c of counts) expect(Math.abs(c / big.points.length - 1 / 6)).toBeLessThan(0.02);
    }
  });

  it('is the same for the same seed and differs for another', () => {
    expect(morrisSample(k, { levels: 4, trajectories: 30, seed: 11 })).toEqual(s);
    expect(morrisSample(k, { levels: 4, trajectories: 30, seed: 12 }).points).not.toEqual(s.points);
  });

  it('keeps spread-out trajectories when given candidates (Campolongo et al. 2007)', () => {
    const plain = morrisSample(6, { levels: 4, trajectories: 10, seed: 3 });
    const chosen = morrisSample(6, { levels: 4, trajectories: 10, candidates: 100, seed: 3 });
    expect(chosen.layout.candidates).toBe(100);
    expect(trajectorySpread(trajectoriesOf(chosen))).toBeGreaterThan(trajectorySpread(trajectoriesOf(plain)));
  });

  it('refuses odd levels, fewer candidates than trajectories and bad counts', () => {
    expect(() => morrisSample(3, { levels: 5, trajectories: 10, seed: 1 })).toThrow(SensitivityError);
    expect(() => morrisSample(3, { levels: 5, trajectories: 10, seed: 1 })).toThrow(/levels must be an even integer of at least 2 .*got 5/);
    expect(() => morrisSample(3, { levels: 4, trajectories: 10, candidates: 5, seed: 1 })).toThrow(/candidates must be an integer of at least trajectories \(10\), got 5/);
    expect(() => morrisSample(0, { levels: 4, trajectories: 10, seed: 1 })).toThrow(/factors must be an integer of at least 1, got 0/);
    expect(() => morrisSample(3, { levels: 4, trajectories: 0, seed: 1 })).toThrow(/trajectories/);
    expect(() => morrisSample(3, { levels: 4, trajectories: 2, seed: -3 })).toThrow(/seed/);
  });
});

describe('campolongoSelection', () => {
  it('measures the spread by hand and keeps the farthest pair', () => {
    // One-factor trajectories of two points each. d(0, 2) = 4 * 1 = 4, d(0, 1) = 4 * 0.1, d(1, 2) = 4 * 0.9.
    const t = [[[0], [0]], [[0.1], [0.1]], [[1], [1]]];
    expect(trajectorySpread([t[0], t[2]])).toBeCloseTo(4, 12);
    expect(trajectorySpread(t)).toBeCloseTo(Math.sqrt(16 + 0.16 + 12.96), 12);
    expect(campolongoSelection(t, 2)).toEqual([0, 2]);
  });

  it('ends where no single swap of a chosen for an unchosen trajectory spreads the set further', () => {
    const s = morrisSample(4, { levels: 4, trajectories: 40, seed: 9 });
    const all = trajectoriesOf(s);
    const chosen = campolongoSelection(all, 6);
    expect(chosen).toHaveLength(6);
    const spread = trajectorySpread(chosen.map((c) => all[c]));
    for (const out of chosen) {
      for (let into = 0; into < all.length; into++) {
        if (chosen.includes(into)) continue;
        const swapped = chosen.map((c) => (c === out ? into : c));
        expect(trajectorySpread(swapped.map((c) => all[c]))).toBeLessThanOrEqual(spread * (1 + 1e-12));
      }
    }
  });
});

describe('morrisIndices against analytic values', () => {
  it('gives mu*_i = |c_i|, mu_i = c_i and sigma_i = 0 for a linear function, 0 for an unused input', () => {
    const f = linear([2, -1, 0.5, 0]);
    const s = morrisSample(4, { levels: 4, trajectories: 15, candidates: 60, seed: 4 });
    const r = morrisIndices(s, s.points.map(f.evaluate));
    r.factors.forEach((x, i) => {
      expect(x.muStar.value).toBeCloseTo(f.muStar[i], 12);
      expect(x.mu.value).toBeCloseTo(f.mu[i], 12);
      expect(x.sigma).toBeCloseTo(0, 12);
    });
    expect(r.factors[3].muStar).toEqual({ value: 0, lower: 0, upper: 0 });
  });

  it('recovers the exact grid expectation of mu* for Ishigami and its ranking', () => {
    const f = ishigami();
    const expected = morrisExpectation(f.evaluate, 3, 6).muStar;
    const s = morrisSample(3, { levels: 6, trajectories: 800, seed: 21 });
    const r = morrisIndices(s, s.points.map(f.evaluate), { resamples: 500 });
    r.factors.forEach((x, i) => {
      expect(expected[i]).toBeGreaterThan(x.muStar.lower - 0.1);
      expect(expected[i]).toBeLessThan(x.muStar.upper + 0.1);
    });
    const order = (v: number[]) => v.map((_, i) => i).sort((a, b) => v[b] - v[a]);
    expect(order(r.factors.map((x) => x.muStar.value))).toEqual(order(expected));
  });

  it('gives the same intervals for the same seed and other intervals for another', () => {
    const f = ishigami();
    const s = morrisSample(3, { levels: 4, trajectories: 50, seed: 1 });
    const y = s.points.map(f.evaluate);
    const one = morrisIndices(s, y, { seed: 8 });
    expect(morrisIndices(s, y, { seed: 8 })).toEqual(one);
    expect(morrisIndices(s, y, { seed: 9 }).factors[0].muStar.lower).not.toBe(one.factors[0].muStar.lower);
  });

  it('refuses failed points with their rows', () => {
    const s = morrisSample(2, { levels: 4, trajectories: 3, seed: 1 });
    const y = s.points.map((p, i) => (i === 4 ? NaN : p[0]));
    expect(() => morrisIndices(s, y)).toThrow(/1 of 9 outputs is not a finite number \(failed points\): row 4 at \(.+\) = NaN$/);
    expect(() => morrisIndices(s, y.slice(0, 8))).toThrow(/outputs have 8 values but the sample has 9 rows/);
  });
});

describe('morrisIndices with a dummy factor', () => {
  const names = ['volunteers', 'training', 'dummy'];
  it('gives the dummy of a deterministic model mu* = 0', () => {
    const s = morrisSample(3, { levels: 4, trajectories: 20, seed: 5 });
    const r = morrisIndices(s, s.points.map(([u, v]) => u * u + v), { names, dummy: 'dummy' });
    expect(r.noiseFloor).toEqual({ value: 0, lower: 0, upper: 0 });
    expect(r.factors.map((f) => f.overlapsDummy)).toEqual([false, false, undefined]);
  });

  it('flags a factor whose mu* interval reaches into the noise floor of a stochastic model', () => {
    const noise = createStreams(4, 0).stream('test.noise');
    const s = morrisSample(3, { levels: 4, trajectories: 200, seed: 5 });
    const y = s.points.map(([u, v], row) => 5 * u + 0.02 * v + 0.3 * (noise.u(row) - 0.5));
    const r = morrisIndices(s, y, { names, dummy: 'dummy', resamples: 400 });
    expect(r.noiseFloor!.value).toBeGreaterThan(0.05);
    expect(r.factors[0].overlapsDummy).toBe(false);
    expect(r.factors[1].overlapsDummy).toBe(true);
  });
});
