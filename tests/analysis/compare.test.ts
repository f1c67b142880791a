import { describe, expect, it } from 'vitest';
import type { Aggregate, Summary } from '../../src/analysis/aggregate.ts';
import { comparePaired } from '../../src/analysis/compare.ts';
import { METRICS, METRIC_NAMES, type MetricName } from '../../src/analysis/metrics.ts';

/**
 * A hand-made aggregate: per-replication values for every metric (`fill` unless given) and a summary
 * whose metric means are the given `means` (default: NaN, so a test sees where they come from).
 */
function aggregate(values: Partial<Record<MetricName, number[]>>, fill: number[], means: Partial<Record<MetricName, number>> = {}): Aggregate {
  const perReplication = Object.fromEntries(METRIC_NAMES.map((m) => [m, values[m] ?? fill])) as Record<MetricName, number[]>;
  const metrics = Object.fromEntries(METRIC_NAMES.map((m) => [m, { mean: means[m] ?? NaN }]));
  return { summary: { metrics } as unknown as Summary, perReplication };
}

describe('comparePaired', () => {
  // base  [1, 2, 3, 4], other [2, 4, 3, 7]: differences other - base = [1, 2, 0, 3]
  // mean 1.5; squared deviations 0.25 + 0.25 + 2.25 + 2.25 = 5; sd = sqrt(5/3) = 1.2909944
  // half = t95(3) sd / sqrt(4) = 3.182 * 1.2909944 / 2 = 2.0539722 -> ci [-0.5539722, 3.5539722]
  // spread: sorted [0, 1, 2, 3], index 3 * 0.025 = 0.075 -> 0.075; index 2.925 -> 2 + 0.925 = 2.925
  const base = aggregate({ costTotal: [1, 2, 3, 4] }, [0, 0, 0, 0], { costTotal: 2.5 });
  const other = aggregate({ costTotal: [2, 4, 3, 7] }, [0, 0, 0, 0], { costTotal: 4 });
  const out = comparePaired(base, other);

  it('differences replication by replication, with the hand-computed interval', () => {
    const d = out.costTotal.difference;
    expect(d.n).toBe(4);
    expect(d.mean).toBeCloseTo(1.5, 12);
    expect(d.sd).toBeCloseTo(1.2909944, 6);
    expect(d.ci95[0]).toBeCloseTo(-0.5539722, 6);
    expect(d.ci95[1]).toBeCloseTo(3.5539722, 6);
    expect(d.pi95[0]).toBeCloseTo(0.075, 12);
    expect(d.pi95[1]).toBeCloseTo(2.925, 12);
  });
  it('takes base and other from the summaries\' means, with the metric\'s label and unit', () => {
    expect(out.costTotal).toMatchObject({ label: METRICS.costTotal.label, unit: METRICS.costTotal.unit, base: 2.5, other: 4 });
  });
  it('covers every metric', () => {
    expect(Object.keys(out)).toEqual(METRIC_NAMES);
    // identical replications: difference 0 with a zero-width interval
    expect(out.referred.difference).toEqual({ mean: 0, ci95: [0, 0], pi95: [0, 0], sd: 0, n: 4 });
  });
  it('pairs by replication index: reordering one side keeps the mean but changes the spread', () => {
    // other reordered [7, 3, 4, 2]: differences [6, 1, 1, -2], mean 1.5,
    // squared deviations 20.25 + 0.25 + 0.25 + 12.25 = 33, sd = sqrt(11) = 3.3166248
    const d = comparePaired(base, aggregate({ costTotal: [7, 3, 4, 2] }, [0, 0, 0, 0])).costTotal.difference;
    expect(d.mean).toBeCloseTo(1.5, 12);
    expect(d.sd).toBeCloseTo(3.3166248, 6);
  });
  it('is antisymmetric: swapping the scenarios negates the difference', () => {
    const back = comparePaired(other, base).costTotal;
    expect(back.difference.mean).toBeCloseTo(-1.5, 12);
    expect(back.difference.ci95[0]).toBeCloseTo(-3.5539722, 6);
    expect(back.difference.ci95[1]).toBeCloseTo(0.5539722, 6);
    expect([back.base, back.other]).toEqual([4, 2.5]);
  });
  it('pairs only the replications both have', () => {
    // other has 3 replications: differences [1, 2, 0] -> mean 1, n 3
    const d = comparePaired(base, aggregate({ costTotal: [2, 4, 3] }, [0, 0, 0])).costTotal.difference;
    expect(d.n).toBe(3);
    expect(d.mean).toBeCloseTo(1, 12);
  });
  it('leaves out pairs where either side has no value (NaN)', () => {
    // differences [1, NaN, 0, NaN] -> [1, 0]: mean 0.5, sd sqrt(0.5) = 0.7071068
    const a = aggregate({ prematureShare: [1, NaN, 3, 4] }, [0, 0, 0, 0]);
    const b = aggregate({ prematureShare: [2, 4, 3, NaN] }, [0, 0, 0, 0]);
    const d = comparePaired(a, b).prematureShare.difference;
    expect(d.n).toBe(2);
    expect(d.mean).toBeCloseTo(0.5, 12);
    expect(d.sd).toBeCloseTo(0.7071068, 6);
  });
});
