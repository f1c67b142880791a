import { MECHANISMS, type Mechanism } from '../calibration/mechanisms.ts';
import { parameterField } from '../experiment/factors.ts';
import { SECTIONS } from '../model/params.ts';
import { ScenarioError, formatIssues } from '../scenario/errors.ts';
import { flatten, parseScenario, scenarioToFile, type ScenarioLoader } from '../scenario/resolve.ts';
import { gridAllowedKeys, gridFileSchema, type GridFile, type VariantFile } from './schema.ts';

/**
 * The ways to spend a trajectory's hours, as a grid of contact patterns x time limits x formats,
 * plus whole alternatives, all derived from one base scenario so that only the design differs:
 * inflow, participants, volunteers, coordinators, outcomes, horizon, seed and replications are the
 * base's in every design.
 */

/** A format or an alternative: its label and the design parameter values it applies to the base. */
export interface GridVariant {
  readonly label: string;
  readonly set: Readonly<Record<string, number | string>>;
}

export interface ContactPattern {
  readonly contactsPerWeek: number;
  readonly hoursPerContact: number;
}

export type TimeLimit = { readonly weeks: number } | { readonly times: number };

/** A validated grid: the base resolved, every format and alternative as parameter values. */
export interface Grid {
  readonly name: string;
  readonly description: string;
  /** The base scenario as named in the grid. */
  readonly baseRef: string;
  /** The base scenario, resolved, in file form. */
  readonly base: Readonly<Record<string, unknown>>;
  /** Hours every grid design spends. */
  readonly hours: number;
  readonly patterns: readonly ContactPattern[];
  readonly limits: readonly TimeLimit[];
  readonly formats: readonly GridVariant[];
  readonly alternatives: readonly GridVariant[];
  readonly mechanisms: readonly Mechanism[];
  /** Gain rates given in the file: these mechanisms are not levelled. */
  readonly gainRates: Readonly<Partial<Record<Mechanism, number>>>;
  /** Label of the design the others are compared with, if the file names one. */
  readonly reference?: string;
}

/**
 * The default grid: the 40 hours of the civic-integration trajectory ([LitReview2021] §1) at one,
 * two and four hours a week, in one meeting or two, within 20 weeks or within the base's 40; in a
 * duo, a group and with peer buddies ([VVSG2022]); and year-long befriending for the same
 * newcomers. Its twin in docs/designs.md is tested to be the same.
 */
export const DEFAULT_GRID: GridFile = {
  version: 1,
  name: 'Ways to spend the 40 hours, and year-long befriending',
  description: 'The 40 hours of the civic-integration buddy trajectory at 1, 2 and 4 hours a week, in one or two meetings, within 20 weeks or within 40; in a duo, a group of up to four, or with peer buddies; against year-long befriending for the same newcomers. Every design has the same referrals, volunteers and coordinator.',
  base: 'civic-integration-40h',
  hours: 40,
  patterns: [
    { contactsPerWeek: 1, hoursPerContact: 1 },
    { contactsPerWeek: 1, hoursPerContact: 2 },
    { contactsPerWeek: 2, hoursPerContact: 1 },
    { contactsPerWeek: 1, hoursPerContact: 4 },
    { contactsPerWeek: 2, hoursPerContact: 2 },
  ],
  limits: [{ weeks: 20 }, { weeks: 40 }],
  formats: [
    { label: 'duo' },
    { label: 'group', scenario: 'civic-integration-40h-group' },
    { label: 'peer buddies', scenario: 'civic-integration-40h-peer' },
  ],
  alternatives: [{ label: 'year-long befriending', scenario: 'newcomer-befriending' }],
};

/** The paths the grid itself sets in every grid design (pattern, limit, hours). */
export const GRID_PATHS = ['programme.contactsPerWeek', 'programme.hoursPerContact', 'programme.plannedWeeks', 'programme.hoursBudget'] as const;

/**
 * The design parameters: what may differ between designs. The programme section (but the
 * mechanism, which the explorer varies itself) and peer buddies; everything else (inflow,
 * participants, volunteers, coordinators, costs, outcomes, behaviour) is the base's.
 */
export function designPaths(): string[] {
  const programme = Object.keys(SECTIONS.programme.fields).filter((k) => k !== 'mechanism').map((k) => `programme.${k}`);
  return [...programme, 'volunteers.peerShare', 'volunteers.peerDelayWeeks'];
}

