/// <reference lib="webworker" />
/**
 * A dashboard Web Worker: runs the replications of one range with the same `runRange` as the
 * command line's worker threads, and posts back their statistics (plain data).
 */
import { runRange, type RepRange, type RepStats, type Scenario } from '../index.ts';
import { repExtras, type RepExtras } from '../calibration/statistics.ts';

export interface WorkerRequest {
  run: number;
  scenario: Scenario;
  range: RepRange;
  /** Also each replication's calibration extras (for levelling the mechanisms, as the CLI does). */
  extras?: boolean;
}

/** A replication's statistics, and its extras when asked. */
export interface WorkerOutput {
  stats: RepStats;
  extras?: RepExtras;
}

export type WorkerReply =
  | { run: number; range: RepRange; outputs: WorkerOutput[] }
  | { run: number; range: RepRange; error: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (e: MessageEvent<WorkerRequest>) => {
  const { run, scenario, range, extras } = e.data;
  let reply: WorkerReply;
  try {
    // With extras, the full records are kept only long enough to compute them here.
    const outputs = runRange(scenario, range, extras ? range.end : 0).map((o) => (o.records ? { stats: o.stats, extras: repExtras(o.records) } : { stats: o.stats }));
    reply = { run, range, outputs };
  } catch (err) {
    reply = { run, range, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
  scope.postMessage(reply);
};
