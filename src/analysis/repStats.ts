import type { ReplicationResult } from '../model/results.ts';
import type { Scenario } from '../model/scenario.ts';
import { addValue } from './histogram.ts';
import { computeMetrics, type MetricName } from './metrics.ts';
import { emptyOutcomeHistogram, layoutFor, packStats } from './packed.ts';
import { replicationPool } from './pool.ts';

export { OUTCOME_BINS, OUTCOME_RANGE } from './packed.ts';

/**
 * What one replication contributes to a summary: small, fixed-size numbers. Workers compute it
 * next to `runReplication`, so only this crosses threads, lands in shard files, and is merged in
 * replication order.
 */
export interface RepStats {
  replication: number;
  participantWeeks: number;
  /** This replication's value of every figure, computed from its pool as the run's figures are. */
  metrics: Record<MetricName, number>;
  /** Its pool (totals, competing-risk counts, moments), outcome histograms and weekly series (packed.ts). */
  packed: Float64Array;
}

/**
 * Reduces one replication's full result to its statistics.
 *
 * @example
 *   const stats = replicationStats(runReplication(scenario, 0), scenario);
 *   stats.metrics.prematureIncidence; // this replication's premature closure by the planned end
 */
export function replicationStats(result: ReplicationResult, scenario: Scenario): RepStats {
  const primary = scenario.params.outcomes.primary;
  const pool = replicationPool(result, scenario.params.inflow.initialVolunteers);
  const outcome = { programme: emptyOutcomeHistogram(), counterfactual: emptyOutcomeHistogram() };
  const first = result.points[0];
  for (const a of result.assessed) {
    if (a.point !== first || a.matchedWeeks === 0) continue;
    addValue(outcome.programme, a.programme[primary]);
    addValue(outcome.counterfactual, a.counterfactual[primary]);
  }
  return { ...replicationMetrics(result, scenario, pool), packed: packStats(pool, outcome, result.weekly, layoutFor(scenario.weeks)) };
}

/** A replication's value of every figure, without the statistics a summary merges: what an experiment records of it. */
export type RepMetrics = Pick<RepStats, 'replication' | 'participantWeeks' | 'metrics'>;

/**
 * A replication's figures only: the same values as `replicationStats(...).metrics`, without packing
 * the pool, histograms and weekly series (about 100 kB a replication) that only a summary needs.
 * Experiments record a few figures per replication, so their workers send back this.
 *
 * @example
 *   replicationMetrics(runReplication(scenario, 0), scenario).metrics.prematureIncidence;
 */
export function replicationMetrics(
  result: ReplicationResult,
  scenario: Scenario,
  pool = replicationPool(result, scenario.params.inflow.initialVolunteers),
): RepMetrics {
  return { replication: result.replication, participantWeeks: result.participantWeeks, metrics: computeMetrics(pool, scenario) };
}

