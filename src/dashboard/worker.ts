/// <reference lib="webworker" />
/**
 * A dashboard Web Worker: runs the replications of one range with the same `runRange` as the
 * command line's worker threads, and posts back their statistics (plain data).
 */
import { runRange, type RepOutput, type RepRange, type Scenario } from '../index.ts';

export interface WorkerRequest {
  run: number;
  scenario: Scenario;
  range: RepRange;
}

export type WorkerReply =
  | { run: number; range: RepRange; outputs: RepOutput[] }
  | { run: number; range: RepRange; error: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (e: MessageEvent<WorkerRequest>) => {
  const { run, scenario, range } = e.data;
  let reply: WorkerReply;
  try {
    reply = { run, range, outputs: runRange(scenario, range) };
  } catch (err) {
    reply = { run, range, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
  scope.postMessage(reply);
};
