import type { RepRange } from '../engine/tasks.ts';
import { batchBounds, batchCount, batchOf } from './interval.ts';
import type { MetricName } from './metrics.ts';
import { mergePacked, type Layout } from './packed.ts';
import type { RepStats } from './repStats.ts';

/**
 * Blocks of replications: the unit in which a run's statistics are summed.
 *
 * A run's summary adds up every replication's packed statistics (about 100 kB each). Floating-point
 * sums depend on their order, so the order is fixed by the replication indices alone: replications
 * are first merged, in order, into blocks of at most BLOCK_REPS consecutive replications that never
 * cross a batch of the batch-means intervals, and the blocks are then merged, in order, into the
 * run and into their batch. A block is the same whoever sums it: a worker thread that ran its
 * replications (so only one block, not ten replications, is copied to and merged on the main
 * thread) or the aggregator fed single replications (a serial run, shards being merged, the
 * dashboard). So the summary is byte-identical whatever the workers, tasks or shards.
 */

/**
 * Replications per block (at most). Ten keeps the main thread's share of a run on 2 workers small
 * (one copy and merge per ten replications) while the smallest task, one block, stays about 30 ms
 * of community-mentoring, short enough for the last tasks to balance (measured: docs/performance.md).
 */
export const BLOCK_REPS = 10;

/**
 * Where the block holding replication `rep` ends (exclusive), in a run of `total` replications
 * cut into batches for batch means: the next multiple of BLOCK_REPS or the end of rep's batch,
 * whichever comes first. A block that starts at a range's first replication (a shard) runs to the
 * same end; one cut by a range's end stops there.
 *
 * @example
 *   blockEnd(0, 1000);  // 10
 *   blockEnd(47, 1000); // 50
 *   blockEnd(3, 30);    // 4 (30 replications in 20 batches: [3, 4) is a batch of its own)
 */
export function blockEnd(rep: number, total: number): number {
  const grid = (Math.floor(rep / BLOCK_REPS) + 1) * BLOCK_REPS;
  const batches = batchCount(total);
  const batchEnd = batchBounds(total, batches, batchOf(rep, total, batches))[1];
  return Math.max(rep + 1, Math.min(grid, batchEnd));
}

/**
 * Moves the end of every task to the next block boundary (or the range's end), dropping tasks left
 * empty, so that each task holds whole blocks and a worker can sum them.
 *
 * @example
 *   alignToBlocks([{ start: 0, end: 7 }, { start: 7, end: 14 }, { start: 14, end: 20 }], 1000);
 *   // [{ start: 0, end: 10 }, { start: 10, end: 20 }]
 */
export function alignToBlocks(tasks: readonly RepRange[], total: number): RepRange[] {
  if (tasks.length === 0) return [];
  const last = tasks[tasks.length - 1].end;
  const out: RepRange[] = [];
  let start = tasks[0].start;
  for (const task of tasks) {
    if (task.end <= start) continue;
    let end = start;
    while (end < task.end) end = Math.min(last, blockEnd(end, total));
    out.push({ start, end });
    start = end;
  }
  return out;
}

/** Length of a block's sums: the pool part of the packed layout, then the weekly series' sums and sums of squares. */
export function blockLength(layout: Layout): number {
  return layout.weekly + 2 * (layout.size - layout.weekly);
}

/** A block of consecutive replications [start, end): their statistics summed, and each one's figures. */
export interface BlockStats {
  start: number;
  end: number;
  participantWeeks: number;
  /** Each replication's value of every figure, in order (the spread of single runs needs them). */
  metrics: Record<MetricName, number>[];
  /** The replications' pools merged in order (packed.ts layout up to the weekly series), then the weekly sums and sums of squares. */
  packed: Float64Array;
}

/**
 * An empty block that will hold replications from `start` up to `end`.
 *
 * @example
 *   const block = emptyBlock(0, blockEnd(0, scenario.reps), layoutFor(scenario.weeks));
 */
export function emptyBlock(start: number, end: number, layout: Layout): BlockStats {
  return { start, end, participantWeeks: 0, metrics: [], packed: new Float64Array(blockLength(layout)) };
}

/**
 * Adds one replication's packed statistics to a block's sums: its pool merged, its weekly series
 * added to the sums and, squared, to the sums of squares.
 */
export function addReplicationSums(target: Float64Array, packed: Float64Array, layout: Layout): void {
  mergePacked(target, packed, layout);
  const weekly = layout.weekly;
  const length = layout.size - weekly;
  for (let i = 0; i < length; i++) {
    const x = packed[weekly + i];
    target[weekly + i] += x;
    target[weekly + length + i] += x * x;
  }
}

/**
 * Adds the next replication to a block, in order.
 *
 * @example
 *   const block = emptyBlock(0, 10, layout);
 *   addToBlock(block, replicationStats(runReplication(scenario, 0), scenario), layout);
 */
export function addToBlock(block: BlockStats, stats: RepStats, layout: Layout): void {
  const expected = block.start + block.metrics.length;
  if (stats.replication !== expected || expected >= block.end) {
    throw new Error(`replication ${stats.replication} does not continue block [${block.start}, ${block.end}) (expected ${expected})`);
  }
  addReplicationSums(block.packed, stats.packed, layout);
  block.metrics.push(stats.metrics);
  block.participantWeeks += stats.participantWeeks;
}

/** Adds a block's sums to a run's (or a batch's, which has the pool part only). */
export function addBlockSums(target: Float64Array, block: Float64Array, layout: Layout): void {
  mergePacked(target, block, layout);
  const to = Math.min(target.length, block.length);
  for (let i = layout.weekly; i < to; i++) target[i] += block[i];
}
