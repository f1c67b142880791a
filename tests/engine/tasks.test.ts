import { describe, expect, it } from 'vitest';
import { planTasks, shardRange } from '../../src/engine/tasks.ts';

describe('planTasks', () => {
  it('covers every replication once in contiguous chunks', () => {
    expect(planTasks(10, 4)).toEqual([{ start: 0, end: 4 }, { start: 4, end: 8 }, { start: 8, end: 10 }]);
  });
  it('rejects a non-positive count', () => {
    expect(() => planTasks(0, 4)).toThrow(/reps must be a positive integer/);
  });
});

describe('shardRange', () => {
  it('splits 10 replications over 3 shards as 4, 3, 3', () => {
    expect([0, 1, 2].map((i) => shardRange(10, i, 3))).toEqual([
      { start: 0, end: 4 }, { start: 4, end: 7 }, { start: 7, end: 10 },
    ]);
  });
});

describe('planTasks: more cases', () => {
  it('gives one task when the size covers every replication', () => {
    expect(planTasks(5, 5)).toEqual([{ start: 0, end: 5 }]);
    expect(planTasks(5, 50)).toEqual([{ start: 0, end: 5 }]);
  });
  it('gives one task per replication with size 1', () => {
    expect(planTasks(3, 1)).toEqual([{ start: 0, end: 1 }, { start: 1, end: 2 }, { start: 2, end: 3 }]);
  });
  it('tiles [0, reps) without gaps or overlaps, every task but the last full', () => {
    for (let reps = 1; reps <= 30; reps++) {
      for (let size = 1; size <= 12; size++) {
        const tasks = planTasks(reps, size);
        expect(tasks[0].start).toBe(0);
        expect(tasks[tasks.length - 1].end).toBe(reps);
        tasks.forEach((t, i) => {
          if (i > 0) expect(t.start).toBe(tasks[i - 1].end);
          expect(t.end - t.start).toBeGreaterThan(0);
          if (i < tasks.length - 1) expect(t.end - t.start).toBe(size);
        });
        expect(tasks).toHaveLength(Math.ceil(reps / size));
      }
    }
  });
  it('rejects fractional replications and bad sizes, naming the value', () => {
    expect(() => planTasks(2.5, 1)).toThrow('reps must be a positive integer, got 2.5');
    expect(() => planTasks(10, 0)).toThrow('task size must be a positive integer, got 0');
    expect(() => planTasks(10, 1.5)).toThrow('task size must be a positive integer, got 1.5');
  });
});

describe('shardRange: more cases', () => {
  it('tiles [0, reps) in balanced, contiguous blocks, larger blocks first', () => {
    for (let reps = 0; reps <= 25; reps++) {
      for (let count = 1; count <= 7; count++) {
        const ranges = Array.from({ length: count }, (_, i) => shardRange(reps, i, count));
        expect(ranges[0].start).toBe(0);
        expect(ranges[count - 1].end).toBe(reps);
        const sizes = ranges.map((r) => r.end - r.start);
        ranges.forEach((r, i) => {
          if (i > 0) expect(r.start).toBe(ranges[i - 1].end);
        });
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        for (let i = 1; i < count; i++) expect(sizes[i]).toBeLessThanOrEqual(sizes[i - 1]);
      }
    }
  });
  it('gives empty ranges to the extra shards when there are more shards than replications', () => {
    expect([0, 1, 2, 3].map((i) => shardRange(2, i, 4))).toEqual([
      { start: 0, end: 1 }, { start: 1, end: 2 }, { start: 2, end: 2 }, { start: 2, end: 2 },
    ]);
  });
  it('rejects a shard index outside 0..count-1 and a bad count, naming the values', () => {
    expect(() => shardRange(10, 3, 3)).toThrow('shard index must be an integer from 0 to 2, got 3');
    expect(() => shardRange(10, -1, 3)).toThrow('shard index must be an integer from 0 to 2, got -1');
    expect(() => shardRange(10, 0.5, 3)).toThrow('got 0.5');
    expect(() => shardRange(10, 0, 0)).toThrow('shard count must be a positive integer, got 0');
  });
});

describe('planTasks for a number of workers (guided)', () => {
  const sizes = (tasks: { start: number; end: number }[]) => tasks.map((t) => t.end - t.start);
  it('shrinks the chunks toward the end: each at most a quarter per worker of what is left', () => {
    // 100 left: ceil(100/8) = 13, capped at 10; 70 left: 9; 61 left: 8; ...; 8 or fewer left: 1.
    expect(sizes(planTasks(100, 10, 2))).toEqual([10, 10, 10, 9, 8, 7, 6, 5, 5, 4, 4, 3, 3, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1]);
  });
  it('tiles [0, reps) without gaps, never above the size, never growing', () => {
    for (const workers of [1, 2, 3, 8]) {
      for (let reps = 1; reps <= 200; reps += 7) {
        for (const size of [1, 5, 50]) {
          const tasks = planTasks(reps, size, workers);
          expect(tasks[0].start).toBe(0);
          expect(tasks[tasks.length - 1].end).toBe(reps);
          const s = sizes(tasks);
          tasks.forEach((t, i) => i > 0 && expect(t.start).toBe(tasks[i - 1].end));
          expect(Math.max(...s)).toBeLessThanOrEqual(size);
          expect(Math.min(...s)).toBeGreaterThan(0);
          s.forEach((x, i) => i > 0 && expect(x).toBeLessThanOrEqual(s[i - 1]));
        }
      }
    }
  });
  it('keeps equal chunks without workers, and rejects a bad worker count', () => {
    expect(planTasks(10, 4, 0)).toEqual(planTasks(10, 4));
    expect(() => planTasks(10, 4, -1)).toThrow('workers must be a non-negative integer, got -1');
  });
});
