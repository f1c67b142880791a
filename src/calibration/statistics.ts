import { hedgesGFromMoments, type Moments } from '../analysis/hedges.ts';
import type { Summary } from '../analysis/aggregate.ts';
import { DURATION_BANDS, safeCorrelation, type DurationBand, type RepStats } from '../analysis/repStats.ts';
import { DOMAINS, type Domain } from '../model/params.ts';
import { PREMATURE_REASONS, type ReplicationResult } from '../model/results.ts';
import type { Scenario } from '../model/scenario.ts';

/**
 * The statistics a stylized fact is measured with: small named functions over a set of
 * replications (all of a run, or one batch of it), so each is explicit and testable. Every one
 * pools its replications the way the run's summary does, so a batch and the whole run are
 * measured alike (the 95% intervals come from batch means, see runSet.ts).
 */

/** What a fact needs beyond the standard statistics, from one replication's full records. */
export interface RepExtras {
  /** Mean relationship quality (0-1) of the replication's matches, at their end or the horizon. */
  meanQuality: number;
  /**
   * Correlation of contact hours per week with relational gain over established matches (those
   * that lasted at least ESTABLISHED_WEEKS): the relationships a survey such as those behind
   * [Eby2013] would find, not pairs that parted after a meeting or two.
   */
  establishedFrequencyGainCorrelation: number;
}

/** Weeks a match must have lasted to count as an established relationship. */
export const ESTABLISHED_WEEKS = 13;

/** Pearson correlation; NaN with fewer than three pairs or no spread. */
export const correlation = safeCorrelation;

export function repExtras(result: ReplicationResult): RepExtras {
  let q = 0;
  const hours: number[] = [];
  const gain: number[] = [];
  for (const m of result.matches) {
    q += m.quality;
    if (m.weeks >= ESTABLISHED_WEEKS) {
      hours.push(m.hoursPerWeek);
      gain.push(m.relationalGain);
    }
  }
  return {
    meanQuality: result.matches.length > 0 ? q / result.matches.length : NaN,
    establishedFrequencyGainCorrelation: correlation(hours, gain),
  };
}

/** A set of replications of one scenario: their summary, statistics and extras. */
export interface Evaluable {
  readonly scenario: Scenario;
  readonly summary: Summary;
  readonly stats: readonly RepStats[];
  readonly extras: readonly RepExtras[];
}

/** Duration groups of the effect statistics: the summary's bands, 'all', and '<6 months' (the two shortest bands). */
export const EFFECT_GROUP_NAMES = ['all', ...DURATION_BANDS, '<6 months'] as const;
export type EffectGroupName = (typeof EFFECT_GROUP_NAMES)[number];
const GROUP_BANDS: Record<EffectGroupName, readonly ('all' | DurationBand)[]> = {
  all: ['all'],
  '<3 months': ['<3 months'],
  '3-6 months': ['3-6 months'],
  '6-12 months': ['6-12 months'],
  '12+ months': ['12+ months'],
  '<6 months': ['<3 months', '3-6 months'],
};

/** Merges two groups' moments (count, mean, population variance). */
export function mergeMoments(a: Moments, b: Moments): Moments {
  if (a.n === 0) return { ...b };
  if (b.n === 0) return { ...a };
  const n = a.n + b.n;
  const mean = (a.n * a.mean + b.n * b.mean) / n;
  const da = a.mean - mean;
  const db = b.mean - mean;
  return { n, mean, variance: (a.n * (a.variance + da * da) + b.n * (b.variance + db * db)) / n };
}

/**
 * Hedges' g of matched participants' programme against counterfactual outcomes, pooled over the
 * replications, for one outcome domain and one group of realised time in a match.
 */
export function pooledEffect(stats: readonly RepStats[], domain: Domain, group: EffectGroupName): number {
  let programme: Moments = { n: 0, mean: 0, variance: 0 };
  let counterfactual: Moments = { n: 0, mean: 0, variance: 0 };
  for (const s of stats) {
    for (const band of GROUP_BANDS[group]) {
      programme = mergeMoments(programme, s.effects[band][domain].programme);
      counterfactual = mergeMoments(counterfactual, s.effects[band][domain].counterfactual);
    }
  }
  return hedgesGFromMoments(programme, counterfactual).g;
}

