import { METRIC_NAMES, type MetricName } from '../analysis/metrics.ts';
import type { Scenario } from '../model/scenario.ts';
import { ScenarioError, formatIssues } from '../scenario/errors.ts';
import { scenarioHash } from '../scenario/hash.ts';
import { flatten, mergeDeep, parseScenario, scenarioToFile, type ScenarioLoader } from '../scenario/resolve.ts';
import { RESERVED_COLUMNS } from './results.ts';
import { compileFactor, dummySeed, type Factor, type Problem } from './factors.ts';
import { experimentAllowedKeys, experimentFileSchema, type DesignFile, type FactorFile, type ParsedExperimentFile } from './schema.ts';

/**
 * A validated experiment: every scenario resolved and inlined, every factor checked against the
 * model's parameter declarations. `file` is the self-contained experiment file (what an experiment
 * directory's experiment.json holds and what shards carry), and `hash` its content hash: two runs
 * belong together exactly when their hashes agree.
 */
export interface Experiment {
  readonly name: string;
  readonly description: string;
  readonly file: Readonly<Record<string, unknown>>;
  readonly hash: string;
  /** Resolved scenarios in file form: 0 is the base, then those of variants, in order of appearance. */
  readonly scenarios: readonly Readonly<Record<string, unknown>>[];
  readonly factors: readonly Factor[];
  /** The factor whose every level repeats the whole design (a block), if any. */
  readonly across?: Factor;
  readonly design: DesignFile;
  readonly replications: number;
  /** The same seed at every point (common random numbers, so differences between points are paired); a dummy factor alone moves it (dummySeed). */
  readonly seed: number;
  readonly outputs: readonly MetricName[];
}

export interface ParseOptions {
  /** Reads scenario files by reference; needed only when the experiment names scenario files. */
  load?: ScenarioLoader;
  /** The experiment file's path or id: errors name it, and scenario paths are relative to it. */
  file?: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Validates an experiment file (parsed JSON) into an `Experiment`; every problem is one line of the
 * thrown ScenarioError: the field, the value given and what is allowed.
 *
 * @example
 *   const experiment = parseExperiment({
 *     version: 1, name: 'Contact frequency', scenario: 'flemish-befriending',
 *     factors: [{ path: 'programme.contactsPerWeek', range: [0.25, 2] }],
 *     design: { type: 'full-factorial', steps: 8 }, replications: 50, outputs: ['prematureIncidence'],
 *   }, { load: fileLoader });
 */
export function parseExperiment(json: unknown, options: ParseOptions = {}): Experiment {
  const file = options.file ?? '';
  const prefix = file ? `${file}: ` : '';
  const parsed = experimentFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new ScenarioError(formatIssues(parsed.error.issues, json, file, { allowedKeys: experimentAllowedKeys, whole: '(experiment)' }), file);
  }
  const e: ParsedExperimentFile = parsed.data;
  const problems: string[] = [];
  const say = (path: (string | number)[], value: unknown, message: string) => {
    const shown = value === undefined ? 'nothing' : JSON.stringify(value);
    problems.push(`${prefix}${path.join('.')}: got ${shown.length > 60 ? `${shown.slice(0, 57)}...` : shown}; ${message}`);
  };

  const scenarios: Record<string, unknown>[] = [];
  const resolve = (ref: string | Record<string, unknown>, at: (string | number)[]): Record<string, unknown> | undefined => {
    try {
      let merged: Record<string, unknown>;
      if (typeof ref === 'string') {
        if (!options.load) throw new ScenarioError([`${prefix}${at.join('.')}: got ${JSON.stringify(ref)}; a scenario file needs a file loader (readExperiment in Node), or give the scenario inline`]);
        merged = flatten(ref, options.load, file || undefined);
      } else if (typeof ref.extends === 'string') {
        if (!options.load) throw new ScenarioError([`${prefix}${at.join('.')}.extends: a scenario that extends a file needs a file loader (readExperiment in Node)`]);
        const { extends: parent, ...own } = ref;
        const { description: _d, ...inherited } = flatten(parent as string, options.load, file || undefined);
        merged = mergeDeep(inherited, own);
      } else merged = ref;
      return scenarioToFile(parseScenario(merged, `${file ? `${file} ` : ''}${at.join('.')}`)) as Record<string, unknown>;
    } catch (err) {
      if (err instanceof ScenarioError) problems.push(...err.problems);
      else throw err;
      return undefined;
    }
  };
  const base = resolve(e.scenario, ['scenario']);
  if (base) scenarios.push(base);

