import type { Scenario } from '../model/scenario.ts';
import { ScenarioError } from '../scenario/errors.ts';
import { scenarioHash } from '../scenario/hash.ts';
import { designSample } from './design.ts';
import { checkListValue, type FactorValue } from './factors.ts';
import { pointScenario, type Experiment } from './experiment.ts';

/** One design point: its factor values, its coordinates in the unit hypercube, and the scenario it runs. */
export interface DesignPoint {
  readonly index: number;
  /** Which level of the `across` factor this point belongs to (0 without one). */
  readonly block: number;
  /** Index of the point within its block's design. */
  readonly inBlock: number;
  readonly values: Readonly<Record<string, FactorValue>>;
  /** Coordinates in [0, 1]^k of the design's factors; null for an explicit list. */
  readonly unit: readonly number[] | null;
  readonly scenario: Scenario;
  /** Content hash of the point's scenario (seed and replications included). */
  readonly hash: string;
}

export interface DesignPoints {
  readonly points: readonly DesignPoint[];
  /** Points per block (the design's size). */
  readonly perBlock: number;
  readonly blocks: readonly string[];
  /** The sensitivity design's layout, if any (the same in every block). */
  readonly layout?: unknown;
}

/** "contactsPerWeek=0.5, matching=deep": a point named by its values, for errors and progress. */
export function describeValues(values: Readonly<Record<string, FactorValue>>): string {
  return Object.entries(values).map(([k, v]) => `${k}=${v}`).join(', ');
}

/**
 * Every point of the experiment, blocks first (each level of `across` repeats the design with
 * the same coordinates), every point with the experiment's seed and replications.
 *
 * @example
 *   const { points } = designPoints(experiment);
 *   points[0].values;   // { 'programme.contactsPerWeek': 0.25 }
 *   points[0].scenario; // runs with runReplication(points[0].scenario, rep)
 */
export function designPoints(experiment: Experiment): DesignPoints {
  const sample = designSample(experiment.design, experiment.factors, experiment.seed);
  const across = experiment.across;
  const blockLevels = across ? across.levels! : [''];
  const problems: string[] = [];
  const points: DesignPoint[] = [];
  blockLevels.forEach((level, block) => {
    sample.units.forEach((unit, i) => {
      const values: Record<string, FactorValue> = {};
      if (across) values[across.name] = level;
      experiment.factors.forEach((f, j) => {
        if (unit) values[f.name] = f.value(unit[j]);
        else {
          const given = sample.given[i]![f.name] ?? (f.kind === 'dummy' ? 0.5 : undefined);
          const msg = given === undefined ? 'no value' : checkListValue(f, given);
          if (msg) problems.push(`design.points.${i}.${f.name}: got ${JSON.stringify(given)}; ${msg}`);
          values[f.name] = given!;
        }
      });
      const index = points.length;
      try {
        const scenario = pointScenario(experiment, values, `point ${index} (${describeValues(values)})`);
        points.push({ index, block, inBlock: i, values, unit, scenario, hash: scenarioHash(scenario) });
      } catch (err) {
        if (!(err instanceof ScenarioError)) throw err;
        problems.push(...err.problems);
        points.push({ index, block, inBlock: i, values, unit, scenario: undefined as unknown as Scenario, hash: '' });
      }
    });
  });
  if (problems.length > 0) throw new ScenarioError([...new Set(problems)].slice(0, 20).concat(problems.length > 20 ? [`... and ${problems.length - 20} more problems`] : []));
  return { points, perBlock: sample.units.length, blocks: blockLevels.map(String), layout: sample.layout };
}
