import type { MetricName } from '../analysis/metrics.ts';
import type { RepMetrics } from '../analysis/repStats.ts';
import type { RepRange } from '../engine/tasks.ts';
import type { Scenario } from '../model/scenario.ts';
import { runRangeMetrics } from '../runner/task.ts';
import type { Experiment } from './experiment.ts';
import { designPoints, type DesignPoints } from './points.ts';

/** What one replication of one point gave: a value per output metric, or why it failed. */
export interface ReplicationRecord {
  readonly point: number;
  readonly replication: number;
  /** One value per output metric, in the experiment's order; null where it had nothing to measure. */
  readonly values: readonly (number | null)[] | null;
  /** Why the replication failed (then values is null); failed replications are reported, never dropped. */
  readonly error?: string;
}

/**
 * Runs replications of a scenario; every runner calls the same unit of work (`runRangeMetrics`
 * or `runRange`, hence `runReplication`), so serial, worker-thread and cluster runs give the same
 * numbers. An experiment records figures only, so a runner need hand back no more than each
 * replication's figures (RepMetrics; full statistics carry them too).
 */
export interface ExperimentRunner {
  /** Runs replications [range.start, range.end) and hands back each one's statistics in replication order. */
  run(scenario: Scenario, range: RepRange, onStats: (stats: RepMetrics) => void): Promise<void>;
  /** Tasks it can take at once (default 1). */
  readonly concurrency?: number;
  /** Most replications per task (default: all of a point's missing ones). */
  readonly chunk?: number;
}

/** Runs in this thread, one replication at a time: the reference every other runner must equal. */
export const serialRunner: ExperimentRunner = {
  async run(scenario, range, onStats) {
    for (let rep = range.start; rep < range.end; rep++) onStats(runRangeMetrics(scenario, { start: rep, end: rep + 1 })[0]);
    // Let the event loop breathe between points (progress, cancellation).
    await new Promise((r) => setTimeout(r, 0));
  },
};

/** Where results go as they come, so a run can stop at any moment and resume. */
export interface ExperimentStore {
  /** Replications already stored (by an interrupted run); they are not run again. */
  done(): Iterable<ReplicationRecord>;
  /** Called for every finished replication as it arrives. */
  add(record: ReplicationRecord): void;
  /** Called after each run of a point's replications. */
  checkpoint?(): void;
}

export interface RunOptions {
  runner?: ExperimentRunner;
  store?: ExperimentStore;
  /** The design's points, if already made (designPoints). */
  design?: DesignPoints;
  /**
   * Which units of work to run: the experiment's (point, replication) pairs numbered
   * point * replications + replication; a shard takes a contiguous block. Default: all.
   */
  range?: RepRange;
  /** Replications done in this call of those missing, with the point just run. */
  onProgress?: (done: number, total: number, point: number) => void;
}

export interface ExperimentResults {
  readonly experiment: Experiment;
  readonly design: DesignPoints;
  /** The units of work covered. */
  readonly range: RepRange;
  /** Every record of the range, ordered by point and replication. */
  readonly records: readonly ReplicationRecord[];
}

/** The total number of units of work: (point, replication) pairs. */
export const unitCount = (experiment: Experiment, design: DesignPoints) => design.points.length * experiment.replications;

/**
 * The complete results of stored records (a finished or merged run): ordered by point and
 * replication, one per unit of work; undefined if any is missing.
 *
 * @example
 *   const results = storedResults(experiment, designPoints(experiment), [...store.done()]);
 */
export function storedResults(experiment: Experiment, design: DesignPoints, records: Iterable<ReplicationRecord>): ExperimentResults | undefined {
  const units = unitCount(experiment, design);
  const slots: (ReplicationRecord | undefined)[] = new Array(units);
  for (const r of records) slots[r.point * experiment.replications + r.replication] = r;
  for (let i = 0; i < units; i++) if (!slots[i]) return undefined;
  return { experiment, design, range: { start: 0, end: units }, records: slots as ReplicationRecord[] };
}

