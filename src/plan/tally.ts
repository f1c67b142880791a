import { METRICS, type MetricName } from '../analysis/metrics.ts';
import { layoutFor, mergePacked, unpackPool, weeklySeries, type Layout } from '../analysis/packed.ts';
import type { Pool } from '../analysis/pool.ts';
import type { RepStats } from '../analysis/repStats.ts';
import { WEEKLY_SERIES } from '../model/runReplication.ts';
import type { Scenario } from '../model/scenario.ts';

/**
 * What the planner keeps of one candidate's replications: their statistics merged in packed form
 * (for every figure of metrics.ts), the sums of the weekly series (for the pipeline diagnosis), and
 * each replication's target value and cost per year. Fixed size whatever the replications, so a
 * search over many candidates keeps memory flat.
 *
 * @example
 *   const tally = new Tally(scenario);
 *   for (const o of runRange(scenario, { start: 0, end: 10 })) tally.add(o.stats, targetValue(o.stats, target, scenario.weeks));
 *   tally.metric('costPerYear'); tally.weeklyMean('participantsWaiting');
 */
export class Tally {
  /** Each replication's value of the service target, in replication order. */
  readonly values: number[] = [];
  /** Each replication's cost per year. */
  readonly costs: number[] = [];
  private readonly layout: Layout;
  private readonly merged: Float64Array;
  private readonly weeklySum: Float64Array;
  private reps = 0;
  private unpacked: { reps: number; pool: Pool } | null = null;

  constructor(readonly scenario: Scenario) {
    this.layout = layoutFor(scenario.weeks);
    this.merged = new Float64Array(this.layout.weekly);
    this.weeklySum = new Float64Array(WEEKLY_SERIES.length * scenario.weeks);
  }

  /** Adds a replication (in replication order) and its target value. */
  add(stats: RepStats, value: number): void {
    mergePacked(this.merged, stats.packed, this.layout);
    const weekly = stats.packed.subarray(this.layout.weekly);
    for (let i = 0; i < weekly.length; i++) this.weeklySum[i] += weekly[i];
    this.values.push(value);
    this.costs.push(stats.metrics.costPerYear);
    this.reps += 1;
  }

  get replications(): number {
    return this.reps;
  }

  /** The replications so far, pooled (pool.ts). */
  get pool(): Pool {
    if (this.unpacked?.reps !== this.reps) this.unpacked = { reps: this.reps, pool: unpackPool(this.merged, this.layout) };
    return this.unpacked.pool;
  }

  /** A figure of metrics.ts over the replications so far, pooled. */
  metric(name: MetricName): number {
    return METRICS[name].compute(this.pool, this.scenario);
  }

  /** The mean over replications of a weekly series, week by week (zeros for an unknown series). */
  weeklyMean(series: string): number[] {
    const i = WEEKLY_SERIES.indexOf(series);
    if (i < 0 || this.reps === 0) return new Array<number>(this.scenario.weeks).fill(0);
    return Array.from(weeklySeries(this.weeklySum, this.layout, i, 0), (x) => x / this.reps);
  }
}
