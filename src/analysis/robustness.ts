/**
 * Whether a conclusion holds whatever the contested mechanism ([LitReview2021] §5.2): one paired
 * difference per mechanism (design B minus design A, batch by batch on the same seed), each with
 * its 95% interval; "better" or "worse" only where the interval excludes zero.
 */

/** How a conclusion depends on the mechanism. */
export type Robustness = 'robust' | 'direction' | 'hinges';

/** The sign of a difference whose interval excludes zero: 1 above, -1 below, 0 not told apart. */
export type Side = 1 | -1 | 0;

export interface MechanismDifference {
  readonly value: number;
  readonly ci: readonly [number, number];
}

/**
 * The side a difference clearly lies on: 1 when its interval lies above zero, -1 below, 0 when the
 * interval holds zero (or is not known).
 *
 * @example
 *   clearSide({ value: 0.05, ci: [0.02, 0.08] }); // 1
 *   clearSide({ value: 0.05, ci: [-0.01, 0.11] }); // 0
 */
export function clearSide(d: MechanismDifference): Side {
  if (d.ci[0] > 0) return 1;
  if (d.ci[1] < 0) return -1;
  return 0;
}

/** Margins further apart than this factor make a shared direction "robust in direction only". */
export const MARGIN_FACTOR = 2;

export interface AcrossMechanisms {
  readonly robustness: Robustness;
  /** The side under each mechanism, in the order given. */
  readonly sides: readonly Side[];
  /** The side shared by every mechanism (0: no clear difference under any), or 'mixed'. */
  readonly side: Side | 'mixed';
}

/**
 * Classifies one conclusion over the mechanisms:
 * - **robust**: the same side under every mechanism with margins within a factor of two of each
 *   other, or no clear difference under any;
 * - **direction** (robust in direction only): the same side under every mechanism, but the largest
 *   margin is more than twice the smallest;
 * - **hinges** (on the mechanism): the side changes, or is clear under some mechanisms only.
 *
 * @example
 *   acrossMechanisms([{ value: 0.1, ci: [0.05, 0.15] }, { value: 0.3, ci: [0.2, 0.4] }]).robustness; // 'direction'
 *   acrossMechanisms([{ value: 0.1, ci: [0.05, 0.15] }, { value: -0.1, ci: [-0.15, -0.05] }]).robustness; // 'hinges'
 */
export function acrossMechanisms(diffs: readonly MechanismDifference[]): AcrossMechanisms {
  const sides = diffs.map(clearSide);
  const first = sides[0] ?? 0;
  if (!sides.every((s) => s === first)) return { robustness: 'hinges', sides, side: 'mixed' };
  if (first === 0) return { robustness: 'robust', sides, side: 0 };
  const margins = diffs.map((d) => Math.abs(d.value));
  const robustness = Math.max(...margins) > MARGIN_FACTOR * Math.min(...margins) ? 'direction' : 'robust';
  return { robustness, sides, side: first };
}
