import { Piscina } from 'piscina';
import { serialRunner, type ExperimentRunner } from '../experiment/run.ts';
import type { RepOutput } from '../runner/task.ts';
import { workerUrl } from './pool.ts';
import type { WorkerTask } from './worker.ts';

/**
 * An experiment runner on one pool of worker threads kept for the whole experiment (a pool per
 * point would spend more time starting threads than running small points). Each task is the
 * shared unit of work (`runRange`); with one worker it runs in this thread.
 */
export function poolRunner(workers: number): ExperimentRunner & { close(): Promise<void> } {
  if (workers <= 1) return { ...serialRunner, close: async () => {} };
  const pool = new Piscina<WorkerTask, RepOutput[]>({ filename: workerUrl.href, minThreads: workers, maxThreads: workers });
  return {
    // Two tasks per thread in flight, so a thread never waits for the next one.
    concurrency: 2 * workers,
    chunk: 10,
    async run(scenario, range, onStats) {
      for (const o of await pool.run({ scenario, range, recordsBelow: 0 })) onStats(o.stats);
    },
    close: () => pool.destroy(),
  };
}
