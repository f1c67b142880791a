import { describe, expect, it } from 'vitest';
import { latinHypercube } from '../../src/calibration/lhs.ts';
import { nelderMead } from '../../src/calibration/nelderMead.ts';
import { parseSearchParams, toUnit, toValues } from '../../src/calibration/search.ts';
import { createStreams } from '../../src/engine/random.ts';

const design = (seed: number) => createStreams(seed, 0).stream('calibration.design');

describe('latinHypercube', () => {
  it('puts exactly one point in every stratum of every dimension', () => {
    const pts = latinHypercube(12, 4, design(7));
    expect(pts).toHaveLength(12);
    for (let j = 0; j < 4; j++) {
      const strata = pts.map((p) => Math.floor(p[j] * 12)).sort((a, b) => a - b);
      expect(strata).toEqual(Array.from({ length: 12 }, (_, i) => i));
    }
  });
  it('depends only on the seed of its stream', () => {
    expect(latinHypercube(8, 3, design(7))).toEqual(latinHypercube(8, 3, design(7)));
    expect(latinHypercube(8, 3, design(8))).not.toEqual(latinHypercube(8, 3, design(7)));
  });
  it('rejects an empty design', () => {
    expect(() => latinHypercube(0, 2, design(1))).toThrow(RangeError);
  });
});

describe('nelderMead', () => {
  it('finds the minimum of a quadratic bowl inside the unit square', async () => {
    const r = await nelderMead(async ([x, y]) => (x - 0.3) ** 2 + 2 * (y - 0.7) ** 2, [0.8, 0.2], { maxEvaluations: 300, tolerance: 1e-5 });
    expect(r.x[0]).toBeCloseTo(0.3, 2);
    expect(r.x[1]).toBeCloseTo(0.7, 2);
  });
  it('stays in the unit cube when the minimum lies outside it', async () => {
    const r = await nelderMead(async ([x]) => (x - 1.5) ** 2, [0.5], { maxEvaluations: 100 });
    expect(r.x[0]).toBeLessThanOrEqual(1);
    expect(r.x[0]).toBeGreaterThan(0.99);
  });
  it('keeps to its budget of evaluations', async () => {
    let n = 0;
    const r = await nelderMead(async ([x, y]) => (n++, Math.sin(9 * x) + Math.cos(7 * y)), [0.5, 0.5], { maxEvaluations: 17 });
    expect(n).toBe(17);
    expect(r.evaluations).toBe(17);
  });
});

describe('parseSearchParams', () => {
  it('takes the declared range, or a narrower one', () => {
    const [a, b] = parseSearchParams('behaviour.gainRate, behaviour.mismatchPerYear=0.5:2');
    expect(a).toMatchObject({ path: 'behaviour.gainRate', min: 0, max: 0.5 });
    expect(b).toMatchObject({ path: 'behaviour.mismatchPerYear', min: 0.5, max: 2 });
  });
  it.each([
    ['behaviour.nope', /not a parameter/],
    ['programme.matching', /not a numeric parameter/],
    ['behaviour.gainRate=0.1', /lo:hi/],
    ['behaviour.gainRate=0.3:0.1', /lower bound/],
    ['behaviour.gainRate=0:9', /declared range/],
    ['behaviour.gainRate,behaviour.gainRate', /named twice/],
    ['', /no parameters/],
  ])('rejects %j', (list, message) => {
    expect(() => parseSearchParams(list)).toThrow(message);
  });
  it('maps the unit cube onto the bounds, rounding whole-number parameters', () => {
    const ps = parseSearchParams('behaviour.gainRate=0.01:0.05,programme.plannedWeeks=10:60');
    expect(toValues(ps, [0.5, 0.51])).toEqual({ 'behaviour.gainRate': 0.03, 'programme.plannedWeeks': 36 });
    expect(toUnit(ps, { 'behaviour.gainRate': 0.02, 'programme.plannedWeeks': 10 })).toEqual([0.25, 0]);
  });
});

describe('calibrate', () => {
  it('refuses held-out validation targets: calibration must never see them', async () => {
    const { calibrate } = await import('../../src/calibration/search.ts');
    const { parseTargets } = await import('../../src/calibration/targets.ts');
    const { serialRunner } = await import('../../src/calibration/runSet.ts');
    const { fileLoader } = await import('../../src/io/readScenario.ts');
    const file = parseTargets({
      version: 1, validationSeed: 5,
      targets: [{ id: 'held', fact: 2, use: 'validation', title: 'h', source: 's', scenario: { ref: 'flemish-befriending' }, statistic: { name: 'prematureIncidence' }, target: { min: 0, max: 1 } }],
    });
    await expect(calibrate(file, fileLoader, serialRunner, parseSearchParams('behaviour.gainRate'), { candidates: 0, refine: 0, reps: 2, seed: 1 })).rejects.toThrow(/held-out validation targets were given: held/);
  });
});
