/**
 * Runs a scenario's replications on Web Workers (one per core) and merges their statistics on
 * the main thread strictly in replication order (OrderedMerger + Aggregator), so the summary is
 * byte-identical to `runSerial` and to the command line for the same scenario and seed.
 */
import { Aggregator, OrderedMerger, planTasks, plannedParticipantWeeks, taskSize, type Aggregate, type RepOutput, type RepRange, type Scenario } from '../index.ts';
import type { WorkerReply, WorkerRequest } from './worker.ts';

export interface RunCallbacks {
  /** After each range is merged; `done` replications are in the aggregate. */
  onProgress?: (done: number, total: number) => void;
  onDone?: (aggregate: Aggregate) => void;
  onError?: (message: string) => void;
}

export class Run {
  readonly aggregator: Aggregator;
  private readonly merger: OrderedMerger;
  done = 0;
  finished = false;
  cancelled = false;

  constructor(readonly id: number, readonly scenario: Scenario) {
    this.aggregator = new Aggregator(scenario);
    this.merger = new OrderedMerger(this.aggregator, 0);
  }

  get total(): number {
    return this.scenario.reps;
  }

  accept(range: RepRange, outputs: RepOutput[]): void {
    this.merger.accept(range, outputs);
    this.done += outputs.length;
  }

  /** The summary of the replications merged so far (null before the first). */
  snapshot(): Aggregate | null {
    return this.aggregator.added > 0 ? this.aggregator.finish() : null;
  }
}

export class WorkerRunner {
  private workers: Worker[] = [];
  private current: Run | null = null;
  private nextId = 1;

  constructor(
    private readonly createWorker: () => Worker,
    readonly size = Math.max(1, (typeof navigator !== 'undefined' && navigator.hardwareConcurrency) || 2),
  ) {}

  get running(): Run | null {
    return this.current && !this.current.finished && !this.current.cancelled ? this.current : null;
  }

  /** Starts a run, cancelling any run in progress. */
  start(scenario: Scenario, cb: RunCallbacks = {}): Run {
    this.cancel();
    const run = new Run(this.nextId++, scenario);
    this.current = run;
    const total = scenario.reps;
    const count = Math.min(this.size, total);
    while (this.workers.length < count) this.workers.push(this.createWorker());
    // Small tasks (at most 25 replications, about a second each) balance two cores and show progress early.
    const tasks = planTasks(total, taskSize(total, count, plannedParticipantWeeks(scenario, 0), 25));
    let next = 0;
    const fail = (message: string) => {
      if (run.finished || run.cancelled) return;
      this.cancel();
      cb.onError?.(message);
    };
    const feed = (w: Worker) => {
      if (next >= tasks.length) return;
      const request: WorkerRequest = { run: run.id, scenario, range: tasks[next++] };
      w.postMessage(request);
    };
    for (const w of this.workers.slice(0, count)) {
      w.onmessage = (e: MessageEvent<WorkerReply>) => {
        const reply = e.data;
        if (reply.run !== run.id || run.cancelled) return;
        if ('error' in reply) return fail(`replications ${reply.range.start}-${reply.range.end - 1}: ${reply.error}`);
        try {
          run.accept(reply.range, reply.outputs);
        } catch (err) {
          return fail(String(err));
        }
        feed(w);
        cb.onProgress?.(run.done, total);
        if (run.done === total) {
          run.finished = true;
          cb.onDone?.(run.aggregator.finish());
        }
      };
      w.onerror = (e: ErrorEvent) => {
        e.preventDefault();
        fail(`a worker failed: ${e.message || 'unknown error'}`);
      };
      w.onmessageerror = () => fail('a worker sent a message that could not be read');
      feed(w);
    }
    return run;
  }

  /** Stops the run in progress at once: its workers are terminated (and replaced on the next run). */
  cancel(): boolean {
    const run = this.current;
    if (!run || run.finished || run.cancelled) return false;
    run.cancelled = true;
    for (const w of this.workers) w.terminate();
    this.workers = [];
    return true;
  }

  dispose(): void {
    this.cancel();
    for (const w of this.workers) w.terminate();
    this.workers = [];
  }
}
