import { mean, median, sampleCorrelation } from 'simple-statistics';
import { DOMAINS, type Domain } from '../model/params.ts';
import { CLOSURE_REASONS, WEEKLY_SERIES, type ReplicationResult, type WeeklySeries } from '../model/results.ts';
import type { Scenario } from '../model/scenario.ts';
import { hedgesGFromMoments, moments, type Moments } from './hedges.ts';
import { addValue, emptyHistogram, type Histogram } from './histogram.ts';
import { METRIC_NAMES, type MetricName } from './metrics.ts';

/** Realised time in a match before assessment, in bands of months (weeks: <13, 13-25, 26-51, 52+). */
export const DURATION_BANDS = ['<3 months', '3-6 months', '6-12 months', '12+ months'] as const;
export type DurationBand = (typeof DURATION_BANDS)[number];
export function durationBand(weeks: number): DurationBand {
  return weeks < 13 ? '<3 months' : weeks < 26 ? '3-6 months' : weeks < 52 ? '6-12 months' : '12+ months';
}
export const EFFECT_GROUPS = ['all', ...DURATION_BANDS] as const;
export type EffectGroup = (typeof EFFECT_GROUPS)[number];

/** Outcome histograms span this many baseline SDs each side of 0. */
export const OUTCOME_RANGE = 5;
export const OUTCOME_BINS = 100;

/**
 * What one replication contributes to a summary: small, fixed-size, plain data. Workers compute
 * it next to `runReplication`, so only this crosses threads; the aggregator merges it in order.
 */
export interface RepStats {
  replication: number;
  participantWeeks: number;
  metrics: Record<MetricName, number>;
  /** Matches by duration in weeks: premature closures (events) and others (censored). */
  survival: { events: number[]; censored: number[] };
  reasons: Record<(typeof CLOSURE_REASONS)[number] | 'ongoing', number>;
  /** Programme and counterfactual moments per group (all matched, or a duration band) and domain. */
  effects: Record<EffectGroup, Record<Domain, { programme: Moments; counterfactual: Moments }>>;
  /** Main-outcome histograms of matched participants. */
  outcome: { programme: Histogram; counterfactual: Histogram };
  weekly: Record<WeeklySeries, number[]>;
}

/** Pearson correlation (simple-statistics); NaN with fewer than three pairs or no spread. */
export function safeCorrelation(x: readonly number[], y: readonly number[]): number {
  if (x.length < 3) return NaN;
  const r = sampleCorrelation(x as number[], y as number[]);
  return Number.isFinite(r) ? r : NaN;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : NaN);
const meanOr = (v: number[]) => (v.length > 0 ? mean(v) : NaN);

export function replicationStats(result: ReplicationResult, scenario: Scenario): RepStats {
  const primary = scenario.params.outcomes.primary;
  const closed = result.matches.filter((m) => m.reason !== 'ongoing');
  const premature = closed.filter((m) => m.reason !== 'planned');
  const completed = closed.length - premature.length;
  const matched = result.assessed.filter((a) => a.matchedWeeks > 0);

  const reasons = { planned: 0, volunteer: 0, participant: 0, mismatch: 0, coordinator: 0, resources: 0, ongoing: 0 };
  for (const m of result.matches) reasons[m.reason] += 1;

  const survival = { events: new Array<number>(result.weeks + 1).fill(0), censored: new Array<number>(result.weeks + 1).fill(0) };
  for (const m of result.matches) {
    if (m.reason === 'planned' || m.reason === 'ongoing') survival.censored[m.weeks] += 1;
    else survival.events[m.weeks] += 1;
  }

  const effects = {} as RepStats['effects'];
  for (const group of EFFECT_GROUPS) {
    const members = group === 'all' ? matched : matched.filter((a) => durationBand(a.matchedWeeks) === group);
    effects[group] = {} as RepStats['effects'][EffectGroup];
    for (const d of DOMAINS) {
      effects[group][d] = {
        programme: moments(members.map((a) => a.programme[d])),
        counterfactual: moments(members.map((a) => a.counterfactual[d])),
      };
    }
  }
  const outcome = {
    programme: emptyHistogram(-OUTCOME_RANGE, OUTCOME_RANGE, OUTCOME_BINS),
    counterfactual: emptyHistogram(-OUTCOME_RANGE, OUTCOME_RANGE, OUTCOME_BINS),
  };
  for (const a of matched) {
    addValue(outcome.programme, a.programme[primary]);
    addValue(outcome.counterfactual, a.counterfactual[primary]);
  }

  const g = (d: Domain) => hedgesGFromMoments(effects.all[d].programme, effects.all[d].counterfactual).g;
  const domainG = DOMAINS.map(g);
  const w = result.weekly;
  const weeklyMean = (s: WeeklySeries) => mean(w[s]);
  const used = w.coordinatorHoursUsed.reduce((a, b) => a + b, 0);
  const available = w.coordinatorHoursAvailable.reduce((a, b) => a + b, 0);
  const v = result.volunteers;
  const responders = v.applied - scenario.params.inflow.initialVolunteers;

  const metrics: Record<MetricName, number> = {
    referred: result.referred,
    matchedShare: ratio(result.participantWaits.length, result.referred),
    matchesStarted: result.matches.length,
    matchesCompleted: completed,
    prematureShare: ratio(premature.length, closed.length),
    meanMatchWeeks: meanOr(closed.map((m) => m.weeks)),
    meanMatchHours: meanOr(closed.map((m) => m.hours)),
    participantWait: meanOr(result.participantWaits),
    participantWaitMedian: result.participantWaits.length > 0 ? median(result.participantWaits) : NaN,
    volunteerWait: meanOr(result.volunteerWaits),
    participantsWaiting: weeklyMean('participantsWaiting'),
    volunteersWaiting: weeklyMean('volunteersWaiting'),
    activeMatches: weeklyMean('activeMatches'),
    volunteerConversion: ratio(v.trained, responders),
    volunteerSatisfaction: v.matched > 0 ? v.meanSatisfaction : NaN,
    volunteerEmpathyGain: v.matched > 0 ? v.meanEmpathyGain : NaN,
    coordinatorUtilisation: ratio(used, available),
    costTotal: result.costs.total,
    costPerMatch: ratio(result.costs.total, result.matches.length),
    costPerCompletedMatch: ratio(result.costs.total, completed),
    effectPrimary: g(primary),
    effectOverall: domainG.every(Number.isFinite) ? mean(domainG) : NaN,
    deepQualityCorrelation: safeCorrelation(result.matches.map((m) => m.deepSimilarity), result.matches.map((m) => m.quality)),
    surfaceQualityCorrelation: safeCorrelation(result.matches.map((m) => m.surfaceSimilarity), result.matches.map((m) => m.quality)),
    frequencyGainCorrelation: safeCorrelation(result.matches.map((m) => m.hoursPerWeek), result.matches.map((m) => m.relationalGain)),
  };
  for (const name of METRIC_NAMES) if (!(name in metrics)) throw new Error(`metric ${name} not computed`);

  return {
    replication: result.replication,
    participantWeeks: result.participantWeeks,
    metrics,
    survival,
    reasons,
    effects,
    outcome,
    weekly: Object.fromEntries(WEEKLY_SERIES.map((s) => [s, w[s]])) as Record<WeeklySeries, number[]>,
  };
}
