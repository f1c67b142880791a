import { DOMAINS, DOMAIN_KIND, DOMAIN_LABELS, type Domain } from '../model/domains.ts';
import type { Scenario } from '../model/scenario.ts';
import { CLOSURE_REASONS, COST_ITEMS, PREMATURE_REASONS, type CostItem } from '../model/results.ts';
import { aalenJohansen, incidenceAt, type CumulativeIncidence } from './competingRisks.ts';
import { correlationOf, sampleSd, type Moments } from './moments.ts';
import { POINTS, firstMatchFrom, type EffectGroup, type Point, type Pool } from './pool.ts';

/**
 * Every figure of a run, declared once: its label, unit, over whom or what it is taken, and how it
 * is computed from a pool of replications (pool.ts). The same function gives one replication's
 * value (for the spread of single runs and for paired comparisons), each batch's value (for the
 * 95% interval by batch means) and the run's value.
 */
export interface MetricDef {
  readonly label: string;
  readonly unit: string;
  /** Over whom or what, and when, in words: "all referred participants", "closed matches", ... */
  readonly over: string;
  readonly compute: (pool: Pool, scenario: Scenario) => number;
  /** The unit when it depends on the scenario (the main outcome's effect: g, or share points for work). */
  readonly unitFor?: (scenario: Scenario) => string;
  /**
   * The figure is missing by design in some runs (a rule leaves it out, not a shortage of events),
   * so the sparse-figure warning does not count those runs against it.
   */
  readonly missingByDesign?: true;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : NaN);
const years = (p: Pool) => p.sums.weeks / 52;

/** Weeks after referral at which the matched-within shares are read. */
export const MATCHED_WITHIN_WEEKS = [4, 8, 13] as const;

const PREMATURE_CAUSES = CLOSURE_REASONS.map((r, i) => (PREMATURE_REASONS.includes(r) ? i : -1)).filter((i) => i >= 0);

/**
 * While computeMetrics runs over one pool (which does not change meanwhile), each Aalen-Johansen
 * curve is computed once for all the figures read from it.
 */
let curves: { pool: Pool; matchEnds?: CumulativeIncidence; firstMatch?: CumulativeIncidence } | null = null;

function curveOf(pool: Pool, counts: 'matchEnds' | 'firstMatch'): CumulativeIncidence {
  if (curves?.pool !== pool) return aalenJohansen(pool[counts]);
  return (curves[counts] ??= aalenJohansen(pool[counts]));
}

/**
 * Premature closure by the planned end: the cumulative incidence of closure for a premature reason
 * (the volunteer, the participant, mismatch, the coordinator, lack of support) at the planned
 * duration; completion (planned or goal reached) and the time limit are competing events.
 */
export function prematureIncidence(pool: Pool, scenario: Scenario): number {
  const curve = curveOf(pool, 'matchEnds');
  let total = 0;
  for (const k of PREMATURE_CAUSES) total += incidenceAt(curve, k, scenario.params.programme.plannedWeeks);
  return total;
}

/** Whose wait a matched-within figure is taken over. */
export interface WaitPopulation {
  /**
   * Only participants referred in this week or later, rounded up to a whole referral cohort
   * (COHORT_WEEKS = 13 weeks): a warm-up cut that leaves out the start-up of a run (the initial
   * waiting list, the first referrals). Default 0: every referral.
   */
  referredFromWeek?: number;
  /**
   * 'referred' (default): over all referred participants; leaving unmatched (no-show at intake,
   * giving up, turned away at a closed list) competes. 'seeking': over those who had not left
   * unmatched by then: CIF_matched(X) / (1 - CIF_left(X)), the chance to be matched within X weeks
   * for someone still seeking a match.
   */
  among?: 'referred' | 'seeking';
}

/**
 * The share matched within `weeks` of referral, from the pooled first-match cumulative incidence
 * (Aalen-Johansen: leaving unmatched competes, still waiting at the horizon is censored). Any
 * number of weeks; NaN when nobody was referred in the population.
 *
 * @example
 *   matchedWithin(pool, 8);                                              // all referred
 *   matchedWithin(pool, 8, { referredFromWeek: 26, among: 'seeking' }); // referred after the first half-year, still seeking
 */
