import type { Params } from './params.ts';

/** A resolved, validated scenario: what `runReplication` needs. Plain data. */
export interface Scenario {
  readonly name: string;
  readonly description: string;
  readonly seed: number;
  readonly reps: number;
  /** Simulated weeks (the horizon). */
  readonly weeks: number;
  readonly params: Params;
}
