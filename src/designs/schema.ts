import { z } from 'zod';
import { MECHANISMS } from '../calibration/mechanisms.ts';

/**
 * Grid files as written: the ways to spend a trajectory's hours (contact patterns, time limits,
 * formats) and whole alternatives, all derived from one base scenario. Strict (unknown keys are
 * errors) and versioned like scenario and experiment files; the checks that need the model's
 * parameter declarations (paths, ranges) are in grid.ts.
 */
export const GRID_VERSION = 1;

const text = (what: string) => z.string({ error: `must be a text (${what})` }).min(1, { error: 'must not be empty' });
const label = text('a label').max(40, { error: 'must be at most 40 characters' });

const variant = z
  .strictObject({
    label: label.meta({ description: 'How this format or alternative is named in tables and charts.' }),
    scenario: text('a scenario file or bundled name').optional()
      .meta({ description: 'A scenario whose design parameters (programme section, peer buddies) are taken where they differ from the base; the rest stays the base\'s.' }),
    set: z.record(z.string(), z.union([z.number(), z.string()], { error: 'must be a number or a text' })).optional()
      .meta({ description: 'Design parameter values by path ("programme.format": "group"), applied after the scenario\'s.' }),
  })
  .meta({ description: 'A labelled format or alternative: a scenario\'s design parameters and/or parameter values.' });

const pattern = z
  .strictObject({
    contactsPerWeek: z.number({ error: 'must be a number (meetings a week; 0.5 = every other week)' })
      .meta({ description: 'Planned meetings a week (programme.contactsPerWeek).' }),
    hoursPerContact: z.number({ error: 'must be a number (hours)' })
      .meta({ description: 'Planned length of a meeting in hours (programme.hoursPerContact).' }),
  })
  .meta({ description: 'A contact pattern: how often and how long the pair meets.' });

const limit = z
  .strictObject({
    weeks: z.number({ error: 'must be a whole number of weeks' }).int({ error: 'must be a whole number of weeks' }).optional()
      .meta({ description: 'The time limit in weeks (programme.plannedWeeks): a match that has not used its hours by then ends at the time limit.' }),
    times: z.number({ error: 'must be a number' }).min(1, { error: 'must be at least 1' }).max(10, { error: 'must be at most 10' }).optional()
      .meta({ description: 'The time limit as a multiple of the weeks the hours take at the pattern\'s pace (hours / weekly hours), rounded up.' }),
  })
  .superRefine((l, ctx) => {
    const given = (['weeks', 'times'] as const).filter((k) => l[k] !== undefined);
    if (given.length !== 1) {
      ctx.addIssue({ code: 'custom', path: [], input: l, message: given.length === 0 ? 'a limit needs weeks or times' : 'a limit takes weeks or times, not both' });
    }
  })
  .meta({ description: 'A time limit: a number of weeks, or a multiple of the weeks the hours take.' });

export const gridFileSchema = z.strictObject({
  $schema: z.string().optional().meta({ description: 'Path or URL of a JSON Schema, for editors.' }),
  version: z.literal(GRID_VERSION, { error: `must be ${GRID_VERSION} (the grid format version)` }),
  name: text('a name').max(80, { error: 'must be at most 80 characters' }),
  description: z.string({ error: 'must be a text' }).max(4000).default(''),
  base: text('a scenario file or bundled name').default('civic-integration-40h')
    .meta({ description: 'The scenario every design is derived from: its inflow, people, volunteers, coordinators, outcomes, seed and replications are every design\'s.' }),
  hours: z.number({ error: 'must be a number of hours' }).positive({ error: 'must be above 0' }).optional()
    .meta({ description: 'The hours every grid design spends (programme.hoursBudget); default: the base\'s hours budget.' }),
  patterns: z.array(pattern).min(1, { error: 'must list at least one contact pattern' }),
  limits: z.array(limit).min(1, { error: 'must list at least one limit' }).optional()
    .meta({ description: 'Time limits; default: the base\'s planned weeks.' }),
  formats: z.array(variant).min(1, { error: 'must list at least one format' }).default([{ label: 'duo' }])
    .meta({ description: 'Formats (duo, group, peer buddies): every pattern and limit runs in every format.' }),
  alternatives: z.array(variant).default([])
    .meta({ description: 'Whole designs beside the grid (year-long befriending), on the same base.' }),
  mechanisms: z.array(z.enum(MECHANISMS, { error: `must be one of: ${MECHANISMS.join(', ')}` })).min(1).optional()
    .meta({ description: 'The contested dose mechanisms to run under; default: all three.' }),
  gainRates: z
    .strictObject(Object.fromEntries(MECHANISMS.map((m) => [m, z.number({ error: 'must be a number (SD/week)' }).positive({ error: 'must be above 0' }).max(0.5, { error: 'must be at most 0.5' }).optional()])))
    .optional()
    .meta({ description: 'Gain rates to use as given (SD/week) instead of levelling a mechanism to the average effect.' }),
  reference: label.optional()
    .meta({ description: 'The label of the design every other is compared with; default: the grid design equal to the base, else the first.' }),
});

export type GridFile = z.input<typeof gridFileSchema>;
export type ParsedGridFile = z.output<typeof gridFileSchema>;
export type VariantFile = z.output<typeof variant>;

/** Allowed keys where a strict object rejected an unknown one, for the error line. */
export function gridAllowedKeys(path: readonly PropertyKey[]): string[] {
  const keys = (s: { shape: Record<string, unknown> }) => Object.keys(s.shape);
  if (path.length === 0) return keys(gridFileSchema);
  const section = path[0];
  if (section === 'patterns') return keys(pattern);
  if (section === 'limits') return ['weeks', 'times'];
  if (section === 'formats' || section === 'alternatives') return keys(variant);
  if (section === 'gainRates') return [...MECHANISMS];
  return [];
}
