import type { Summary } from '../analysis/aggregate.ts';
import { effectSize } from '../analysis/metrics.ts';
import { coMoments, combineMoments, correlationOf } from '../analysis/moments.ts';
import { poolOf } from '../analysis/packed.ts';
import { EFFECT_GROUPS, type EffectGroup, type Pool } from '../analysis/pool.ts';
import type { RepStats } from '../analysis/repStats.ts';
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
export const correlation = (x: readonly number[], y: readonly number[]) => correlationOf(coMoments(x, y));

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

/** Groups of the effect statistics: those of the summary, and '<6 months' (the two shortest bands together). */
export const EFFECT_GROUP_NAMES = [...EFFECT_GROUPS, '<6 months'] as const;
export type EffectGroupName = (typeof EFFECT_GROUP_NAMES)[number];
const GROUP_MEMBERS: Record<EffectGroupName, readonly EffectGroup[]> = {
  allReferred: ['allReferred'],
  matched: ['matched'],
  '<3 months': ['<3 months'],
  '3-6 months': ['3-6 months'],
  '6-12 months': ['6-12 months'],
  '12+ months': ['12+ months'],
  '<6 months': ['<3 months', '3-6 months'],
};

/** The replications of an evaluable set pooled (computed once per set). */
const pooled = new WeakMap<Evaluable, Pool>();
export function evaluablePool(e: Evaluable): Pool {
  let p = pooled.get(e);
  if (!p) {
    p = poolOf(e.stats.map((s) => s.packed), e.scenario.weeks);
    pooled.set(e, p);
  }
  return p;
}

/**
 * The standardised effect at the first measurement of one group and domain over a set of replications, pooled (metrics.ts
 * `effectSize`: mean of programme minus counterfactual over the SD of the counterfactual of all
 * referred participants); a combined group merges its bands first.
 */
export function pooledEffect(e: Evaluable, domain: Domain, group: EffectGroupName): number {
  const members = GROUP_MEMBERS[group];
  if (members.length === 1) return effectSize(evaluablePool(e), members[0], domain);
  const p = evaluablePool(e);
  const first = p.effects[0];
  let difference = { n: 0, mean: 0, variance: 0 };
  for (const g of members) difference = combineMoments(difference, first.difference[g][domain]);
  const merged: Pool = {
    ...p,
    effects: [{ ...first, difference: { ...first.difference, matched: { ...first.difference.matched, [domain]: difference } } }],
  };
  return effectSize(merged, 'matched', domain);
}

/** The number at a dotted path into the summary, e.g. "survival.prematureIncidence.value". */
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
 * - prematureIncidence: premature closure by the planned end (cumulative incidence; planned
 *   completion competes);
 * - path {path}: any number in the summary (e.g. "metrics.deepQualityCorrelation.mean");
 * - metric {name}: a figure of the run (summary.metrics, pooled over its replications);
 * - effect {domain?, group?}: the standardised effect, pooled (domain: the scenario's main outcome;
 *   group: 'matched' by default, 'allReferred', a duration band, or '<6 months');
 * - effectGap {higher, lower, domain?}: effect of one duration group minus another's;
 * - meanQuality: mean relationship quality of the matches (0-1);
 * - establishedFrequencyGain: correlation of contact hours per week with relational gain over
 *   established matches (13+ weeks), mean over replications;
 * - reasonShare {reason}: share of premature closures with that reason (e.g. 'volunteer').
 */
export const STATISTICS = {
  prematureIncidence: (e: Evaluable) => e.summary.metrics.prematureIncidence.value,
  path: (e: Evaluable, args: Args) => summaryPath(e.summary, String(args?.path ?? '')),
  metric: (e: Evaluable, args: Args) => summaryPath(e.summary, `metrics.${String(args?.name ?? '')}.value`),
  effect: (e: Evaluable, args: Args) => pooledEffect(e, domainArg(e, args), groupArg(args, 'group', 'matched')),
  effectGap: (e: Evaluable, args: Args) => {
    const d = domainArg(e, args);
    return pooledEffect(e, d, groupArg(args, 'higher', '12+ months')) - pooledEffect(e, d, groupArg(args, 'lower', '<6 months'));
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
