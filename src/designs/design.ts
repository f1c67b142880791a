import type { Mechanism } from '../calibration/mechanisms.ts';
import type { Scenario } from '../model/scenario.ts';
import { ScenarioError } from '../scenario/errors.ts';
import { mergeDeep, parseScenario } from '../scenario/resolve.ts';
import { designPaths, valueAt, type ContactPattern, type Grid, type TimeLimit } from './grid.ts';

/**
 * One design of the explorer: a way to spend the hours (a contact pattern, a time limit and a
 * format from the grid) or a whole alternative (year-long befriending), as the design parameter
 * values it applies to the base scenario.
 */

/** How a design's hours fit in its weeks. */
export interface HoursPlan {
  /** Hours the design spends (its hours budget); 0: no budget, it runs for its planned weeks. */
  readonly budget: number;
  /** Planned contact hours a week (meetings a week x hours a meeting). */
  readonly weeklyHours: number;
  /** The time limit (with a budget) or the planned duration (without), in weeks. */
  readonly plannedWeeks: number;
  /** Weeks the hours take at the planned pace (budget / weekly hours); the planned weeks without a budget. */
  readonly paceWeeks: number;
  /** Hours the planned meetings give within the planned weeks if none is missed. */
  readonly plannedHours: number;
  /**
   * Meetings a match may miss and still give the budget within the time limit; negative: the
   * planned meetings do not give it even if none is missed.
   */
  readonly spareMeetings: number;
  /**
   * reaches: the planned meetings give the budget within the time limit with meetings to spare
   * (missed meetings may still make a match end at the limit: the run measures how often); no
   * slack: only if no meeting is missed; cannot: not even then; no budget: a design of a duration.
   */
  readonly reach: 'reaches' | 'no slack' | 'cannot' | 'no budget';
  /** Weeks after its start at which a match is expected to end: the pace weeks, within the limit. */
  readonly endWeeks: number;
}

export interface Design {
  /** A short key for tables: A, B, ... (A is the reference). */
  readonly key: string;
  /** A slug for files and links: duo-1x2h-40w. */
  readonly id: string;
  /** What it is, in words: "duo, 1 × 2 h a week, within 40 weeks". */
  readonly label: string;
  readonly kind: 'grid' | 'alternative';
  /** Where a grid design sits in the grid's heat map: row (pattern and limit) and column (format). */
  readonly cell: { readonly row: string; readonly column: string } | null;
  /** Design parameter values by path that this design applies to the base. */
  readonly set: Readonly<Record<string, number | string>>;
  readonly hours: HoursPlan;
  /** Whether every other design is compared with this one. */
  readonly reference: boolean;
}

const num = (x: number) => String(Number(x.toPrecision(6)));

/** "1 × 2 h a week" */
export const patternLabel = (p: ContactPattern) => `${num(p.contactsPerWeek)} × ${num(p.hoursPerContact)} h a week`;

/**
 * How the hours of a scenario (in file form) fit in its weeks.
 *
 * @example
 *   hoursPlan({ programme: { hoursBudget: 40, contactsPerWeek: 1, hoursPerContact: 1, plannedWeeks: 20 } }).reach; // 'cannot' (20 h at most)
 *   hoursPlan({ programme: { hoursBudget: 40, contactsPerWeek: 1, hoursPerContact: 2, plannedWeeks: 40 } }).spareMeetings; // 20
 */
export function hoursPlan(file: Readonly<Record<string, unknown>>): HoursPlan {
  const budget = valueAt(file, 'programme.hoursBudget') as number;
  const hoursPerContact = valueAt(file, 'programme.hoursPerContact') as number;
  const weeklyHours = (valueAt(file, 'programme.contactsPerWeek') as number) * hoursPerContact;
  const plannedWeeks = valueAt(file, 'programme.plannedWeeks') as number;
  const plannedHours = plannedWeeks * weeklyHours;
  if (!(budget > 0)) return { budget: 0, weeklyHours, plannedWeeks, paceWeeks: plannedWeeks, plannedHours, spareMeetings: Infinity, reach: 'no budget', endWeeks: plannedWeeks };
  // A hair of tolerance: 40 meetings of 1 hour in 40 weeks give 40 hours.
  const spareMeetings = Math.floor((plannedHours - budget) / hoursPerContact + 1e-9);
  const paceWeeks = budget / weeklyHours;
  return {
    budget, weeklyHours, plannedWeeks, paceWeeks, plannedHours, spareMeetings,
    reach: spareMeetings < 0 ? 'cannot' : spareMeetings === 0 ? 'no slack' : 'reaches',
    endWeeks: Math.min(plannedWeeks, Math.ceil(paceWeeks - 1e-9)),
  };
}

/** The weeks of a time limit for a pattern: given, or a multiple of the weeks the hours take (rounded up). */
export function limitWeeks(limit: TimeLimit, pattern: ContactPattern, hours: number): number {
  return 'weeks' in limit ? limit.weeks : Math.ceil((limit.times * hours) / (pattern.contactsPerWeek * pattern.hoursPerContact) - 1e-9);
}

/** A, B, ..., Z, AA, AB, ... */
export function designKey(i: number): string {
  return i < 26 ? String.fromCharCode(65 + i) : designKey(Math.floor(i / 26) - 1) + String.fromCharCode(65 + (i % 26));
}

