import { z } from 'zod';
import { METRIC_NAMES } from '../analysis/metrics.ts';
import { RUN_FIELDS } from '../scenario/schema.ts';

/**
 * Experiment files as written: a base scenario, factors, a design, replications, outputs and a
 * seed. Strict (unknown keys are errors) and versioned like scenario files; the cross-field checks
 * that need the model's parameter declarations (paths, ranges, levels) are in `factors.ts`.
 */
export const EXPERIMENT_VERSION = 1;

const text = (what: string) => z.string({ error: `must be a text (${what})` }).min(1, { error: 'must not be empty' });
const name = text('a name').max(60, { error: 'must be at most 60 characters' });

/** A scenario: a file path (relative to the experiment file) or bundled name, or a scenario object inline. */
const scenarioRef = z
  .union([text('a scenario file or bundled name'), z.record(z.string(), z.unknown())], {
    error: 'must be a scenario file path, the name of a bundled scenario, or a scenario object',
  })
  .meta({ description: 'A scenario file (path relative to this file, or a bundled name such as "flemish-befriending"), or a scenario object inline.' });

const parameterValue = z.union([z.number(), z.string()], { error: 'must be a number or a text' });

const distribution = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('uniform'), lo: z.number(), hi: z.number() }).meta({ description: 'Uniform from lo to hi.' }),
    z.strictObject({ type: z.literal('triangular'), lo: z.number(), mode: z.number(), hi: z.number() })
      .meta({ description: 'Triangular from lo to hi, most likely at mode.' }),
    z.strictObject({ type: z.literal('normal'), mean: z.number(), sd: z.number().positive({ error: 'must be above 0' }) })
      .meta({ description: "Normal, truncated to the parameter's declared range." }),
  ],
  { error: 'type must be one of: uniform, triangular, normal' },
);

const variant = z.strictObject({
  label: name.meta({ description: 'How this level is named in results and reports.' }),
  scenario: scenarioRef.optional().meta({ description: 'A scenario that replaces the base scenario at this level.' }),
  set: z.record(z.string(), parameterValue).optional()
    .meta({ description: 'Parameter values at this level, by path ("programme.mechanism": "frequency").' }),
});

/**
 * One factor: a parameter path with a range, a list of levels or a distribution; or a set of
 * labelled variants (whole scenarios and parameter bundles, e.g. the programme format or a
 * mechanism with its levelled gain rate); or a dummy that changes nothing (the noise floor of a
 * sensitivity analysis). Exactly one of range, levels, distribution, variants, dummy.
 */
export const factorSchema = z
  .strictObject({
    name: name.optional().meta({ description: 'Column name in the results; defaults to the path. Required for variants and dummies.' }),
    path: text('a parameter path such as programme.contactsPerWeek').optional()
      .meta({ description: 'The parameter this factor sets: section.key, as listed by `buddysim params`.' }),
    range: z.tuple([z.number(), z.number()], { error: 'must be [lo, hi]: two numbers' }).optional()
      .meta({ description: 'Lowest and highest value; whole-number parameters are rounded.' }),
    steps: z.number().int().min(2, { error: 'must be at least 2' }).max(1000).optional()
      .meta({ description: 'Evenly spaced values of a range or distribution in a full-factorial design (default: the design\'s steps).' }),
    levels: z.array(parameterValue).min(1, { error: 'must list at least one level' }).optional()
      .meta({ description: 'The values this factor takes.' }),
    distribution: distribution.optional()
      .meta({ description: 'Values drawn through this distribution\'s quantile function (Latin hypercube, Sobol, Morris).' }),
    variants: z.array(variant).min(1, { error: 'must list at least one variant' }).optional()
      .meta({ description: 'Labelled levels, each a scenario and/or a set of parameter values.' }),
    dummy: z.literal(true, { error: 'must be true' }).optional()
      .meta({ description: 'A factor that changes nothing: its sensitivity index is the noise floor.' }),
  })
  .superRefine((f, ctx) => {
    const kinds = (['range', 'levels', 'distribution', 'variants', 'dummy'] as const).filter((k) => f[k] !== undefined);
    if (kinds.length !== 1) {
      ctx.addIssue({
        code: 'custom', path: [], input: f,
        message: kinds.length === 0
          ? 'a factor needs one of: range, levels, distribution, variants, dummy'
          : `a factor takes only one of range, levels, distribution, variants, dummy; got ${kinds.join(' and ')}`,
      });
      return;
    }
    const kind = kinds[0];
    if ((kind === 'variants' || kind === 'dummy') && f.path !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['path'], input: f.path, message: `a ${kind === 'dummy' ? 'dummy' : 'variants'} factor has no path` });
    }
    if ((kind === 'variants' || kind === 'dummy') && f.name === undefined) {
      ctx.addIssue({ code: 'custom', path: ['name'], input: undefined, message: `a ${kind === 'dummy' ? 'dummy' : 'variants'} factor needs a name` });
    }
    if ((kind === 'range' || kind === 'levels' || kind === 'distribution') && f.path === undefined) {
      ctx.addIssue({ code: 'custom', path: ['path'], input: undefined, message: `a factor with ${kind} needs the path of a parameter` });
    }
  });

