import type { Process } from './process.ts';

/**
 * Runs `weeks` weeks: each week every process steps once, in the declared order, then the
 * recorder takes the week's stocks. The order is data, visible in one list, not an accident of
 * call sites.
 */
export function runLoop<State>(
  state: State,
  processes: readonly Process<State>[],
  weeks: number,
  record: (state: State, week: number) => void,
): void {
  for (let week = 0; week < weeks; week++) {
    for (const process of processes) process.step(state, week);
    record(state, week);
  }
}

/**
 * `runLoop` with a stopwatch: the same steps in the same order, and the milliseconds each process
 * took added to `spent[i]` (process i of the list) and the recorder's to `spent[processes.length]`.
 * A separate loop, so the plain one carries no clock: this is for the benchmark's account of where
 * a replication's time goes. The clock (performance.now, tens of nanoseconds a reading) adds a
 * little to every step it times.
 *
 * @example
 *   const spent = new Float64Array(processes.length + 1);
 *   runTimedLoop(state, processes, 52, record, spent);
 *   spent[0]; // milliseconds in the first process, over the 52 weeks
 */
export function runTimedLoop<State>(
  state: State,
  processes: readonly Process<State>[],
  weeks: number,
  record: (state: State, week: number) => void,
  spent: Float64Array,
): void {
  if (spent.length !== processes.length + 1) throw new RangeError(`spent needs one slot per process and one for the recorder (${processes.length + 1}), got ${spent.length}`);
  for (let week = 0; week < weeks; week++) {
    let lap = performance.now();
    for (let i = 0; i < processes.length; i++) {
      processes[i].step(state, week);
      const now = performance.now();
      spent[i] += now - lap;
      lap = now;
    }
    record(state, week);
    spent[processes.length] += performance.now() - lap;
  }
}
