import { inflow, coordinators } from '../model/params.ts';
import type { Scenario } from '../model/scenario.ts';
import { mergeDeep, parseScenario, scenarioToFile } from '../scenario/resolve.ts';

/**
 * The levers the planner may turn, each on a grid of whole steps, and the scenario parameters
 * they set. Recommendations are parameter overrides keyed by path (`inflow.volunteersPerWeek`),
 * the same paths as scenario files and `run --set path=value`.
 */
export type LeverName = 'volunteers' | 'hours';
export const LEVER_NAMES: readonly LeverName[] = ['volunteers', 'hours'];

export interface Lever {
  name: LeverName;
  /** What it is, for people. */
  label: string;
  unit: string;
  /** The grid: candidates are whole multiples of this. */
  step: number;
  /** Smallest and largest value (the parameters' declared ranges). */
  min: number;
  max: number;
  /** Its value in a scenario. */
  value(s: Scenario): number;
  /** The parameter overrides that give it `value` in scenario `s`. */
  overrides(s: Scenario, value: number): Record<string, number>;
}

const round = (x: number, digits: number) => Number(x.toFixed(digits));
const MAX_COORDINATOR_HOURS = coordinators.fields.hoursPerWeek.spec.max;
const MAX_COORDINATORS = coordinators.fields.count.spec.max;

export const LEVERS: Record<LeverName, Lever> = {
  volunteers: {
    name: 'volunteers',
    label: 'volunteer applications',
    unit: 'applications/week',
    step: 0.05,
    min: 0,
    max: inflow.fields.volunteersPerWeek.spec.max,
    value: (s) => s.params.inflow.volunteersPerWeek,
    overrides: (_s, value) => ({ 'inflow.volunteersPerWeek': round(value, 2) }),
  },
  hours: {
    name: 'hours',
    label: 'coordinator hours',
    unit: 'hours/week',
    step: 1,
    min: 1,
    max: MAX_COORDINATORS * MAX_COORDINATOR_HOURS,
    value: (s) => s.params.coordinators.count * s.params.coordinators.hoursPerWeek,
    // Total hours over the coordinators there are; more posts only when each would exceed its maximum.
    overrides(s, value) {
      const count = Math.max(s.params.coordinators.count, Math.ceil(value / MAX_COORDINATOR_HOURS - 1e-9), 1);
      const out: Record<string, number> = { 'coordinators.hoursPerWeek': round(value / count, 2) };
      if (count !== s.params.coordinators.count) out['coordinators.count'] = count;
      return out;
    },
  },
};

/** Nested scenario-file sections from dotted paths: { 'inflow.volunteersPerWeek': 2 } -> { inflow: { volunteersPerWeek: 2 } }. */
function nest(overrides: Record<string, number>): Record<string, unknown> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [path, value] of Object.entries(overrides)) {
    const [section, key, ...rest] = path.split('.');
    if (!key || rest.length > 0) throw new RangeError(`a parameter path is section.name, got "${path}"`);
    (out[section] ??= {})[key] = value;
  }
  return out;
}

/**
 * A scenario with parameter overrides applied, validated as a whole (an out-of-range value is a
 * ScenarioError naming the path).
 *
 * @example
 *   withParameters(scenario, { 'inflow.volunteersPerWeek': 2.3, 'coordinators.hoursPerWeek': 24 });
 */
export function withParameters(s: Scenario, overrides: Record<string, number>, run: { seed?: number; reps?: number } = {}): Scenario {
  const file = mergeDeep(scenarioToFile(s) as unknown as Record<string, unknown>, nest(overrides));
  return parseScenario({ ...file, ...(run.seed !== undefined ? { seed: run.seed } : {}), ...(run.reps !== undefined ? { reps: run.reps } : {}) });
}

/**
 * Lever values as a grid index and back.
 *
 * @example
 *   toIndex(LEVERS.volunteers, 2.35); // 47
 *   fromIndex(LEVERS.volunteers, 47); // 2.35
 */
export const toIndex = (lever: Lever, value: number) => Math.round(value / lever.step);
export const fromIndex = (lever: Lever, index: number) => round(index * lever.step, 6);
