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
