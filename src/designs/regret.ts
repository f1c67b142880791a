import { batchMeansInterval } from '../analysis/interval.ts';
import type { Robustness } from '../analysis/robustness.ts';
import type { Estimate } from './figures.ts';

/**
 * Regret ([Savage1951]): under each mechanism, how far each design falls short of the best design
 * under that mechanism on one figure of merit. A design whose regret stays small under every
 * mechanism is a choice that does not bet on one reading of the evidence; minimax regret picks the
 * design whose largest regret is smallest. Regrets come with paired 95% intervals (batch means of
 * the batch-by-batch shortfall: every design runs on the same seed and replications), so "the best
 * is better" means the interval lies above zero.
 */

/** A figure of one design under one mechanism: the run's value and its value on each batch. */
export interface Measured {
  readonly value: number;
  readonly batches: readonly number[];
}

/** How close to the best counts as "not far": an absolute amount, or a share of the best design's value. */
export type Tolerance = { readonly absolute: number } | { readonly relative: number };

export interface RegretInput<M extends string = string> {
  readonly designs: readonly string[];
  readonly mechanisms: readonly M[];
  readonly better: 'higher' | 'lower';
  readonly tolerance: Tolerance;
  readonly measured: (design: string, mechanism: M) => Measured;
}

export interface DesignRegret<M extends string = string> {
  readonly design: string;
  /** Under each mechanism: the shortfall from the best (0 for the best) with its paired 95% interval. */
  readonly byMechanism: Record<M, Estimate & {
    /** The best design is not clearly better: the interval reaches down to zero (or the design is the best). */
    readonly tied: boolean;
    /** The shortfall is within the tolerance. */
    readonly within: boolean;
  }>;
  /** The largest regret over the mechanisms (NaN when a mechanism has no value). */
  readonly maxRegret: number;
  /** Within the tolerance of the best under every mechanism. */
  readonly neverFar: boolean;
  /** Tied with the best under every mechanism. */
  readonly alwaysTied: boolean;
}

export interface RegretTable<M extends string = string> {
  /** The best design under each mechanism, and the tolerance there in the figure's unit. */
  readonly best: Record<M, string>;
  readonly threshold: Record<M, number>;
  readonly designs: readonly DesignRegret<M>[];
  /** The designs with the smallest largest regret (several when equal). */
  readonly minimax: readonly string[];
  /** Designs within the tolerance of the best under every mechanism, by largest regret. */
  readonly neverFar: readonly string[];
  /** Designs the best never clearly beats, under any mechanism, and never far from it: the robust choices. */
  readonly alwaysTied: readonly string[];
  /**
   * Whether the choice of design holds whatever the mechanism: robust (a design is within the
   * tolerance of the best and not told apart from it under every mechanism), direction (no such
   * design, but one stays within the tolerance of the best under every mechanism though it is
   * clearly behind under some), hinges (every design falls further than the tolerance behind the
   * best under some mechanism).
   */
  readonly verdict: Robustness;
}

/**
 * The regret of every design under every mechanism, the minimax-regret designs, the designs never
 * far from the best, and the verdict on the choice.
 *
 * @example
 *   const t = regretTable({
 *     designs: ['A', 'B'], mechanisms: ['duration', 'frequency'], better: 'higher', tolerance: { absolute: 0.02 },
 *     measured: (d, m) => ({ value: d === 'A' ? (m === 'duration' ? 0.10 : 0.05) : 0.08, batches: [] }),
 *   });
 *   t.best;    // { duration: 'A', frequency: 'B' }
 *   t.minimax; // ['B'] (largest regret 0.02 against 0.03 for A)
 */
export function regretTable<M extends string>(input: RegretInput<M>): RegretTable<M> {
  const sign = input.better === 'higher' ? 1 : -1;
  const best = {} as Record<M, string>;
  const threshold = {} as Record<M, number>;
  for (const m of input.mechanisms) {
    let top: string | undefined;
    for (const d of input.designs) {
      const v = input.measured(d, m).value;
      if (Number.isFinite(v) && (top === undefined || sign * v > sign * input.measured(top, m).value)) top = d;
    }
    best[m] = top ?? '';
    const bestValue = top === undefined ? NaN : input.measured(top, m).value;
    threshold[m] = 'absolute' in input.tolerance ? input.tolerance.absolute : input.tolerance.relative * Math.abs(bestValue);
  }
  const designs = input.designs.map((d): DesignRegret<M> => {
    const byMechanism = {} as DesignRegret<M>['byMechanism'];
    for (const m of input.mechanisms) {
      const mine = input.measured(d, m);
      if (best[m] === '' || !Number.isFinite(mine.value)) {
        byMechanism[m] = { value: NaN, ci95: [NaN, NaN], tied: false, within: false };
        continue;
      }
      const top = input.measured(best[m], m);
      // + 0: the best's own shortfall is 0, not -0.
      const value = sign * (top.value - mine.value) + 0;
      const paired = mine.batches.map((x, b) => sign * (top.batches[b] - x));
      const ci95 = d === best[m] ? ([0, 0] as const) : batchMeansInterval(value, paired);
      byMechanism[m] = { value, ci95, tied: d === best[m] || !(ci95[0] > 0), within: value <= threshold[m] + 1e-12 };
    }
    const regrets = input.mechanisms.map((m) => byMechanism[m].value);
    const maxRegret = regrets.some((r) => !Number.isFinite(r)) ? NaN : Math.max(...regrets);
    return {
      design: d, byMechanism, maxRegret,
      neverFar: input.mechanisms.every((m) => byMechanism[m].within),
      alwaysTied: input.mechanisms.every((m) => byMechanism[m].tied),
    };
  });
  const finite = designs.filter((d) => Number.isFinite(d.maxRegret));
  const least = Math.min(...finite.map((d) => d.maxRegret));
  const minimax = finite.filter((d) => d.maxRegret <= least + 1e-12).map((d) => d.design);
  const byRegret = [...finite].sort((a, b) => a.maxRegret - b.maxRegret);
  const neverFar = byRegret.filter((d) => d.neverFar).map((d) => d.design);
  const alwaysTied = byRegret.filter((d) => d.alwaysTied && d.neverFar).map((d) => d.design);
  const verdict: Robustness = alwaysTied.length > 0 ? 'robust' : neverFar.length > 0 ? 'direction' : 'hinges';
  return { best, threshold, designs, minimax, neverFar, alwaysTied, verdict };
}