/** A replication's output values: NaN (nothing to measure) is stored as null. */
export function outputValues(stats: RepMetrics, outputs: readonly MetricName[]): (number | null)[] {
  return outputs.map((m) => (Number.isFinite(stats.metrics[m]) ? stats.metrics[m] : null));
}

/**
 * Runs every point of an experiment (or a shard's block of its units of work), with the same seed
 * and replication indices at every point, skipping what the store already holds. Results stay
 * in memory when no store is given.
 *
 * @example
 *   const results = await runExperiment(experiment);                 // serial, in memory
 *   const table = summaryRows(results);                               // mean and intervals per point and metric
 *   await runExperiment(experiment, { runner: poolRunner(4), store }); // worker threads, resumable
 */
export async function runExperiment(experiment: Experiment, options: RunOptions = {}): Promise<ExperimentResults> {
  const design = options.design ?? designPoints(experiment);
  const reps = experiment.replications;
  const range = options.range ?? { start: 0, end: unitCount(experiment, design) };
  const runner = options.runner ?? serialRunner;
  const slots: (ReplicationRecord | undefined)[] = new Array(range.end - range.start);
  const put = (r: ReplicationRecord) => {
    const i = r.point * reps + r.replication - range.start;
    if (i >= 0 && i < slots.length) slots[i] = r;
  };
  for (const r of options.store?.done() ?? []) put(r);

  // Missing units, grouped into runs of consecutive replications of one point.
  const missing: { point: number; range: RepRange }[] = [];
  for (let u = range.start; u < range.end; u++) {
    if (slots[u - range.start]) continue;
    const point = Math.floor(u / reps);
    const rep = u % reps;
    const last = missing[missing.length - 1];
    if (last && last.point === point && last.range.end === rep) missing[missing.length - 1] = { point, range: { start: last.range.start, end: rep + 1 } };
    else missing.push({ point, range: { start: rep, end: rep + 1 } });
  }
  const chunk = runner.chunk ?? Infinity;
  const tasks = missing.flatMap((m) => {
    const out: { point: number; range: RepRange }[] = [];
    for (let start = m.range.start; start < m.range.end; start += Math.min(chunk, m.range.end - start)) {
      out.push({ point: m.point, range: { start, end: Math.min(m.range.end, start + chunk) } });
    }
    return out;
  });
  const total = missing.reduce((a, m) => a + m.range.end - m.range.start, 0);
  let done = 0;
  const runTask = async (m: { point: number; range: RepRange }) => {
    const point = design.points[m.point];
    let next = m.range.start;
    const record = (r: ReplicationRecord) => {
      put(r);
      options.store?.add(r);
      done += 1;
      options.onProgress?.(done, total, m.point);
    };
    const deliver = (stats: RepMetrics) => {
      record({ point: m.point, replication: stats.replication, values: outputValues(stats, experiment.outputs) });
      next = stats.replication + 1;
    };
    // A replication that throws is a failed run: recorded with its reason, reported, never
    // silently dropped; the point's other replications still run. The first replication not
    // delivered is tried alone to tell which one failed.
    while (next < m.range.end) {
      try {
        await runner.run(point.scenario, { start: next, end: m.range.end }, deliver);
      } catch {
        try {
          await runner.run(point.scenario, { start: next, end: next + 1 }, deliver);
        } catch (err) {
          record({ point: m.point, replication: next, values: null, error: err instanceof Error ? err.message : String(err) });
          next += 1;
        }
      }
    }
    options.store?.checkpoint?.();
  };
  // Up to `concurrency` tasks in flight, taken in order; results land in their slots by index,
  // so the outcome does not depend on which finishes first.
  let taken = 0;
  const lane = async () => {
    while (taken < tasks.length) await runTask(tasks[taken++]);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(runner.concurrency ?? 1, tasks.length)) }, lane));
  return { experiment, design, range, records: slots.filter((r): r is ReplicationRecord => r !== undefined) };
}
