import { batchMeansInterval } from '../analysis/interval.ts';
import { acrossMechanisms, type Robustness } from '../analysis/robustness.ts';
import type { Estimate } from './figures.ts';
import type { Measured } from './regret.ts';

/**
 * Conclusions of the form "design B does better (or worse) than the reference A on a figure", and
 * whether each holds whatever the mechanism: the paired difference B minus A under every mechanism
 * (batch by batch on the same seed), classified by acrossMechanisms (robust, robust in direction
 * only, hinges on the mechanism). "Better" only where the interval excludes zero.
 */

/** How the design fares against the reference over the mechanisms. */
export type Outcome = 'better' | 'worse' | 'no clear difference' | 'mixed';

export interface Conclusion<M extends string = string> {
  readonly design: string;
  readonly against: string;
  readonly figure: string;
  /** Design minus reference under each mechanism, with its paired 95% interval and which of the two it favours. */
  readonly byMechanism: Record<M, Estimate & { readonly favours: 'design' | 'reference' | null }>;
  readonly outcome: Outcome;
  readonly robustness: Robustness;
}

export interface ConclusionInput<M extends string = string> {
  readonly design: string;
  readonly against: string;
  readonly figure: string;
  readonly better: 'higher' | 'lower';
  readonly mechanisms: readonly M[];
  readonly measured: (design: string, mechanism: M) => Measured;
}

/**
 * The conclusion on one figure for one design against the reference.
 *
 * @example
 *   const c = conclude({ design: 'B', against: 'A', figure: 'premature', better: 'lower', mechanisms: ['duration', 'neither'],
 *     measured: (d) => (d === 'B' ? { value: 0.3, batches: [0.29, 0.31, 0.3] } : { value: 0.2, batches: [0.2, 0.21, 0.19] }) });
 *   c.outcome;    // 'worse' (more premature endings under both mechanisms)
 *   c.robustness; // 'robust'
 */
export function conclude<M extends string>(input: ConclusionInput<M>): Conclusion<M> {
  const sign = input.better === 'higher' ? 1 : -1;
  const byMechanism = {} as Conclusion<M>['byMechanism'];
  const diffs = input.mechanisms.map((m) => {
    const mine = input.measured(input.design, m);
    const ref = input.measured(input.against, m);
    const value = mine.value - ref.value;
    const ci95 = batchMeansInterval(value, mine.batches.map((x, b) => x - ref.batches[b]));
    return { value, ci: ci95 };
  });
  const across = acrossMechanisms(diffs);
  input.mechanisms.forEach((m, i) => {
    const side = across.sides[i] * sign;
    byMechanism[m] = { value: diffs[i].value, ci95: diffs[i].ci, favours: side > 0 ? 'design' : side < 0 ? 'reference' : null };
  });
  const outcome: Outcome = across.side === 'mixed' ? 'mixed' : across.side === 0 ? 'no clear difference' : across.side * sign > 0 ? 'better' : 'worse';
  return { design: input.design, against: input.against, figure: input.figure, byMechanism, outcome, robustness: across.robustness };
}
