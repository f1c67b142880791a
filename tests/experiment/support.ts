import { parseExperiment, type Experiment } from '../../src/experiment/experiment.ts';

/** A small valid scenario inline: defaults, short horizon, so experiments run in well under a second. */
export const SMALL_SCENARIO = { version: 1, name: 'small', weeks: 60, reps: 1, seed: 5, outcomes: { assessmentWeeks: 30 } };

/** An experiment file over the small scenario, overridable field by field. */
export function experimentFile(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: 1,
    name: 'test experiment',
    scenario: SMALL_SCENARIO,
    factors: [{ path: 'programme.contactsPerWeek', range: [0.5, 2] }],
    design: { type: 'full-factorial', steps: 3 },
    replications: 3,
    outputs: ['prematureIncidence', 'effectMatched'],
    ...over,
  };
}

export function experiment(over: Record<string, unknown> = {}): Experiment {
  return parseExperiment(experimentFile(over));
}

/** The problems a bad experiment file gives, one line each. */
export function problems(json: unknown): string[] {
  try {
    parseExperiment(json, { file: 'x.json' });
  } catch (e) {
    return [...((e as { problems?: string[] }).problems ?? [String(e)])];
  }
  return [];
}
