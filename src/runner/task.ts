import { Aggregator, type Aggregate } from '../analysis/aggregate.ts';
import { addToBlock, blockEnd, emptyBlock, type BlockStats } from '../analysis/blocks.ts';
import { layoutFor } from '../analysis/packed.ts';
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

/** What a worker sends back for a range run in blocks: the blocks' sums, and the full records asked for. */
export interface BlockOutput {
  blocks: BlockStats[];
  /** Full records of the range's replications below `recordsBelow`, in order. */
  records: ReplicationResult[];
}

/**
 * The unit of work of a run that needs only its summary (and a few records): the replications of
 * a range summed in their blocks (blocks.ts) where they ran, so that one block's sums, not ten
 * replications' statistics, are copied to the main thread and merged there. The range must start
 * where a block starts (a range's first replication counts as one); it may end inside one.
 *
 * @example
 *   const { blocks } = runBlocks(scenario, { start: 0, end: 20 });
 *   blocks.map((b) => [b.start, b.end]); // [[0, 10], [10, 20]] for a run of 200 replications
 */
export function runBlocks(scenario: Scenario, range: RepRange, recordsBelow = 0, total = scenario.reps): BlockOutput {
  const layout = layoutFor(scenario.weeks);
  const out: BlockOutput = { blocks: [], records: [] };
  let block: BlockStats | undefined;
  for (let rep = range.start; rep < range.end; rep++) {
    const result = runReplication(scenario, rep);
    if (rep < recordsBelow) out.records.push(result);
    block ??= emptyBlock(rep, Math.min(range.end, blockEnd(rep, total)), layout);
    addToBlock(block, replicationStats(result, scenario), layout);
    if (rep + 1 === block.end) {
      out.blocks.push(block);
      block = undefined;
    }
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
 * Hands on finished ranges in replication order, whatever order they finish in: each range's
 * `deliver` runs once every range before it has been delivered. Holds at most the ranges that
 * finished early (about one per worker).
 *
 * @example
 *   const order = new InOrder(0);
 *   order.accept({ start: 5, end: 9 }, () => console.log('5-8')); // waits
 *   order.accept({ start: 0, end: 5 }, () => console.log('0-4')); // prints 0-4, then 5-8
 */
export class InOrder {
  private readonly pending = new Map<number, { end: number; deliver: () => void }>();

  constructor(private next: number) {}

  accept(range: RepRange, deliver: () => void): void {
    this.pending.set(range.start, { end: range.end, deliver });
    let ready = this.pending.get(this.next);
    while (ready) {
      this.pending.delete(this.next);
      ready.deliver();
      this.next = ready.end;
      ready = this.pending.get(this.next);
    }
  }

  get waiting(): number {
    return this.pending.size;
  }
}

/**
 * Accepts finished ranges in any order and feeds the aggregator strictly in replication order:
 * single replications (`accept`) or blocks summed by a worker (`acceptBlocks`).
 */
export class OrderedMerger {
  private readonly order: InOrder;

  constructor(
    private readonly aggregator: Aggregator,
    firstReplication: number,
    private readonly onOutput?: (o: RepOutput) => void,
  ) {
    this.order = new InOrder(firstReplication);
  }

  accept(range: RepRange, outputs: RepOutput[]): void {
    this.order.accept(range, () => {
      for (const o of outputs) {
        this.aggregator.add(o.stats);
        this.onOutput?.(o);
      }
    });
  }

  /** A range run in blocks (runBlocks); its records, if any, go to `onRecords` in order. */
  acceptBlocks(range: RepRange, output: BlockOutput, onRecords?: (records: ReplicationResult) => void): void {
    this.order.accept(range, () => {
      for (const block of output.blocks) this.aggregator.addBlock(block);
      if (onRecords) for (const records of output.records) onRecords(records);
    });
  }

  get waiting(): number {
    return this.order.waiting;
  }
}
