import { sampleStandardDeviation } from 'simple-statistics';
import { createStreams, type RandomStream } from '../engine/random.ts';
import { bootstrapStream, draw, percentileInterval, resolveOptions } from './bootstrap.ts';
import { SensitivityError } from './errors.ts';
import { flagAgainstDummy } from './noiseFloor.ts';
import { checkOutputs } from './outputs.ts';
import { campolongoSelection } from './trajectorySpread.ts';
import type { IndexOptions, Interval, UnitSample } from './types.ts';

/** The name of the stream the trajectories are drawn from. */
export const MORRIS_STREAM = 'sensitivity.morris';

/**
 * How the rows of a Morris design belong together. Trajectory t owns rows t(k + 1) ... t(k + 1) + k;
 * between its point m and point m + 1 only factor order[t][m] moves, by directions[t][m] * delta.
 */
export interface MorrisLayout {
  readonly method: 'morris';
  /** p: the grid has levels 0, 1/(p - 1), ..., 1. */
  readonly levels: number;
  /** The step, p / (2(p - 1)). */
  readonly delta: number;
  readonly trajectories: number;
  /** Trajectories drawn before the spread-out ones were chosen (equal to trajectories: no selection). */
  readonly candidates: number;
  readonly seed: number;
  /** The factor each step moves, per trajectory. */
  readonly order: number[][];
  /** +1 (up) or -1 (down) per step, per trajectory. */
  readonly directions: number[][];
}

export interface MorrisOptions {
  /** p, an even number of grid levels (4 is the usual choice). */
  levels: number;
  /** r, the trajectories in the design: r(k + 1) model runs. */
  trajectories: number;
  /** Draw this many and keep the r most spread out [Campolongo2007]; default r (no selection). */
  candidates?: number;
  seed: number;
}

function positiveInteger(name: string, value: number, min = 1): void {
  if (!Number.isInteger(value) || value < min) throw new SensitivityError(`${name} must be an integer of at least ${min}, got ${value}`);
}

/** One trajectory: its points (as grid level indices), and the order and directions of its steps. */
interface Trajectory {
  points: number[][];
  order: number[];
  directions: number[];
}

/**
 * Morris' construction [Morris1991]: a random base point x* on the lower p/2 levels, a random direction
 * per factor (start at x*_i and step up, or at x*_i + delta and step down) and a random order of the
 * factors; each of the k steps moves one factor by delta, so each factor's level is uniform over
 * all p levels. Draws are addressed by (candidate, part, factor).
 */
