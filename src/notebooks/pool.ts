/**
 * How a notebook runs replications: a pool takes ranges of replications of a scenario and gives
 * back each replication's statistics, the range summed in blocks, or each replication's figures, on
 * Web Workers in the page (webWorkerPool) or in this thread (serialPool, also for tests). Every task
 * is the same unit of work as the command line's (`runRange`, `runBlocks`, `runRangeMetrics`), and
 * results are merged in replication order, so a notebook's numbers equal `buddysim run` and
 * `buddysim experiment run` for the same scenario and seed. Platform-neutral.
 */
import { Aggregator, type Aggregate } from '../analysis/aggregate.ts';
import type { RepMetrics } from '../analysis/repStats.ts';
import type { RepRange } from '../engine/tasks.ts';
import type { Scenario } from '../model/scenario.ts';
import type { ExperimentRunner } from '../experiment/run.ts';
import { runTasks } from '../runner/cost.ts';
import { OrderedMerger, runBlocks, runRange, runRangeMetrics, type BlockOutput, type RepOutput } from '../runner/task.ts';

export interface ReplicationPool {
  /** Tasks it runs at once (workers). */
  readonly size: number;
  /** Runs replications [range.start, range.end) of a scenario; outputs in replication order. */
  run(scenario: Scenario, range: RepRange): Promise<RepOutput[]>;
  /** The same, summed in the run's blocks (for a summary only). */
  runBlocks(scenario: Scenario, range: RepRange): Promise<BlockOutput>;
  /** The same, each replication reduced to its figures (for an experiment). */
  runMetrics(scenario: Scenario, range: RepRange): Promise<RepMetrics[]>;
  /** Stops its workers; a disposed pool runs nothing more. */
  dispose(): void;
}

/** Lets the page draw between ranges run in its own thread. */
const yieldToPage = () => new Promise((r) => setTimeout(r, 0));

/**
 * Runs in this thread, one range at a time, yielding to the page between ranges.
 *
 * @example
 *   const agg = await runScenario(serialPool, scenario, 10);
 */
export const serialPool: ReplicationPool = {
  size: 1,
  async run(scenario, range) {
    await yieldToPage();
    return runRange(scenario, range);
  },
  async runBlocks(scenario, range) {
    await yieldToPage();
    return runBlocks(scenario, range);
  },
  async runMetrics(scenario, range) {
    await yieldToPage();
    return runRangeMetrics(scenario, range);
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
      for (const figures of await pool.runMetrics(scenario, range)) onStats(figures);
    },
  };
}

/**
 * Runs `reps` replications of a scenario on a pool and aggregates them strictly in replication
 * order: the summary equals `runSerial(scenario, reps)` byte for byte, whichever task ends first.
 * `onOutput` sees every replication's output in replication order too (e.g. for a planner's tally);
 * without it, the pool sums whole blocks of replications (runBlocks) and this thread merges the blocks.
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
  const tasks = runTasks(scenario, { start: 0, end: reps }, pool.size, { max: 10, wholeBlocks: !onOutput });
  let done = 0;
  await Promise.all(
    tasks.map(async (range) => {
      if (onOutput) merger.accept(range, await pool.run(scenario, range));
      else merger.acceptBlocks(range, await pool.runBlocks(scenario, range));
      done += range.end - range.start;
      onProgress?.(done, reps);
    }),
  );
  return aggregator.finish();
}
