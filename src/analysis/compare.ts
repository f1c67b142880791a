import type { Aggregate } from './aggregate.ts';
import { batchMeansInterval } from './interval.ts';
import { METRICS, METRIC_NAMES, type MetricName } from './metrics.ts';

export interface PairedDifference {
  label: string;
  unit: string;
  over: string;
  base: number;
  other: number;
  /**
   * other - base, with the 95% interval from batch means of paired batches: both designs run on
   * the same seed and replications (common random numbers), so batch b of one pairs with batch b
   * of the other and the interval reflects the design difference, not run-to-run noise.
   */
  difference: { value: number; ci95: [number, number]; batches: number };
}

/**
 * Paired differences of every figure between two designs run with the same seed and replications.
 *
 * @example
 *   const d = comparePaired(runSerial(base), runSerial(other));
 *   d.prematureIncidence.difference.ci95; // excludes 0 when the designs differ clearly
 */
export function comparePaired(base: Aggregate, other: Aggregate): Record<MetricName, PairedDifference> {
  const a = base.summary.scenario;
  const b = other.summary.scenario;
  if (a.seed !== b.seed || a.reps !== b.reps) {
    throw new Error(`paired comparison needs the same seed and replications (got seed ${a.seed}/${b.seed}, ${a.reps}/${b.reps} replications)`);
  }
  const out = {} as Record<MetricName, PairedDifference>;
  for (const m of METRIC_NAMES) {
    const x = base.summary.metrics[m].value;
    const y = other.summary.metrics[m].value;
    const bx = base.perBatch[m];
    const by = other.perBatch[m];
    const diffs = by.map((v, i) => v - bx[i]);
    const { label, unit, over } = METRICS[m];
    out[m] = { label, unit, over, base: x, other: y, difference: { value: y - x, ci95: batchMeansInterval(y - x, diffs), batches: diffs.length } };
  }
  return out;
}
