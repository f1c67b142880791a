import { describe, expect, it } from 'vitest';
import { BLOCK_REPS, addBlockSums, addReplicationSums, addToBlock, alignToBlocks, blockEnd, blockLength, emptyBlock } from '../../src/analysis/blocks.ts';
import { batchBounds, batchCount, batchOf } from '../../src/analysis/interval.ts';
import { layoutFor, mergePacked } from '../../src/analysis/packed.ts';
import { replicationStats } from '../../src/analysis/repStats.ts';
import { planTasks } from '../../src/engine/tasks.ts';
import { runReplication } from '../../src/model/runReplication.ts';
import { testScenario } from '../support/scenario.ts';

/** The blocks of a run of `total` replications, walked from `start`. */
function blocksFrom(start: number, total: number): [number, number][] {
  const out: [number, number][] = [];
  for (let s = start; s < total; ) {
    const e = Math.min(total, blockEnd(s, total));
    out.push([s, e]);
    s = e;
  }
  return out;
}

describe('blockEnd', () => {
  it('ends a block at the next multiple of ten when batches are longer', () => {
    // 1,000 replications in 20 batches of 50.
    expect(BLOCK_REPS).toBe(10);
    expect(blockEnd(0, 1000)).toBe(10);
    expect(blockEnd(9, 1000)).toBe(10);
    expect(blockEnd(10, 1000)).toBe(20);
    expect(blockEnd(47, 1000)).toBe(50);
    expect(blockEnd(995, 1000)).toBe(1000);
  });
  it("ends a block at its batch's end when that comes first", () => {
    // 130 replications in 20 batches starting at 0, 6, 13, 19, 26, ...
    expect(blockEnd(0, 130)).toBe(6);
    expect(blockEnd(6, 130)).toBe(10);
    expect(blockEnd(10, 130)).toBe(13);
    expect(blockEnd(13, 130)).toBe(19);
    // 30 replications: batches of 1 or 2.
    expect(blockEnd(3, 30)).toBe(4);
    expect(blockEnd(4, 30)).toBe(6);
  });
  it('starts a block wherever a range starts, and ends it where the whole run would', () => {
    expect(blockEnd(13, 1000)).toBe(20);
    expect(blocksFrom(13, 40)).toEqual([[13, 14], [14, 16], [16, 18], [18, 20], [20, 22], [22, 24], [24, 26], [26, 28], [28, 30], [30, 32], [32, 34], [34, 36], [36, 38], [38, 40]]);
  });
  it('cuts every run into blocks of at most ten that cover it, each inside one batch', () => {
    for (const total of [1, 2, 7, 19, 20, 21, 39, 130, 199, 200, 201, 1000, 1234]) {
      const blocks = blocksFrom(0, total);
      expect(blocks[0][0]).toBe(0);
      expect(blocks.at(-1)![1]).toBe(total);
      const batches = batchCount(total);
      blocks.forEach(([s, e], i) => {
        if (i > 0) expect(s).toBe(blocks[i - 1][1]);
        expect(e - s).toBeGreaterThanOrEqual(1);
        expect(e - s).toBeLessThanOrEqual(BLOCK_REPS);
        const b = batchOf(s, total, batches);
        expect(batchOf(e - 1, total, batches)).toBe(b);
        // A block ends at a multiple of ten or at its batch's end.
        expect(e % BLOCK_REPS === 0 || e === batchBounds(total, batches, b)[1]).toBe(true);
      });
    }
  });
});

describe('alignToBlocks', () => {
  it("moves each task's end to the next block boundary and drops tasks left empty", () => {
    expect(alignToBlocks([{ start: 0, end: 7 }, { start: 7, end: 14 }, { start: 14, end: 20 }], 1000)).toEqual([{ start: 0, end: 10 }, { start: 10, end: 20 }]);
    expect(alignToBlocks([{ start: 0, end: 25 }, { start: 25, end: 26 }, { start: 26, end: 30 }], 1000)).toEqual([{ start: 0, end: 30 }]);
    expect(alignToBlocks([], 1000)).toEqual([]);
  });
  it("lets a range end inside a block: the last task stops at the range's end", () => {
    expect(alignToBlocks([{ start: 13, end: 18 }, { start: 18, end: 23 }], 1000)).toEqual([{ start: 13, end: 20 }, { start: 20, end: 23 }]);
  });
  it('keeps the guided tasks of a real run contiguous, covering and made of whole blocks', () => {
    for (const [reps, size, workers] of [[1000, 50, 2], [130, 4, 2], [37, 3, 4], [1, 1, 2]]) {
      const tasks = alignToBlocks(planTasks(reps, size, workers), reps);
      expect(tasks[0].start).toBe(0);
      expect(tasks.at(-1)!.end).toBe(reps);
      const boundaries = new Set([0, ...blocksFrom(0, reps).map(([, e]) => e)]);
      tasks.forEach((t, i) => {
        if (i > 0) expect(t.start).toBe(tasks[i - 1].end);
        expect(t.end).toBeGreaterThan(t.start);
        expect(boundaries.has(t.end)).toBe(true);
      });
    }
  });
});

describe('block sums', () => {
  const scenario = testScenario({ weeks: 60, outcomes: { assessmentWeeks: 30 } });
  const layout = layoutFor(scenario.weeks);
  const stats = [0, 1, 2].map((r) => replicationStats(runReplication(scenario, r), scenario));
  const weekly = layout.size - layout.weekly;

  it('merge the pools in order, and add the weekly series and their squares', () => {
    const block = emptyBlock(0, 3, layout);
    for (const s of stats) addToBlock(block, s, layout);
    expect(block.packed.length).toBe(blockLength(layout));
    const pool = new Float64Array(layout.weekly);
    for (const s of stats) mergePacked(pool, s.packed, layout);
    expect(Array.from(block.packed.subarray(0, layout.weekly))).toEqual(Array.from(pool));
    for (const i of [0, 7, weekly - 1]) {
      const x = stats.map((s) => s.packed[layout.weekly + i]);
      expect(block.packed[layout.weekly + i]).toBe(x[0] + x[1] + x[2]);
      expect(block.packed[layout.weekly + weekly + i]).toBe(x[0] * x[0] + x[1] * x[1] + x[2] * x[2]);
    }
    expect(block.metrics).toEqual(stats.map((s) => s.metrics));
    expect(block.participantWeeks).toBe(stats[0].participantWeeks + stats[1].participantWeeks + stats[2].participantWeeks);
  });
  it('refuse a replication out of order or beyond the block', () => {
    const block = emptyBlock(0, 2, layout);
    expect(() => addToBlock(block, stats[1], layout)).toThrow('replication 1 does not continue block [0, 2) (expected 0)');
    addToBlock(block, stats[0], layout);
    addToBlock(block, stats[1], layout);
    expect(() => addToBlock(block, stats[2], layout)).toThrow('replication 2 does not continue block [0, 2) (expected 2)');
  });
  it("add a block's weekly sums to a run's, and its pool alone to a batch's", () => {
    const block = new Float64Array(blockLength(layout));
    addReplicationSums(block, stats[0].packed, layout);
    const run = new Float64Array(blockLength(layout));
    addBlockSums(run, block, layout);
    expect(Array.from(run)).toEqual(Array.from(block));
    const batch = new Float64Array(layout.weekly);
    addBlockSums(batch, block, layout);
    expect(Array.from(batch)).toEqual(Array.from(block.subarray(0, layout.weekly)));
  });
});
