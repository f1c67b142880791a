import { errorFunction } from 'simple-statistics';
import { normalQuantile } from '../engine/distributions.ts';
import type { ParamSpec } from '../model/paramSpec.ts';
import { declaredField } from '../scenario/overrides.ts';
import type { FactorFile } from './schema.ts';

/** A factor's value at a design point: a parameter value, a variant's label, or a dummy's coordinate. */
export type FactorValue = number | string;

/** A parameter as declared once in the model: its spec (range, unit) and its zod schema. */
export interface ParameterField {
  readonly path: string;
  readonly spec: ParamSpec;
  readonly check: (value: unknown) => string | undefined;
}

/** The declared parameter at `section.key` (not the run fields), or undefined. */
export function parameterField(path: string): ParameterField | undefined {
  const field = path.includes('.') ? declaredField(path) : undefined;
  if (!field) return undefined;
  return {
    path,
    spec: field.spec,
    check: (value) => {
      const r = field.schema.safeParse(value);
      return r.success ? undefined : r.error?.issues[0]?.message ?? 'not allowed';
    },
  };
}

/** A labelled level of a variants factor: parameter values by path, and optionally a scenario in place of the base. */
export interface Variant {
  readonly label: string;
  /** Index into the experiment's resolved scenarios (0 is the base). */
  readonly scenario: number;
  readonly set: Readonly<Record<string, FactorValue>>;
}

/**
 * A factor ready to use: maps a coordinate u of the unit hypercube [0, 1] to its value (a range:
 * lo + u (hi - lo), whole numbers rounded; a list of levels or variants: levels[min(L - 1,
 * floor(u L))]; a distribution: its quantile of u; a dummy: u itself, which sets no parameter
 * but moves the seed, see `dummySeed`).
 */
export interface Factor {
  readonly name: string;
  readonly kind: 'range' | 'levels' | 'distribution' | 'variants' | 'dummy';
  /** The parameter it sets (range, levels, distribution). */
  readonly path?: string;
  /** The values it can take, in order, when there are finitely many (levels; variant labels). */
  readonly levels?: readonly FactorValue[];
  readonly variants?: readonly Variant[];
  /** Whether its values are numbers on an ordered scale (charts draw lines and heat maps for these). */
  readonly numeric: boolean;
  /** Unit and label for axes and tables. */
  readonly unit: string;
  readonly label: string;
  /** Evenly spaced values in a full factorial design (own steps, else the design's). */
  readonly steps?: number;
  value(u: number): FactorValue;
}

/** Coordinates of a full factorial's grid along one factor: ends included for a range, cell centres otherwise. */
export function gridCoordinates(f: Factor, steps: number): number[] {
  if (f.kind === 'levels' || f.kind === 'variants') return f.levels!.map((_, i) => (i + 0.5) / f.levels!.length);
  if (f.kind === 'dummy') return [0.5];
  const s = f.steps ?? steps;
  return Array.from({ length: s }, (_, i) => (f.kind === 'range' ? i / (s - 1) : (i + 0.5) / s));
}

const levelAt = <T>(levels: readonly T[], u: number): T => levels[Math.min(levels.length - 1, Math.max(0, Math.floor(u * levels.length)))];

/** The standard normal CDF through simple-statistics' error function (absolute error below 1.2e-7). */
const normalCdf = (x: number) => 0.5 * (1 + errorFunction(x / Math.SQRT2));

/**
 * The quantile function of a factor distribution at u. A normal is truncated to [min, max] (the
 * parameter's declared range), so every value is allowed and the mapping stays monotone.
 *
 * @example
 *   distributionQuantile({ type: 'triangular', lo: 0, mode: 0, hi: 1 }, 0.75, 0, 1); // 0.5
 */
export function distributionQuantile(d: NonNullable<FactorFile['distribution']>, u: number, min: number, max: number): number {
  switch (d.type) {
    case 'uniform':
      return d.lo + u * (d.hi - d.lo);
    case 'triangular': {
      const { lo, mode, hi } = d;
      if (hi === lo) return lo;
      const split = (mode - lo) / (hi - lo);
      return u < split ? lo + Math.sqrt(u * (hi - lo) * (mode - lo)) : hi - Math.sqrt((1 - u) * (hi - lo) * (hi - mode));
    }
    case 'normal': {
      const a = normalCdf((min - d.mean) / d.sd);
      const b = normalCdf((max - d.mean) / d.sd);
      const p = Math.min(1 - 1e-12, Math.max(1e-12, a + u * (b - a)));
      return Math.min(max, Math.max(min, d.mean + d.sd * normalQuantile(p)));
    }
  }
}

/** Seeds a dummy's coordinate can move to: offsets up to about a million from the experiment's seed. */
const DUMMY_SEEDS = 1_000_000;
const MAX_SEED = 2 ** 31 - 1;

/**
 * The seed of a point with a dummy at coordinate u. A dummy sets no parameter: it moves only the
 * random numbers, so its sensitivity index is the size of the model's noise, the floor below which
 * a lever's index cannot be told from chance. Moves of the other factors keep the dummy, hence the
 * seed: their effects stay paired (common random numbers). With every dummy coordinate the same (a
 * full factorial or a list), every point keeps one seed.
 *
 * @example
 *   dummySeed(7, 0); // 7
 *   dummySeed(7, 0.5); // 500007
 */
