/** A row of a design whose model output is missing or not a finite number. */
export interface FailedRow {
  readonly index: number;
  readonly point: readonly number[];
  readonly value: number;
}

/**
 * A design, an output vector or an option that the estimators cannot use: one line naming the
 * field, the value and what is allowed. Failed model runs come with their rows, so a caller can
 * rerun or report exactly those points.
 */
export class SensitivityError extends Error {
  constructor(
    message: string,
    readonly failedRows: readonly FailedRow[] = [],
  ) {
    super(message);
    this.name = 'SensitivityError';
  }
}
