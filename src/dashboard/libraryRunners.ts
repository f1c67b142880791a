/**
 * The library's runner interfaces on the dashboard's Web Workers: experiments (Explore), the
 * planner (Plan capacity), the design explorer (Compare designs) and the calibration runner it
 * levels mechanisms with. Every task is `runRange` on a worker, as in the command line's pool, and
 * results come back in replication order, so the figures are the command line's.
 */
import { InOrder, runTasks, type RepRange } from '../index.ts';
import { RunCollector, type ScenarioRunner } from '../calibration/runSet.ts';
import type { DesignsRunner } from '../designs/explore.ts';
import type { ExperimentRunner } from '../experiment/run.ts';
import type { PlanRunner } from '../plan/plan.ts';
import { aggregateOnPool, type Job, type WorkerPool } from './runner.ts';

/**
 * An ExperimentRunner: each task runs on a worker. Tasks of a cancelled job fail at once and are
 * not recorded.
 *
 * @example
 *   await runExperiment(experiment, { runner: experimentRunner(pool, pool.job(), experiment.replications) });
 */
export function experimentRunner(pool: WorkerPool, job: Job, reps: number): ExperimentRunner {
  return {
    concurrency: pool.size,
    // Small tasks so two workers share a point and progress shows early.
    chunk: Math.max(1, Math.min(25, Math.ceil(reps / pool.size))),
    async run(scenario, range, onStats) {
      for (const figures of await pool.submitMetrics(job, scenario, range)) onStats(figures);
    },
  };
}

/**
 * A calibration ScenarioRunner: replications 0..reps-1 with their extras, collected whole and in
 * batches strictly in replication order (RunCollector), as the command line's pool does.
 *
 * @example
 *   const set = await scenarioRunner(pool, job)(scenario, 50, 20);
 */
export function scenarioRunner(pool: WorkerPool, job: Job): ScenarioRunner {
  return async (scenario, reps, batches) => {
    const collector = new RunCollector(scenario, reps, batches);
    const ranges = runTasks(scenario, { start: 0, end: reps }, pool.size, { max: 25 });
    const order = new InOrder(0);
    await Promise.all(
      ranges.map(async (range) => {
        const outputs = await pool.submit(job, scenario, range, true);
        order.accept(range, () => {
          for (const o of outputs) collector.add(o.stats, o.extras!);
        });
      }),
    );
    return collector.finish();
  };
}

/**
 * A DesignsRunner: each design's replications on the workers, aggregated in replication order;
 * levelling the mechanisms through `scenarioRunner`.
 *
 * @example
 *   await exploreDesigns(grid, { load: bundledLoader, runner: designsRunner(pool, job), reps: 20 });
 */
export function designsRunner(pool: WorkerPool, job: Job): DesignsRunner {
  return {
    run: (scenario, onProgress) => aggregateOnPool(pool, job, scenario, onProgress),
    runSet: scenarioRunner(pool, job),
  };
}

/**
 * A PlanRunner: the replications of a range, split across the workers, their statistics in
 * replication order.
 *
 * @example
 *   await planCapacity(request, planRunner(pool, pool.job()));
 */
export function planRunner(pool: WorkerPool, job: Job): PlanRunner {
  return {
    async run(scenario, range) {
      const n = range.end - range.start;
      const size = Math.max(1, Math.ceil(n / pool.size));
      const ranges: RepRange[] = [];
      for (let start = range.start; start < range.end; start += size) ranges.push({ start, end: Math.min(range.end, start + size) });
      const parts = await Promise.all(ranges.map((r) => pool.submit(job, scenario, r)));
      return parts.flat().map((o) => o.stats);
    },
  };
}
