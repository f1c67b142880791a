import { SECTIONS } from '../model/params.ts';
import type { Scenario } from '../model/scenario.ts';
import { flatten, mergeDeep, parseScenario, scenarioToFile, type ScenarioLoader } from '../scenario/resolve.ts';
import { batchMeansInterval as batchInterval } from '../analysis/interval.ts';
import { ratioInterval, type RunSet, type ScenarioRunner } from './runSet.ts';
import { measure } from './statistics.ts';
import { inRange, targetCentre, type ScenarioSpec, type Target, type TargetRange, type TargetsFile } from './targets.ts';

/** Parameter values by path ("behaviour.gainRate"), applied as new defaults. */
export type ParamValues = Readonly<Record<string, number>>;

/** A short name for a scenario spec: its label, or the reference and its overrides. */
export function specLabel(spec: ScenarioSpec): string {
  if (spec.label) return spec.label;
  if (!spec.overrides) return spec.ref;
  const parts: string[] = [];
  for (const [section, values] of Object.entries(spec.overrides)) {
    for (const [k, v] of Object.entries(values)) parts.push(`${section}.${k}=${JSON.stringify(v)}`);
  }
  return `${spec.ref} (${parts.join(', ')})`;
}

/**
 * A target's scenario, resolved: the referenced scenario with its `extends` chain, then the
 * candidate parameter values wherever the scenario itself does not set the parameter (they act as
 * new defaults, which is what calibration sets), then the target's overrides; with the given
 * replications and, for a paired comparison, the base's seed.
 */
export function resolveSpec(spec: ScenarioSpec, load: ScenarioLoader, reps: number, values: ParamValues = {}, seed?: number): Scenario {
  let json = flatten(spec.ref, load) as Record<string, unknown>;
  for (const [path, value] of Object.entries(values)) {
    const [section, key] = path.split('.');
    const own = (json[section] ?? {}) as Record<string, unknown>;
    if (key in own) continue;
    json = mergeDeep(json, { [section]: { [key]: value } });
  }
  if (spec.overrides) json = mergeDeep(json, spec.overrides as Record<string, unknown>);
  const name = spec.overrides ? specLabel(spec).slice(0, 80) : json.name;
  const s = parseScenario({ ...json, name, reps }, specLabel(spec));
  return seed === undefined || seed === s.seed ? s : parseScenario({ ...scenarioToFile(s), seed });
}

/** Checks that a parameter path names a numeric model parameter. */
export function checkParamPath(path: string): void {
  const [section, key, ...rest] = path.split('.');
  const def = SECTIONS[section as keyof typeof SECTIONS];
  const field = def && rest.length === 0 ? (def.fields as Record<string, { spec: { kind: string } }>)[key] : undefined;
  if (!field) throw new Error(`${path}: not a parameter (see buddysim params)`);
  if (field.spec.kind !== 'number') throw new Error(`${path}: not a numeric parameter`);
}

/** One fact's simulated figure against its target. */
export interface FactResult {
  readonly target: Target;
  readonly value: number;
  readonly ci: [number, number];
  readonly pass: boolean;
  /** Contribution to the calibration loss (0 = on target). */
  readonly loss: number;
  /** The scenarios measured (one, or base and other of a comparison). */
  readonly scenarios: readonly string[];
}

/** Misfit of x against a target in units of the accepted half-range (or `scale` for one-sided targets). */
export function misfit(t: TargetRange, x: number): number {
  if (!Number.isFinite(x)) return 10;
  if (t.min !== undefined && t.max !== undefined) {
    const half = t.scale ?? (t.max - t.min) / 2;
    return half > 0 ? (x - targetCentre(t)) / half : x === targetCentre(t) ? 0 : 10;
  }
  const s = t.scale ?? 0.05;
  // One-sided: no misfit once the estimate clears the bound by a margin of one scale.
  if (t.min !== undefined) return x >= t.min + s ? 0 : (t.min + s - x) / s;
  return x <= t.max! - s ? 0 : (x - (t.max! - s)) / s;
}

