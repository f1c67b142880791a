/**
 * The one worker pool of the command line (run, compare, calibrate, validate-model, mechanisms)
 * and of library users such as an experiment over many design points: create once, run many
 * scenarios (whole or a range of replications), destroy. Each run is merged strictly in
 * replication order, so its summary is byte-identical to a serial run whatever the number of
 * workers; a bounded number of tasks is in flight, so memory stays flat however many
 * replications; a watchdog stops a task that runs far beyond its estimate.
 *
 * @example
 *   import { ScenarioPool } from './src/cli/pool.ts';
 *   import { readScenario } from './src/io/readScenario.ts';
 *   import { parseScenario, scenarioToFile } from './src/index.ts';
 *
 *   const base = scenarioToFile(readScenario('flemish-befriending'));
 *   const pool = ScenarioPool.create({ workers: 4 });
 *   try {
 *     for (const contactsPerWeek of [0.25, 0.5, 1]) {
 *       const scenario = parseScenario({ ...base, programme: { ...base.programme, contactsPerWeek } });
 *       const { summary } = await pool.runScenario(scenario, { onProgress: (done, total) => console.error(`${done}/${total}`) });
 *       console.log(contactsPerWeek, summary.metrics.prematureIncidence.value);
 *     }
 *     // A range of replications (a shard), with every replication's statistics in order:
 *     await pool.runScenario(parseScenario(base), { range: { start: 100, end: 200 }, onOutput: (o) => console.log(o.stats.replication) });
 *   } finally {
 *     await pool.destroy();
 *   }
 */
import { availableParallelism } from 'node:os';
import type { ResourceLimits } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { Aggregator, type Aggregate } from '../analysis/aggregate.ts';
import type { RepMetrics } from '../analysis/repStats.ts';
import type { RepRange } from '../engine/tasks.ts';
import type { ReplicationResult } from '../model/results.ts';
import type { Scenario } from '../model/scenario.ts';
import { ASSUMED_SPEED, duration, participantWeeksPerReplication, runTasks } from '../runner/cost.ts';
import { InOrder, OrderedMerger, type BlockOutput, type RepOutput } from '../runner/task.ts';
import type { RepWithExtras } from '../calibration/runSet.ts';
import type { WorkerTask } from './worker.ts';

export const defaultWorkers = () => availableParallelism();

const WORKER_URL = new URL(import.meta.url.endsWith('.ts') ? './worker.dev.mjs' : './worker.js', import.meta.url);

export interface Watchdog {
  /** Never stop a task before this many milliseconds (default 60 s: worker start-up, a busy machine). */
  minMs?: number;
  /** Stop a task that runs this many times longer than its estimate (default 20). */
  factor?: number;
}

export interface PoolOptions {
  /** Worker threads (default: all cores). Even 1 is a thread: this one stays free for progress, locks and the watchdog. */
  workers?: number;
  /**
   * Heap limits of each worker. Default: V8's, which `node --max-old-space-size=N` (or
   * NODE_OPTIONS) sets for every thread, so one flag bounds the whole process.
   */
  resourceLimits?: ResourceLimits;
  watchdog?: Watchdog;
  /** The worker module (default: the CLI's worker, which runs `runRange`). For tests and embedding. */
  workerFile?: URL;
}

export interface RunOptions {
  /** Replications to run, [start, end); default all of the scenario's. */
  range?: RepRange;
  /** Keep full records of replications below this index (for CSV), passed to onOutput. */
  recordsBelow?: number;
  /**
   * Every replication's output, in replication order. Only for callers that need each replication's
   * statistics: without it, workers sum replications in blocks (blocks.ts) and the main thread merges
   * one block per ten replications, which leaves more of the machine to the workers.
   */
  onOutput?: (o: RepOutput) => void;
  /** The full records of replications below `recordsBelow`, in replication order. */
  onRecords?: (records: ReplicationResult) => void;
  /** After each task is merged: replications done of the total. */
  onProgress?: (done: number, total: number) => void;
}

