import { SensitivityError, type FailedRow } from './errors.ts';
import type { UnitSample } from './types.ts';

/** How many failed rows the message spells out; all of them are on the error's `failedRows`. */
const LISTED = 10;

const fmtPoint = (p: readonly number[]) => `(${p.map((x) => +x.toPrecision(6)).join(', ')})`;

/**
 * Refuses an output vector the estimators cannot use: one of another length than the sample (a
 * run lost or duplicated), or one with non-finite values (failed points). An index over the rows
 * that happened to succeed would silently change the design, so the failed rows are listed
 * (index and point) for the caller to rerun.
 *
 * @example
 *   checkOutputs({ k: 1, points: [[0.5], [0.25]], layout: {} }, [1, NaN]);
 *   // throws: 1 of 2 outputs is not a finite number (failed points): row 1 at (0.25) = NaN
 */
export function checkOutputs(sample: UnitSample<unknown>, y: readonly number[]): void {
  const n = sample.points.length;
  if (y.length !== n) {
    throw new SensitivityError(`outputs have ${y.length} values but the sample has ${n} rows: give one output per row, in row order`);
  }
  const failed: FailedRow[] = [];
  for (let i = 0; i < n; i++) {
    if (typeof y[i] !== 'number' || !Number.isFinite(y[i])) failed.push({ index: i, point: sample.points[i], value: y[i] });
  }
  if (failed.length === 0) return;
  const listed = failed.slice(0, LISTED).map((f) => `row ${f.index} at ${fmtPoint(f.point)} = ${String(f.value)}`);
  const more = failed.length > LISTED ? `; and ${failed.length - LISTED} more` : '';
  throw new SensitivityError(
    `${failed.length} of ${n} outputs ${failed.length === 1 ? 'is' : 'are'} not a finite number (failed points): ${listed.join('; ')}${more}`,
    failed,
  );
}
