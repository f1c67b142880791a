import type { Aggregate } from './aggregate.ts';
import { summarize, type RepSummary } from './interval.ts';
import { METRICS, METRIC_NAMES, type MetricName } from './metrics.ts';

export interface PairedDifference {
  label: string;
  unit: string;
  base: number;
  other: number;
  /** other - base, replication by replication (common random numbers), with its 95% interval. */
  difference: RepSummary;
}

/**
 * Paired differences of every metric between two scenarios run with the same seed: replication r
 * of one against replication r of the other. The pairs share their random numbers, so the
 * interval reflects the design difference, not run-to-run noise.
 */
export function comparePaired(base: Aggregate, other: Aggregate): Record<MetricName, PairedDifference> {
  const out = {} as Record<MetricName, PairedDifference>;
  for (const m of METRIC_NAMES) {
    const a = base.perReplication[m];
    const b = other.perReplication[m];
    const n = Math.min(a.length, b.length);
    const diffs: number[] = [];
    for (let i = 0; i < n; i++) diffs.push(b[i] - a[i]);
    out[m] = { ...METRICS[m], base: base.summary.metrics[m].mean, other: other.summary.metrics[m].mean, difference: summarize(diffs) };
  }
  return out;
}
