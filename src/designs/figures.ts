import type { Aggregate } from '../analysis/aggregate.ts';
import { effectUnit, type MetricName } from '../analysis/metrics.ts';
import { DOMAIN_LABELS, type Domain } from '../model/domains.ts';

/**
 * What the explorer measures of each design under each mechanism, from the run's aggregate: every
 * figure is a metric of the run (docs/outputs.md) with its 95% interval by batch means, and its
 * per-batch values for paired differences between designs (all run on the same seed and
 * replications, so batch b of one design pairs with batch b of another).
 */

/** A figure and the 95% interval of the simulation's estimate (batch means over replications). */
export interface Estimate {
  readonly value: number;
  readonly ci95: readonly [number, number];
}

export const FIGURE_KEYS = [
  'completion', 'premature', 'effectEnd', 'effectLater', 'matchedEffectEnd', 'matchedEffectLater',
  'costPerYear', 'costPerCompleted', 'matchedShare', 'wait', 'hoursPerMatch',
] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];

export interface FigureDef {
  readonly key: FigureKey;
  /** For tables: a few words. */
  readonly short: string;
  /** In full: what, over whom, when. */
  readonly label: string;
  /** The unit (effects: g, or share points for work as the main outcome). */
  readonly unit: (primary: Domain) => string;
  /** Whether more is better for participants or funders; neutral: context only. */
  readonly better: 'higher' | 'lower' | 'neutral';
  readonly metric: (primary: Domain) => MetricName;
}

const fixed = (unit: string) => () => unit;

/** Every figure, in table order. "The end" is the design's first measurement; "12 months later" 52 weeks after it. */
export const FIGURES: Record<FigureKey, FigureDef> = {
  completion: { key: 'completion', short: 'completed', label: 'Matches completed (planned or goal reached), of those closed by the horizon', unit: fixed('share'), better: 'higher', metric: () => 'completionShare' },
  premature: { key: 'premature', short: 'premature', label: 'Premature closure by the planned end (cumulative incidence; completion and the time limit compete)', unit: fixed('share'), better: 'lower', metric: () => 'prematureIncidence' },
  effectEnd: { key: 'effectEnd', short: 'effect at end', label: 'Effect on the main outcome at the end, all referred', unit: effectUnit, better: 'higher', metric: (d) => `effectAllReferred.${d}` as MetricName },
  effectLater: { key: 'effectLater', short: 'effect +12 months', label: 'Effect on the main outcome 12 months after the end, all referred', unit: effectUnit, better: 'higher', metric: (d) => `effectAllReferred.${d}@+52w` as MetricName },
  matchedEffectEnd: { key: 'matchedEffectEnd', short: 'matched, at end', label: 'Effect on the main outcome at the end, matched participants', unit: effectUnit, better: 'higher', metric: (d) => `effectMatched.${d}` as MetricName },
  matchedEffectLater: { key: 'matchedEffectLater', short: 'matched, +12 months', label: 'Effect on the main outcome 12 months after the end, matched participants', unit: effectUnit, better: 'higher', metric: (d) => `effectMatched.${d}@+52w` as MetricName },
  costPerYear: { key: 'costPerYear', short: 'cost a year', label: 'Cost per year (coordinator hours and expenses)', unit: fixed('EUR/year'), better: 'lower', metric: () => 'costPerYear' },
  costPerCompleted: { key: 'costPerCompleted', short: 'cost per completed', label: 'Cost per completed trajectory (planned or goal reached)', unit: fixed('EUR'), better: 'lower', metric: () => 'costPerCompletedMatch' },
  matchedShare: { key: 'matchedShare', short: 'matched', label: 'Referred participants matched by the horizon', unit: fixed('share'), better: 'higher', metric: () => 'matchedShare' },
  wait: { key: 'wait', short: 'wait (weeks)', label: 'Mean wait from referral to a first match, among those matched', unit: fixed('weeks'), better: 'lower', metric: () => 'participantWait' },
  hoursPerMatch: { key: 'hoursPerMatch', short: 'hours a match', label: 'Mean contact hours of closed matches', unit: fixed('hours'), better: 'neutral', metric: () => 'meanMatchHours' },
};

/** The effects on one domain, over all referred and over the matched, at the end and 12 months later. */
export interface DomainEffects {
  readonly label: string;
  readonly unit: string;
  readonly allReferred: { readonly end: Estimate; readonly later: Estimate };
  readonly matched: { readonly end: Estimate; readonly later: Estimate };
}

/** One design under one mechanism. */
export interface Measurement {
  readonly figures: Record<FigureKey, Estimate>;
  /** Matches that ended at the time limit before their hours were given (cumulative incidence by the horizon). */
  readonly timeLimit: Estimate;
  /** Effects on every reported domain. */
  readonly domains: Partial<Record<Domain, DomainEffects>>;
  /** The run's warnings (docs/outputs.md). */
  readonly warnings: readonly string[];
  /** Each figure on each batch of replications, for paired differences; not part of the JSON. */
  readonly batches: Record<FigureKey, readonly number[]>;
}

const estimate = (agg: Aggregate, m: MetricName): Estimate => ({ value: agg.summary.metrics[m].value, ci95: agg.summary.metrics[m].ci95 });

/**
 * Measures one run of a design (its aggregate) on every figure.
 *
 * @example
 *   const m = measure(runSerial(scenario), 'network');
 *   m.figures.effectLater; // { value, ci95 }
 *   m.batches.effectLater; // one value per batch, paired with other designs' batches
 */
export function measure(agg: Aggregate, primary: Domain): Measurement {
  const figures = {} as Record<FigureKey, Estimate>;
  const batches = {} as Record<FigureKey, readonly number[]>;
  for (const key of FIGURE_KEYS) {
    const m = FIGURES[key].metric(primary);
    figures[key] = estimate(agg, m);
    batches[key] = agg.perBatch[m];
  }
  const s = agg.summary;
  // Time-limit endings happen at the limit, so the incidence is flat after it: read at the last week.
  const tl = s.survival.incidence.timeLimit;
  const last = tl.value.length - 1;
  const timeLimit: Estimate = last >= 0 ? { value: tl.value[last], ci95: [tl.lower[last], tl.upper[last]] } : { value: NaN, ci95: [NaN, NaN] };
  const domains: Partial<Record<Domain, DomainEffects>> = {};
  for (const d of s.effects.domains) {
    domains[d] = {
      label: DOMAIN_LABELS[d], unit: effectUnit(d),
      allReferred: { end: estimate(agg, `effectAllReferred.${d}` as MetricName), later: estimate(agg, `effectAllReferred.${d}@+52w` as MetricName) },
      matched: { end: estimate(agg, `effectMatched.${d}` as MetricName), later: estimate(agg, `effectMatched.${d}@+52w` as MetricName) },
    };
  }
  return { figures, timeLimit, domains, warnings: s.warnings.map((w) => w.message), batches };
}
