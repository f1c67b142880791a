import { describe, expect, it } from 'vitest';
import { Aggregator } from '../../src/analysis/aggregate.ts';
import { InOrder, OrderedMerger, runBlocks, runRange, runRangeMetrics, runSerial } from '../../src/runner/task.ts';
import { runScenario } from '../../src/cli/pool.ts';
import { testScenario } from '../support/scenario.ts';

const scenario = testScenario({ reps: 9 });

describe('runRange', () => {
  it('keeps full records only below the records limit', () => {
    const out = runRange(scenario, { start: 2, end: 5 }, 4);
    expect(out.map((o) => o.stats.replication)).toEqual([2, 3, 4]);
    expect(out.map((o) => o.records !== undefined)).toEqual([true, true, false]);
  });
});

describe('runBlocks', () => {
  it("sums a range in its run's blocks, the last one cut by the range's end", () => {
    // In a run of 400 replications the blocks are [0, 10), [10, 20), ...; a range starting at 2 starts a block there.
    const { blocks } = runBlocks(scenario, { start: 2, end: 25 }, 0, 400);
    expect(blocks.map((b) => [b.start, b.end, b.metrics.length])).toEqual([[2, 10, 8], [10, 20, 10], [20, 25, 5]]);
    const full = runRange(scenario, { start: 2, end: 25 });
    expect(blocks.flatMap((b) => b.metrics)).toEqual(full.map((o) => o.stats.metrics));
    expect(blocks.reduce((a, b) => a + b.participantWeeks, 0)).toBe(full.reduce((a, o) => a + o.stats.participantWeeks, 0));
  });
  it('hands back full records below the records limit only, in order', () => {
    const out = runBlocks(scenario, { start: 2, end: 6 }, 4);
    // 9 replications in 9 batches: every block is one replication.
    expect(out.blocks.map((b) => [b.start, b.end])).toEqual([[2, 3], [3, 4], [4, 5], [5, 6]]);
    expect(out.records.map((r) => r.replication)).toEqual([2, 3]);
  });
});

describe('runRangeMetrics', () => {
  it("gives each replication's figures exactly as the full statistics carry them, and nothing else", () => {
    const figures = runRangeMetrics(scenario, { start: 1, end: 6 });
    const full = runRange(scenario, { start: 1, end: 6 });
    expect(figures.map((f) => Object.keys(f).sort())).toEqual(figures.map(() => ['metrics', 'participantWeeks', 'replication']));
    for (let i = 0; i < figures.length; i++) {
      expect(figures[i].replication).toBe(full[i].stats.replication);
      expect(figures[i].participantWeeks).toBe(full[i].stats.participantWeeks);
      // Bit for bit, NaN where a figure has nothing to measure included.
      expect(JSON.stringify(Object.entries(figures[i].metrics).map(([k, v]) => [k, Object.is(v, NaN) ? 'NaN' : v])))
        .toBe(JSON.stringify(Object.entries(full[i].stats.metrics).map(([k, v]) => [k, Object.is(v, NaN) ? 'NaN' : v])));
    }
  });
});

describe('InOrder', () => {
  it('delivers ranges in replication order, holding those that finished early', () => {
    const delivered: string[] = [];
    const order = new InOrder(3);
    order.accept({ start: 7, end: 9 }, () => delivered.push('7-8'));
    order.accept({ start: 5, end: 7 }, () => delivered.push('5-6'));
    expect(delivered).toEqual([]);
    expect(order.waiting).toBe(2);
    order.accept({ start: 3, end: 5 }, () => delivered.push('3-4'));
    expect(delivered).toEqual(['3-4', '5-6', '7-8']);
    expect(order.waiting).toBe(0);
  });
});

describe('OrderedMerger', () => {
  it('gives the serial result whatever order the ranges finish in', () => {
    const serial = runSerial(scenario);
    const agg = new Aggregator(scenario);
    const merger = new OrderedMerger(agg, 0);
    const ranges = [{ start: 6, end: 9 }, { start: 0, end: 3 }, { start: 3, end: 6 }];
    merger.accept(ranges[0], runRange(scenario, ranges[0]));
    expect(agg.added).toBe(0);
    expect(merger.waiting).toBe(1);
    merger.accept(ranges[1], runRange(scenario, ranges[1]));
    expect(agg.added).toBe(3);
    merger.accept(ranges[2], runRange(scenario, ranges[2]));
    expect(JSON.stringify(agg.finish().summary)).toBe(JSON.stringify(serial.summary));
  });
  it('merges ranges summed in blocks in order too, handing their records on', () => {
    const agg = new Aggregator(scenario);
    const merger = new OrderedMerger(agg, 0);
    const records: number[] = [];
    const onRecords = (r: { replication: number }) => records.push(r.replication);
    merger.acceptBlocks({ start: 5, end: 9 }, runBlocks(scenario, { start: 5, end: 9 }, 9), onRecords);
    expect(records).toEqual([]);
    merger.acceptBlocks({ start: 0, end: 5 }, runBlocks(scenario, { start: 0, end: 5 }, 9), onRecords);
    expect(records).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    const serial = runSerial(scenario);
    expect(agg.finish().perBatch).toEqual(serial.perBatch);
  });
});

describe('worker pool', () => {
  it('equals the serial run with 2 worker threads', async () => {
    const pooled = await runScenario(scenario, { workers: 2 });
    expect(JSON.stringify(pooled.summary)).toBe(JSON.stringify(runSerial(scenario).summary));
  });
  it('runs a shard: a range of replications aggregated from its first', async () => {
    const shard = await runScenario(scenario, { workers: 1, range: { start: 3, end: 6 } });
    expect(shard.summary.scenario.reps).toBe(3);
  });
});
