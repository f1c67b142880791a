import { createStreams } from '../engine/random.ts';
import type { NumberParam } from '../model/paramSpec.ts';
import { paramRows } from '../model/params.ts';
import type { ScenarioLoader } from '../scenario/resolve.ts';
import { validate, type ParamValues, type Validation } from './evaluate.ts';
import { latinHypercube } from './lhs.ts';
import { nelderMead } from './nelderMead.ts';
import type { ScenarioRunner } from './runSet.ts';
import { TargetsError, type TargetsFile } from './targets.ts';

/** A parameter being calibrated: its path, search bounds, and declaration. */
export interface SearchParam {
  readonly path: string;
  readonly min: number;
  readonly max: number;
  readonly spec: NumberParam;
}

/**
 * Parses the --params list: "section.key" searches the declared range, "section.key=lo:hi" a
 * narrower one (inside the declared range).
 *
 * @example
 *   parseSearchParams('behaviour.gainRate=0.01:0.05,behaviour.mismatchPerYear');
 */
export function parseSearchParams(list: string): SearchParam[] {
  const rows = new Map(paramRows().map((r) => [r.path, r.spec]));
  const out: SearchParam[] = [];
  for (const item of list.split(',').map((s) => s.trim()).filter(Boolean)) {
    const [path, bounds] = item.split('=');
    const spec = rows.get(path);
    if (!spec) throw new Error(`${path}: not a parameter (see buddysim params)`);
    if (spec.kind !== 'number') throw new Error(`${path}: not a numeric parameter`);
    let [min, max] = [spec.min, spec.max];
    if (bounds !== undefined) {
      const m = /^\s*(-?[\d.eE+-]+)\s*:\s*(-?[\d.eE+-]+)\s*$/.exec(bounds);
      if (!m) throw new Error(`${item}: bounds must be written lo:hi, e.g. ${path}=${spec.min}:${spec.max}`);
      [min, max] = [Number(m[1]), Number(m[2])];
      if (!(min < max)) throw new Error(`${item}: the lower bound must be below the upper one`);
      if (min < spec.min || max > spec.max) throw new Error(`${item}: bounds must lie within the declared range ${spec.min}:${spec.max}`);
    }
    if (out.some((p) => p.path === path)) throw new Error(`${path}: named twice`);
    out.push({ path, min, max, spec });
  }
  if (out.length === 0) throw new Error('no parameters to calibrate');
  return out;
}

/** Unit-cube coordinates to parameter values (whole numbers where the parameter is one). */
export function toValues(params: readonly SearchParam[], x: readonly number[]): Record<string, number> {
  const out: Record<string, number> = {};
  params.forEach((p, i) => {
    const v = p.min + x[i] * (p.max - p.min);
    out[p.path] = p.spec.integer ? Math.round(v) : Number(v.toPrecision(4));
  });
  return out;
}

export function toUnit(params: readonly SearchParam[], values: ParamValues): number[] {
  return params.map((p) => Math.min(1, Math.max(0, (values[p.path] - p.min) / (p.max - p.min))));
}

export interface CalibrationProgress {
  phase: 'start' | 'design' | 'refine';
  evaluation: number;
  /** Planned evaluations (the refinement may stop early). */
  total: number;
  loss: number;
  bestLoss: number;
  values: Record<string, number>;
}

export interface CalibrationOptions {
  /** Points of the Latin hypercube design (besides the current defaults). */
  candidates: number;
  /** Evaluations of the local refinement (Nelder-Mead) from the design's best point. */
  refine: number;
  reps: number;
  batches?: number;
  /** Seed of the design's stream ('calibration.design'); the scenarios keep their own seeds. */
  seed: number;
  onProgress?: (p: CalibrationProgress) => void;
}

export interface CalibrationResult {
  readonly params: readonly (SearchParam & { readonly start: number; readonly value: number })[];
  readonly start: Validation;
  readonly best: Validation;
  readonly evaluations: number;
}

/**
 * Calibrates the named parameters against the fit targets (a held-out validation target is refused:
 * calibration must never see it): the current defaults first, then a Latin
 * hypercube design over the bounds, then Nelder-Mead from the best point. Every candidate runs
 * the same replications of the same scenarios with the same seeds (common random numbers), so
 * candidates differ by their parameters only; the loss is the sum over targets of
 * weight x (misfit in units of the accepted half-range)^2.
 */
export async function calibrate(
  file: TargetsFile,
  load: ScenarioLoader,
  run: ScenarioRunner,
  params: readonly SearchParam[],
  options: CalibrationOptions,
): Promise<CalibrationResult> {
  const heldOut = file.targets.filter((t) => t.use !== 'fit');
  if (heldOut.length > 0) {
    throw new TargetsError([`calibrate fits only targets with "use": "fit"; held-out validation targets were given: ${heldOut.map((t) => t.id).join(', ')} (pass fitTargets(file))`]);
  }
  const cache = new Map<string, Validation>();
  let evaluation = 0;
  let best: { values: Record<string, number>; v: Validation } | undefined;
  const total = 1 + options.candidates + options.refine;
  const evaluate = async (values: Record<string, number>, phase: CalibrationProgress['phase']) => {
    const key = JSON.stringify(values);
    let v = cache.get(key);
    if (!v) {
      v = await validate(file, load, run, { reps: options.reps, batches: options.batches, values });
      cache.set(key, v);
    }
    evaluation += 1;
    if (!best || v.loss < best.v.loss) best = { values, v };
    options.onProgress?.({ phase, evaluation, total, loss: v.loss, bestLoss: best.v.loss, values });
    return v;
  };

  const startValues: Record<string, number> = {};
  for (const p of params) startValues[p.path] = Math.min(p.max, Math.max(p.min, p.spec.default));
  const start = await evaluate(startValues, 'start');

  const stream = createStreams(options.seed, 0).stream('calibration.design');
  if (options.candidates > 0) {
    for (const x of latinHypercube(options.candidates, params.length, stream)) await evaluate(toValues(params, x), 'design');
  }
  if (options.refine > 0) {
    const from = best!;
    await nelderMead(
      async (x) => (await evaluate(toValues(params, x), 'refine')).loss,
      toUnit(params, from.values),
      { maxEvaluations: options.refine, step: Math.max(0.02, 0.5 / Math.max(1, options.candidates) ** (1 / params.length)) },
      from.v.loss,
    );
  }
  const b = best!;
  return {
    params: params.map((p) => ({ ...p, start: startValues[p.path], value: b.values[p.path] })),
    start,
    best: b.v,
    evaluations: evaluation,
  };
}
