/**
 * The dashboard's Web Workers (one per core), shared by every view: a design's run (merged on the
 * main thread strictly in replication order, OrderedMerger + Aggregator, so its summary is
 * byte-identical to `runSerial` and the command line; the workers sum whole blocks of replications,
 * as the command line's do) and the Explore view's sweeps (each replication's figures, as
 * `buddysim experiment run` records them). Every task is the command line's unit of work on a range
 * of replications.
 */
import {
  Aggregator, OrderedMerger, runTasks,
  type Aggregate, type BlockOutput, type RepMetrics, type RepRange, type Scenario,
} from '../index.ts';
import type { WorkerOutput, WorkerReply, WorkerRequest, WorkerResult } from './worker.ts';

/** A group of tasks that is cancelled together (a run, a sweep). */
export class Job {
  cancelled = false;
  constructor(readonly id: number) {}
}

/** Thrown into the promises of a cancelled job's tasks. */
export class CancelledError extends Error {
  constructor() {
    super('cancelled');
    this.name = 'CancelledError';
  }
}

interface Task {
  job: Job;
  request: WorkerRequest;
  resolve(result: WorkerResult): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  task: Task | null;
}

/**
 * Tasks from any job, queued in order and handed to idle workers. Cancelling a job drops its queued
 * tasks and terminates the workers busy with it at once (they are replaced when needed), so other
 * jobs keep their workers.
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextJob = 1;
  private nextRequest = 1;

  constructor(
    private readonly createWorker: () => Worker,
    readonly size = Math.max(1, (typeof navigator !== 'undefined' && navigator.hardwareConcurrency) || 2),
  ) {}

  job(): Job {
    return new Job(this.nextJob++);
  }

  /**
   * Runs replications `range` of `scenario` on a worker (with each one's calibration extras if
   * asked); rejects with CancelledError if the job is cancelled first.
   */
  submit(job: Job, scenario: Scenario, range: RepRange, extras = false): Promise<WorkerOutput[]> {
    return this.enqueue<WorkerOutput[]>(job, { scenario, range, extras });
  }

  /** Runs replications `range` of `scenario` on a worker, summed in the run's blocks (`runBlocks`). */
  submitBlocks(job: Job, scenario: Scenario, range: RepRange): Promise<BlockOutput> {
    return this.enqueue<BlockOutput>(job, { scenario, range, reply: 'blocks' });
  }

  /** Runs replications `range` of `scenario` on a worker, each reduced to its figures (`runRangeMetrics`). */
  submitMetrics(job: Job, scenario: Scenario, range: RepRange): Promise<RepMetrics[]> {
    return this.enqueue<RepMetrics[]>(job, { scenario, range, reply: 'metrics' });
  }

  private enqueue<T extends WorkerResult>(job: Job, request: Omit<WorkerRequest, 'run'>): Promise<T> {
    if (job.cancelled) return Promise.reject(new CancelledError());
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ job, request: { run: this.nextRequest++, ...request }, resolve: resolve as (result: WorkerResult) => void, reject });
      this.dispatch();
    });
  }

  /** Stops a job: its queued tasks are dropped and the workers running its tasks are terminated. */
  cancel(job: Job): void {
    if (job.cancelled) return;
    job.cancelled = true;
    for (let i = this.queue.length - 1; i >= 0; i--) {
      if (this.queue[i].job !== job) continue;
      this.queue.splice(i, 1)[0].reject(new CancelledError());
    }
    for (let i = this.slots.length - 1; i >= 0; i--) {
      const slot = this.slots[i];
      if (slot.task?.job !== job) continue;
      slot.worker.terminate();
      this.slots.splice(i, 1);
      slot.task.reject(new CancelledError());
    }
    this.dispatch();
  }

  dispose(): void {
    for (const t of this.queue.splice(0)) t.job.cancelled = true;
    for (const s of this.slots.splice(0)) {
      if (s.task) s.task.job.cancelled = true;
      s.worker.terminate();
    }
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => s.task === null);
      if (!slot) {
        if (this.slots.length >= this.size) return;
        slot = this.spawn();
      }
      const task = this.queue.shift()!;
      slot.task = task;
      slot.worker.postMessage(task.request);
    }
  }

  private spawn(): Slot {
    const slot: Slot = { worker: this.createWorker(), task: null };
    const settle = (reply: WorkerReply | { error: string }) => {
      const task = slot.task;
      if (!task || ('run' in reply && reply.run !== task.request.run)) return;
      slot.task = null;
      if ('error' in reply) task.reject(new Error(reply.error));
      else task.resolve(reply.result);
      this.dispatch();
    };
    slot.worker.onmessage = (e: MessageEvent<WorkerReply>) => {
      const reply = e.data;
      settle('error' in reply ? { ...reply, error: `replications ${reply.range.start}-${reply.range.end - 1}: ${reply.error}` } : reply);
    };
    slot.worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      // A crashed worker is dropped; the next task starts a fresh one.
      slot.worker.terminate();
      const at = this.slots.indexOf(slot);
      if (at >= 0) this.slots.splice(at, 1);
      settle({ error: `a worker failed: ${e.message || 'unknown error'}` });
    };
    slot.worker.onmessageerror = () => settle({ error: 'a worker sent a message that could not be read' });
    this.slots.push(slot);
    return slot;
  }
}

