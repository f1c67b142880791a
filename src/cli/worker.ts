import type { RepRange } from '../engine/tasks.ts';
import type { Scenario } from '../model/scenario.ts';
import type { RepMetrics } from '../analysis/repStats.ts';
import { runRangeWithExtras, type RepWithExtras } from '../calibration/runSet.ts';
import { runBlocks, runRange, runRangeMetrics, type BlockOutput, type RepOutput } from '../runner/task.ts';

export interface WorkerTask {
  scenario: Scenario;
  range: RepRange;
  recordsBelow: number;
}

/** A worker thread's jobs: exactly the runner's task bodies, nothing of their own. This one: statistics for a summary. */
export default function work(task: WorkerTask): RepOutput[] {
  return runRange(task.scenario, task.range, task.recordsBelow);
}

/** The job of a run that needs its summary only (piscina's `name: 'blocks'`): the range summed in blocks. */
export function blocks(task: WorkerTask): BlockOutput {
  return runBlocks(task.scenario, task.range, task.recordsBelow);
}

/** The job of a calibration runner's task (piscina's `name: 'extras'`): each replication's statistics and extras. */
export function extras(task: WorkerTask): RepWithExtras[] {
  return runRangeWithExtras(task.scenario, task.range);
}

/** The job of an experiment's task (piscina's `name: 'metrics'`): each replication's figures only. */
export function metrics(task: WorkerTask): RepMetrics[] {
  return runRangeMetrics(task.scenario, task.range);
}

