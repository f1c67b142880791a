import type { RepRange } from '../engine/tasks.ts';
import type { Scenario } from '../model/scenario.ts';
import { runRange, type RepOutput } from '../runner/task.ts';

export interface WorkerTask {
  scenario: Scenario;
  range: RepRange;
  recordsBelow: number;
}

/** A worker thread's job: exactly the runner's task body, nothing of its own. */
export default function work(task: WorkerTask): RepOutput[] {
  return runRange(task.scenario, task.range, task.recordsBelow);
}
