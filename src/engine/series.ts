/**
 * Weekly series stored column-wise: one Float64Array per named series, one slot per week.
 * Stocks (levels at the end of the week) and flows (counts during the week) share the format;
 * their names say which they are.
 */
export type SeriesTable<Name extends string> = Record<Name, number[]>;

export class SeriesRecorder<Name extends string> {
  private readonly columns: Record<string, Float64Array> = {};

  constructor(
    readonly names: readonly Name[],
    readonly weeks: number,
  ) {
    // One buffer for all series (one allocation a run), each series a view on its weeks.
    const buffer = new Float64Array(names.length * weeks);
    names.forEach((name, i) => (this.columns[name] = buffer.subarray(i * weeks, (i + 1) * weeks)));
  }

  set(name: Name, week: number, value: number): void {
    this.columns[name][week] = value;
  }

  add(name: Name, week: number, value: number): void {
    this.columns[name][week] += value;
  }

  /** Plain arrays: results cross worker boundaries and land in JSON. */
  toTable(): SeriesTable<Name> {
    const out = {} as SeriesTable<Name>;
    for (const name of this.names) out[name] = plainArray(this.columns[name]);
    return out;
  }
}

/**
 * A typed array's values as a plain array (for results that cross worker boundaries and land in
 * JSON); a counted loop, faster than Array.from's iteration.
 *
 * @example
 *   plainArray(new Float64Array([1, 2.5])); // [1, 2.5]
 */
export function plainArray(values: ArrayLike<number>): number[] {
  const out = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i];
  return out;
}