/** A failure of the pool that is not a bug of the caller: one line for people, with the exit code it deserves. */
export class PoolError extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
    this.name = 'PoolError';
  }
}

/**
 * Accepts finished ranges in any order and merges them in replication order into an Aggregator,
 * counting progress: the same path for pool runs and for merged shards. A range arrives as single
 * replications (`accept`) or as blocks a worker summed (`acceptBlocks`).
 */
export function collectInOrder(scenario: Scenario, range: RepRange, options: Pick<RunOptions, 'onOutput' | 'onRecords' | 'onProgress'> = {}) {
  const aggregator = new Aggregator(scenario, { firstReplication: range.start });
  const onOutput = options.onOutput || options.onRecords
    ? (o: RepOutput) => {
      options.onOutput?.(o);
      if (o.records) options.onRecords?.(o.records);
    }
    : undefined;
  const merger = new OrderedMerger(aggregator, range.start, onOutput);
  const total = range.end - range.start;
  let done = 0;
  const progress = (r: RepRange) => {
    done += r.end - r.start;
    options.onProgress?.(done, total);
  };
  return {
    accept(r: RepRange, outputs: RepOutput[]): void {
      merger.accept(r, outputs);
      progress(r);
    },
    acceptBlocks(r: RepRange, output: BlockOutput): void {
      merger.acceptBlocks(r, output, options.onRecords);
      progress(r);
    },
    finish: (): Aggregate => aggregator.finish(),
  };
}

export class ScenarioPool {
  /** Participant-weeks per millisecond of the slowest task so far (the watchdog's yardstick). */
  private slowest = ASSUMED_SPEED / 1000;
  private destroyed = false;

  private constructor(
    private readonly piscina: Piscina<WorkerTask, RepOutput[] | RepMetrics[] | BlockOutput | RepWithExtras[]>,
    readonly workers: number,
    private readonly watchdog: Required<Watchdog>,
  ) {}