const slug = (s: string) => s.toLowerCase().replace(/×/g, 'x').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** A design's scenario in file form: the base with the design's parameter values. */
export function designFile(grid: Grid, set: Readonly<Record<string, number | string>>): Record<string, unknown> {
  const overrides: Record<string, Record<string, unknown>> = {};
  for (const [path, value] of Object.entries(set)) {
    const [section, key] = path.split('.');
    (overrides[section] ??= {})[key] = value;
  }
  return mergeDeep(grid.base as Record<string, unknown>, overrides);
}

/** The design parameters of a scenario in file form, as one comparable text. */
const designSignature = (file: Readonly<Record<string, unknown>>) => JSON.stringify(designPaths().map((p) => valueAt(file, p)));

/**
 * Every design of a grid: each contact pattern within each time limit in each format, then the
 * alternatives. A grid design spends the grid's hours (programme.hoursBudget) at its pattern's
 * pace within its limit (programme.plannedWeeks). Designs that come out the same (a limit of
 * twice the pace weeks that equals a given limit) are kept once. The reference (the design the
 * file names, else the grid design equal to the base, else the first) comes first, as A.
 *
 * @example
 *   const designs = gridDesigns(parseGrid(DEFAULT_GRID, { load: fileLoader }));
 *   designs[0].label;        // 'duo, 1 × 2 h a week, within 40 weeks' (the base, civic-integration-40h)
 *   designs.at(-1)!.label;   // 'year-long befriending'
 */
export function gridDesigns(grid: Grid): Design[] {
  const found: Omit<Design, 'key' | 'reference'>[] = [];
  const seen = new Set<string>();
  const add = (d: Omit<Design, 'key' | 'reference' | 'hours'>) => {
    const file = designFile(grid, d.set);
    const signature = designSignature(file);
    if (seen.has(signature)) return;
    seen.add(signature);
    found.push({ ...d, hours: hoursPlan(file) });
  };
  for (const pattern of grid.patterns) {
    for (const limit of grid.limits) {
      const weeks = limitWeeks(limit, pattern, grid.hours);
      for (const format of grid.formats) {
        const label = `${format.label}, ${patternLabel(pattern)}, within ${weeks} weeks`;
        add({
          id: slug(`${format.label}-${num(pattern.contactsPerWeek)}x${num(pattern.hoursPerContact)}h-${weeks}w`),
          label, kind: 'grid',
          cell: { row: `${patternLabel(pattern)}, ${weeks} weeks`, column: format.label },
          set: {
            ...format.set,
            'programme.contactsPerWeek': pattern.contactsPerWeek,
            'programme.hoursPerContact': pattern.hoursPerContact,
            'programme.plannedWeeks': weeks,
            'programme.hoursBudget': grid.hours,
          },
        });
      }
    }
  }
  for (const a of grid.alternatives) add({ id: slug(a.label), label: a.label, kind: 'alternative', cell: null, set: a.set });

  const baseSignature = designSignature(grid.base);
  let ref = grid.reference !== undefined ? found.findIndex((d) => d.label === grid.reference) : found.findIndex((d) => d.kind === 'grid' && designSignature(designFile(grid, d.set)) === baseSignature);
  if (grid.reference !== undefined && ref < 0) {
    throw new ScenarioError([`reference: got ${JSON.stringify(grid.reference)}; must be the label of a design: ${found.map((d) => d.label).join('; ')}`]);
  }
  if (ref < 0) ref = 0;
  const ordered = [found[ref], ...found.filter((_, i) => i !== ref)];
  return ordered.map((d, i) => ({ ...d, key: designKey(i), reference: i === 0 }));
}

/** What a design runs under: a mechanism and its gain rate, where it is measured, and the run settings. */
export interface DesignRunSettings {
  readonly mechanism: Mechanism;
  readonly gainRate: number;
  /** Weeks after referral of the first measurement (the design's expected end); the last is 52 weeks later. */
  readonly assessmentWeeks: number;
  readonly seed: number;
  readonly reps: number;
}

/**
 * The scenario a design runs: the base with the design's parameters, the mechanism and its gain
 * rate, the design's measurement point, and the common seed and replications.
 *
 * @example
 *   const s = designScenario(grid, designs[1], { mechanism: 'frequency', gainRate: 0.017, assessmentWeeks: 25, seed: 1, reps: 200 });
 *   s.params.programme.hoursPerContact; // the design's
 *   s.params.inflow;                    // the base's
 */
export function designScenario(grid: Grid, design: Pick<Design, 'label' | 'set'>, run: DesignRunSettings): Scenario {
  const file = mergeDeep(designFile(grid, design.set), {
    name: design.label.slice(0, 80),
    seed: run.seed,
    reps: run.reps,
    programme: { mechanism: run.mechanism },
    behaviour: { gainRate: run.gainRate },
    outcomes: { assessmentWeeks: run.assessmentWeeks },
  });
  try {
    return parseScenario(file);
  } catch (err) {
    if (err instanceof ScenarioError) throw new ScenarioError(err.problems.map((p) => `design "${design.label}": ${p}`));
    throw err;
  }
}
