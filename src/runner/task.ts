import { Aggregator, type Aggregate } from '../analysis/aggregate.ts';
import { replicationMetrics, replicationStats, type RepMetrics, type RepStats } from '../analysis/repStats.ts';
import type { RepRange } from '../engine/tasks.ts';
import type { ReplicationResult } from '../model/results.ts';
import { runReplication } from '../model/runReplication.ts';
import type { Scenario } from '../model/scenario.ts';

/** What a worker sends back per replication: the statistics, and the full records if asked. */
export interface RepOutput {
  stats: RepStats;
  records?: ReplicationResult;
}

/**
 * The body of every unit of work, wherever it runs (serial loop, Node worker thread, cluster
 * shard, browser Web Worker): run the replications of a range and reduce each to its statistics.
 * Full records are kept for replications below `recordsBelow` only, so memory stays flat.
 */
export function runRange(scenario: Scenario, range: RepRange, recordsBelow = 0): RepOutput[] {
  const out: RepOutput[] = [];
  for (let rep = range.start; rep < range.end; rep++) {
    const result = runReplication(scenario, rep);
    out.push({ stats: replicationStats(result, scenario), records: rep < recordsBelow ? result : undefined });
  }
  return out;
}

/**
 * The same unit of work for a caller that records figures only (an experiment): each replication
 * reduced to its value of every figure (`replicationMetrics`), a few hundred bytes instead of the
 * hundred kilobytes of statistics a summary merges.
 *
 * @example
 *   runRangeMetrics(scenario, { start: 0, end: 10 }).map((m) => m.metrics.prematureIncidence);
 */
export function runRangeMetrics(scenario: Scenario, range: RepRange): RepMetrics[] {
  const out: RepMetrics[] = [];
  for (let rep = range.start; rep < range.end; rep++) out.push(replicationMetrics(runReplication(scenario, rep), scenario));
  return out;
}

/** Runs every replication in this thread and aggregates: the reference the parallel runners must equal. */
export function runSerial(scenario: Scenario, reps = scenario.reps, onReplication?: (done: number) => void): Aggregate {
  const agg = new Aggregator(scenario);
  for (let rep = 0; rep < reps; rep++) {
    agg.add(runRange(scenario, { start: rep, end: rep + 1 })[0].stats);
    onReplication?.(rep + 1);
  }
  return agg.finish();
}

/**
 * Accepts finished ranges in any order and feeds the aggregator strictly in replication order.
 * Holds at most the ranges that finished early (about one per worker).
 */
export class OrderedMerger {
  private readonly pending = new Map<number, RepOutput[]>();
  private nextStart: number;

  constructor(
    private readonly aggregator: Aggregator,
    firstReplication: number,
    private readonly onOutput?: (o: RepOutput) => void,
  ) {
    this.nextStart = firstReplication;
  }

  accept(range: RepRange, outputs: RepOutput[]): void {
    this.pending.set(range.start, outputs);
    let ready = this.pending.get(this.nextStart);
    while (ready) {
      this.pending.delete(this.nextStart);
      for (const o of ready) {
        this.aggregator.add(o.stats);
        this.onOutput?.(o);
      }
      this.nextStart += ready.length;
      ready = this.pending.get(this.nextStart);
    }
  }

  get waiting(): number {
    return this.pending.size;
  }
}
