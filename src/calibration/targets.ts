import { z } from 'zod';
import { STATISTIC_NAMES } from './statistics.ts';

/**
 * The calibration targets file (calibration/targets.json): the stylized facts of docs/domain.md as
 * data. Each target names the scenario it applies to (a bundled scenario, optionally with
 * overrides), the statistic that measures it, the target value or accepted range, its source, and
 * how it passes. A comparative fact is a paired comparison of two scenarios run with the same seed
 * and replications (common random numbers): the statistic of `other` minus (or divided by) that
 * of `base`.
 *
 * @example
 *   parseTargets({ version: 1, targets: [{ id: 'premature-closure', fact: 1, title: 'Premature closure',
 *     source: '[DeWit2016]', scenario: { ref: 'community-mentoring' },
 *     statistic: { name: 'prematureIncidence' }, target: { value: 0.35, min: 0.28, max: 0.42 }, use: 'fit' }],
 *     validationSeed: 7 });
 */
export const TARGETS_VERSION = 1;

const overridesSchema = z
  .record(z.string(), z.record(z.string(), z.unknown()))
  .meta({ description: 'Scenario overrides by section, e.g. {"programme": {"contactsPerWeek": 0.25}}.' });

export const scenarioSpecSchema = z.strictObject({
  ref: z.string().min(1).meta({ description: 'A bundled scenario name or a scenario file path.' }),
  label: z.string().optional().meta({ description: 'Short name for reports (default: the reference plus overrides).' }),
  overrides: overridesSchema.optional(),
});
export type ScenarioSpec = z.output<typeof scenarioSpecSchema>;

export const statisticSchema = z.strictObject({
  name: z.enum(STATISTIC_NAMES, { error: `must be one of: ${STATISTIC_NAMES.join(', ')}` }),
  /** Arguments of the named statistic (see statistics.ts): e.g. {"path": "metrics.matchedShare.value"}. */
  args: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type StatisticSpec = z.output<typeof statisticSchema>;

export const targetRangeSchema = z
  .strictObject({
    value: z.number().optional().meta({ description: 'The central figure (default: the middle of the range).' }),
    min: z.number().optional(),
    max: z.number().optional(),
    /** For the calibration loss: the distance that counts as one unit of misfit (one-sided targets). */
    scale: z.number().positive().optional(),
  })
  .refine((t) => t.min !== undefined || t.max !== undefined, { error: 'needs min, max or both' })
  .refine((t) => t.min === undefined || t.max === undefined || t.min <= t.max, { error: 'min must not exceed max' });
export type TargetRange = z.output<typeof targetRangeSchema>;

export const targetSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9-]+$/, { error: 'must be lower-case words joined by hyphens' }),
    /** The number of the stylized fact in docs/domain.md. */
    fact: z.number().int().min(1),
    title: z.string().min(1),
    source: z.string().min(1),
    note: z.string().optional(),
    scenario: scenarioSpecSchema.optional(),
    paired: z
      .strictObject({
        base: scenarioSpecSchema,
        other: scenarioSpecSchema,
        contrast: z.enum(['difference', 'ratio']).default('difference'),
      })
      .optional(),
    statistic: statisticSchema,
    target: targetRangeSchema,
    /**
     * estimate: the simulated value lies in the range. interval: its whole 95% interval does
     * (for orderings and signs, where the point alone could be noise).
     */
    pass: z.enum(['estimate', 'interval']).default('estimate'),
    /** Weight in the calibration loss. */
    weight: z.number().min(0).default(1),
    /**
     * fit: calibration may fit parameters to it (its result is in-sample). validation: held out,
     * never seen by calibration; `calibrate` refuses it.
     */
    use: z.enum(['fit', 'validation'], { error: 'must be "fit" (calibration may use it) or "validation" (held out)' }),
  })
  .refine((t) => (t.scenario === undefined) !== (t.paired === undefined), { error: 'needs exactly one of scenario or paired' });
export type Target = z.output<typeof targetSchema>;

export const targetsFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    version: z.literal(TARGETS_VERSION, { error: `must be ${TARGETS_VERSION} (the targets format version)` }),
    description: z.string().optional(),
    /** Replications per scenario for validate-model (the --reps flag overrides). */
    reps: z.number().int().min(2).default(400),
    /** Batches of replications behind the 95% intervals (batch means). */
    batches: z.number().int().min(2).max(1000).default(20),
    /**
     * The seed validate-model runs every scenario with: one calibration never used (calibration
     * runs each scenario on its own seed), so validation draws replications it never saw.
     */
    validationSeed: z.number().int().min(0).max(2 ** 31 - 1),
    targets: z.array(targetSchema).min(1),
  })
  .refine((f) => new Set(f.targets.map((t) => t.id)).size === f.targets.length, { error: 'target ids must be unique' });
export type TargetsFile = z.output<typeof targetsFileSchema>;

/** The targets calibration may fit: the file without its held-out validation targets. */
export function fitTargets(file: TargetsFile): TargetsFile {
  return { ...file, targets: file.targets.filter((t) => t.use === 'fit') };
}

/** Validates a parsed targets file; every problem is one line in the thrown error. */
export function parseTargets(json: unknown, file = 'targets'): TargetsFile {
  const parsed = targetsFileSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${file}: ${i.path.join('.') || '(file)'}: ${i.message}`);
    throw new TargetsError(lines);
  }
  return parsed.data;
}

export class TargetsError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'TargetsError';
  }
}

/** The centre of a target: its value, else the middle of the range, else the one bound. */
export function targetCentre(t: TargetRange): number {
  if (t.value !== undefined) return t.value;
  if (t.min !== undefined && t.max !== undefined) return (t.min + t.max) / 2;
  return (t.min ?? t.max)!;
}

/** Whether x lies in the target's range (bounds included). */
export function inRange(t: TargetRange, x: number): boolean {
  return Number.isFinite(x) && (t.min === undefined || x >= t.min) && (t.max === undefined || x <= t.max);
}
