/**
 * A design in the unit hypercube: rows of k coordinates in [0, 1]. The caller maps each coordinate
 * to a factor value (a lever of the programme: its low end at 0, its high end at 1), runs the model
 * once per row, and hands the outputs back in row order. The layout says how the rows belong
 * together (which rows form a trajectory, which are A, B and AB_i), as plain data so a sample can
 * be stored, sent to a worker and read back.
 */
export interface UnitSample<Layout> {
  readonly k: number;
  readonly points: number[][];
  readonly layout: Layout;
}

/** An estimate with its bootstrap percentile interval. */
export interface Interval {
  readonly value: number;
  readonly lower: number;
  readonly upper: number;
}

/** How the indices and their intervals are computed; every field has a default. */
export interface IndexOptions {
  /** Bootstrap resamples for the intervals (default 1,000). */
  resamples?: number;
  /** Coverage of the percentile intervals (default 0.95). */
  level?: number;
  /** Seed of the bootstrap draws (default 1). */
  seed?: number;
  /** Factor names, one per coordinate (default x1 ... xk). */
  names?: readonly string[];
  /**
   * The name of a dummy factor: an input the model ignores, whose index is the noise floor. Each
   * other factor is then flagged when its interval overlaps the dummy's (see docs/sensitivity.md).
   */
  dummy?: string;
}