  /** Starts the worker threads. */
  static create(options: PoolOptions = {}): ScenarioPool {
    const workers = Math.max(1, options.workers ?? defaultWorkers());
    const piscina = new Piscina<WorkerTask, RepOutput[] | RepMetrics[] | BlockOutput | RepWithExtras[]>({
      filename: (options.workerFile ?? WORKER_URL).href,
      minThreads: workers,
      maxThreads: workers,
      idleTimeout: Number.MAX_SAFE_INTEGER,
      ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}),
    });
    return new ScenarioPool(piscina, workers, { minMs: 60_000, factor: 20, ...options.watchdog });
  }

  /**
   * Runs a scenario's replications (or a range of them) and aggregates them in replication order.
   * Several runs may share the pool at once; each keeps at most two tasks per worker in flight.
   * Without `onOutput`, tasks hold whole blocks and come back summed (blocks.ts).
   */
  async runScenario(scenario: Scenario, options: RunOptions = {}): Promise<Aggregate> {
    if (this.destroyed) throw new Error('the pool has been destroyed');
    const range = options.range ?? { start: 0, end: scenario.reps };
    const collector = collectInOrder(scenario, range, options);
    const inBlocks = options.onOutput === undefined;
    const recordsBelow = options.recordsBelow ?? 0;
    await this.spread(scenario, range, inBlocks, (task, participantWeeks, stop) => {
      const work = { scenario, range: task, recordsBelow };
      return inBlocks
        ? this.runTask(work, participantWeeks, stop, 'blocks').then((output) => () => collector.acceptBlocks(task, output))
        : this.runTask(work, participantWeeks, stop).then((outputs) => () => collector.accept(task, outputs));
    });
    return collector.finish();
  }

  /**
   * Runs a range of a scenario's replications spread over the workers, like runScenario, and hands
   * each replication's output to `onOutput` in replication order, without a summary: for callers that
   * keep their own tallies (the capacity planner, a shard's file). With 'extras' (the calibration's runner) each output
   * carries the replication's calibration extras too, computed in the worker, so the full records they
   * come from never cross threads.
   *
   * @example
   *   const pool = ScenarioPool.create({ workers: 2 });
   *   const values: number[] = [];
   *   await pool.runEach(scenario, { start: 0, end: 40 }, 'stats', (o) => values.push(o.stats.metrics.matchedShare));
   *   await pool.destroy();
   */
  async runEach(scenario: Scenario, range: RepRange, job: 'stats', onOutput: (o: RepOutput) => void, onProgress?: RunOptions['onProgress']): Promise<void>;
  async runEach(scenario: Scenario, range: RepRange, job: 'extras', onOutput: (o: RepWithExtras) => void, onProgress?: RunOptions['onProgress']): Promise<void>;
  async runEach(scenario: Scenario, range: RepRange, job: 'stats' | 'extras', onOutput: ((o: RepOutput) => void) | ((o: RepWithExtras) => void), onProgress?: RunOptions['onProgress']): Promise<void> {
    if (this.destroyed) throw new Error('the pool has been destroyed');
    const order = new InOrder(range.start);
    const deliver = onOutput as (o: RepOutput | RepWithExtras) => void;
    let done = 0;
    await this.spread(scenario, range, false, (task, participantWeeks, stop) => {
      const work = { scenario, range: task, recordsBelow: 0 };
      const outputs: Promise<(RepOutput | RepWithExtras)[]> = job === 'extras' ? this.runTask(work, participantWeeks, stop, 'extras') : this.runTask(work, participantWeeks, stop);
      return outputs.then((list) => () => {
        order.accept(task, () => {
          for (const o of list) deliver(o);
        });
        done += list.length;
        onProgress?.(done, range.end - range.start);
      });
    });
  }

  /**
   * Cuts a range into tasks (of whole blocks if asked) and runs them, at most two per worker in
   * flight; each task's result is a function that takes it in, called as the task ends. The first
   * failure stops the other tasks and rejects.
   */
  private async spread(scenario: Scenario, range: RepRange, inBlocks: boolean, start: (task: RepRange, participantWeeks: number, stop: AbortSignal) => Promise<() => void>): Promise<void> {
    const perReplication = participantWeeksPerReplication(scenario, range);
    const tasks = runTasks(scenario, range, this.workers, { wholeBlocks: inBlocks, perReplication });
    if (tasks.length === 0) return;
    const stop = new AbortController();
    await new Promise<void>((resolve, reject) => {
      let next = 0;
      let active = 0;
      let failed = false;
      const fail = (e: unknown) => {
        failed = true;
        stop.abort();
        reject(e);
      };
      const launch = () => {
        while (!failed && active < 2 * this.workers && next < tasks.length) {
          const task = tasks[next++];
          active += 1;
          start(task, perReplication * (task.end - task.start), stop.signal).then(
            (takeIn) => {
              active -= 1;
              if (failed) return;
              try {
                takeIn();
              } catch (e) {
                return fail(e);
              }
              if (active === 0 && next >= tasks.length) resolve();
              else launch();
            },
            (e) => {
              active -= 1;
              if (!failed) fail(e);
            },
          );
        }
      };
      launch();
    });
  }

  /**
   * Runs one contiguous range of a scenario's replications on a worker, under the watchdog, and
   * returns their outputs in order: the building block for runners that merge results themselves
   * (experiments run thousands of small ranges of many design points through one pool).
   *
   * @example
   *   const pool = ScenarioPool.create({ workers: 2 });
   *   const outputs = await pool.runRange(scenario, { start: 0, end: 10 });
   *   await pool.destroy();
   */
  async runRange(scenario: Scenario, range: RepRange, recordsBelow = 0): Promise<RepOutput[]> {
    return this.runTask(...this.rangeTask(scenario, range, recordsBelow));
  }

  /**
   * Like runRange, but each replication comes back as its figures only (`replicationMetrics`): what
   * an experiment records. The statistics a summary merges (about 100 kB a replication) are neither
   * packed nor copied to this thread, which made an experiment of small points about an eighth slower.
   *
   * @example
   *   const pool = ScenarioPool.create({ workers: 2 });
   *   const figures = await pool.runRangeMetrics(scenario, { start: 0, end: 20 });
   *   figures[0].metrics.prematureIncidence;
   *   await pool.destroy();
   */
  async runRangeMetrics(scenario: Scenario, range: RepRange): Promise<RepMetrics[]> {
    return this.runTask(...this.rangeTask(scenario, range, 0), 'metrics');
  }

  /** A range on its own as a task: its participant-weeks for the watchdog, and no run to stop it with. */
  private rangeTask(scenario: Scenario, range: RepRange, recordsBelow: number): [WorkerTask, number, AbortSignal] {
    if (this.destroyed) throw new Error('the pool has been destroyed');
    const perReplication = participantWeeksPerReplication(scenario, range);
    return [{ scenario, range, recordsBelow }, perReplication * (range.end - range.start), new AbortController().signal];
  }

  private async runTask(task: WorkerTask, participantWeeks: number, stopAll: AbortSignal): Promise<RepOutput[]>;
  private async runTask(task: WorkerTask, participantWeeks: number, stopAll: AbortSignal, job: 'metrics'): Promise<RepMetrics[]>;
  private async runTask(task: WorkerTask, participantWeeks: number, stopAll: AbortSignal, job: 'blocks'): Promise<BlockOutput>;
  private async runTask(task: WorkerTask, participantWeeks: number, stopAll: AbortSignal, job: 'extras'): Promise<RepWithExtras[]>;
  private async runTask(task: WorkerTask, participantWeeks: number, stopAll: AbortSignal, job?: 'metrics' | 'blocks' | 'extras'): Promise<RepOutput[] | RepMetrics[] | BlockOutput | RepWithExtras[]> {
    const expectedMs = participantWeeks / this.slowest;
    const limitMs = Math.max(this.watchdog.minMs, this.watchdog.factor * expectedMs);
    const abort = new AbortController();
    const onStop = () => abort.abort();
    stopAll.addEventListener('abort', onStop);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      abort.abort();
    }, limitMs);
    const started = Date.now();
    try {
      const outputs = await this.piscina.run(task, { signal: abort.signal, ...(job ? { name: job } : {}) });
      this.slowest = Math.min(this.slowest, participantWeeks / Math.max(1, Date.now() - started));
      return outputs;
    } catch (e) {
      const { start, end } = task.range;
      const which = `replications ${start} to ${end - 1} of "${task.scenario.name}"`;
      if (timedOut) {
        throw new PoolError(
          `${which} ran for ${duration(limitMs / 1000)}, more than ${this.watchdog.factor} times the expected ${duration(expectedMs / 1000)}: stopped by the watchdog. A replication that never ends is a bug: please report it with the scenario file`,
          70,
        );
      }
      if ((e as NodeJS.ErrnoException)?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        throw new PoolError(`${which}: a worker ran out of memory; use fewer --workers, or allow more with NODE_OPTIONS=--max-old-space-size=<MB>`, 1);
      }
      throw e;
    } finally {
      clearTimeout(timer);
      stopAll.removeEventListener('abort', onStop);
    }
  }

  /** Stops the worker threads; the pool cannot run again. */
  async destroy(): Promise<void> {
    if (this.destroyed) return;
    this.destroyed = true;
    await this.piscina.destroy();
  }
}

/** Runs one scenario on a pool made for it (create, run, destroy). */
export async function runScenario(scenario: Scenario, options: PoolOptions & RunOptions = {}): Promise<Aggregate> {
  const total = (options.range?.end ?? scenario.reps) - (options.range?.start ?? 0);
  const pool = ScenarioPool.create({ ...options, workers: Math.max(1, Math.min(options.workers ?? defaultWorkers(), total)) });
  try {
    return await pool.runScenario(scenario, options);
  } finally {
    await pool.destroy();
  }
}
