import type { z } from 'zod';
import { RUN_FIELDS } from '../scenario/schema.ts';
import { UsageError } from './errors.ts';

/** Parses a numeric flag and checks it with the same declaration as the scenario field it overrides. */
export function numberFlag(flag: string, raw: string | undefined, field: { schema: z.ZodType }): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  const parsed = field.schema.safeParse(raw.trim() === '' ? NaN : value);
  if (!parsed.success) throw new UsageError(`--${flag}: got "${raw}"; ${parsed.error.issues[0].message}`);
  return parsed.data as number;
}

export const seedFlag = (raw: string | undefined) => numberFlag('seed', raw, RUN_FIELDS.seed);
export const repsFlag = (raw: string | undefined) => numberFlag('reps', raw, RUN_FIELDS.reps);

/** --workers: a whole number from 1 to 256, or "auto" (all cores). */
export function workersFlag(raw: string | undefined, auto: number): number {
  if (raw === undefined || raw === 'auto') return auto;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new UsageError(`--workers: got "${raw}"; must be a whole number from 1 to 256, or auto`);
  return n;
}

/** --records: how many replications' full records to write as CSV: a whole number or "all". */
export function recordsFlag(raw: string | undefined, reps: number, fallback: number): number {
  if (raw === undefined) return Math.min(fallback, reps);
  if (raw === 'all') return reps;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--records: got "${raw}"; must be a whole number of replications (0 or more), or all`);
  return Math.min(n, reps);
}
