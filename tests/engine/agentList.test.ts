import { describe, expect, it } from 'vitest';
import { AgentList } from '../../src/engine/agentList.ts';

describe('AgentList', () => {
  it('keeps agents in order, joining at either end and leaving from anywhere', () => {
    const list = new AgentList(10, 3);
    list.pushBack(4, 1);
    list.pushBack(7, 0);
    list.pushFront(2, 1);
    list.pushBack(9, 2);
    expect(list.toArray()).toEqual([2, 4, 7, 9]);
    expect(list.size).toBe(4);
    expect(list.remove(7)).toBe(true);
    expect(list.remove(7)).toBe(false);
    expect(list.toArray()).toEqual([2, 4, 9]);
    list.remove(2);
    list.remove(9);
    expect(list.toArray()).toEqual([4]);
    list.remove(4);
    expect(list.toArray()).toEqual([]);
    expect(list.first()).toBe(-1);
    list.pushFront(5, 0);
    expect(list.toArray()).toEqual([5]);
  });
  it('walks each class in list order, and positions grow toward the back', () => {
    const list = new AgentList(10, 2);
    for (const [id, cls] of [[0, 0], [1, 1], [2, 0], [3, 1]]) list.pushBack(id, cls);
    list.pushFront(8, 1);
    const walk = (cls: number) => {
      const out: number[] = [];
      for (let id = list.classFirst(cls); id >= 0; id = list.classAfter(id)) out.push(id);
      return out;
    };
    expect(walk(0)).toEqual([0, 2]);
    expect(walk(1)).toEqual([8, 1, 3]);
    list.remove(1);
    expect(walk(1)).toEqual([8, 3]);
    const order = list.toArray();
    for (let i = 1; i < order.length; i++) expect(list.position(order[i])).toBeGreaterThan(list.position(order[i - 1]));
  });
  it('filters in place, in order', () => {
    const list = new AgentList(10);
    for (let id = 0; id < 10; id++) list.pushBack(id);
    const seen: number[] = [];
    list.filter((id) => {
      seen.push(id);
      return id % 3 !== 0;
    });
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(list.toArray()).toEqual([1, 2, 4, 5, 7, 8]);
    expect(list.size).toBe(6);
  });
  it('refuses an agent twice, or outside its capacity or classes', () => {
    const list = new AgentList(3, 2);
    list.pushBack(1, 0);
    expect(() => list.pushBack(1, 0)).toThrow(/already in the list/);
    expect(() => list.pushBack(3, 0)).toThrow(/capacity 3/);
    expect(() => list.pushFront(0, 2)).toThrow(/class 2/);
  });
  it('costs one operation per insertion, removal or step, whatever its length', () => {
    const cost = (n: number) => {
      const list = new AgentList(n);
      for (let id = 0; id < n; id++) list.pushBack(id);
      const before = list.operations;
      list.remove(n >> 1);
      list.pushFront(n >> 1);
      return list.operations - before;
    };
    expect(cost(10)).toBe(2);
    expect(cost(100_000)).toBe(2);
  });
});
