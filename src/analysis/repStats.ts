import type { ReplicationResult } from '../model/results.ts';
import { WEEKLY_SERIES } from '../model/runReplication.ts';
import type { Scenario } from '../model/scenario.ts';
import { addValue, emptyHistogram, type Histogram } from './histogram.ts';
import { computeMetrics, type MetricName } from './metrics.ts';
import { replicationPool, type Pool } from './pool.ts';

/** Outcome histograms span this many baseline SDs each side of 0. */
export const OUTCOME_RANGE = 5;
export const OUTCOME_BINS = 100;

/**
 * What one replication contributes to a summary: small, fixed-size, plain data. Workers compute
 * it next to `runReplication`, so only this crosses threads, lands in shard files, and is merged
 * in replication order.
 */
export interface RepStats {
  replication: number;
  participantWeeks: number;
  /** Totals, competing-risk counts and moments of this replication (pool.ts). */
  pool: Pool;
  /** This replication's value of every figure, computed from its pool as the run's figures are. */
  metrics: Record<MetricName, number>;
  /** Main-outcome histograms of matched participants at the first measurement. */
  outcome: { programme: Histogram; counterfactual: Histogram };
  weekly: Record<string, number[]>;
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
  const outcome = {
    programme: emptyHistogram(-OUTCOME_RANGE, OUTCOME_RANGE, OUTCOME_BINS),
    counterfactual: emptyHistogram(-OUTCOME_RANGE, OUTCOME_RANGE, OUTCOME_BINS),
  };
  const first = result.points[0];
  for (const a of result.assessed) {
    if (a.point !== first || a.matchedWeeks === 0) continue;
    addValue(outcome.programme, a.programme[primary]);
    addValue(outcome.counterfactual, a.counterfactual[primary]);
  }
  return {
    replication: result.replication,
    participantWeeks: result.participantWeeks,
    pool,
    metrics: computeMetrics(pool, scenario),
    outcome,
    weekly: Object.fromEntries(WEEKLY_SERIES.map((s) => [s, result.weekly[s]])),
  };
}
