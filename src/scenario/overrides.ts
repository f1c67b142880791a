import type { z } from 'zod';
import { SECTIONS } from '../model/params.ts';
import { unitAfter, type ParamSpec } from '../model/paramSpec.ts';
import type { Scenario } from '../model/scenario.ts';
import { ScenarioError } from './errors.ts';
import { parseScenario, scenarioToFile } from './resolve.ts';
import { RUN_FIELDS } from './schema.ts';
import { didYouMean } from './suggest.ts';

/** A number as people write one: decimal digits, an optional sign and fraction. No hex, no exponent, no "Infinity". */
export const DECIMAL_NUMBER = /^[-+]?\d+(\.\d+)?$/;

/** A value set on one parameter from outside a scenario file (`--set programme.contactsPerWeek=2`), already checked. */
export interface Override {
  readonly path: string;
  readonly value: number | string | readonly string[];
}

/** A path that is not a parameter, a value it does not allow, or a scenario the overrides make invalid: one line. */
export class OverrideError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OverrideError';
  }
}

/** The run settings (seed, reps, weeks): they are not part of what the scenario is named for. */
const RUN_PATHS = new Set(['seed', 'reps']);

/** A parameter (or run field) as declared once: its spec (kind, range, unit, options) and its zod schema. */
export interface DeclaredField {
  readonly spec: ParamSpec;
  readonly schema: z.ZodType;
}

/** Every path that can be set, with its declaration: the run fields, then each section's parameters. */
function settable(): Map<string, DeclaredField> {
  const out = new Map<string, DeclaredField>();
  for (const [key, field] of Object.entries(RUN_FIELDS)) out.set(key, field);
  for (const [section, def] of Object.entries(SECTIONS)) {
    for (const [key, field] of Object.entries(def.fields as Record<string, DeclaredField>)) out.set(`${section}.${key}`, field);
  }
  return out;
}

let cache: Map<string, DeclaredField> | undefined;
const fields = () => (cache ??= settable());

/**
 * The declaration at a path (`seed`, `reps`, `weeks`, or `section.key`), or undefined: the one
 * lookup that --set and experiment files use.
 *
 * @example
 *   declaredField('programme.matching')?.spec.kind; // 'choice'
 *   declaredField('programme.nothing'); // undefined
 */
export function declaredField(path: string): DeclaredField | undefined {
  return fields().get(path);
}

/**
 * Every path `--set` accepts: `seed`, `reps`, `weeks`, then `section.parameter` as `buddysim params` lists them.
 *
 * @example
 *   settablePaths().includes('programme.contactsPerWeek'); // true
 */
export function settablePaths(): string[] {
  return [...fields().keys()];
}

/** What a parameter allows, in words, for an error message. */
function allowed(spec: ParamSpec): string {
  if (spec.kind === 'number') {
    const unit = unitAfter(spec);
    return `${spec.integer ? 'a whole number' : 'a number'} in decimal digits from ${spec.min} to ${spec.max}${unit}`;
  }
  if (spec.kind === 'choice') return `one of: ${spec.options.join(', ')}`;
  return `one or more of ${spec.options.join(', ')}, separated by commas`;
}

function unknownPath(path: string): OverrideError {
  const hint = didYouMean(path, settablePaths());
  return new OverrideError(`unknown parameter "${path.slice(0, 80)}"; ${hint ? `${hint} ` : ''}(buddysim params lists every parameter)`);
}

/** For a misspelt option, the closest ones ('' if none is close or the parameter is a number). */
function optionHint(spec: ParamSpec, value: Override['value']): string {
  if (spec.kind === 'number') return '';
  const options: readonly string[] = spec.options;
  const given = Array.isArray(value) ? value : [value];
  const wrong = given.find((v) => typeof v === 'string' && !options.includes(v));
  return typeof wrong === 'string' ? didYouMean(wrong, options) : '';
}

/**
 * One override checked against the parameter's declaration: the same schema a scenario file is
 * checked with. Errors name the path, the value and what is allowed.
 *
 * @example
 *   override('programme.matching', 'deep'); // { path: 'programme.matching', value: 'deep' }
 *   override('programme.contactsPerWeek', 9); // throws OverrideError: programme.contactsPerWeek: got 9; must be at most 5 contacts/week
 */
export function override(path: string, value: Override['value']): Override {
  const field = fields().get(path);
  if (!field) throw unknownPath(path);
  const parsed = field.schema.safeParse(value);
  if (!parsed.success) {
    const option = optionHint(field.spec, value);
    throw new OverrideError(`${path}: got ${JSON.stringify(value)}; ${parsed.error.issues[0].message}${option ? `; ${option}` : ''}`);
  }
  return { path, value: parsed.data as Override['value'] };
}