export function matchedWithin(pool: Pool, weeks: number, population: WaitPopulation = {}): number {
  const from = population.referredFromWeek ?? 0;
  const curve = from > 0 ? aalenJohansen(firstMatchFrom(pool, from)) : curveOf(pool, 'firstMatch');
  const matched = incidenceAt(curve, 0, weeks);
  if (population.among !== 'seeking') return matched;
  const stayed = 1 - incidenceAt(curve, 1, weeks);
  return stayed > 0 ? matched / stayed : NaN;
}

/** Median weeks from referral to a first match over all referred; NaN if fewer than half are ever matched. */
export function timeToMatchMedian(pool: Pool): number {
  const curve = curveOf(pool, 'firstMatch');
  if (curve.total === 0) return NaN;
  const t = curve.incidence[0].findIndex((x) => x >= 0.5);
  return t < 0 ? NaN : t;
}

/**
 * An effect at a measurement point (POINTS index). On a score domain, standardised: the mean of
 * programme minus counterfactual outcome over the group, divided by the standard deviation of the
 * counterfactual outcome of all referred participants (the same yardstick for every group, so
 * effects over all referred and over the matched compare). On an event domain (work), the
 * difference in the share for whom it happened, in share points.
 */
export function effectSize(pool: Pool, group: EffectGroup, domain: Domain, point = 0): number {
  return standardised(pool.effects[point].difference[group][domain], pool.effects[point].counterfactual[domain], domain);
}

/** An effect from the moments of the difference and of the yardstick's counterfactual (see effectSize). */
function standardised(difference: Moments, counterfactual: Moments, domain: Domain): number {
  if (difference.n === 0) return NaN;
  if (DOMAIN_KIND[domain] === 'event') return difference.mean;
  const sd = sampleSd(counterfactual);
  return sd > 0 ? difference.mean / sd : NaN;
}

/**
 * Below this first-point effect (in SDs of the counterfactual) the retained effect is not
 * available: a ratio of two effects is read as the share kept only when there is an effect to
 * keep, and under it the ratio measures noise (a fraction of a small effect, g = 0.2 [Cohen1988]).
 * On an event domain (work) the floor is the same on a share's largest SD, 0.5: 2.5 share points.
 */
export const RETAINED_FLOOR = 0.05;

/**
 * The effect a year after the first measurement relative to the effect at it, over the same
 * people: the participants measured at both points (referred early enough that the last point,
 * +52 weeks, falls within the horizon; everyone measured then was measured at the first point),
 * each point's effect standardised by those participants' counterfactual SD at that point. NaN
 * when the first-point effect over them is below RETAINED_FLOOR (negative included): nothing
 * clearly there to keep. The rule is the pool's, so single runs and batches follow it alike.
 *
 * @example
 *   retainedEffect(pool, 'wellbeing'); // 0.8: four fifths of the effect is left a year on
 */
export function retainedEffect(pool: Pool, domain: Domain): number {
  const first = standardised(pool.followedUp.difference[domain], pool.followedUp.counterfactual[domain], domain);
  const floor = DOMAIN_KIND[domain] === 'event' ? RETAINED_FLOOR * 0.5 : RETAINED_FLOOR;
  if (!(first >= floor)) return NaN;
  return effectSize(pool, 'allReferred', domain, POINTS.length - 1) / first;
}

/** The effect on the main outcome over all referred, by weeks since referral (curve point k). */
export function curveEffect(pool: Pool, k: number, domain: Domain): number {
  const c = pool.curve;
  const n = c.n[k];
  if (!(n > 1)) return NaN;
  const mean = c.sumDifference[k] / n;
  if (DOMAIN_KIND[domain] === 'event') return mean;
  const cfMean = c.sumCounterfactual[k] / n;
  const variance = (c.sumCounterfactualSq[k] - n * cfMean * cfMean) / (n - 1);
  return variance > 0 ? mean / Math.sqrt(variance) : NaN;
}

/** The unit of an effect on a domain: g for scores, share points for an event. */
export const effectUnit = (d: Domain) => (DOMAIN_KIND[d] === 'event' ? 'pp' : 'g');

const main = (s: Scenario) => s.params.outcomes.primary;

