import type { Scenario } from '../../src/model/scenario.ts';
import { parseScenario } from '../../src/scenario/resolve.ts';

type Sections = 'programme' | 'inflow' | 'participants' | 'volunteers' | 'coordinators' | 'costs' | 'outcomes' | 'behaviour';
export type ScenarioOverrides = { seed?: number; reps?: number; weeks?: number } & { [K in Sections]?: Record<string, unknown> };

/** A small valid scenario for tests: defaults everywhere, short horizon, overridable per section. */
export function testScenario(overrides: ScenarioOverrides = {}): Scenario {
  return parseScenario({ version: 1, name: 'test', weeks: 80, reps: 4, seed: 11, outcomes: { assessmentWeeks: 40, ...overrides.outcomes }, ...withoutOutcomes(overrides) });
}

function withoutOutcomes(o: ScenarioOverrides) {
  const { outcomes: _o, ...rest } = o;
  return rest;
}
