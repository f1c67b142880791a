/**
 * Saved design sets: named sets of designs (scenarios) kept in the browser's localStorage and
 * exported or imported as one JSON file. Each design is stored as a complete scenario file (what
 * `buddysim run` reads) and as the dashboard's state that made it (a bundled scenario and the
 * fields changed), so it re-opens with its controls as they were. Pure but for the Storage given.
 */
import { z } from 'zod';
import { formatIssues, parseScenario, ScenarioError, scenarioHash, scenarioToFile, type Scenario } from '../../index.ts';
import { resolveDesign, stateFromFile } from '../design.ts';
import { isSafePath, type DashState } from '../state.ts';

export const DESIGN_SET_FORMAT = 'buddysim-design-set';
export const DESIGN_SET_VERSION = 1;
/** The localStorage key of every saved set. */
export const STORAGE_KEY = 'buddysim.designSets';
export const MAX_SETS = 50;
export const MAX_DESIGNS = 50;

export interface SavedDesign {
  label: string;
  /** The scenario file (scenarioToFile): runs with `buddysim run` as it is. */
  scenario: Record<string, unknown>;
  /** The dashboard's state that made it, if known. */
  dashboard: DashState | null;
}

export interface DesignSet {
  name: string;
  /** When it last changed (ISO 8601). */
  saved: string;
  designs: SavedDesign[];
}

const label = (what: string, max: number) => z.string({ error: `must be a text (${what})` }).trim().min(1, { error: 'must not be empty' }).max(max, { error: `must be at most ${max} characters` });

const dashboardSchema = z.strictObject({
  scenario: z.string().max(120).nullable(),
  overrides: z.record(z.string().max(120).refine(isSafePath, { error: 'is not a field path' }), z.union([z.number(), z.string().max(4000)])),
});

const setSchema = z.strictObject({
  format: z.literal(DESIGN_SET_FORMAT, { error: `must be "${DESIGN_SET_FORMAT}"` }),
  version: z.literal(DESIGN_SET_VERSION, { error: `must be ${DESIGN_SET_VERSION} (the design set format version)` }),
  name: label('the set\'s name', 60),
  saved: z.string().max(40).default(''),
  designs: z
    .array(z.strictObject({ label: label('the design\'s label', 80), scenario: z.record(z.string(), z.unknown()), dashboard: dashboardSchema.nullable().default(null) }))
    .max(MAX_DESIGNS, { error: `must hold at most ${MAX_DESIGNS} designs` }),
});

/** Allowed keys where an unknown one was found, for the error line. */
function allowedKeys(path: readonly PropertyKey[]): string[] {
  if (path.length === 0) return Object.keys(setSchema.shape);
  if (path[path.length - 1] === 'dashboard') return Object.keys(dashboardSchema.shape);
  return ['label', 'scenario', 'dashboard'];
}

const storedSchema = z.strictObject({ version: z.literal(DESIGN_SET_VERSION), sets: z.array(z.unknown()).max(MAX_SETS) });

/**
 * A design set from parsed JSON (an exported file or storage), every scenario validated as the
 * command line validates scenario files. Every problem is one line naming the field.
 *
 * @example
 *   parseDesignSet(JSON.parse(text), 'options.json').designs.length;
 */
export function parseDesignSet(json: unknown, file: string): DesignSet {
  const r = setSchema.safeParse(json);
  if (!r.success) throw new ScenarioError(formatIssues(r.error.issues, json, file, { allowedKeys, whole: '(design set)' }), file);
  const problems: string[] = [];
  r.data.designs.forEach((d, i) => {
    try {
      parseScenario(d.scenario, `${file} designs.${i}.scenario`);
    } catch (e) {
      if (e instanceof ScenarioError) problems.push(...e.problems);
      else throw e;
    }
  });
  if (problems.length > 0) throw new ScenarioError(problems, file);
  const { name, saved, designs } = r.data;
  return { name, saved, designs };
}

/** A set as the JSON file it is exported to. */
export function designSetJson(set: DesignSet): string {
  return JSON.stringify({ format: DESIGN_SET_FORMAT, version: DESIGN_SET_VERSION, ...set }, null, 2) + '\n';
}

