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
