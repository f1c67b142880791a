import { combineMeans, combineVariances } from 'simple-statistics';
import { DOMAINS, type Domain } from '../model/params.ts';
import { CLOSURE_REASONS, WEEKLY_SERIES, type WeeklySeries } from '../model/results.ts';
import type { Scenario } from '../model/scenario.ts';
import { scenarioHash } from '../scenario/hash.ts';
import { scenarioToFile } from '../scenario/resolve.ts';
import { hedgesGFromMoments, type EffectSize, type Moments } from './hedges.ts';
import { emptyHistogram, histogramQuantile, mergeInto, type Histogram } from './histogram.ts';
import { kaplanMeierFromCounts, survivalAt, type SurvivalCurve } from './kaplanMeier.ts';
import { summarize, type RepSummary } from './interval.ts';
import { METRICS, METRIC_NAMES, type MetricName } from './metrics.ts';
import { EFFECT_GROUPS, OUTCOME_BINS, OUTCOME_RANGE, type EffectGroup, type RepStats } from './repStats.ts';

export const SUMMARY_FORMAT = 1;
const QUANTILES = [0.05, 0.25, 0.5, 0.75, 0.95] as const;

export interface Summary {
  format: number;
  scenario: { name: string; description: string; hash: string; seed: number; reps: number; weeks: number };
  participantWeeks: number;
  metrics: Record<MetricName, RepSummary & { label: string; unit: string }>;
  survival: SurvivalCurve & {
    /** Premature closure before the planned duration, 1 - S(planned weeks - 1), with its 95% band. */
    prematureByPlan: { value: number; lower: number; upper: number; weeks: number };
  };
  closureReasons: Record<string, { count: number; share: number; perReplication: number }>;
  effects: {
    primary: Domain;
    /** Pooled over replications: matched participants' programme against counterfactual outcomes. */
    byGroup: Record<EffectGroup, Record<Domain, EffectSize>>;
  };
  outcomes: {
    domain: Domain;
    quantiles: number[];
    programme: { quantiles: number[]; histogram: Histogram };
    counterfactual: { quantiles: number[]; histogram: Histogram };
  };
  weekly: Record<WeeklySeries, { mean: number[]; lower: number[]; upper: number[] }>;
  scenarioFile: Record<string, unknown>;
}

/** What `finish` returns: the summary, and the per-replication values that paired comparisons need. */
export interface Aggregate {
  summary: Summary;
  perReplication: Record<MetricName, number[]>;
}

function combine(a: Moments, b: Moments): Moments {
  if (a.n === 0) return { ...b };
  if (b.n === 0) return { ...a };
  return {
    n: a.n + b.n,
    mean: combineMeans(a.mean, a.n, b.mean, b.n),
    variance: combineVariances(a.variance, a.mean, a.n, b.variance, b.mean, b.n),
  };
}

/**
 * Rounds every fractional number to 6 significant digits: readable files, and last-bit engine
 * differences hidden. Integers (counts, seeds) stay exact.
 */
export function roundDeep<T>(value: T): T {
  return JSON.parse(
    JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && Number.isFinite(v) && !Number.isInteger(v) ? Number(v.toPrecision(6)) : v)),
  );
}

/**
 * Merges replication statistics, strictly in replication order: floating-point sums depend on
 * order, so a fixed order makes the summary byte-identical whatever the number of workers.
 * Memory is flat in everything but one number per metric per replication.
 */
export class Aggregator {
  private next: number;
  private readonly perRep = Object.fromEntries(METRIC_NAMES.map((m) => [m, [] as number[]])) as Record<MetricName, number[]>;
  private participantWeeks = 0;
  private readonly events: number[];
  private readonly censored: number[];
  private readonly reasons: Record<string, number> = {};
  private readonly effects = {} as Record<EffectGroup, Record<Domain, { programme: Moments; counterfactual: Moments }>>;
  private readonly programmeHist = emptyHistogram(-OUTCOME_RANGE, OUTCOME_RANGE, OUTCOME_BINS);
  private readonly counterfactualHist = emptyHistogram(-OUTCOME_RANGE, OUTCOME_RANGE, OUTCOME_BINS);
  private readonly weeklySum: Record<WeeklySeries, Float64Array>;
  private readonly weeklySumSq: Record<WeeklySeries, Float64Array>;
  private count = 0;

  constructor(private readonly scenario: Scenario, firstReplication = 0) {
    this.next = firstReplication;
    this.events = new Array<number>(scenario.weeks + 1).fill(0);
    this.censored = new Array<number>(scenario.weeks + 1).fill(0);
    for (const r of [...CLOSURE_REASONS, 'ongoing']) this.reasons[r] = 0;
    for (const g of EFFECT_GROUPS) {
      this.effects[g] = {} as Record<Domain, { programme: Moments; counterfactual: Moments }>;
      for (const d of DOMAINS) this.effects[g][d] = { programme: { n: 0, mean: 0, variance: 0 }, counterfactual: { n: 0, mean: 0, variance: 0 } };
    }
    this.weeklySum = Object.fromEntries(WEEKLY_SERIES.map((s) => [s, new Float64Array(scenario.weeks)])) as Record<WeeklySeries, Float64Array>;
    this.weeklySumSq = Object.fromEntries(WEEKLY_SERIES.map((s) => [s, new Float64Array(scenario.weeks)])) as Record<WeeklySeries, Float64Array>;
  }

