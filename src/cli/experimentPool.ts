import { serialRunner, type ExperimentRunner } from '../experiment/run.ts';
import { ScenarioPool } from './pool.ts';

/**
 * An experiment runner on the long-lived worker pool, kept for the whole experiment (a pool per
 * point would spend more time starting threads than running small points). Each task is the shared
 * unit of work (`runRangeMetrics`: each replication's figures, all an experiment records) under the
 * pool's watchdog; with one worker it runs in this thread.
 */
export function poolRunner(workers: number): ExperimentRunner & { close(): Promise<void> } {
  if (workers <= 1) return { ...serialRunner, close: async () => {} };
  const pool = ScenarioPool.create({ workers });
  return {
    // Two tasks per thread in flight, so a thread never waits for the next one.
    concurrency: 2 * workers,
    chunk: 10,
    async run(scenario, range, onStats) {
      for (const figures of await pool.runRangeMetrics(scenario, range)) onStats(figures);
    },
    close: () => pool.destroy(),
  };
}
