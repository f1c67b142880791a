import { createStreams } from '../engine/random.ts';
import { latinHypercube } from '../calibration/lhs.ts';
import { ScenarioError } from '../scenario/errors.ts';
import { morrisSample } from '../sensitivity/morris.ts';
import { saltelliSample } from '../sensitivity/saltelli.ts';
import { gridCoordinates, type Factor, type FactorValue } from './factors.ts';
import type { DesignFile } from './schema.ts';

/**
 * A design as coordinates: each point either a vector in the unit hypercube [0, 1]^k (one
 * coordinate per factor, mapped to values by the factors), or values given directly (an explicit
 * list). Sampled designs draw from the experiment's seed, so a design is the same every time.
 */
export interface DesignSample {
  readonly units: readonly (readonly number[] | null)[];
  /** Values given directly (explicit list), by factor name; null where the units say it. */
  readonly given: readonly (Readonly<Record<string, FactorValue>> | null)[];
  /** The sensitivity design's layout (which points form which matrices or trajectories). */
  readonly layout?: unknown;
}

/** Every combination of every factor's grid, the first factor varying slowest. */
export function fullFactorial(factors: readonly Factor[], steps: number): number[][] {
  let points: number[][] = [[]];
  for (const f of factors) {
    const grid = gridCoordinates(f, steps);
    points = points.flatMap((p) => grid.map((u) => [...p, u]));
  }
  return points;
}

/**
 * The points of a design over the given factors.
 *
 * @example
 *   designSample({ type: 'latin-hypercube', points: 10 }, factors, 7).units.length; // 10
 */
export function designSample(design: DesignFile, factors: readonly Factor[], seed: number): DesignSample {
  const k = factors.length;
  switch (design.type) {
    case 'full-factorial': {
      const units = fullFactorial(factors, design.steps);
      return { units, given: units.map(() => null) };
    }
    case 'list':
      return { units: design.points.map(() => null), given: design.points };
    case 'latin-hypercube': {
      const units = latinHypercube(design.points, k, createStreams(seed, 0).stream('experiment.design'));
      return { units, given: units.map(() => null) };
    }
    case 'sobol': {
      const s = saltelliSample(design.base, k);
      return { units: s.points, given: s.points.map(() => null), layout: s.layout };
    }
    case 'morris': {
      if (design.candidates !== undefined && design.candidates < design.trajectories) {
        throw new ScenarioError([`design.candidates: got ${design.candidates}; must be at least the trajectories (${design.trajectories}): the r most spread out are chosen from them`]);
      }
      const s = morrisSample(k, { levels: design.levels, trajectories: design.trajectories, candidates: design.candidates, seed });
      return { units: s.points, given: s.points.map(() => null), layout: s.layout };
    }
  }
}
