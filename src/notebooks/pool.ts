/**
 * How a notebook runs replications: a pool takes ranges of replications of a scenario and gives
 * back each replication's statistics, on Web Workers in the page (webWorkerPool) or in this thread
 * (serialPool, also for tests). Every task is the same unit of work as the command line's,
 * `runRange`, and results are merged in replication order, so a notebook's numbers equal
 * `buddysim run` and `buddysim experiment run` for the same scenario and seed. Platform-neutral.
 */
import { Aggregator, type Aggregate } from '../analysis/aggregate.ts';
import { planTasks, type RepRange } from '../engine/tasks.ts';
import type { Scenario } from '../model/scenario.ts';
import type { ExperimentRunner } from '../experiment/run.ts';
import { plannedParticipantWeeks } from '../model/runReplication.ts';
import { taskSize } from '../runner/cost.ts';
import { OrderedMerger, runRange, type RepOutput } from '../runner/task.ts';

export interface ReplicationPool {
  /** Tasks it runs at once (workers). */
  readonly size: number;
  /** Runs replications [range.start, range.end) of a scenario; outputs in replication order. */
  run(scenario: Scenario, range: RepRange): Promise<RepOutput[]>;
  /** Stops its workers; a disposed pool runs nothing more. */
  dispose(): void;
}

/**
 * Runs in this thread, one range at a time, yielding to the page between ranges.
 *
 * @example
 *   const agg = await runScenario(serialPool, scenario, 10);
 */
export const serialPool: ReplicationPool = {
  size: 1,
  async run(scenario, range) {
    await new Promise((r) => setTimeout(r, 0));
    return runRange(scenario, range);
  },
  dispose() {},
};

/**
 * An experiment runner on a pool: each task is a range of at most `chunk` replications of a point,
 * `pool.size` tasks at once; runExperiment puts every record in its slot, so the results do not
 * depend on which task finishes first.
 *
 * @example
 *   const results = await runExperiment(experiment, { runner: experimentRunner(webWorkerPool()) });
 */
export function experimentRunner(pool: ReplicationPool, chunk = 4): ExperimentRunner {
  return {
    concurrency: pool.size,
    chunk,
    async run(scenario, range, onStats) {
      for (const o of await pool.run(scenario, range)) onStats(o.stats);
    },
  };
}

/**
 * Runs `reps` replications of a scenario on a pool and aggregates them strictly in replication
 * order: the summary equals `runSerial(scenario, reps)` byte for byte, whichever task ends first.
 * `onOutput` sees every replication's output in replication order too (e.g. for a planner's tally).
 *
 * @example
 *   const { summary } = await runScenario(webWorkerPool(), scenario, 20);
 *   summary.metrics.matchedShare.ci95; // precision of the simulated value over 20 replications
 */
export async function runScenario(
  pool: ReplicationPool,
  scenario: Scenario,
  reps = scenario.reps,
  onProgress?: (done: number, total: number) => void,
  onOutput?: (output: RepOutput) => void,
): Promise<Aggregate> {
  const aggregator = new Aggregator(scenario);
  const merger = new OrderedMerger(aggregator, 0, onOutput);
  const tasks = planTasks(reps, taskSize(reps, pool.size, plannedParticipantWeeks(scenario, 0), 10), pool.size);
  let done = 0;
  await Promise.all(
    tasks.map(async (range) => {
      const outputs = await pool.run(scenario, range);
      merger.accept(range, outputs);
      done += outputs.length;
      onProgress?.(done, reps);
    }),
  );
  return aggregator.finish();
}