function drawTrajectory(stream: RandomStream, c: number, k: number, levels: number): Trajectory {
  const half = levels / 2;
  const start = new Array<number>(k);
  const directions = new Array<number>(k);
  for (let i = 0; i < k; i++) {
    const low = Math.floor(stream.u(c, 0, i) * half);
    const up = stream.u(c, 1, i) < 0.5;
    start[i] = up ? low : low + half;
    directions[i] = up ? 1 : -1;
  }
  const order = Array.from({ length: k }, (_, i) => i);
  for (let i = k - 1; i > 0; i--) {
    const j = Math.floor(stream.u(c, 2, i) * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const points = [start];
  for (let m = 0; m < k; m++) {
    const next = points[m].slice();
    next[order[m]] += directions[order[m]] * half;
    points.push(next);
  }
  return { points, order, directions: order.map((i) => directions[i]) };
}

/**
 * A Morris elementary-effects design [Morris1991] in the unit cube: r trajectories of k + 1 points on a
 * p-level grid, each step moving one factor by delta = p / (2(p - 1)). With `candidates` M > r,
 * M trajectories are drawn and the r most spread out kept, by the distance criterion of
 * [Campolongo2007] (see trajectorySpread.ts).
 *
 * @example
 *   const s = morrisSample(4, { levels: 4, trajectories: 10, seed: 1 }); // 50 rows
 *   const y = s.points.map((u) => 3 * u[0] - u[1]);
 *   morrisIndices(s, y).factors[0].muStar.value; // 3
 */
export function morrisSample(k: number, options: MorrisOptions): UnitSample<MorrisLayout> {
  const { levels, trajectories, seed } = options;
  const candidates = options.candidates ?? trajectories;
  positiveInteger('factors', k);
  if (!Number.isInteger(levels) || levels < 2 || levels % 2 !== 0) {
    throw new SensitivityError(`levels must be an even integer of at least 2 (so that delta = p / (2(p - 1)) stays on the grid), got ${levels}`);
  }
  positiveInteger('trajectories', trajectories);
  if (!Number.isInteger(candidates) || candidates < trajectories) {
    throw new SensitivityError(`candidates must be an integer of at least trajectories (${trajectories}), got ${candidates}`);
  }
  if (!Number.isInteger(seed) || seed < 0) throw new SensitivityError(`seed must be a non-negative integer, got ${seed}`);

  const stream = createStreams(seed, 0).stream(MORRIS_STREAM);
  const drawn = Array.from({ length: candidates }, (_, c) => drawTrajectory(stream, c, k, levels));
  const toUnit = (p: number[]) => p.map((l) => l / (levels - 1));
  const chosen = candidates > trajectories ? campolongoSelection(drawn.map((t) => t.points.map(toUnit)), trajectories) : drawn.map((_, c) => c);
  const kept = chosen.map((c) => drawn[c]);
  return {
    k,
    points: kept.flatMap((t) => t.points.map(toUnit)),
    layout: {
      method: 'morris',
      levels,
      delta: levels / (2 * (levels - 1)),
      trajectories,
      candidates,
      seed,
      order: kept.map((t) => t.order),
      directions: kept.map((t) => t.directions),
    },
  };
}

export interface MorrisFactor {
  readonly name: string;
  /** Mean elementary effect: its sign says the direction, but opposite effects cancel in it. */
  readonly mu: Interval;
  /** Mean absolute elementary effect [Campolongo2007]: the screening measure. */
  readonly muStar: Interval;
  /** Standard deviation of the elementary effects (n - 1): non-linearity or interactions. */
  readonly sigma: number;
  /** With a dummy factor: the mu* interval reaches into the dummy's (not told apart from noise). */
  readonly overlapsDummy?: boolean;
}

export interface MorrisResult {
  readonly method: 'morris';
  readonly factors: readonly MorrisFactor[];
  readonly trajectories: number;
  readonly levels: number;
  readonly delta: number;
  readonly resamples: number;
  readonly level: number;
  readonly seed: number;
  readonly estimators: { readonly effect: string; readonly interval: string };
  readonly dummy?: string;
  /** With a dummy factor: its mu*, the noise floor. */
  readonly noiseFloor?: Interval;
}

export const MORRIS_ESTIMATORS = {
  effect: 'Morris 1991: EE_i = (f(x + delta e_i) - f(x)) / delta, the step delta = p / (2(p - 1)) signed by its direction; mu* = mean |EE_i| (Campolongo et al. 2007)',
  interval: 'bootstrap percentile over trajectories',
} as const;

/** Tolerance for reading a step back from the points: coordinates are exact multiples of 1/(p - 1). */
const STEP_TOLERANCE = 1e-9;

function checkLayout(sample: UnitSample<MorrisLayout>): void {
  const { k, layout, points } = sample;
  if (layout?.method !== 'morris') throw new SensitivityError(`sample is not a Morris design (layout method "${layout?.method}"); make it with morrisSample`);
  const r = layout.trajectories;
  if (points.length !== r * (k + 1) || layout.order.length !== r || layout.directions.length !== r) {
    throw new SensitivityError(`Morris sample has ${points.length} rows; ${r} trajectories of ${k} factors need ${r * (k + 1)}`);
  }
  // The layout must describe the points: one factor moves per step, by the signed delta.
  for (let t = 0; t < r; t++) {
    for (let m = 0; m < k; m++) {
      const row = t * (k + 1) + m;
      const moved = layout.order[t][m];
      for (let i = 0; i < k; i++) {
        const step = points[row + 1][i] - points[row][i];
        const expected = i === moved ? layout.directions[t][m] * layout.delta : 0;
        if (Math.abs(step - expected) > STEP_TOLERANCE) {
          throw new SensitivityError(`Morris sample row ${row + 1} does not follow its layout: factor ${i + 1} moved by ${step}, expected ${expected}`);
        }
      }
    }
  }
}

/**
 * Morris' elementary effects from the outputs of a Morris design: per factor mu, mu* (mean |EE|)
 * and sigma, with bootstrap percentile intervals for mu and mu* over trajectories. A factor's
 * effects are in output units per full range of the factor (its unit-cube coordinate from 0 to 1).
 *
 * @example
 *   const s = morrisSample(2, { levels: 4, trajectories: 20, seed: 7 });
 *   const r = morrisIndices(s, s.points.map(([u, v]) => 2 * u - v));
 *   r.factors.map((f) => f.muStar.value); // [2, 1]
 */
export function morrisIndices(sample: UnitSample<MorrisLayout>, y: readonly number[], options?: IndexOptions): MorrisResult {
  checkLayout(sample);
  checkOutputs(sample, y);
  const { k, layout } = sample;
  const r = layout.trajectories;
  const o = resolveOptions(k, options);

  // ee[t * k + i]: the elementary effect of factor i in trajectory t.
  const ee = new Float64Array(r * k);
  for (let t = 0; t < r; t++) {
    for (let m = 0; m < k; m++) {
      const row = t * (k + 1) + m;
      ee[t * k + layout.order[t][m]] = (y[row + 1] - y[row]) / (layout.directions[t][m] * layout.delta);
    }
  }

  const mus = Array.from({ length: k }, () => new Float64Array(o.resamples));
  const muStars = Array.from({ length: k }, () => new Float64Array(o.resamples));
  const stream = bootstrapStream(o.seed);
  for (let b = 0; b < o.resamples; b++) {
    for (let s = 0; s < r; s++) {
      const t = draw(stream, b, s, r);
      for (let i = 0; i < k; i++) {
        mus[i][b] += ee[t * k + i];
        muStars[i][b] += Math.abs(ee[t * k + i]);
      }
    }
    for (let i = 0; i < k; i++) {
      mus[i][b] /= r;
      muStars[i][b] /= r;
    }
  }

  const factors = flagAgainstDummy(
    o.names.map((name, i) => {
      const effects = Array.from({ length: r }, (_, t) => ee[t * k + i]);
      const mu = effects.reduce((s, e) => s + e, 0) / r;
      const muStar = effects.reduce((s, e) => s + Math.abs(e), 0) / r;
      return {
        name,
        mu: percentileInterval(mu, mus[i], o.level),
        muStar: percentileInterval(muStar, muStars[i], o.level),
        sigma: r > 1 ? sampleStandardDeviation(effects) : NaN,
      };
    }),
    o.dummy,
    (f) => f.muStar,
  );
  return {
    method: 'morris',
    factors,
    trajectories: r,
    levels: layout.levels,
    delta: layout.delta,
    resamples: o.resamples,
    level: o.level,
    seed: o.seed,
    estimators: MORRIS_ESTIMATORS,
    ...(o.dummy >= 0 ? { dummy: o.names[o.dummy], noiseFloor: factors[o.dummy].muStar } : {}),
  };
}