  let replacing: string | undefined;
  const compile = (f: FactorFile, at: (string | number)[]): Factor | undefined => {
    const local: Problem[] = [];
    const factor = compileFactor(f, local, (ref, where) => {
      const full = [...at, ...where];
      if (replacing !== undefined && replacing !== at.join('.')) {
        local.push({ path: where, value: typeof ref === 'string' ? ref : '(a scenario)', message: `only one factor may replace the scenario, and ${replacing} already does` });
      }
      replacing = at.join('.');
      const s = resolve(ref, full);
      if (!s) return 0;
      scenarios.push(s);
      return scenarios.length - 1;
    });
    for (const p of local) say([...at, ...p.path], p.value, p.message);
    return factor;
  };
  const factors = e.factors.map((f, i) => compile(f, ['factors', i]));
  const across = e.across ? compile(e.across, ['across']) : undefined;

  const all = [...(across ? [across] : []), ...factors].filter((f): f is Factor => f !== undefined);
  const names = new Set<string>();
  const setBy = new Map<string, string>();
  for (const f of all) {
    if (RESERVED_COLUMNS.includes(f.name)) say(['factors'], f.name, `is a column name of the results; name the factor otherwise (not ${RESERVED_COLUMNS.join(', ')})`);
    if (names.has(f.name)) say(['factors'], f.name, 'two factors have this name; give each its own name');
    names.add(f.name);
    const paths = f.path ? [f.path] : (f.variants ?? []).flatMap((v) => Object.keys(v.set));
    for (const p of new Set(paths)) {
      if (setBy.has(p)) say(['factors'], p, `is set by both ${setBy.get(p)} and ${f.name}; a parameter can be set by one factor only`);
      setBy.set(p, f.name);
    }
  }
  if (e.design.type === 'list') {
    e.design.points.forEach((point, i) => {
      for (const f of factors) if (f && !(f.name in point) && f.kind !== 'dummy') say(['design', 'points', i], point, `gives no value for factor ${f.name}`);
      for (const key of Object.keys(point)) if (!factors.some((f) => f?.name === key)) say(['design', 'points', i, key], point[key], `no factor has this name; factors: ${factors.map((f) => f?.name).join(', ')}`);
    });
  }
  if (problems.length > 0) throw new ScenarioError(problems, file);

  const seed = e.seed ?? (base!.seed as number);
  const outputs = (e.outputs ?? METRIC_NAMES) as MetricName[];
  const resolved: Record<string, unknown> = { ...(json as Record<string, unknown>), scenario: base };
  // Variants' scenarios inline too (resolved, in file form), so the file needs nothing else to run again.
  const inline = (raw: unknown, factor: Factor | undefined) => {
    if (!isObject(raw) || !factor?.variants) return raw;
    return { ...raw, variants: factor.variants.map((v, i) => (v.scenario === 0 ? (raw.variants as unknown[])[i] : { ...((raw.variants as Record<string, unknown>[])[i]), scenario: scenarios[v.scenario] })) };
  };
  resolved.factors = (resolved.factors as unknown[]).map((f, i) => inline(f, factors[i]));
  if (resolved.across !== undefined) resolved.across = inline(resolved.across, across);
  delete resolved.$schema;
  return {
    name: e.name,
    description: e.description,
    file: resolved,
    hash: scenarioHash(resolved),
    scenarios,
    factors: factors as Factor[],
    across,
    design: e.design,
    replications: e.replications,
    seed,
    outputs,
  };
}

/** Values of every factor (the block's first) at one point, applied to its scenario. */
export function pointScenario(experiment: Experiment, values: Readonly<Record<string, string | number>>, label: string): Scenario {
  const factors = [...(experiment.across ? [experiment.across] : []), ...experiment.factors];
  let scenarioIndex = 0;
  const overrides: Record<string, Record<string, unknown>> = {};
  const set = (path: string, value: unknown) => {
    const [section, key] = path.split('.');
    (overrides[section] ??= {})[key] = value;
  };
  let seed = experiment.seed;
  for (const f of factors) {
    const value = values[f.name];
    if (f.kind === 'dummy') seed = dummySeed(experiment.seed, Number(value));
    if (f.kind === 'variants') {
      const v = f.variants!.find((w) => w.label === value)!;
      scenarioIndex = Math.max(scenarioIndex, v.scenario);
      for (const [path, x] of Object.entries(v.set)) set(path, x);
    } else if (f.path) set(f.path, value);
  }
  const json = mergeDeep({ ...experiment.scenarios[scenarioIndex], seed, reps: experiment.replications }, overrides);
  try {
    return parseScenario(json);
  } catch (err) {
    if (err instanceof ScenarioError) throw new ScenarioError(err.problems.map((p) => `${label}: ${p}`));
    throw err;
  }
}