  get added(): number {
    return this.count;
  }

  add(stats: RepStats): void {
    if (stats.replication !== this.next) {
      throw new Error(`replication ${stats.replication} arrived out of order (expected ${this.next})`);
    }
    this.next += 1;
    this.count += 1;
    for (const m of METRIC_NAMES) this.perRep[m].push(stats.metrics[m]);
    this.participantWeeks += stats.participantWeeks;
    for (let t = 0; t < this.events.length; t++) {
      this.events[t] += stats.survival.events[t];
      this.censored[t] += stats.survival.censored[t];
    }
    for (const [r, n] of Object.entries(stats.reasons)) this.reasons[r] += n;
    for (const g of EFFECT_GROUPS) {
      for (const d of DOMAINS) {
        const acc = this.effects[g][d];
        acc.programme = combine(acc.programme, stats.effects[g][d].programme);
        acc.counterfactual = combine(acc.counterfactual, stats.effects[g][d].counterfactual);
      }
    }
    mergeInto(this.programmeHist, stats.outcome.programme);
    mergeInto(this.counterfactualHist, stats.outcome.counterfactual);
    for (const s of WEEKLY_SERIES) {
      const sum = this.weeklySum[s];
      const sq = this.weeklySumSq[s];
      const v = stats.weekly[s];
      for (let w = 0; w < sum.length; w++) {
        sum[w] += v[w];
        sq[w] += v[w] * v[w];
      }
    }
  }

  finish(): Aggregate {
    const s = this.scenario;
    const n = this.count;
    const metrics = {} as Summary['metrics'];
    for (const m of METRIC_NAMES) metrics[m] = { ...METRICS[m], ...summarize(this.perRep[m]) };

    const curve = kaplanMeierFromCounts(this.events, this.censored);
    const planned = Math.min(s.params.programme.plannedWeeks - 1, curve.time.length - 1);
    const atPlan = survivalAt(curve, planned);

    let totalMatches = 0;
    for (const r of Object.values(this.reasons)) totalMatches += r;
    const closureReasons: Summary['closureReasons'] = {};
    for (const [r, c] of Object.entries(this.reasons)) {
      closureReasons[r] = { count: c, share: totalMatches > 0 ? c / totalMatches : 0, perReplication: n > 0 ? c / n : 0 };
    }

    const byGroup = {} as Summary['effects']['byGroup'];
    for (const g of EFFECT_GROUPS) {
      byGroup[g] = {} as Record<Domain, EffectSize>;
      for (const d of DOMAINS) byGroup[g][d] = hedgesGFromMoments(this.effects[g][d].programme, this.effects[g][d].counterfactual);
    }

    const weekly = {} as Summary['weekly'];
    for (const series of WEEKLY_SERIES) {
      const mean: number[] = [];
      const lower: number[] = [];
      const upper: number[] = [];
      this.weeklySum[series].forEach((sum, w) => {
        const m = sum / n;
        const sd = n > 1 ? Math.sqrt(Math.max(0, (this.weeklySumSq[series][w] - n * m * m) / (n - 1))) : 0;
        mean.push(m);
        // Normal approximation of the spread of single runs; counts cannot go below zero.
        lower.push(Math.max(0, m - 1.96 * sd));
        upper.push(m + 1.96 * sd);
      });
      weekly[series] = { mean, lower, upper };
    }

    const q = (h: Histogram) => QUANTILES.map((p) => histogramQuantile(h, p));
    const summary: Summary = {
      format: SUMMARY_FORMAT,
      scenario: { name: s.name, description: s.description, hash: scenarioHash(s), seed: s.seed, reps: n, weeks: s.weeks },
      participantWeeks: this.participantWeeks,
      metrics,
      survival: {
        ...curve,
        prematureByPlan: { value: 1 - atPlan.survival, lower: 1 - atPlan.upper, upper: 1 - atPlan.lower, weeks: planned + 1 },
      },
      closureReasons,
      effects: { primary: s.params.outcomes.primary, byGroup },
      outcomes: {
        domain: s.params.outcomes.primary,
        quantiles: [...QUANTILES],
        programme: { quantiles: q(this.programmeHist), histogram: this.programmeHist },
        counterfactual: { quantiles: q(this.counterfactualHist), histogram: this.counterfactualHist },
      },
      weekly,
      scenarioFile: scenarioToFile(s) as Record<string, unknown>,
    };
    return { summary: roundDeep(summary), perReplication: this.perRep };
  }
}