/** The value at `section.key` of a scenario in file form. */
export function valueAt(file: Readonly<Record<string, unknown>>, path: string): unknown {
  const [section, key] = path.split('.');
  return (file[section] as Record<string, unknown> | undefined)?.[key];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Validates a grid file (parsed JSON) into a Grid; every problem is one line of the thrown
 * ScenarioError: the field, the value given and what is allowed. `load` reads the scenarios it
 * names (relative to `file`, or bundled).
 *
 * @example
 *   const grid = parseGrid(DEFAULT_GRID, { load: fileLoader });
 *   grid.formats.map((f) => f.label); // ['duo', 'group', 'peer buddies']
 *   grid.formats[1].set;              // { 'programme.format': 'group' } (what the group scenario changes)
 */
export function parseGrid(json: unknown, options: { load: ScenarioLoader; file?: string }): Grid {
  const file = options.file ?? '';
  const prefix = file ? `${file}: ` : '';
  const parsed = gridFileSchema.safeParse(json);
  if (!parsed.success) throw new ScenarioError(formatIssues(parsed.error.issues, json, file, { allowedKeys: gridAllowedKeys, whole: '(grid)' }), file);
  const g = parsed.data;
  const problems: string[] = [];
  const say = (path: (string | number)[], value: unknown, message: string) => {
    const shown = value === undefined ? 'nothing' : JSON.stringify(value);
    problems.push(`${prefix}${path.join('.')}: got ${shown.length > 60 ? `${shown.slice(0, 57)}...` : shown}; ${message}`);
  };
  const resolve = (ref: string, at: (string | number)[]): Record<string, unknown> | undefined => {
    try {
      return scenarioToFile(parseScenario(flatten(ref, options.load, file || undefined), `${file ? `${file} ` : ''}${at.join('.')}`)) as Record<string, unknown>;
    } catch (err) {
      if (err instanceof ScenarioError) problems.push(...err.problems);
      else throw err;
      return undefined;
    }
  };
  const base = resolve(g.base, ['base']);
  if (!base) throw new ScenarioError(problems, file);

  const check = (path: string, value: unknown, at: (string | number)[]) => {
    const p = parameterField(path);
    const msg = p?.check(value);
    if (msg) say(at, value, msg);
  };
  g.patterns.forEach((p, i) => {
    check('programme.contactsPerWeek', p.contactsPerWeek, ['patterns', i, 'contactsPerWeek']);
    check('programme.hoursPerContact', p.hoursPerContact, ['patterns', i, 'hoursPerContact']);
  });
  const baseBudget = valueAt(base, 'programme.hoursBudget') as number;
  const hours = g.hours ?? baseBudget;
  if (!(hours > 0)) say(['hours'], g.hours, `the base ${g.base} has no hours budget (programme.hoursBudget 0); give the hours every grid design spends`);
  else check('programme.hoursBudget', hours, ['hours']);
  const limits: TimeLimit[] = g.limits?.map((l) => (l.weeks !== undefined ? { weeks: l.weeks } : { times: l.times! })) ?? [{ weeks: valueAt(base, 'programme.plannedWeeks') as number }];
  limits.forEach((l, i) => {
    if ('weeks' in l) check('programme.plannedWeeks', l.weeks, ['limits', i, 'weeks']);
  });

  const allowed = new Set(designPaths());
  const variants = (list: readonly VariantFile[], section: 'formats' | 'alternatives'): GridVariant[] =>
    list.map((v, i) => {
      const set: Record<string, number | string> = {};
      if (list.findIndex((w) => w.label === v.label) !== i) say([section, i, 'label'], v.label, `is used twice in ${section}; every ${section === 'formats' ? 'format' : 'alternative'} needs its own label`);
      if (v.scenario !== undefined) {
        const s = resolve(v.scenario, [section, i, 'scenario']);
        for (const path of allowed) {
          // A format's scenario cannot change what the grid sets itself (pattern, limit, hours).
          if (section === 'formats' && (GRID_PATHS as readonly string[]).includes(path)) continue;
          if (s && !same(valueAt(s, path), valueAt(base, path))) set[path] = valueAt(s, path) as number | string;
        }
      }
      for (const [path, value] of Object.entries(v.set ?? {})) {
        const at = [section, i, 'set', path];
        if (!parameterField(path)) say(at, value, 'no such parameter; see buddysim params for the paths');
        else if (!allowed.has(path)) say(at, value, `is not a design parameter: designs may differ only in programme.* (but programme.mechanism, which runs under every mechanism) and volunteers.peerShare, volunteers.peerDelayWeeks, so that every design has the base's inflow, people and coordinators`);
        else if (section === 'formats' && (GRID_PATHS as readonly string[]).includes(path)) say(at, value, 'is set by the grid itself (patterns, limits, hours); a format may not change it');
        else {
          check(path, value, at);
          set[path] = value;
        }
      }
      return { label: v.label, set };
    });
  const formats = variants(g.formats, 'formats');
  const alternatives = variants(g.alternatives, 'alternatives');
  for (const [i, a] of g.alternatives.entries()) {
    if (formats.some((f) => f.label === a.label)) say(['alternatives', i, 'label'], a.label, 'is also a format\'s label; give it another');
  }
  const mechanisms = g.mechanisms ? [...new Set(g.mechanisms)] : [...MECHANISMS];
  if (g.mechanisms && mechanisms.length !== g.mechanisms.length) say(['mechanisms'], g.mechanisms, 'lists a mechanism twice');
  const gainRates: Partial<Record<Mechanism, number>> = {};
  for (const m of MECHANISMS) if (g.gainRates?.[m] !== undefined) gainRates[m] = g.gainRates[m];
  if (problems.length > 0) throw new ScenarioError(problems, file);
  return {
    name: g.name, description: g.description, baseRef: g.base, base, hours, patterns: g.patterns, limits, formats, alternatives, mechanisms, gainRates,
    ...(g.reference !== undefined ? { reference: g.reference } : {}),
  };
}
