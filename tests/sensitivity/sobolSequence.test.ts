import { describe, expect, it } from 'vitest';
import { SensitivityError } from '../../src/sensitivity/errors.ts';
import { SOBOL_MAX_DIMENSIONS, sobolPoints } from '../../src/sensitivity/sobolSequence.ts';

describe('sobolPoints', () => {
  it('gives the first points in 3 dimensions after the origin, derived by hand from the direction numbers', () => {
    // Direction numbers in eighths: dimension 1 (van der Corput) 1/2, 1/4, 1/8; dimension 2 (s = 1,
    // m = 1) 1/2, 3/4, 5/8; dimension 3 (s = 2, a = 1, m = 1, 3) 1/2, 3/4, 3/8. Point i is the xor
    // of the direction numbers at the set bits of i's Gray code i ^ (i >> 1).
    const v = [[4, 2, 1], [4, 6, 5], [4, 6, 3]];
    const byHand = [1, 2, 3, 4, 5].map((i) => {
      const gray = i ^ (i >> 1);
      return v.map((dim) => dim.reduce((x, vb, b) => ((gray >> b) & 1 ? x ^ vb : x), 0) / 8);
    });
    expect(byHand).toEqual([[0.5, 0.5, 0.5], [0.75, 0.25, 0.25], [0.25, 0.75, 0.75], [0.375, 0.375, 0.625], [0.875, 0.875, 0.125]]);
    expect(sobolPoints(5, 3)).toEqual(byHand);
  });

  it('differs from tables that start dimension 3 with m = (1, 1) only in that dimension\'s early points', () => {
    // Older initial numbers ([SobolLevitan1976], as in [BratleyFox1988]) give dimension 3
    // v = 1/2, 1/4, 7/8: points 2 and 3 become (.75, .25, .75) and (.25, .75, .25). Joe & Kuo's
    // m = (1, 3) gives (.75, .25, .25) and (.25, .75, .75); points 1, 4 and 5 agree.
    const old = [4, 2, 7];
    const third = [1, 2, 3, 4, 5].map((i) => old.reduce((x, vb, b) => (((i ^ (i >> 1)) >> b) & 1 ? x ^ vb : x), 0) / 8);
    expect(third).toEqual([0.5, 0.75, 0.25, 0.625, 0.125]);
    expect(sobolPoints(5, 3).map((p) => p[2])).toEqual([0.5, 0.25, 0.75, 0.625, 0.125]);
  });

  it('starts at the origin with skip 0, and anywhere in the sequence with the same points', () => {
    const all = sobolPoints(40, 7, 0);
    expect(all[0]).toEqual(new Array(7).fill(0));
    expect(sobolPoints(39, 7)).toEqual(all.slice(1));
    expect(sobolPoints(11, 7, 29)).toEqual(all.slice(29));
  });

  it('matches reference points in high dimensions (scipy.stats.qmc.Sobol(1024, scramble=False, bits=32))', () => {
    const [p777] = sobolPoints(1, 1024, 777);
    const [p1000] = sobolPoints(1, 1024, 1000);
    expect([0, 1, 62, 63, 1022, 1023].map((d) => p1000[d] * 1024)).toEqual([225, 99, 265, 457, 141, 731]);
    expect([2, 3, 511, 512].map((d) => p777[d] * 1024)).toEqual([167, 281, 817, 827]);
  });

  it('puts exactly one of the first 2^m points in each of the 2^m intervals of every dimension', () => {
    const n = 256;
    const points = sobolPoints(n, SOBOL_MAX_DIMENSIONS, 0);
    for (let d = 0; d < SOBOL_MAX_DIMENSIONS; d++) {
      const cells = points.map((p) => p[d] * n).sort((a, b) => a - b);
      expect(cells).toEqual(Array.from({ length: n }, (_, i) => i));
    }
  });

  it('puts one point in each elementary box of a two-dimensional projection (the first two dimensions form a (0, m, 2)-net)', () => {
    const points = sobolPoints(64, 2, 0);
    for (const [rows, cols] of [[8, 8], [4, 16], [16, 4], [2, 32]]) {
      const boxes = new Set(points.map(([x, y]) => `${Math.floor(x * rows)},${Math.floor(y * cols)}`));
      expect(boxes.size).toBe(64);
    }
  });

  it('refuses more dimensions than the table holds, and impossible counts', () => {
    expect(() => sobolPoints(4, SOBOL_MAX_DIMENSIONS + 1)).toThrow(SensitivityError);
    expect(() => sobolPoints(4, 1025)).toThrow(/dimensions must be an integer from 1 to 1024 .*got 1025/);
    expect(() => sobolPoints(4, 0)).toThrow(/dimensions/);
    expect(() => sobolPoints(-1, 2)).toThrow(/points must be a non-negative integer, got -1/);
    expect(() => sobolPoints(2, 2, 1.5)).toThrow(/skip/);
    expect(() => sobolPoints(2, 2, 2 ** 32 - 1)).toThrow(/2\^32 points/);
    expect(sobolPoints(0, 2)).toEqual([]);
  });
});
