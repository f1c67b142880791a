/**
 * From the dashboard's state (a base scenario and the user's overrides) to a validated Scenario,
 * or to problems keyed by the field they belong to. Pure: no DOM, so tests run it in Node.
 */
import {
  flatten,
  mergeDeep,
  paramRows,
  parseScenario,
  RUN_FIELDS,
  ScenarioError,
  SECTIONS,
  type ParamRow,
  type ParamSpec,
  type Scenario,
  type ScenarioLoader,
} from '../index.ts';
import { BUNDLED, bundledLoader } from '../scenario/bundled.ts';
import type { DashState, FieldKinds, OverrideValue } from './state.ts';

/** The scenario shown when the URL names none. */
export const DEFAULT_SCENARIO = BUNDLED.has('flemish-befriending') ? 'flemish-befriending' : [...BUNDLED.keys()][0];

/** A control: run settings first (seed, replications, horizon), then every model parameter. */
export interface Field {
  /** `seed`, `reps`, `weeks`, or `section.key`. */
  path: string;
  /** `run` or a section of SECTIONS. */
  section: string;
  spec: ParamSpec;
}

const RUN_ROWS: Field[] = (['seed', 'reps', 'weeks'] as const).map((k) => ({ path: k, section: 'run', spec: RUN_FIELDS[k].spec }));

export const FIELDS: readonly Field[] = [...RUN_ROWS, ...paramRows().map((r: ParamRow) => ({ path: r.path, section: r.section, spec: r.spec }))];
export const FIELD_BY_PATH: ReadonlyMap<string, Field> = new Map(FIELDS.map((f) => [f.path, f]));

export const FIELD_KINDS: FieldKinds = {
  order: ['name', ...FIELDS.map((f) => f.path)],
  choice: new Set(FIELDS.filter((f) => f.spec.kind === 'choice' || f.spec.kind === 'choices').map((f) => f.path)),
};

/** The sections in display order, with their label and help text, as SECTIONS declares them. */
export const SECTION_LIST = [
  { key: 'run', label: 'Run', help: 'Seed, number of replications and the simulated horizon.', advanced: false },
  ...Object.entries(SECTIONS).map(([key, s]) => ({ key, label: s.label, help: s.help, advanced: key === 'behaviour' })),
];

const DEFAULTS_JSON: Record<string, unknown> = { version: 1, name: 'Model defaults' };

/** The raw (unvalidated) JSON of a base: a bundled scenario with `extends` resolved, or the defaults. */
export function baseJson(scenario: string | null): Record<string, unknown> {
  if (scenario === null) return { ...DEFAULTS_JSON };
  const flat = flatten(`${scenario}.json`, bundledLoader);
  const { $schema: _s, ...rest } = flat;
  return rest;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Nested JSON from `section.key` paths. */
/** A list field (several options) is held as its options joined by commas in the dashboard's state and URL. */
export function isListField(path: string): boolean {
  return FIELD_BY_PATH.get(path)?.spec.kind === 'choices';
}

export function nestOverrides(overrides: Record<string, OverrideValue>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, raw] of Object.entries(overrides)) {
    const value = isListField(path) && typeof raw === 'string' ? raw.split(',').map((x) => x.trim()).filter(Boolean) : raw;
    const parts = path.split('.');
    let target = out;
    for (const p of parts.slice(0, -1)) {
      if (!isObject(target[p])) target[p] = {};
      target = target[p] as Record<string, unknown>;
    }
    target[parts[parts.length - 1]] = value;
  }
  return out;
}

export function valueAt(json: Record<string, unknown>, path: string): unknown {
  let v: unknown = json;
  for (const p of path.split('.')) {
    if (!isObject(v)) return undefined;
    v = v[p];
  }
  return v;
}

export interface Problems {
  /** Problems of one control, by its path. */
  byPath: Map<string, string[]>;
  /** Problems with no control of their own (unknown fields, a missing base scenario). */
  general: string[];
}

/**
 * Splits ScenarioError lines (`path: got ...; must ...`) into those of a known control and the
 * rest. Lines with a file prefix (`name.json: ...`) or an unknown path are general.
 */
