import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { Aggregator, type Aggregate } from '../analysis/aggregate.ts';
import { planTasks, type RepRange } from '../engine/tasks.ts';
import type { Scenario } from '../model/scenario.ts';
import { OrderedMerger, runRange, type RepOutput } from '../runner/task.ts';
import type { WorkerTask } from './worker.ts';

export interface PoolOptions {
  /** Worker threads; 1 runs in this thread (no pool). Default: all cores. */
  workers?: number;
  /** Keep full records of replications below this index (for CSV). */
  recordsBelow?: number;
  /** Replications to run: [start, end) for a shard; default all of the scenario's. */
  range?: RepRange;
  onProgress?: (done: number, total: number) => void;
  /** Every replication's output, in replication order. */
  onOutput?: (o: RepOutput) => void;
}

export const defaultWorkers = () => availableParallelism();

export const workerUrl = new URL(import.meta.url.endsWith('.ts') ? './worker.dev.mjs' : './worker.js', import.meta.url);

/** Replications per task: big enough to amortise messaging, small enough to balance and show progress. */
export function chunkSize(reps: number, workers: number): number {
  return Math.max(1, Math.min(50, Math.ceil(reps / (workers * 8))));
}

/**
 * Runs a scenario's replications on worker threads and aggregates them in replication order,
 * so the result is byte-identical to a serial run whatever the number of workers.
 */
export async function runScenario(scenario: Scenario, options: PoolOptions = {}): Promise<Aggregate> {
  const range = options.range ?? { start: 0, end: scenario.reps };
  const total = range.end - range.start;
  const workers = Math.max(1, Math.min(options.workers ?? defaultWorkers(), total));
  const recordsBelow = options.recordsBelow ?? 0;
  const aggregator = new Aggregator(scenario, { firstReplication: range.start });
  const merger = new OrderedMerger(aggregator, range.start, options.onOutput);
  const tasks = planTasks(total, chunkSize(total, workers)).map((t) => ({ start: t.start + range.start, end: t.end + range.start }));
  let done = 0;
  const finished = (t: RepRange, outputs: RepOutput[]) => {
    merger.accept(t, outputs);
    done += outputs.length;
    options.onProgress?.(done, total);
  };

  if (workers === 1) {
    for (const t of tasks) {
      finished(t, runRange(scenario, t, recordsBelow));
      // Let the event loop breathe so progress can be drawn.
      await new Promise((r) => setImmediate(r));
    }
    return aggregator.finish();
  }

  const pool = new Piscina<WorkerTask, RepOutput[]>({ filename: workerUrl.href, minThreads: workers, maxThreads: workers });
  try {
    await Promise.all(tasks.map(async (t) => finished(t, await pool.run({ scenario, range: t, recordsBelow }))));
  } finally {
    await pool.destroy();
  }
  return aggregator.finish();
}
