import { describe, expect, it } from 'vitest';
import { runLoop, runTimedLoop } from '../../src/engine/loop.ts';
import type { Process } from '../../src/engine/process.ts';

interface State {
  calls: string[];
  total: number;
}

/** A process that logs its name and week, and adds `amount` to the total. */
const logging = (name: string, amount = 0): Process<State> => ({
  name,
  step(state, week) {
    state.calls.push(`${name}@${week}`);
    state.total += amount;
  },
});

describe('runLoop', () => {
  it('steps every process in the declared order each week, then records once', () => {
    const state: State = { calls: [], total: 0 };
    runLoop(state, [logging('inflow'), logging('matching'), logging('closure')], 3, (s, week) => s.calls.push(`record@${week}`));
    expect(state.calls).toEqual([
      'inflow@0', 'matching@0', 'closure@0', 'record@0',
      'inflow@1', 'matching@1', 'closure@1', 'record@1',
      'inflow@2', 'matching@2', 'closure@2', 'record@2',
    ]);
  });
  it('follows the list order, not the names', () => {
    const state: State = { calls: [], total: 0 };
    runLoop(state, [logging('z'), logging('a')], 1, () => {});
    expect(state.calls).toEqual(['z@0', 'a@0']);
  });
  it('hands the recorder the state after all of the week\'s steps', () => {
    const state: State = { calls: [], total: 0 };
    const seen: [number, number][] = [];
    runLoop(state, [logging('a', 1), logging('b', 10)], 4, (s, week) => seen.push([week, s.total]));
    // 11 per week: weeks 0..3 end at 11, 22, 33, 44
    expect(seen).toEqual([[0, 11], [1, 22], [2, 33], [3, 44]]);
  });
  it('does nothing for zero weeks', () => {
    const state: State = { calls: [], total: 0 };
    let records = 0;
    runLoop(state, [logging('a', 1)], 0, () => (records += 1));
    expect(state).toEqual({ calls: [], total: 0 });
    expect(records).toBe(0);
  });
  it('records every week even without processes', () => {
    const weeks: number[] = [];
    runLoop({}, [], 3, (_s, w) => weeks.push(w));
    expect(weeks).toEqual([0, 1, 2]);
  });
  it('stops at a failing process: later processes and that week\'s record do not run', () => {
    const state: State = { calls: [], total: 0 };
    const failing: Process<State> = {
      name: 'broken',
      step(s, week) {
        if (week === 1) throw new Error('broken in week 1');
        s.calls.push(`broken@${week}`);
      },
    };
    expect(() => runLoop(state, [logging('a'), failing, logging('c')], 3, (s, w) => s.calls.push(`record@${w}`))).toThrow('broken in week 1');
    expect(state.calls).toEqual(['a@0', 'broken@0', 'c@0', 'record@0', 'a@1']);
  });
});

describe('runTimedLoop', () => {
  it('steps and records exactly as runLoop does', () => {
    const plain: State = { calls: [], total: 0 };
    const timed: State = { calls: [], total: 0 };
    const processes = [logging('inflow', 1), logging('matching', 10), logging('closure', 100)];
    runLoop(plain, processes, 3, (s, week) => s.calls.push(`record@${week}`));
    runTimedLoop(timed, processes, 3, (s, week) => s.calls.push(`record@${week}`), new Float64Array(4));
    expect(timed).toEqual(plain);
  });
  it('adds each process\'s time to its own slot and the recorder\'s to the last', () => {
    // A process that waits out 3 ms of the clock each week must have at least 3 ms a week in its
    // slot, and the slots together no more than the whole loop took.
    const spin = (ms: number) => {
      const until = performance.now() + ms;
      while (performance.now() < until);
    };
    const slow: Process<State> = { name: 'slow', step: () => spin(3) };
    const spent = new Float64Array(3);
    const start = performance.now();
    runTimedLoop({ calls: [], total: 0 }, [logging('quick'), slow], 4, () => spin(1), spent);
    const whole = performance.now() - start;
    expect(spent[1]).toBeGreaterThanOrEqual(12);
    expect(spent[2]).toBeGreaterThanOrEqual(4);
    expect(spent[0] + spent[1] + spent[2]).toBeLessThanOrEqual(whole);
  });
  it('refuses a slot array of the wrong length', () => {
    expect(() => runTimedLoop({ calls: [], total: 0 }, [logging('a')], 1, () => {}, new Float64Array(1))).toThrow(/one slot per process and one for the recorder \(2\), got 1/);
  });
});