export function factPasses(t: Target, value: number, ci: [number, number]): boolean {
  if (!inRange(t.target, value)) return false;
  return t.pass === 'estimate' || (inRange(t.target, ci[0]) && inRange(t.target, ci[1]));
}

/** The scenarios a targets file needs, each once: key = label, with its resolved scenario. */
export function targetScenarios(file: TargetsFile, load: ScenarioLoader, reps: number, values: ParamValues = {}, seed?: number): Map<string, Scenario> {
  const out = new Map<string, Scenario>();
  for (const t of file.targets) {
    if (t.scenario) out.set(specLabel(t.scenario), resolveSpec(t.scenario, load, reps, values, seed));
    if (t.paired) {
      const base = resolveSpec(t.paired.base, load, reps, values, seed);
      out.set(specLabel(t.paired.base), base);
      out.set(specLabel(t.paired.other), resolveSpec(t.paired.other, load, reps, values, base.seed));
    }
  }
  return out;
}

/** Evaluates one target on finished runs. */
export function evaluateTarget(t: Target, runs: ReadonlyMap<string, RunSet>): FactResult {
  const stat = (r: RunSet) => ({
    whole: measure(r.whole, t.statistic.name, t.statistic.args),
    batches: r.batches.map((b) => measure(b, t.statistic.name, t.statistic.args)),
  });
  const get = (spec: ScenarioSpec) => {
    const r = runs.get(specLabel(spec));
    if (!r) throw new Error(`no run for ${specLabel(spec)}`);
    return r;
  };
  let value: number;
  let ci: [number, number];
  let scenarios: string[];
  if (t.scenario) {
    const s = stat(get(t.scenario));
    value = s.whole;
    ci = batchInterval(value, s.batches);
    scenarios = [specLabel(t.scenario)];
  } else {
    const p = t.paired!;
    const a = stat(get(p.base));
    const b = stat(get(p.other));
    scenarios = [specLabel(p.base), specLabel(p.other)];
    if (p.contrast === 'ratio') {
      ({ value, ci } = ratioInterval(b.whole, a.whole, b.batches, a.batches));
    } else {
      value = b.whole - a.whole;
      ci = batchInterval(value, b.batches.map((x, i) => x - a.batches[i]));
    }
  }
  const d = misfit(t.target, value);
  return { target: t, value, ci, pass: factPasses(t, value, ci), loss: t.weight * d * d, scenarios };
}

export interface Validation {
  readonly reps: number;
  readonly batches: number;
  /** The seed every scenario ran with, if one was imposed (validation); else each scenario's own. */
  readonly seed?: number;
  readonly results: readonly FactResult[];
  readonly loss: number;
  readonly passed: number;
  /** The scenarios run, by label, with their seeds (for the report). */
  readonly scenarios: readonly { label: string; name: string; seed: number }[];
}

/**
 * Runs every scenario the targets need (each once) and evaluates every target. `seed` runs every
 * scenario on that seed instead of its own (validation on replications calibration never saw).
 *
 * @example
 *   const v = await validate(file, fileLoader, serialRunner, { reps: 100, seed: file.validationSeed });
 *   v.results.every((r) => r.pass);
 */
export async function validate(
  file: TargetsFile,
  load: ScenarioLoader,
  run: ScenarioRunner,
  options: { reps?: number; batches?: number; values?: ParamValues; seed?: number; onScenario?: (label: string, index: number, total: number) => void } = {},
): Promise<Validation> {
  const reps = options.reps ?? file.reps;
  const batches = Math.min(options.batches ?? file.batches, reps);
  const scenarios = targetScenarios(file, load, reps, options.values, options.seed);
  const runs = new Map<string, RunSet>();
  let i = 0;
  for (const [label, s] of scenarios) {
    options.onScenario?.(label, i++, scenarios.size);
    runs.set(label, await run(s, reps, batches));
  }
  const results = file.targets.map((t) => evaluateTarget(t, runs));
  return {
    reps,
    batches,
    seed: options.seed,
    results,
    loss: results.reduce((a, r) => a + r.loss, 0),
    passed: results.filter((r) => r.pass).length,
    scenarios: [...scenarios].map(([label, s]) => ({ label, name: s.name, seed: s.seed })),
  };
}