const designs = [
  z.strictObject({
    type: z.literal('full-factorial'),
    steps: z.number().int().min(2).max(1000).default(5)
      .meta({ description: 'Evenly spaced values of every range or distribution factor without its own steps.' }),
  }).meta({ title: 'Full factorial', description: 'Every combination of every factor\'s levels.' }),
  z.strictObject({
    type: z.literal('list'),
    points: z.array(z.record(z.string(), parameterValue)).min(1, { error: 'must list at least one point' })
      .meta({ description: 'Each point gives a value (or variant label) for every factor, by factor name.' }),
  }).meta({ title: 'Explicit list', description: 'The points given, in order.' }),
  z.strictObject({
    type: z.literal('latin-hypercube'),
    points: z.number().int().min(1).max(100_000).meta({ description: 'Design points.' }),
  }).meta({ title: 'Latin hypercube', description: 'Each factor\'s range cut into equal strata with one point in each ([McKay1979]).' }),
  z.strictObject({
    type: z.literal('sobol'),
    base: z.number().int().min(2).max(65_536).refine((n) => (n & (n - 1)) === 0, { error: 'must be a power of two (Sobol sequence)' })
      .meta({ description: 'Base sample size N (a power of two); the design has N (k + 2) points.' }),
    resamples: z.number().int().min(0).max(100_000).default(1000).meta({ description: 'Bootstrap resamples for the intervals.' }),
  }).meta({ title: 'Sobol-Saltelli', description: 'The sample of [Saltelli2010] for first-order and total Sobol indices (total by [Jansen1999]).' }),
  z.strictObject({
    type: z.literal('morris'),
    levels: z.number().int().min(2).max(100).multipleOf(2, { error: 'must be an even number of grid levels' }).default(4).meta({ description: 'Grid levels p of each factor (even; 4 is usual).' }),
    trajectories: z.number().int().min(2).max(10_000).meta({ description: 'Trajectories r; the design has r (k + 1) points.' }),
    candidates: z.number().int().min(2).max(100_000).optional()
      .meta({ description: 'Candidate trajectories to choose the r most spread out from ([Campolongo2007]); default: no selection.' }),
    resamples: z.number().int().min(0).max(100_000).default(1000).meta({ description: 'Bootstrap resamples for the intervals.' }),
  }).meta({ title: 'Morris', description: 'Elementary effects on r trajectories: [Morris1991]; [Campolongo2007].' }),
] as const;

export const DESIGN_TYPES = designs.map((d) => d.shape.type.value);
export type DesignType = (typeof DESIGN_TYPES)[number];

export const designSchema = z.discriminatedUnion('type', designs, { error: `type must be one of: ${DESIGN_TYPES.join(', ')}` });

/** Metric names are read from the analysis layer each time, never kept here. */
export function outputsSchema() {
  return z
    .array(z.enum(METRIC_NAMES as [string, ...string[]], { error: `must be a summary metric: ${METRIC_NAMES.join(', ')}` }))
    .min(1, { error: 'must list at least one metric' })
    .optional()
    .meta({ description: 'Summary metrics to record per replication (docs/outputs.md); default: all.' });
}

export const experimentFileSchema = z
  .strictObject({
    $schema: z.string().optional().meta({ description: 'Path or URL of the JSON Schema, for editors.' }),
    version: z.literal(EXPERIMENT_VERSION, { error: `must be ${EXPERIMENT_VERSION} (the experiment format version)` }),
    name: text('a name').max(80, { error: 'must be at most 80 characters' }),
    description: z.string({ error: 'must be a text' }).max(4000).default(''),
    scenario: scenarioRef,
    factors: z.array(factorSchema).min(1, { error: 'must list at least one factor' }),
    across: factorSchema.optional()
      .meta({ description: 'Repeat the whole design at each level of this factor (e.g. each mechanism) and report each separately.' }),
    design: designSchema,
    replications: z.number({ error: 'must be a whole number of replications per design point' }).int({ error: 'must be a whole number' })
      .min(1, { error: 'must be at least 1' }).max(100_000, { error: 'must be at most 100000' })
      .meta({ description: 'Replications per design point; every point runs replications 0..n-1 of the same seed (common random numbers).' }),
    seed: z.number({ error: `must be a whole number from 0 to ${RUN_FIELDS.seed.spec.max}` }).int({ error: 'must be a whole number' })
      .min(0, { error: 'must be at least 0' }).max(RUN_FIELDS.seed.spec.max, { error: `must be at most ${RUN_FIELDS.seed.spec.max}` }).optional()
      .meta({ description: "Root of every random stream, the same at every point; default: the base scenario's seed." }),
    outputs: outputsSchema(),
  });

export type ExperimentFile = z.input<typeof experimentFileSchema>;
export type ParsedExperimentFile = z.output<typeof experimentFileSchema>;
export type FactorFile = z.output<typeof factorSchema>;
export type DesignFile = z.output<typeof designSchema>;

/** The JSON Schema of experiment files, for editors (docs/experiment.schema.json). */
export function experimentJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(experimentFileSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

/** The JSON Schema as committed in docs/experiment.schema.json (`npm run docs`). */
export function experimentSchemaText(): string {
  return JSON.stringify({ $id: 'https://buddysim.local/experiment.schema.json', ...experimentJsonSchema() }, null, 2) + '\n';
}

/** Allowed keys where a strict object rejected an unknown one, for the error line. */
export function experimentAllowedKeys(path: readonly PropertyKey[], input: unknown): string[] {
  const keys = (s: { shape: Record<string, unknown> }) => Object.keys(s.shape);
  if (path.length === 0) return keys(experimentFileSchema);
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  if (path[0] === 'design' && path.length === 1) {
    const type = (input as { design?: { type?: string } })?.design?.type;
    const d = designs.find((x) => x.shape.type.value === type);
    return d ? keys(d) : ['type'];
  }
  if (last === 'distribution') return ['type', 'lo', 'hi', 'mode', 'mean', 'sd'];
  if (parent === 'variants') return keys(variant);
  if (path[0] === 'across' || parent === 'factors') return keys(factorSchema as unknown as { shape: Record<string, unknown> });
  return [];
}
