/**
 * A replication pool on Web Workers, for notebooks in the browser (browser only): the dashboard's
 * worker pool (src/dashboard/runner.ts) running the dashboard's worker script on a range, with the
 * notebooks' simpler interface (one job per pool; disposing it stops everything).
 */
import type { RepRange } from '../engine/tasks.ts';
import type { Scenario } from '../model/scenario.ts';
import type { RepMetrics } from '../analysis/repStats.ts';
import type { BlockOutput, RepOutput } from '../runner/task.ts';
import { CancelledError, WorkerPool } from '../dashboard/runner.ts';
import type { ReplicationPool } from './pool.ts';

const createWorker = () => new Worker(new URL('../dashboard/worker.ts', import.meta.url), { type: 'module' });

/**
 * A pool of `size` Web Workers (default: the browser's cores, at most 8). A failed replication
 * rejects its task with the worker's message; a worker that crashes is replaced.
 *
 * @example
 *   const pool = webWorkerPool();
 *   invalidation.then(() => pool.dispose());            // in a notebook cell
 *   const agg = await runScenario(pool, scenario, 20);
 */
export function webWorkerPool(size = Math.min(8, Math.max(1, navigator.hardwareConcurrency || 2))): ReplicationPool {
  const pool = new WorkerPool(createWorker, size);
  const job = pool.job();
  const disposed = (e: unknown) => (e instanceof CancelledError ? new Error('the replication pool was disposed') : e);
  return {
    size,
    run(scenario: Scenario, range: RepRange): Promise<RepOutput[]> {
      return pool.submit(job, scenario, range).catch((e: unknown) => Promise.reject(disposed(e)));
    },
    runBlocks(scenario: Scenario, range: RepRange): Promise<BlockOutput> {
      return pool.submitBlocks(job, scenario, range).catch((e: unknown) => Promise.reject(disposed(e)));
    },
    runMetrics(scenario: Scenario, range: RepRange): Promise<RepMetrics[]> {
      return pool.submitMetrics(job, scenario, range).catch((e: unknown) => Promise.reject(disposed(e)));
    },
    dispose() {
      pool.cancel(job);
      pool.dispose();
    },
  };
}