/** The number at a dotted path into the summary, e.g. "survival.prematureByPlan.value". */
export function summaryPath(summary: Summary, path: string): number {
  let v: unknown = summary;
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object' || !(key in v)) throw new Error(`summary has no "${path}" (stops at "${key}")`);
    v = (v as Record<string, unknown>)[key];
  }
  if (typeof v !== 'number') throw new Error(`summary path "${path}" is not a number`);
  return v;
}

type Args = Readonly<Record<string, string | number>> | undefined;

function domainArg(e: Evaluable, args: Args): Domain {
  const d = args?.domain ?? e.scenario.params.outcomes.primary;
  if (!DOMAINS.includes(d as Domain)) throw new Error(`domain must be one of ${DOMAINS.join(', ')}, got ${d}`);
  return d as Domain;
}

function groupArg(args: Args, key: string, fallback: EffectGroupName): EffectGroupName {
  const g = args?.[key] ?? fallback;
  if (!EFFECT_GROUP_NAMES.includes(g as EffectGroupName)) throw new Error(`${key} must be one of ${EFFECT_GROUP_NAMES.join(', ')}, got ${g}`);
  return g as EffectGroupName;
}

const meanOf = (xs: readonly number[]) => {
  let s = 0;
  let n = 0;
  for (const x of xs) if (Number.isFinite(x)) {
    s += x;
    n += 1;
  }
  return n > 0 ? s / n : NaN;
};

/**
 * The named statistics. Each takes the replications to measure and its arguments:
 * - prematureByPlan: Kaplan-Meier share of matches closed prematurely before the planned weeks;
 * - path {path}: any number in the summary (e.g. "metrics.deepQualityCorrelation.mean");
 * - metric {name}: a per-replication metric's mean over replications;
 * - effect {domain?, group?}: pooled Hedges' g of matched participants (domain: the scenario's main
 *   outcome; group: 'all', a duration band, or '<6 months');
 * - effectGap {higher, lower, domain?}: effect of one duration group minus another's;
 * - meanQuality: mean relationship quality of the matches (0-1);
 * - establishedFrequencyGain: correlation of contact hours per week with relational gain over
 *   established matches (13+ weeks), mean over replications;
 * - reasonShare {reason}: share of premature closures with that reason (e.g. 'volunteer').
 */
export const STATISTICS = {
  prematureByPlan: (e: Evaluable) => e.summary.survival.prematureByPlan.value,
  path: (e: Evaluable, args: Args) => summaryPath(e.summary, String(args?.path ?? '')),
  metric: (e: Evaluable, args: Args) => summaryPath(e.summary, `metrics.${String(args?.name ?? '')}.mean`),
  effect: (e: Evaluable, args: Args) => pooledEffect(e.stats, domainArg(e, args), groupArg(args, 'group', 'all')),
  effectGap: (e: Evaluable, args: Args) => {
    const d = domainArg(e, args);
    return pooledEffect(e.stats, d, groupArg(args, 'higher', '12+ months')) - pooledEffect(e.stats, d, groupArg(args, 'lower', '<6 months'));
  },
  meanQuality: (e: Evaluable) => meanOf(e.extras.map((x) => x.meanQuality)),
  establishedFrequencyGain: (e: Evaluable) => meanOf(e.extras.map((x) => x.establishedFrequencyGainCorrelation)),
  reasonShare: (e: Evaluable, args: Args) => {
    const reason = String(args?.reason ?? '');
    if (!(PREMATURE_REASONS as readonly string[]).includes(reason)) throw new Error(`reason must be one of ${PREMATURE_REASONS.join(', ')}, got ${reason}`);
    let premature = 0;
    for (const r of PREMATURE_REASONS) premature += e.summary.closureReasons[r]?.count ?? 0;
    return premature > 0 ? (e.summary.closureReasons[reason]?.count ?? 0) / premature : NaN;
  },
} satisfies Record<string, (e: Evaluable, args: Args) => number>;

export type StatisticName = keyof typeof STATISTICS;
export const STATISTIC_NAMES = Object.keys(STATISTICS) as [StatisticName, ...StatisticName[]];

/** Measures one named statistic on a set of replications. */
export function measure(e: Evaluable, name: StatisticName, args?: Args): number {
  return STATISTICS[name](e, args);
}
