/**
 * What a run will cost before it starts: replications x participant-weeks per replication, the
 * latter from a quick probe (the arrivals of replication 0, drawn without running a week). The
 * command line warns and the dashboard asks before a run above HEAVY_PARTICIPANT_WEEKS; both
 * size their tasks from it, and the worker watchdog judges a stuck task by it. Platform-neutral.
 */
import { alignToBlocks } from '../analysis/blocks.ts';
import { planTasks, type RepRange } from '../engine/tasks.ts';
import { plannedParticipantWeeks } from '../model/runReplication.ts';
import type { Scenario } from '../model/scenario.ts';

/**
 * Participant-weeks per second one worker simulates, for time estimates before the first
 * replications finish. They are counted as the probe counts them (planned participant-weeks, an
 * upper bound of the real ones): `npm run bench` and a 20,000-replication run of duo-for-a-job
 * measured 4 to 6 million of those per CPU-second on this project's 2-core machine
 * (docs/performance.md); half of the slowest leaves room for slower machines and browsers.
 */
export const ASSUMED_SPEED = 2_000_000;

/**
 * Above this many participant-weeks a run is heavy: the command line warns, the dashboard asks
 * for a click. Assumption: about 4 minutes of one worker at ASSUMED_SPEED (a minute or two in practice).
 */
export const HEAVY_PARTICIPANT_WEEKS = 500_000_000;

export interface CostEstimate {
  replications: number;
  /** From the probe: participant-weeks in one replication. */
  participantWeeksPerReplication: number;
  /** replications x participantWeeksPerReplication. */
  participantWeeks: number;
  heavy: boolean;
}

/**
 * The cost of running `replications` of a scenario (default: all of them).
 *
 * @example
 *   const cost = estimateCost(scenario);
 *   if (cost.heavy) console.warn(describeCost(cost, 4));
 */
export function estimateCost(scenario: Scenario, replications = scenario.reps): CostEstimate {
  const perReplication = plannedParticipantWeeks(scenario, 0);
  const participantWeeks = replications * perReplication;
  return { replications, participantWeeksPerReplication: perReplication, participantWeeks, heavy: participantWeeks > HEAVY_PARTICIPANT_WEEKS };
}

/** Seconds the run should take on `workers` workers at `speed` participant-weeks per second each. */
export function estimateSeconds(cost: CostEstimate, workers: number, speed = ASSUMED_SPEED): number {
  return cost.participantWeeks / (Math.max(1, Math.min(workers, cost.replications)) * speed);
}

/** 1.2 M, 340 k, 950: big counts for people. */
export function compactCount(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)} G`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} M`;
  if (n >= 1e4) return `${Math.round(n / 1e3)} k`;
  return String(Math.round(n));
}

/** 0.3 s, 45 s, 12 min, 3.5 h. */
export function duration(seconds: number): string {
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/**
 * One line for people: the work and a rough time.
 *
 * @example
 *   describeCost(estimateCost(scenario), 2); // "200 replications x at most 6601 participant-weeks = at most 1.3 M participant-weeks, roughly 1 s on 2 workers"
 */
export function describeCost(cost: CostEstimate, workers: number, speed = ASSUMED_SPEED): string {
  const w = Math.max(1, Math.min(workers, cost.replications));
  return `${cost.replications} replications x at most ${compactCount(cost.participantWeeksPerReplication)} participant-weeks = at most ${compactCount(cost.participantWeeks)} participant-weeks, roughly ${duration(estimateSeconds(cost, w, speed))} on ${w} worker${w === 1 ? '' : 's'}`;
}

/** A task holds at most this many participant-weeks (about a second of work), so progress shows early. */
const TASK_PARTICIPANT_WEEKS = 2_000_000;

/**
 * Replications per task: big enough to amortise messages, small enough to balance the workers
 * (8 tasks each at least), to show progress soon in heavy designs, and at most `max`.
 * Results do not depend on it: replications are merged in order.
 *
 * @example
 *   taskSize(200, 2, 6600);    // 13
 *   taskSize(200, 2, 5e6);     // 1: each replication is a task of its own
 */
export function taskSize(reps: number, workers: number, participantWeeksPerReplication: number, max = 50): number {
  const byBalance = Math.ceil(reps / (workers * 8));
  const byWork = Math.floor(TASK_PARTICIPANT_WEEKS / Math.max(1, participantWeeksPerReplication));
  return Math.max(1, Math.min(max, byBalance, byWork));
}

/**
 * The tasks of a run of `range` of a scenario's replications on `workers` workers: guided chunks
 * (planTasks) of at most `taskSize` replications, sized by the work of one replication (its planned
 * participant-weeks, unless the caller has them) and at most `max`; with `wholeBlocks`, each task is moved to end on a block
 * boundary (alignToBlocks), so that the worker can sum its blocks. Every runner cuts its runs here:
 * the command line's pool, the dashboard's and the notebooks' Web Workers.
 *
 * @example
 *   runTasks(scenario, { start: 0, end: 1000 }, 2, { max: 50, wholeBlocks: true });
 *   // [{ start: 0, end: 50 }, { start: 50, end: 100 }, ...], each ending on a multiple of ten
 */
export function runTasks(
  scenario: Scenario,
  range: RepRange,
  workers: number,
  { max = 50, wholeBlocks = false, perReplication = participantWeeksPerReplication(scenario, range) } = {},
): RepRange[] {
  const total = range.end - range.start;
  if (total <= 0) return [];
  const planned = planTasks(total, taskSize(total, Math.min(workers, total), perReplication, max), workers)
    .map((t) => ({ start: t.start + range.start, end: t.end + range.start }));
  return wholeBlocks ? alignToBlocks(planned, scenario.reps) : planned;
}

/** The planned participant-weeks of one replication of a range (its first), at least 1: what sizes its tasks. */
export function participantWeeksPerReplication(scenario: Scenario, range: RepRange): number {
  return Math.max(1, plannedParticipantWeeks(scenario, range.start));
}
