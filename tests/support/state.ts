import type { ProcessSpec } from '../../src/engine/process.ts';
import { createStreams } from '../../src/engine/random.ts';
import { LIFECYCLE_COLUMNS, startUnit } from '../../src/model/lifecycle.ts';
import { joinPool, joinWaitingList } from '../../src/model/matchingClasses.ts';
import { PARTICIPANT_CORE, VOLUNTEER_CORE } from '../../src/model/population.ts';
import { WEEK } from '../../src/model/processes/index.ts';
import { WEEKLY_SERIES } from '../../src/model/runReplication.ts';
import { createState, type ModelState, type Unit } from '../../src/model/state.ts';
import { testScenario, type ScenarioOverrides } from './scenario.ts';

/**
 * A fresh model state for process tests: the test scenario's parameters, `participants` and
 * `volunteers` agents with default (zero) traits who have all arrived before week 0, every process's
 * own state set up. Coordinators are in post with `hours` free each.
 */
export function testState(overrides: ScenarioOverrides = {}, size = { participants: 10, volunteers: 10 }, hours = 0): ModelState {
  const s = testScenario(overrides);
  const from = (n: number) => {
    const a = new Int32Array(s.weeks + 1).fill(n);
    a[0] = 0;
    return a;
  };
  const state = createState({
    params: s.params, weeks: s.weeks, participantsFrom: from(size.participants), volunteersFrom: from(size.volunteers), processes: WEEK,
    participantCore: { ...PARTICIPANT_CORE, ...LIFECYCLE_COLUMNS }, volunteerCore: VOLUNTEER_CORE, series: WEEKLY_SERIES,
  });
  for (const p of WEEK) p.init?.(state as never);
  for (let k = 0; k < state.coordinators.count; k++) state.coordinators.free[k] = hours;
  return state;
}

/** Steps one process one week, with its declared streams (seeded by the scenario's seed, replication 0). */
export function step(process: ProcessSpec<ModelState, string>, state: ModelState, week: number, seed = 11): void {
  const streams = createStreams(seed, 0);
  const rng: Record<string, ReturnType<typeof streams.stream>> = {};
  for (const name of process.streams) rng[name] = streams.stream(name);
  process.step(state, week, rng);
}

/** A duo of participant p and volunteer v started in `week`, with given similarities. */
export function duo(state: ModelState, p: number, v: number, week: number, deep = 0.5, surface = 0.5): Unit {
  return startUnit(state, v, [{ participant: p, deepSimilarity: deep, surfaceSimilarity: surface }], week);
}

/**
 * Puts participants on the waiting list and volunteers in the pool, in this order, replacing who
 * was there: their matching classes are read now, so set their traits first.
 */
export function enlist(state: ModelState, waiting: readonly number[], pool: readonly number[]): void {
  for (const p of state.waitingList.toArray()) state.waitingList.remove(p);
  for (const v of state.available.toArray()) state.available.remove(v);
  for (const p of waiting) joinWaitingList(state, p);
  for (const v of pool) joinPool(state, v);
}
