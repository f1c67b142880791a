import { describe, expect, it } from 'vitest';
import { bootstrapStream, draw, percentileInterval, resolveOptions } from '../../src/sensitivity/bootstrap.ts';
import { overlapsDummy } from '../../src/sensitivity/noiseFloor.ts';

describe('percentileInterval', () => {
  it('takes the R type 7 percentiles of the replicates', () => {
    // Five sorted values: the 25th percentile sits at position 1, the 75th at position 3.
    expect(percentileInterval(0.3, Float64Array.from([0.5, 0.1, 0.4, 0.2, 0.3]), 0.5)).toEqual({ value: 0.3, lower: 0.2, upper: 0.4 });
    // 0.95 on 0 ... 100: positions 2.5 and 97.5.
    const hundred = Float64Array.from({ length: 101 }, (_, i) => 100 - i);
    const iv = percentileInterval(50, hundred, 0.95);
    expect(iv.lower).toBeCloseTo(2.5, 12);
    expect(iv.upper).toBeCloseTo(97.5, 12);
  });

  it('leaves out replicates that are not numbers, and gives NaN when none is', () => {
    expect(percentileInterval(1, Float64Array.from([NaN, 1, 3, NaN]), 0.5)).toEqual({ value: 1, lower: 1.5, upper: 2.5 });
    expect(percentileInterval(NaN, Float64Array.from([NaN]), 0.9)).toEqual({ value: NaN, lower: NaN, upper: NaN });
  });
});

describe('draw', () => {
  it('picks each unit about equally often, the same for the same seed', () => {
    const s = bootstrapStream(1);
    const counts = new Array(7).fill(0);
    for (let t = 0; t < 70_000; t++) counts[draw(s, 0, t, 7)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(400);
    const again = bootstrapStream(1);
    expect(Array.from({ length: 50 }, (_, t) => draw(again, 3, t, 10))).toEqual(Array.from({ length: 50 }, (_, t) => draw(s, 3, t, 10)));
  });
});

describe('resolveOptions', () => {
  it('fills in 1,000 resamples, level 0.95, seed 1 and names x1 ... xk', () => {
    expect(resolveOptions(3)).toEqual({ resamples: 1000, level: 0.95, seed: 1, names: ['x1', 'x2', 'x3'], dummy: -1 });
    expect(resolveOptions(2, { names: ['a', 'noise'], dummy: 'noise' }).dummy).toBe(1);
  });
});

describe('overlapsDummy', () => {
  const floor = { value: 0.01, lower: 0, upper: 0.03 };
  it('flags an interval that reaches into the dummy\'s, and not one clearly above it', () => {
    expect(overlapsDummy({ value: 0.05, lower: 0.02, upper: 0.08 }, floor)).toBe(true);
    expect(overlapsDummy({ value: 0.05, lower: 0.031, upper: 0.08 }, floor)).toBe(false);
    expect(overlapsDummy({ value: NaN, lower: NaN, upper: NaN }, floor)).toBe(true);
  });
});