export function problemsByPath(lines: readonly string[], known: ReadonlyMap<string, unknown> = FIELD_BY_PATH): Problems {
  const byPath = new Map<string, string[]>();
  const general: string[] = [];
  for (const line of lines) {
    const i = line.indexOf(': ');
    const path = i > 0 ? line.slice(0, i) : '';
    if (path && (known.has(path) || path === 'name')) {
      const list = byPath.get(path) ?? [];
      list.push(line.slice(i + 2));
      byPath.set(path, list);
    } else {
      general.push(line);
    }
  }
  return { byPath, general };
}

export interface Design {
  /** The base scenario's JSON (after `extends`), or null if it could not be read. */
  base: Record<string, unknown> | null;
  /** Base and overrides merged: the scenario file the dashboard runs and exports. */
  json: Record<string, unknown>;
  scenario: Scenario | null;
  problems: Problems;
}

/** Base plus overrides, validated once as a whole by parseScenario, as the command line does. */
export function resolveDesign(state: DashState): Design {
  let base: Record<string, unknown> | null;
  try {
    base = baseJson(state.scenario);
  } catch (e) {
    const lines = e instanceof ScenarioError ? [...e.problems] : [String(e)];
    return { base: null, json: {}, scenario: null, problems: { byPath: new Map(), general: lines } };
  }
  const json = mergeDeep(base, nestOverrides(state.overrides));
  try {
    return { base, json, scenario: parseScenario(json), problems: { byPath: new Map(), general: [] } };
  } catch (e) {
    const lines = e instanceof ScenarioError ? [...e.problems] : [String(e)];
    return { base, json, scenario: null, problems: problemsByPath(lines) };
  }
}

/** The value a control shows: the override, else the base's value, else the parameter's default. */
export function effectiveValue(design: Design, path: string): unknown {
  const v = valueAt(design.json, path);
  if (v !== undefined) return v;
  return FIELD_BY_PATH.get(path)?.spec.default;
}

/**
 * A loaded scenario file as a state over the model's defaults: every field that differs from its
 * default becomes an override (with the name), so the URL can reproduce it. `extends` resolves
 * among the bundled scenarios.
 */
export function stateFromFile(json: unknown, fileName = 'scenario.json'): DashState {
  const loader: ScenarioLoader = (ref, from) => (from === undefined && ref === fileName ? { id: fileName, json } : bundledLoader(ref, from));
  const flat = flatten(fileName, loader);
  const overrides: Record<string, OverrideValue> = {};
  if (typeof flat.name === 'string') overrides.name = flat.name;
  if (typeof flat.description === 'string' && flat.description !== '') overrides.description = flat.description;
  const known = new Set(['$schema', 'version', 'name', 'description', 'extends']);
  for (const [key, value] of Object.entries(flat)) {
    if (known.has(key)) continue;
    if (isObject(value)) {
      for (const [k, v] of Object.entries(value)) addOverride(overrides, `${key}.${k}`, v);
    } else {
      addOverride(overrides, key, value);
    }
  }
  return { scenario: null, overrides };
}

function addOverride(overrides: Record<string, OverrideValue>, path: string, v: unknown): void {
  const field = FIELD_BY_PATH.get(path);
  if (field && Object.is(field.spec.default, v)) return;
  if (isListField(path) && Array.isArray(v)) {
    if (field && String(field.spec.default) === String(v)) return;
    overrides[path] = v.join(',');
    return;
  }
  overrides[path] = typeof v === 'number' || typeof v === 'string' ? v : JSON.stringify(v);
}

/** Drops overrides equal to the base's value, so the URL holds only real changes. */
export function withOverride(state: DashState, base: Record<string, unknown> | null, path: string, value: OverrideValue): DashState {
  const overrides = { ...state.overrides };
  const field = FIELD_BY_PATH.get(path);
  const baseValue = base ? (valueAt(base, path) ?? field?.spec.default) : field?.spec.default;
  if (Object.is(baseValue, value) || (isListField(path) && String(baseValue) === String(value))) delete overrides[path];
  else overrides[path] = value;
  return { ...state, overrides };
}
