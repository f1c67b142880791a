import { scenarioFileSchema, type ScenarioFile } from './schema.ts';
import { ScenarioError, formatIssues } from './errors.ts';
import { SECTIONS, type Params, type SectionName } from '../model/params.ts';
import type { Scenario } from '../model/scenario.ts';
import { withTypologyDefaults } from '../model/typology.ts';

/** Reads a scenario file's JSON by reference (a path, or a bundled name), relative to another file. */
export type ScenarioLoader = (ref: string, from?: string) => { id: string; json: unknown };

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Overrides win; objects merge key by key; arrays and values replace. */
export function mergeDeep(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    out[k] = isPlainObject(v) && isPlainObject(out[k]) ? mergeDeep(out[k] as Record<string, unknown>, v) : v;
  }
  return out;
}

/** Follows `extends` to the root and merges down, raw JSON first, so defaults apply once at the end. */
export function flatten(ref: string, load: ScenarioLoader, from?: string, seen: string[] = []): Record<string, unknown> {
  const { id, json } = load(ref, from);
  if (seen.includes(id)) throw new ScenarioError([`${id}: extends forms a cycle: ${[...seen, id].join(' -> ')}`]);
  if (!isPlainObject(json)) throw new ScenarioError([`${id}: got ${Array.isArray(json) ? 'an array' : typeof json}; a scenario file must hold a JSON object`]);
  const parent = json.extends;
  if (parent === undefined) return json;
  if (typeof parent !== 'string') throw new ScenarioError([`${id}: extends: got ${JSON.stringify(parent)}; must be the path of another scenario file`]);
  const base = flatten(parent, load, id, [...seen, id]);
  const { extends: _drop, ...own } = json;
  const { extends: _baseExtends, description: _baseDescription, ...inherited } = base;
  return mergeDeep(inherited, own);
}

/** Validates merged scenario JSON into a frozen Scenario; every problem is one line in the error. */
export function parseScenario(json: unknown, file = ''): Scenario {
  const parsed = scenarioFileSchema.safeParse(withTypologyDefaults(json));
  if (!parsed.success) throw new ScenarioError(formatIssues(parsed.error.issues, json, file), file);
  const s = parsed.data;
  const params = Object.fromEntries(Object.keys(SECTIONS).map((k) => [k, s[k as SectionName]])) as unknown as Params;
  return deepFreeze({ name: s.name, description: s.description, seed: s.seed, reps: s.reps, weeks: s.weeks, params });
}

export function resolveScenario(ref: string, load: ScenarioLoader): Scenario {
  const merged = flatten(ref, load);
  return parseScenario(merged, load(ref).id);
}

/** The file form of a resolved scenario: what the dashboard exports and `extends` can build on. */
export function scenarioToFile(s: Scenario): ScenarioFile {
  return { version: 1, name: s.name, description: s.description, seed: s.seed, reps: s.reps, weeks: s.weeks, ...s.params };
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}