export function dummySeed(seed: number, u: number): number {
  return (seed + Math.floor(u * DUMMY_SEEDS)) % MAX_SEED;
}

/** Problems are collected as (path within the factor, message) so the caller can name the field. */
export type Problem = { path: (string | number)[]; value: unknown; message: string };

/**
 * Checks a factor against the model's parameter declarations and turns it into a `Factor`.
 * `variantScenario` registers a variant's own scenario and returns its index.
 */
export function compileFactor(
  f: FactorFile,
  problems: Problem[],
  variantScenario: (ref: NonNullable<NonNullable<FactorFile['variants']>[number]['scenario']>, at: (string | number)[]) => number,
): Factor | undefined {
  const before = problems.length;
  const bad = (path: (string | number)[], value: unknown, message: string) => problems.push({ path, value, message });
  const name = f.name ?? f.path!;
  if (f.dummy) return { name, kind: 'dummy', numeric: true, unit: 'u', label: `${name} (dummy: changes only the random numbers)`, value: (u) => u };

  if (f.variants) {
    const variants: Variant[] = [];
    f.variants.forEach((v, i) => {
      if (variants.some((w) => w.label === v.label)) bad(['variants', i, 'label'], v.label, 'is used twice; every variant needs its own label');
      for (const [path, value] of Object.entries(v.set ?? {})) {
        const p = parameterField(path);
        if (!p) bad(['variants', i, 'set', path], value, 'no such parameter; see buddysim params for the paths');
        else {
          const msg = p.check(value);
          if (msg) bad(['variants', i, 'set', path], value, msg);
        }
      }
      const scenario = v.scenario === undefined ? 0 : variantScenario(v.scenario, ['variants', i, 'scenario']);
      variants.push({ label: v.label, scenario, set: { ...v.set } });
    });
    if (problems.length > before) return undefined;
    return {
      name, kind: 'variants', levels: variants.map((v) => v.label), variants, numeric: false, unit: '', label: name,
      value: (u) => levelAt(variants, u).label,
    };
  }

  const p = parameterField(f.path!);
  if (!p) {
    bad(['path'], f.path, 'no such parameter; see buddysim params for the paths (section.key)');
    return undefined;
  }
  const spec = p.spec;
  const label = spec.label;
  const unit = spec.unit;
  if (f.levels) {
    f.levels.forEach((level, i) => {
      const msg = p.check(level);
      if (msg) bad(['levels', i], level, msg);
    });
    if (new Set(f.levels).size !== f.levels.length) bad(['levels'], f.levels, 'lists a level twice');
    if (problems.length > before) return undefined;
    const levels = [...f.levels];
    return { name, kind: 'levels', path: p.path, levels, numeric: levels.every((l) => typeof l === 'number'), unit, label, value: (u) => levelAt(levels, u) };
  }

  if (spec.kind !== 'number') {
    bad(f.range ? ['range'] : ['distribution'], f.range ?? f.distribution, `${p.path} is a choice (${spec.options.join(', ')}): give its levels instead`);
    return undefined;
  }
  const within = (path: (string | number)[], x: number) => {
    if (x < spec.min || x > spec.max) bad(path, x, `must be within the declared range of ${p.path}: ${spec.min} to ${spec.max} ${spec.unit}`);
  };
  // Twelve significant digits: 0.3, not 0.30000000000000004, in the parameter and in the tables.
  const round = (x: number) => (spec.integer ? Math.round(x) : Number(x.toPrecision(12)));
  if (f.range) {
    const [lo, hi] = f.range;
    within(['range', 0], lo);
    within(['range', 1], hi);
    if (!(lo < hi)) bad(['range'], f.range, 'must be [lo, hi] with lo below hi');
    if (problems.length > before) return undefined;
    return { name, kind: 'range', path: p.path, numeric: true, unit, label, steps: f.steps, value: (u) => round(lo + u * (hi - lo)) };
  }
  const d = f.distribution!;
  if (d.type === 'normal') within(['distribution', 'mean'], d.mean);
  else {
    within(['distribution', 'lo'], d.lo);
    within(['distribution', 'hi'], d.hi);
    if (!(d.lo < d.hi)) bad(['distribution'], d, 'needs lo below hi');
    if (d.type === 'triangular' && !(d.mode >= d.lo && d.mode <= d.hi)) bad(['distribution', 'mode'], d.mode, 'must be from lo to hi');
  }
  if (problems.length > before) return undefined;
  return { name, kind: 'distribution', path: p.path, numeric: true, unit, label, steps: f.steps, value: (u) => round(distributionQuantile(d, u, spec.min, spec.max)) };
}

/** Whether a value given for a factor in an explicit list of points is one it can take; a message if not. */
export function checkListValue(f: Factor, value: FactorValue): string | undefined {
  if (f.kind === 'variants' || f.kind === 'levels') {
    return f.levels!.includes(value) ? undefined : `must be one of: ${f.levels!.join(', ')}`;
  }
  if (f.kind === 'dummy') return typeof value === 'number' && value >= 0 && value <= 1 ? undefined : 'must be a number from 0 to 1 (a dummy\'s coordinate)';
  return parameterField(f.path!)!.check(value);
}
