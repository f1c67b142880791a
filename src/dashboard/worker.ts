/// <reference lib="webworker" />
/**
 * A dashboard Web Worker: runs the replications of one range with the same task bodies as the
 * command line's worker threads, and posts back plain data: each replication's statistics
 * (`runRange`), the range summed in blocks for a run's summary (`runBlocks`), or each replication's
 * figures for an experiment (`runRangeMetrics`).
 */
import { runBlocks, runRange, runRangeMetrics, type BlockOutput, type RepMetrics, type RepRange, type RepStats, type Scenario } from '../index.ts';
import { runRangeWithExtras } from '../calibration/runSet.ts';
import type { RepExtras } from '../calibration/statistics.ts';

export interface WorkerRequest {
  run: number;
  scenario: Scenario;
  range: RepRange;
  /** What to send back (default 'stats': each replication's statistics). */
  reply?: 'stats' | 'blocks' | 'metrics';
  /** With 'stats', also each replication's calibration extras (for levelling the mechanisms, as the CLI does). */
  extras?: boolean;
}

/** A replication's statistics, and its extras when asked. */
export interface WorkerOutput {
  stats: RepStats;
  extras?: RepExtras;
}

/** What a request's reply carries, by its `reply`. */
export type WorkerResult = WorkerOutput[] | BlockOutput | RepMetrics[];

export type WorkerReply =
  | { run: number; range: RepRange; result: WorkerResult }
  | { run: number; range: RepRange; error: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;

function work(scenario: Scenario, range: RepRange, kind: NonNullable<WorkerRequest['reply']>, extras: boolean): WorkerResult {
  if (kind === 'blocks') return runBlocks(scenario, range);
  if (kind === 'metrics') return runRangeMetrics(scenario, range);
  return extras ? runRangeWithExtras(scenario, range) : runRange(scenario, range).map((o) => ({ stats: o.stats }));
}

scope.onmessage = (e: MessageEvent<WorkerRequest>) => {
  const { run, scenario, range, extras, reply: kind = 'stats' } = e.data;
  let reply: WorkerReply;
  try {
    reply = { run, range, result: work(scenario, range, kind, extras === true) };
  } catch (err) {
    reply = { run, range, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
  scope.postMessage(reply);
};
