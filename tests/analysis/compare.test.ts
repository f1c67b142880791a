import { describe, expect, it } from 'vitest';
import type { Aggregate, Summary } from '../../src/analysis/aggregate.ts';
import { comparePaired } from '../../src/analysis/compare.ts';
import { METRICS, METRIC_NAMES, type MetricName } from '../../src/analysis/metrics.ts';

/**
 * A hand-made aggregate: batch values for every metric (`fill` unless given) and a summary whose
 * values are the given `values` (default: NaN, so a test sees where they come from).
 */
function aggregate(batches: Partial<Record<MetricName, number[]>>, fill: number[], values: Partial<Record<MetricName, number>> = {}, seed = 1): Aggregate {
  const perBatch = Object.fromEntries(METRIC_NAMES.map((m) => [m, batches[m] ?? fill])) as Record<MetricName, number[]>;
  const metrics = Object.fromEntries(METRIC_NAMES.map((m) => [m, { value: values[m] ?? NaN }]));
  return { summary: { scenario: { seed, reps: 8 }, metrics } as unknown as Summary, perReplication: perBatch, perBatch };
}

describe('comparePaired', () => {
  // base batches [1, 2, 3, 4], other [2, 4, 3, 7]: differences other - base = [1, 2, 0, 3]
  // sd = sqrt(5/3) = 1.2909944; half = t95(3) sd / sqrt(4) = 3.182 * 1.2909944 / 2 = 2.0539722
  // The point is other - base of the run values (4 - 2.5 = 1.5), the interval centred on it.
  const base = aggregate({ costPerYear: [1, 2, 3, 4] }, [0, 0, 0, 0], { costPerYear: 2.5 });
  const other = aggregate({ costPerYear: [2, 4, 3, 7] }, [0, 0, 0, 0], { costPerYear: 4 });
  const out = comparePaired(base, other);

  it('differences paired batches, with the hand-computed interval around the difference of the run values', () => {
    const d = out.costPerYear.difference;
    expect(d.batches).toBe(4);
    expect(d.value).toBeCloseTo(1.5, 12);
    expect(d.ci95[0]).toBeCloseTo(1.5 - 2.0539722, 6);
    expect(d.ci95[1]).toBeCloseTo(1.5 + 2.0539722, 6);
  });
  it('takes base and other from the summaries, with the metric\'s label, unit and population', () => {
    expect(out.costPerYear).toMatchObject({ label: METRICS.costPerYear.label, unit: METRICS.costPerYear.unit, over: METRICS.costPerYear.over, base: 2.5, other: 4 });
  });
  it('covers every metric; identical batches give a zero-width interval', () => {
    expect(Object.keys(out)).toEqual(METRIC_NAMES);
    const same = comparePaired(aggregate({}, [1, 2, 3], { matchedShare: 0.5 }), aggregate({}, [1, 2, 3], { matchedShare: 0.5 }));
    expect(same.matchedShare.difference).toEqual({ value: 0, ci95: [0, 0], batches: 3 });
  });
  it('pairs by batch: reordering one side keeps the difference but widens the interval', () => {
    // other reordered [7, 3, 4, 2]: differences [6, 1, 1, -2], sd sqrt(11) = 3.3166248
    const d = comparePaired(base, aggregate({ costPerYear: [7, 3, 4, 2] }, [0, 0, 0, 0], { costPerYear: 4 })).costPerYear.difference;
    expect(d.value).toBeCloseTo(1.5, 12);
    expect(d.ci95[1] - d.value).toBeCloseTo((3.182 * 3.3166248) / 2, 5);
  });
  it('is antisymmetric: swapping the designs negates the difference', () => {
    const back = comparePaired(other, base).costPerYear;
    expect(back.difference.value).toBeCloseTo(-1.5, 12);
    expect(back.difference.ci95[0]).toBeCloseTo(-1.5 - 2.0539722, 6);
    expect([back.base, back.other]).toEqual([4, 2.5]);
  });
  it('leaves out batches where either side has no value', () => {
    const a = aggregate({ prematureIncidence: [1, NaN, 3, 4] }, [0, 0, 0, 0], { prematureIncidence: 2 });
    const b = aggregate({ prematureIncidence: [2, 4, 3, NaN] }, [0, 0, 0, 0], { prematureIncidence: 3 });
    expect(comparePaired(a, b).prematureIncidence.difference.ci95[1] - 1).toBeCloseTo((12.706 * Math.sqrt(0.5)) / Math.sqrt(2), 6);
  });
  it('refuses designs run on different seeds: they would not pair', () => {
    expect(() => comparePaired(base, aggregate({}, [0, 0, 0, 0], {}, 2))).toThrow(/same seed/);
  });
});