type MatchedWithinName = `matchedWithin${(typeof MATCHED_WITHIN_WEEKS)[number]}Weeks`;
function matchedWithinMetrics(): Record<MatchedWithinName, MetricDef> {
  const out = {} as Record<MatchedWithinName, MetricDef>;
  for (const w of MATCHED_WITHIN_WEEKS) {
    out[`matchedWithin${w}Weeks`] = {
      label: `Matched within ${w} weeks of referral`, unit: 'share',
      over: 'all referred participants (cumulative incidence; leaving unmatched competes, still waiting at the horizon censored)',
      compute: (p: Pool) => matchedWithin(p, w),
    };
  }
  return out;
}

const POINT_SUFFIX: Record<Point, string> = { first: '', '+26w': '@+26w', '+52w': '@+52w' };
const POINT_WORDS: Record<Point, string> = {
  first: 'at the first measurement',
  '+26w': '26 weeks after the first measurement',
  '+52w': '52 weeks after the first measurement',
};
type DomainEffectName = `effect${'AllReferred' | 'Matched'}.${Domain}${'' | '@+26w' | '@+52w'}`;
function domainEffectMetrics(): Record<DomainEffectName, MetricDef> {
  const out = {} as Record<DomainEffectName, MetricDef>;
  POINTS.forEach((point, j) => {
    for (const d of DOMAINS) {
      const unit = effectUnit(d);
      const what = DOMAIN_KIND[d] === 'event' ? 'difference in the share in work' : 'standardised';
      out[`effectAllReferred.${d}${POINT_SUFFIX[point]}` as DomainEffectName] = {
        label: `Effect on ${DOMAIN_LABELS[d]}, all referred, ${POINT_WORDS[point]}`, unit,
        over: `all referred participants, matched or not (intention to treat); ${what}`,
        compute: (p: Pool) => effectSize(p, 'allReferred', d, j),
      };
      out[`effectMatched.${d}${POINT_SUFFIX[point]}` as DomainEffectName] = {
        label: `Effect on ${DOMAIN_LABELS[d]}, matched participants, ${POINT_WORDS[point]}`, unit,
        over: `participants matched before the measurement; ${what}`,
        compute: (p: Pool) => effectSize(p, 'matched', d, j),
      };
    }
  });
  return out;
}

type CostItemName = `costPerYear.${CostItem}`;
function costItemMetrics(): Record<CostItemName, MetricDef> {
  const out = {} as Record<CostItemName, MetricDef>;
  for (const item of COST_ITEMS) {
    out[`costPerYear.${item}`] = {
      label: `Cost per year: ${COST_WORDS[item]}`, unit: 'EUR/year', over: 'the programme',
      compute: (p: Pool) => ratio(p.sums[`cost.${item}`], years(p)),
    };
  }
  return out;
}

export const COST_WORDS: Record<CostItem, string> = {
  coordinatorIntake: 'coordinator, intake',
  coordinatorScreening: 'coordinator, screening',
  coordinatorTraining: 'coordinator, training',
  coordinatorMatching: 'coordinator, matching',
  coordinatorFollowUp: 'coordinator, follow-up',
  coordinatorIntervision: 'coordinator, intervision',
  coordinatorRecruitment: 'coordinator, recruitment',
  coordinatorAdministration: 'coordinator, administration',
  coordinatorIdle: 'coordinator, paid time not used',
  recruitmentCampaigns: 'recruitment campaigns',
  screeningChecks: 'screening checks',
  trainingSessions: 'training sessions',
  groupActivities: 'group activities',
  volunteerExpenses: 'volunteer expenses',
  overhead: 'organisation overhead',
};

/** The effect on the main outcome over a group at the first measurement point. */
const mainEffect = (p: Pool, s: Scenario, group: EffectGroup) => effectSize(p, group, main(s));

