import { ScenarioError } from '../../src/scenario/errors.ts';

/** The one-line problems a call throws as a ScenarioError (anything else as its text); none if it does not throw. */
export function problemsOf(f: () => unknown): string[] {
  try {
    f();
  } catch (e) {
    return e instanceof ScenarioError ? [...e.problems] : [String(e)];
  }
  return [];
}
