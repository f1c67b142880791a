import { z } from 'zod';
import { num } from '../model/paramSpec.ts';
import { SECTIONS, paramsSchema } from '../model/params.ts';

export const SCENARIO_VERSION = 1;

/** Run settings at the top of a scenario file, declared like the model's parameters. */
export const RUN_FIELDS = {
  seed: num({ default: 1, min: 0, max: 2 ** 31 - 1, integer: true, unit: '', label: 'Seed', help: 'Root of every random stream; same seed, same results.', source: 'engine' }),
  reps: num({ default: 200, min: 1, max: 1_000_000, integer: true, unit: 'replications', label: 'Replications', help: 'Independent seeded runs to aggregate.', source: 'engine' }),
  // At least one week beyond the earliest assessment point, or no horizon could ever be valid.
  weeks: num({ default: 156, min: SECTIONS.outcomes.fields.assessmentWeeks.spec.min + 1, max: 1040, integer: true, unit: 'weeks', label: 'Horizon', help: 'Weeks simulated. Participants are assessed only if their assessment point falls inside it.', source: 'engine' }),
};

const sections = paramsSchema.shape;

/** A scenario file as written: run settings, then the parameter sections, all optional but strict. */
export const scenarioFileSchema = z
  .strictObject({
    $schema: z.string().optional().meta({ description: 'Path or URL of the JSON Schema, for editors.' }),
    version: z.literal(SCENARIO_VERSION, { error: `must be ${SCENARIO_VERSION} (the scenario format version)` }),
    name: z.string({ error: 'must be a text' }).min(1, { error: 'must not be empty' }).max(80, { error: 'must be at most 80 characters' }),
    description: z.string({ error: 'must be a text' }).max(2000).default(''),
    extends: z.string({ error: 'must be the path of another scenario file' }).optional()
      .meta({ description: 'A scenario file (relative path or bundled name) whose values this one overrides.' }),
    seed: RUN_FIELDS.seed.schema,
    reps: RUN_FIELDS.reps.schema,
    weeks: RUN_FIELDS.weeks.schema,
    ...sections,
  })
  .superRefine((s, ctx) => {
    const p = s.participants;
    if (p.groupNewcomer + p.groupPsychological + p.groupPoverty + p.groupDisability + p.groupYouth <= 0) {
      ctx.addIssue({ code: 'custom', path: ['participants', 'groupNewcomer'], input: 0, message: 'target-group weights must not all be 0' });
    }
    if (!s.outcomes.domains.includes(s.outcomes.primary)) {
      ctx.addIssue({
        code: 'custom', path: ['outcomes', 'primary'], input: s.outcomes.primary,
        message: `must be one of the reported domains (outcomes.domains: ${s.outcomes.domains.join(', ')})`,
      });
    }
    if (p.minAge > p.maxAge) ctx.addIssue({ code: 'custom', path: ['participants', 'minAge'], input: p.minAge, message: `must not exceed participants.maxAge (${p.maxAge})` });
    const v = s.volunteers;
    if (v.minAge > v.maxAge) ctx.addIssue({ code: 'custom', path: ['volunteers', 'minAge'], input: v.minAge, message: `must not exceed volunteers.maxAge (${v.maxAge})` });
    if (s.outcomes.assessmentWeeks >= s.weeks) {
      ctx.addIssue({
        code: 'custom', path: ['outcomes', 'assessmentWeeks'], input: s.outcomes.assessmentWeeks,
        message: `must be less than the horizon (weeks = ${s.weeks}), or no participant is ever assessed`,
      });
    }
  });

export type ScenarioFile = z.input<typeof scenarioFileSchema>;

/** The JSON Schema of scenario files, for editors and `buddysim schema`. */
export function scenarioJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(scenarioFileSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