const BASE = {
  referredPerYear: { label: 'Participants referred per year', unit: 'participants/year', over: 'the programme', compute: (p) => ratio(p.sums.referred, years(p)) },
  matchedShare: { label: 'Referred participants matched by the horizon', unit: 'share', over: 'all referred participants', compute: (p) => ratio(p.sums.everMatched, p.sums.referred) },
  ...matchedWithinMetrics(),
  timeToMatchMedian: { label: 'Median time from referral to a first match', unit: 'weeks', over: 'all referred participants (none if fewer than half are ever matched)', compute: (p) => timeToMatchMedian(p) },
  leftUnmatchedShare: { label: 'Referred participants who left before a first match', unit: 'share', over: 'all referred participants (turned away at a closed list included)', compute: (p) => ratio(p.sums.leftUnmatched, p.sums.referred) },
  turnedAwayShare: { label: 'Referrals turned away at a closed list', unit: 'share', over: 'all referred participants', compute: (p) => ratio(p.sums.turnedAway, p.sums.referred) },
  stillWaitingShare: { label: 'Referred participants still waiting at the horizon', unit: 'share', over: 'all referred participants', compute: (p) => ratio(p.sums.stillWaiting, p.sums.referred) },
  participantWait: { label: 'Mean wait from referral to a first match, among those matched', unit: 'weeks', over: 'participants matched by the horizon', compute: (p) => ratio(p.sums.waitWeeks, p.sums.everMatched) },
  volunteerWait: { label: 'Mean wait of a ready volunteer for a first match', unit: 'weeks', over: 'volunteers matched by the horizon', compute: (p) => ratio(p.sums.volunteerWaitWeeks, p.sums.volunteerFirstMatches) },
  participantsWaiting: { label: 'Participants waiting for a match (weekly mean)', unit: 'participants', over: 'intake and waiting list, every week', compute: (p) => ratio(p.sums.waitingListWeeks, p.sums.weeks) },
  waitingListGrowth: {
    label: 'Growth of the waiting list over the last year', unit: 'participants/year',
    over: 'intake and waiting list: the trend over the last 52 weeks of the horizon, mean over replications',
    compute: (p) => ratio(p.sums.waitingGrowth, p.sums.waitingGrowthReps),
  },
  volunteersWaiting: { label: 'Ready volunteers without a match (weekly mean)', unit: 'volunteers', over: 'every week', compute: (p) => ratio(p.sums.volunteersWaitingWeeks, p.sums.weeks) },
  activeMatches: { label: 'Active matches (weekly mean)', unit: 'matches', over: 'every week', compute: (p) => ratio(p.sums.activeMatchWeeks, p.sums.weeks) },
  matchesStartedPerYear: { label: 'Matches started per year', unit: 'matches/year', over: 'the programme', compute: (p) => ratio(p.sums.matchesStarted, years(p)) },
  matchesCompletedPerYear: { label: 'Matches completed per year', unit: 'matches/year', over: 'the programme (planned completion or goal reached)', compute: (p) => ratio(p.sums.matchesCompleted, years(p)) },
  completionShare: { label: 'Closed matches completed', unit: 'share', over: 'matches closed by the horizon (planned completion or goal reached)', compute: (p) => ratio(p.sums.matchesCompleted, p.sums.matchesClosed) },
  continuedShare: { label: 'Matches that continued past their commitment', unit: 'share', over: 'matches started', compute: (p) => ratio(p.sums.continued, p.sums.matchesStarted) },
  prematureIncidence: {
    label: 'Premature closure by the planned end', unit: 'share',
    over: 'matches (cumulative incidence at the planned duration; planned completion competes, matches running at the horizon censored)',
    compute: prematureIncidence,
  },
  meanMatchWeeks: { label: 'Mean length of closed matches', unit: 'weeks', over: 'matches closed by the horizon', compute: (p) => ratio(p.sums.closedWeeks, p.sums.matchesClosed) },
  meanMatchHours: { label: 'Mean contact hours of closed matches', unit: 'hours', over: 'matches closed by the horizon', compute: (p) => ratio(p.sums.closedHours, p.sums.matchesClosed) },
  volunteerConversion: { label: 'Responders who become volunteers', unit: 'share', over: 'people who responded to recruitment (peer buddies included)', compute: (p) => ratio(p.sums.trained, p.sums.responders) },
  peerApplicationsPerYear: { label: 'Former participants applying as peer buddies per year', unit: 'people/year', over: 'the programme', compute: (p) => ratio(p.sums.peers, years(p)) },
  volunteerSatisfaction: { label: 'Satisfaction of matched volunteers', unit: 'score 0-1', over: 'volunteers matched at least once', compute: (p) => ratio(p.sums.satisfaction, p.sums.volunteersMatched) },
  volunteerEmpathyGain: { label: 'Empathy gain of matched volunteers', unit: 'score 0-1', over: 'volunteers matched at least once', compute: (p) => ratio(p.sums.empathyGain, p.sums.volunteersMatched) },
  coordinatorUtilisation: { label: 'Coordinator utilisation', unit: 'share of contract hours', over: 'coordinator hours present', compute: (p) => ratio(p.sums.hoursUsed, p.sums.hoursAvailable) },
  followUpsMissedShare: { label: 'Follow-ups not done in the week they fell due', unit: 'share', over: 'follow-ups that fell due', compute: (p) => ratio(p.sums.followUpsMissed, p.sums.followUpsDue) },
  costPerYear: { label: 'Cost per year', unit: 'EUR/year', over: 'the programme: every cost item (coordinator hours by task and unused, recruitment, screening, training, group activities, volunteer expenses, overhead; costPerYear.<item> for each)', compute: (p) => ratio(p.sums.cost, years(p)) },
  costPerMatch: { label: 'Cost per match started', unit: 'EUR', over: 'matches started', compute: (p) => ratio(p.sums.cost, p.sums.matchesStarted) },
  costPerCompletedMatch: { label: 'Cost per completed match', unit: 'EUR', over: 'matches completed (planned or goal reached)', compute: (p) => ratio(p.sums.cost, p.sums.matchesCompleted) },
  costPerMatchYear: { label: 'Cost per match-year', unit: 'EUR', over: 'a year of one participant in a match', compute: (p) => ratio(p.sums.cost, p.sums.matchWeeks / 52) },
  ...costItemMetrics(),
  effectAllReferred: {
    label: 'Effect on the main outcome, all referred participants', unit: 'g',
    over: 'all referred participants at their assessment point, matched or not (intention to treat)',
    compute: (p, s) => mainEffect(p, s, 'allReferred'),
    unitFor: (s) => effectUnit(main(s)),
  },
  effectMatched: {
    label: 'Effect on the main outcome, matched participants', unit: 'g',
    over: 'participants matched before their assessment point',
    compute: (p, s) => mainEffect(p, s, 'matched'),
    unitFor: (s) => effectUnit(main(s)),
  },
  retainedEffect: {
    label: 'Effect a year after the first measurement, relative to the effect at it', unit: 'share',
    over: `participants measured at both points (referred early enough that the second falls within the horizon), main outcome: effect 52 weeks after the first measurement over the effect at it, each standardised over them (above 100% while gains still accrue or people are still being matched); no data when the first effect over them is under ${RETAINED_FLOOR} SD (on work ${RETAINED_FLOOR * 50} share points)`,
    compute: (p, s) => retainedEffect(p, main(s)),
    missingByDesign: true,
  },
  ...domainEffectMetrics(),
  deepQualityCorrelation: { label: 'Correlation: deep similarity and relationship quality', unit: 'r', over: 'all matches', compute: (p) => correlationOf(p.correlations.deepQuality) },
  surfaceQualityCorrelation: { label: 'Correlation: surface similarity and relationship quality', unit: 'r', over: 'all matches', compute: (p) => correlationOf(p.correlations.surfaceQuality) },
  frequencyGainCorrelation: { label: 'Correlation: contact hours per week and relational gain', unit: 'r', over: 'all matches', compute: (p) => correlationOf(p.correlations.frequencyGain) },
} satisfies Record<string, MetricDef>;

export type MetricName = keyof typeof BASE;
export const METRICS: Record<MetricName, MetricDef> = BASE;
export const METRIC_NAMES = Object.keys(METRICS) as MetricName[];

/** Every metric of one pool. */
export function computeMetrics(pool: Pool, scenario: Scenario): Record<MetricName, number> {
  const out = {} as Record<MetricName, number>;
  curves = { pool };
  try {
    for (const m of METRIC_NAMES) out[m] = METRICS[m].compute(pool, scenario);
  } finally {
    curves = null;
  }
  return out;
}