export interface RunCallbacks {
  /** After each range is merged; `done` replications are in the aggregate. */
  onProgress?: (done: number, total: number) => void;
  onDone?: (aggregate: Aggregate) => void;
  onError?: (message: string) => void;
  /** The run's job was cancelled (told once). */
  onCancel?: () => void;
}

/** One design's replications, merged in replication order as they come in. */
export class Run {
  readonly aggregator: Aggregator;
  private readonly merger: OrderedMerger;
  done = 0;
  finished = false;

  constructor(readonly job: Job, readonly scenario: Scenario) {
    this.aggregator = new Aggregator(scenario);
    this.merger = new OrderedMerger(this.aggregator, 0);
  }

  get id(): number {
    return this.job.id;
  }

  get cancelled(): boolean {
    return this.job.cancelled;
  }

  get total(): number {
    return this.scenario.reps;
  }

  /** A range summed in blocks by a worker. */
  acceptBlocks(range: RepRange, output: BlockOutput): void {
    this.merger.acceptBlocks(range, output);
    this.done += range.end - range.start;
  }

  /** The summary of the replications merged so far (null before the first). */
  snapshot(): Aggregate | null {
    return this.aggregator.added > 0 ? this.aggregator.finish() : null;
  }
}

/**
 * Tasks of a run: small (at most 25 replications, about a second each) to balance two cores and show
 * progress early, each of whole blocks.
 */
function tasksOfRun(pool: WorkerPool, scenario: Scenario): RepRange[] {
  return runTasks(scenario, { start: 0, end: scenario.reps }, pool.size, { max: 25, wholeBlocks: true });
}

/**
 * Runs every replication of a scenario on the pool as its own job, merged in replication order:
 * the same aggregate as `runSerial` and the command line.
 *
 * @example
 *   const run = runOnPool(pool, scenario, { onDone: (aggregate) => show(aggregate) });
 *   pool.cancel(run.job); // stops it
 */
export function runOnPool(pool: WorkerPool, scenario: Scenario, cb: RunCallbacks = {}, job: Job = pool.job()): Run {
  const run = new Run(job, scenario);
  let toldCancel = false;
  const total = scenario.reps;
  const fail = (message: string) => {
    if (run.finished || run.cancelled) return;
    pool.cancel(run.job);
    cb.onError?.(message);
  };
  for (const range of tasksOfRun(pool, scenario)) {
    pool.submitBlocks(run.job, scenario, range).then(
      (output) => {
        if (run.cancelled || run.finished) return;
        try {
          run.acceptBlocks(range, output);
        } catch (err) {
          return fail(String(err));
        }
        cb.onProgress?.(run.done, total);
        if (run.done === total) {
          run.finished = true;
          cb.onDone?.(run.aggregator.finish());
        }
      },
      (err: Error) => {
        if (!(err instanceof CancelledError)) return fail(err.message);
        if (!toldCancel) cb.onCancel?.();
        toldCancel = true;
      },
    );
  }
  return run;
}

/**
 * A scenario's aggregate from the pool, as a promise (rejects with CancelledError when `job` is
 * cancelled): for library code that takes a runner, such as the design explorer.
 *
 * @example
 *   const aggregate = await aggregateOnPool(pool, job, scenario, (done) => console.log(done));
 */
export function aggregateOnPool(pool: WorkerPool, job: Job, scenario: Scenario, onProgress?: (done: number) => void): Promise<Aggregate> {
  if (job.cancelled) return Promise.reject(new CancelledError());
  return new Promise((resolve, reject) => {
    runOnPool(pool, scenario, { onProgress: (done) => onProgress?.(done), onDone: resolve, onError: (m) => reject(new Error(m)), onCancel: () => reject(new CancelledError()) }, job);
  });
}

/** Design runs on the shared pool: one at a time (a new run cancels the one in progress). */
export class WorkerRunner {
  private current: Run | null = null;

  constructor(readonly pool: WorkerPool) {}

  get size(): number {
    return this.pool.size;
  }

  get running(): Run | null {
    return this.current && !this.current.finished && !this.current.cancelled ? this.current : null;
  }

  /** The last run started, also after it finished or was cancelled. */
  get lastRun(): Run | null {
    return this.current;
  }

  /** Starts a run, cancelling any run in progress. */
  start(scenario: Scenario, cb: RunCallbacks = {}): Run {
    this.cancel();
    this.current = runOnPool(this.pool, scenario, cb);
    return this.current;
  }

  /** Stops the run in progress at once: its workers are terminated (and replaced on the next run). */
  cancel(): boolean {
    const run = this.current;
    if (!run || run.finished || run.cancelled) return false;
    this.pool.cancel(run.job);
    return true;
  }
}