/**
 * Reads `path=value` by the parameter's kind: a number in decimal digits, one option of a choice, or
 * comma-separated options of a list, then checks it as `override` does.
 *
 * @example
 *   parseOverride('programme.contactsPerWeek=2'); // { path: 'programme.contactsPerWeek', value: 2 }
 *   parseOverride('outcomes.domains=wellbeing,network'); // { path: 'outcomes.domains', value: ['wellbeing', 'network'] }
 *   parseOverride('seed=-1'); // throws OverrideError: seed: got -1; must be at least 0
 */
export function parseOverride(text: string): Override {
  const eq = text.indexOf('=');
  if (eq < 0) throw new OverrideError(`got "${text.slice(0, 80)}"; must be path=value, like programme.contactsPerWeek=2 (buddysim params lists the paths)`);
  const path = text.slice(0, eq).trim();
  const raw = text.slice(eq + 1).trim();
  const field = fields().get(path);
  if (!field) throw unknownPath(path);
  const spec = field.spec;
  if (raw === '') throw new OverrideError(`${path}: got no value; must be ${allowed(spec)}`);
  if (spec.kind === 'number') {
    if (!DECIMAL_NUMBER.test(raw)) throw new OverrideError(`${path}: got "${raw.slice(0, 80)}"; must be ${allowed(spec)}`);
    return override(path, Number(raw));
  }
  if (spec.kind === 'choices') return override(path, raw.split(',').map((x) => x.trim()));
  return override(path, raw);
}

/**
 * Several `path=value` texts; a path given twice is refused (which one was meant?).
 *
 * @example
 *   parseOverrides(['seed=7', 'programme.matching=deep']).length; // 2
 */
export function parseOverrides(texts: readonly string[]): Override[] {
  const out = texts.map(parseOverride);
  const seen = new Set<string>();
  for (const o of out) {
    if (seen.has(o.path)) throw new OverrideError(`${o.path} is set more than once; set it once`);
    seen.add(o.path);
  }
  return out;
}

/** `programme.contactsPerWeek=2`: an override as it is written on a command line. */
export function overrideText(o: Override): string {
  return `${o.path}=${Array.isArray(o.value) ? o.value.join(',') : String(o.value)}`;
}

const NAME_MAX = 80;
const DESCRIPTION_MAX = 2000;

/** "Flemish befriending (year-long); contactsPerWeek=2": the name notes what was set, within the 80 characters a name may have. */
function notedName(name: string, notes: string[]): string {
  if (notes.length === 0) return name;
  const note = `; ${notes.join(', ')}`;
  if (name.length + note.length <= NAME_MAX) return `${name}${note}`;
  const room = NAME_MAX - note.length - 3;
  if (room >= 12) return `${name.slice(0, room)}...${note}`;
  return `${name}${note}`.slice(0, NAME_MAX - 3) + '...';
}

/**
 * The scenario with the overrides applied, validated again as a whole (a horizon shorter than the
 * assessment point is refused here). The name notes the changed parameters (not seed and reps, which
 * the run's frame states anyway) and the description lists every override in full. Values are set
 * as given: setting `programme.typology` does not bring that type's defaults with it.
 *
 * @example
 *   const s = applyOverrides(readScenario('flemish-befriending'), parseOverrides(['programme.contactsPerWeek=2']));
 *   s.params.programme.contactsPerWeek; // 2
 *   s.name; // 'Flemish befriending (year-long); contactsPerWeek=2'
 */
export function applyOverrides(scenario: Scenario, overrides: readonly Override[]): Scenario {
  if (overrides.length === 0) return scenario;
  const file = scenarioToFile(scenario) as Record<string, unknown>;
  for (const o of overrides) {
    const checked = override(o.path, o.value);
    const dot = checked.path.indexOf('.');
    if (dot < 0) {
      file[checked.path] = checked.value;
    } else {
      const section = checked.path.slice(0, dot);
      file[section] = { ...(file[section] as Record<string, unknown>), [checked.path.slice(dot + 1)]: checked.value };
    }
  }
  const texts = overrides.map(overrideText);
  const notes = overrides.filter((o) => !RUN_PATHS.has(o.path)).map((o) => overrideText({ ...o, path: o.path.slice(o.path.indexOf('.') + 1) }));
  file.name = notedName(scenario.name, notes);
  const line = `Set from outside the scenario file: ${texts.join(', ')}.`;
  file.description = `${scenario.description ? `${scenario.description.slice(0, DESCRIPTION_MAX - line.length - 1)} ` : ''}${line}`.slice(0, DESCRIPTION_MAX);
  try {
    return parseScenario(file);
  } catch (e) {
    if (e instanceof ScenarioError) throw new OverrideError(`${texts.join(', ')} makes the scenario invalid: ${e.problems.join('; ')}`);
    throw e;
  }
}