/**
 * The sets with a design added to the set `setName` (made if new; a design of the same label in it
 * is replaced), that set moved to the front.
 *
 * @example
 *   saveDesign([], 'Options', '2 h a week', state, scenario, new Date())[0].designs.length; // 1
 */
export function saveDesign(sets: readonly DesignSet[], setName: string, designLabel: string, state: DashState, scenario: Scenario, when: Date): DesignSet[] {
  const name = setName.trim().slice(0, 60) || 'My designs';
  const lbl = designLabel.trim().slice(0, 80) || scenario.name;
  const old = sets.find((s) => s.name === name);
  const design: SavedDesign = { label: lbl, scenario: scenarioToFile(scenario) as Record<string, unknown>, dashboard: { scenario: state.scenario, overrides: { ...state.overrides } } };
  const designs = old ? [...old.designs.filter((d) => d.label !== lbl), design] : [design];
  if (designs.length > MAX_DESIGNS) throw new ScenarioError([`${name}: holds ${MAX_DESIGNS} designs already; remove one or start another set`]);
  const next = { name, saved: when.toISOString(), designs };
  const rest = sets.filter((s) => s.name !== name);
  if (!old && rest.length >= MAX_SETS) throw new ScenarioError([`${MAX_SETS} sets are saved already; remove one first`]);
  return [next, ...rest];
}

/** The sets without design `index` of set `setName` (a set left empty is removed). */
export function removeDesign(sets: readonly DesignSet[], setName: string, index: number): DesignSet[] {
  return sets
    .map((s) => (s.name === setName ? { ...s, designs: s.designs.filter((_, i) => i !== index) } : s))
    .filter((s) => s.designs.length > 0);
}

/** The sets with `set` added, or replacing the set of the same name (an import). */
export function withSet(sets: readonly DesignSet[], set: DesignSet): DesignSet[] {
  return [set, ...sets.filter((s) => s.name !== set.name)].slice(0, MAX_SETS);
}

/**
 * The dashboard state that re-opens a saved design: its recorded state when that still gives the
 * same scenario (bundled scenarios change between versions), otherwise the scenario file itself.
 */
export function openState(design: SavedDesign): DashState {
  const wanted = scenarioHash(parseScenario(design.scenario));
  if (design.dashboard) {
    const d = resolveDesign(design.dashboard);
    if (d.scenario && scenarioHash(d.scenario) === wanted) return design.dashboard;
  }
  return stateFromFile(design.scenario, `${design.label}.json`);
}

/** The sets in storage; sets that no longer read are left out and named in `problems`. */
export function readStoredSets(storage: Pick<Storage, 'getItem'>): { sets: DesignSet[]; problems: string[] } {
  let text: string | null;
  try {
    text = storage.getItem(STORAGE_KEY);
  } catch (e) {
    return { sets: [], problems: [`Saved design sets could not be read from this browser's storage: ${e instanceof Error ? e.message : String(e)}`] };
  }
  if (!text) return { sets: [], problems: [] };
  let stored: z.infer<typeof storedSchema>;
  try {
    stored = storedSchema.parse(JSON.parse(text));
  } catch {
    return { sets: [], problems: [`The saved design sets in this browser's storage are not readable (key ${STORAGE_KEY}); they were left as they are.`] };
  }
  const sets: DesignSet[] = [];
  const problems: string[] = [];
  stored.sets.forEach((raw, i) => {
    try {
      sets.push(parseDesignSet(raw, `saved set ${i + 1}`));
    } catch (e) {
      problems.push(...(e instanceof ScenarioError ? e.problems.slice(0, 3) : [String(e)]));
    }
  });
  return { sets, problems };
}

/** Writes the sets to storage; returns why it failed (storage full or off), or null. */
export function storeSets(storage: Pick<Storage, 'setItem'>, sets: readonly DesignSet[]): string | null {
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify({ version: DESIGN_SET_VERSION, sets: sets.map((s) => ({ format: DESIGN_SET_FORMAT, version: DESIGN_SET_VERSION, ...s })) }));
    return null;
  } catch (e) {
    return `The design sets could not be saved in this browser's storage (${e instanceof Error ? e.message : String(e)}); export them as JSON to keep them.`;
  }
}
