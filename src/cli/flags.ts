import type { z } from 'zod';
import type { Scenario } from '../model/scenario.ts';
import { DECIMAL_NUMBER, OverrideError, applyOverrides, parseOverrides, type Override } from '../scenario/overrides.ts';
import { RUN_FIELDS } from '../scenario/schema.ts';
import { UsageError } from './errors.ts';

/**
 * Parses a numeric flag strictly (`0x3`, `1e3`, `3abc` are refused) and checks it with the same
 * declaration as the scenario field it overrides.
 *
 * @example
 *   numberFlag('reps', '500', RUN_FIELDS.reps); // 500
 *   numberFlag('reps', '0x3', RUN_FIELDS.reps); // throws UsageError: --reps: got "0x3"; must be a number in decimal digits ...
 */
export function numberFlag(flag: string, raw: string | undefined, field: { schema: z.ZodType }): number | undefined {
  if (raw === undefined) return undefined;
  if (!DECIMAL_NUMBER.test(raw.trim())) throw new UsageError(`--${flag}: got "${raw}"; must be a number in decimal digits (like 200)`);
  const parsed = field.schema.safeParse(Number(raw));
  if (!parsed.success) throw new UsageError(`--${flag}: got "${raw}"; ${parsed.error.issues[0].message}`);
  return parsed.data as number;
}

export const seedFlag = (raw: string | undefined) => numberFlag('seed', raw, RUN_FIELDS.seed);
export const repsFlag = (raw: string | undefined) => numberFlag('reps', raw, RUN_FIELDS.reps);

/** A whole number from `min` to `max` in decimal digits, or a usage error naming the flag and what is allowed. */
export function countFlag(flag: string, raw: string, min: number, max: number, extra = ''): number {
  const n = /^\d+$/.test(raw.trim()) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new UsageError(`--${flag}: got "${raw}"; must be a whole number from ${min} to ${max}${extra}`);
  return n;
}

/** --workers: a whole number from 1 to 256, or "auto" (all cores). */
export function workersFlag(raw: string | undefined, auto: number): number {
  if (raw === undefined || raw === 'auto') return auto;
  return countFlag('workers', raw, 1, 256, ', or auto');
}

/** --records: how many replications' full records to write as CSV: a whole number or "all". */
export function recordsFlag(raw: string | undefined, reps: number, fallback: number): number {
  if (raw === undefined) return Math.min(fallback, reps);
  if (raw === 'all') return reps;
  return Math.min(countFlag('records', raw, 0, Number.MAX_SAFE_INTEGER, ' (replications), or all'), reps);
}

/** An override's problem as a command-line error: the option, then the path, the value and what is allowed. */
function asUsage<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof OverrideError) throw new UsageError(`--set ${e.message}`);
    throw e;
  }
}

/**
 * `--set path=value`, repeatable: each value read by its parameter's kind and checked with the
 * scenario schema (src/scenario/overrides.ts); problems are usage errors naming path, value and what is allowed.
 *
 * @example
 *   setFlag(['programme.contactsPerWeek=2', 'seed=7']); // [{ path: 'programme.contactsPerWeek', value: 2 }, { path: 'seed', value: 7 }]
 *   setFlag(['programme.contactPerWeek=2']); // throws UsageError: --set unknown parameter "programme.contactPerWeek"; did you mean programme.contactsPerWeek? ...
 */
export function setFlag(raw: readonly string[] | undefined): Override[] {
  return asUsage(() => parseOverrides(raw ?? []));
}

/**
 * A scenario with the `--set` overrides applied and validated again as a whole; a scenario they make
 * invalid is a usage error that names them.
 *
 * @example
 *   withSet(readScenario('flemish-befriending'), setFlag(['weeks=104'])).weeks; // 104
 */
export function withSet(scenario: Scenario, overrides: readonly Override[]): Scenario {
  return asUsage(() => applyOverrides(scenario, overrides));
}
