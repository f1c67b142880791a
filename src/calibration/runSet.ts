import { Aggregator } from '../analysis/aggregate.ts';
import { batchBounds, batchMeansInterval } from '../analysis/interval.ts';
import { replicationStats, type RepStats } from '../analysis/repStats.ts';
import type { RepRange } from '../engine/tasks.ts';
import type { Scenario } from '../model/scenario.ts';
import { runReplication } from '../model/runReplication.ts';
import { repExtras, type Evaluable, type RepExtras } from './statistics.ts';

/**
 * The replications of one scenario, whole and in contiguous batches. A fact's simulated value is
 * its statistic on the whole run; its 95% interval comes from batch means: the statistic on each
 * of B batches, t(B-1) * sd / sqrt(B) either side. Batch means suit every statistic alike (pooled
 * effect sizes, Kaplan-Meier shares, correlations) and, with the same batches in two scenarios run
 * on the same seed, give paired intervals for comparisons.
 */
export interface RunSet {
  readonly whole: Evaluable;
  readonly batches: readonly Evaluable[];
}

/** Runs a scenario's replications 0..reps-1 and returns them whole and in batches. */
export type ScenarioRunner = (scenario: Scenario, reps: number, batches: number) => Promise<RunSet>;

/** Collects replications, strictly in replication order, into a RunSet. */
export class RunCollector {
  private readonly stats: RepStats[] = [];
  private readonly extras: RepExtras[] = [];
  readonly batches: number;

  constructor(
    private readonly scenario: Scenario,
    private readonly reps: number,
    batches: number,
  ) {
    this.batches = Math.max(1, Math.min(batches, reps));
  }

  add(stats: RepStats, extras: RepExtras): void {
    if (stats.replication !== this.stats.length) {
      throw new Error(`replication ${stats.replication} arrived out of order (expected ${this.stats.length})`);
    }
    this.stats.push(stats);
    this.extras.push(extras);
  }

  private evaluable(start: number, end: number): Evaluable {
    const agg = new Aggregator(this.scenario, { firstReplication: start, totalReplications: this.reps });
    for (let r = start; r < end; r++) agg.add(this.stats[r]);
    return { scenario: this.scenario, summary: agg.finish().summary, stats: this.stats.slice(start, end), extras: this.extras.slice(start, end) };
  }

  finish(): RunSet {
    if (this.stats.length !== this.reps) throw new Error(`expected ${this.reps} replications, got ${this.stats.length}`);
    const batches: Evaluable[] = [];
    for (let b = 0; b < this.batches; b++) batches.push(this.evaluable(...batchBounds(this.reps, this.batches, b)));
    return { whole: this.evaluable(0, this.reps), batches };
  }
}

/** A replication's statistics and calibration extras: what a RunSet collects of it. */
export interface RepWithExtras {
  stats: RepStats;
  extras: RepExtras;
}

/**
 * The unit of work of every calibration runner (this thread, worker threads, Web Workers): a range of
 * replications, each reduced where it ran to its statistics and extras, so that the full records the
 * extras are computed from never cross threads.
 *
 * @example
 *   runRangeWithExtras(scenario, { start: 0, end: 5 }).map((o) => o.extras.meanQuality);
 */
export function runRangeWithExtras(scenario: Scenario, range: RepRange): RepWithExtras[] {
  const out: RepWithExtras[] = [];
  for (let rep = range.start; rep < range.end; rep++) {
    const result = runReplication(scenario, rep);
    out.push({ stats: replicationStats(result, scenario), extras: repExtras(result) });
  }
  return out;
}

/** The serial runner: every replication in this thread (the reference the parallel runner equals). */
export const serialRunner: ScenarioRunner = async (scenario, reps, batches) => {
  const c = new RunCollector(scenario, reps, batches);
  for (const o of runRangeWithExtras(scenario, { start: 0, end: reps })) c.add(o.stats, o.extras);
  return c.finish();
};

/**
 * A ratio of two statistics with its 95% interval from batches, linearised (the ratio of means,
 * not the mean of ratios, which small denominators would upset): z_b = (num_b - R den_b) / mean(den).
 */
export function ratioInterval(num: number, den: number, numBatches: readonly number[], denBatches: readonly number[]): { value: number; ci: [number, number] } {
  const value = num / den;
  const z: number[] = [];
  let denMean = 0;
  let n = 0;
  for (let b = 0; b < numBatches.length; b++) {
    if (!Number.isFinite(numBatches[b]) || !Number.isFinite(denBatches[b])) continue;
    denMean += denBatches[b];
    n += 1;
  }
  denMean /= n;
  for (let b = 0; b < numBatches.length; b++) {
    if (!Number.isFinite(numBatches[b]) || !Number.isFinite(denBatches[b])) continue;
    z.push(value + (numBatches[b] - value * denBatches[b]) / denMean);
  }
  return { value, ci: batchMeansInterval(value, z) };
}
