import { METRICS, type MetricName } from '../analysis/metrics.ts';
import { addPool, emptyPool, type Pool } from '../analysis/pool.ts';
import type { RepStats } from '../analysis/repStats.ts';
import type { Scenario } from '../model/scenario.ts';

/**
 * What the planner keeps of one candidate's replications: their pooled statistics (for every
 * figure of metrics.ts), the sums of the weekly series (for the pipeline diagnosis), and each
 * replication's target value and cost per year. Fixed size whatever the replications, so a search
 * over many candidates keeps memory flat.
 *
 * @example
 *   const tally = new Tally(scenario);
 *   for (const o of runRange(scenario, { start: 0, end: 10 })) tally.add(o.stats, targetValue(o.stats, target));
 *   tally.metric('costPerYear'); tally.weeklyMean('participantsWaiting');
 */
export class Tally {
  readonly pool: Pool;
  /** Each replication's value of the service target, in replication order. */
  readonly values: number[] = [];
  /** Each replication's cost per year. */
  readonly costs: number[] = [];
  private readonly weeklySum = new Map<string, Float64Array>();
  private reps = 0;

  constructor(readonly scenario: Scenario) {
    this.pool = emptyPool(scenario.weeks);
  }

  /** Adds a replication (in replication order) and its target value. */
  add(stats: RepStats, value: number): void {
    addPool(this.pool, stats.pool);
    this.values.push(value);
    this.costs.push(stats.metrics.costPerYear);
    for (const [series, weekly] of Object.entries(stats.weekly)) {
      let sum = this.weeklySum.get(series);
      if (!sum) this.weeklySum.set(series, (sum = new Float64Array(weekly.length)));
      for (let w = 0; w < weekly.length; w++) sum[w] += weekly[w];
    }
    this.reps += 1;
  }

  get replications(): number {
    return this.reps;
  }

  /** A figure of metrics.ts over the replications so far, pooled. */
  metric(name: MetricName): number {
    return METRICS[name].compute(this.pool, this.scenario);
  }

  /** The mean over replications of a weekly series, week by week (zeros for a series never recorded). */
  weeklyMean(series: string): number[] {
    const sum = this.weeklySum.get(series);
    if (!sum || this.reps === 0) return new Array<number>(this.scenario.weeks).fill(0);
    return Array.from(sum, (x) => x / this.reps);
  }
}
