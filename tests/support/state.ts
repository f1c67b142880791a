import { poisson } from '../../src/engine/distributions.ts';
import { createState, type ModelState } from '../../src/model/state.ts';
import { testScenario, type ScenarioOverrides } from './scenario.ts';

/** A fresh model state for process tests: the test scenario's parameters, nobody arrived yet. */
export function testState(overrides: ScenarioOverrides = {}): ModelState {
  const s = testScenario(overrides);
  return createState(s.params, s.seed, 0, s.weeks, poisson);
}
