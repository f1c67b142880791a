import { quantile, sampleStandardDeviation } from 'simple-statistics';
import { DOMAINS, type Domain } from '../model/domains.ts';
import { CLOSURE_REASONS, COST_ITEMS, PREMATURE_REASONS, type ClosureReason, type CostItem } from '../model/results.ts';
import { WEEKLY_SERIES } from '../model/runReplication.ts';
import type { Scenario } from '../model/scenario.ts';
import { scenarioHash } from '../scenario/hash.ts';
import { scenarioToFile } from '../scenario/resolve.ts';
import { addBlockSums, addReplicationSums, blockEnd, blockLength, type BlockStats } from './blocks.ts';
import { aalenJohansen, type CumulativeIncidence } from './competingRisks.ts';
import { histogramQuantile, type Histogram } from './histogram.ts';
import { batchCount, batchMeansInterval, batchOf } from './interval.ts';
import { COST_WORDS, METRICS, METRIC_NAMES, curveEffect, effectSize, effectUnit, type MetricName } from './metrics.ts';
import { layoutFor, unpackHistogram, unpackPool, weeklySeries, type Layout } from './packed.ts';
import { EFFECT_GROUPS, FIRST_MATCH_CAUSES, POINTS, curveLength, type EffectGroup, type Point } from './pool.ts';
import type { RepStats } from './repStats.ts';
import { computeWarnings, type Warning } from './warnings.ts';

export const SUMMARY_FORMAT = 2;
const QUANTILES = [0.05, 0.25, 0.5, 0.75, 0.95] as const;

/** A figure with the 95% interval of the simulation's estimate. */
export interface Figure {
  value: number;
  lower: number;
  upper: number;
}

/** A curve with a pointwise 95% interval of the simulation's estimate. */
export interface Band {
  value: number[];
  lower: number[];
  upper: number[];
}

/** One figure of a run: its value, how precisely the simulation knows it, and how single runs vary. */
export interface MetricSummary {
  label: string;
  unit: string;
  /** Over whom or what the figure is taken. */
  over: string;
  /** The run's value, computed on all replications pooled (metrics.ts). */
  value: number;
  /** 95% confidence interval of the value: batch means over replications (summary.intervals). */
  ci95: [number, number];
  /** 2.5th to 97.5th percentile of single replications: what one real programme may show. */
  pi95: [number, number];
  /** Standard deviation over single replications. */
  sd: number;
  /** Replications in which the figure could be computed. */
  n: number;
}

export interface Summary {
  format: number;
  scenario: { name: string; description: string; hash: string; seed: number; reps: number; weeks: number };
  /** What the two intervals carried by every figure mean. */
  intervals: { ci95: string; pi95: string; batches: number };
  participantWeeks: number;
  metrics: Record<MetricName, MetricSummary>;
  warnings: Warning[];
  /**
   * How matches end, as competing risks over the weeks a match has lasted: the cumulative incidence
   * of each closure reason (planned completion included) and the share still running.
   */
  survival: {
    plannedWeeks: number;
    time: number[];
    atRisk: number[];
    stillRunning: Band;
    premature: Band;
    incidence: Record<ClosureReason, Band>;
    /** Premature closure by the planned end: cumulative incidence at the planned weeks. */
    prematureIncidence: Figure & { weeks: number; matches: number };
  };
  /** The wait for a first match over all referred participants, by weeks since referral: matched, or left unmatched. */
  waiting: { time: number[]; atRisk: number[]; matched: Band; left: Band };
  closureReasons: Record<string, { count: number; share: number; perReplication: number }>;
  effects: {
    primary: Domain;
    /** The domains the scenario reports (every domain is simulated). */
    domains: Domain[];
    /** The first measurement, in weeks after referral (the others are 26 and 52 weeks later). */
    assessmentWeeks: number;
    standardiser: string;
    /** Effects at the first measurement, by group and domain (g; share points for work). */
    groups: Record<EffectGroup, Record<Domain, Figure & { participants: number; unit: string }>>;
    /** The same at every measurement point. */
    points: { point: Point; weeks: number; groups: Record<EffectGroup, Record<Domain, Figure & { participants: number; unit: string }>> }[];
    /** The main outcome's effect over all referred, by weeks since referral. */
    curve: { weeks: number[]; value: number[]; lower: number[]; upper: number[]; participants: number[] };
  };
  /** The full cost, per year by item, and per match started, completed match and match-year. */
  costs: {
    perYear: Figure;
    items: Record<CostItem, { label: string; perYear: number; share: number }>;
  };
  outcomes: {
    domain: Domain;
    quantiles: number[];
    programme: { quantiles: number[]; histogram: Histogram };
    counterfactual: { quantiles: number[]; histogram: Histogram };
  };
  /** Weekly series: mean over replications and the approximate 95% range of single runs. */
  weekly: Record<string, { mean: number[]; lower: number[]; upper: number[] }>;
  scenarioFile: Record<string, unknown>;
}

/** What `finish` returns: the summary, and the per-replication and per-batch values paired comparisons need. */
export interface Aggregate {
  summary: Summary;
  perReplication: Record<MetricName, number[]>;
  perBatch: Record<MetricName, number[]>;
}

/**
 * Rounds every fractional number to 6 significant digits: readable files, and last-bit engine
 * differences hidden. Integers (counts, seeds) stay exact; NaN becomes null.
 */
export function roundDeep<T>(value: T): T {
  return JSON.parse(
    JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && Number.isFinite(v) && !Number.isInteger(v) ? Number(v.toPrecision(6)) : v)),
  );
}

export interface AggregatorOptions {
  /** The first replication this aggregator receives (a shard's start). */
  firstReplication?: number;
  /** Replications of the whole run, for cutting batches (default: the scenario's). */
  totalReplications?: number;
}

function band(point: number[], batchCurves: number[][], clampTo01 = true): Band {
  const out: Band = { value: point, lower: [], upper: [] };
  for (let t = 0; t < point.length; t++) {
    const [lo, hi] = batchMeansInterval(point[t], batchCurves.map((c) => c[t]));
    out.lower.push(clampTo01 ? Math.max(0, lo) : lo);
    out.upper.push(clampTo01 ? Math.min(1, hi) : hi);
  }
  return out;
}

const finiteValues = (xs: readonly number[]) => xs.filter(Number.isFinite);

/**
 * Merges replication statistics, strictly in replication order and in fixed blocks (blocks.ts):
 * floating-point sums depend on order, so a fixed order makes the summary byte-identical whatever
 * the number of workers or shards, and whether replications arrive one by one (`add`) or already
 * summed in blocks by a worker (`addBlock`). Memory is flat in everything but one number per figure
 * per replication. Replications are also pooled in batches for the 95% intervals (batch means).
 */
export class Aggregator {
  private next: number;
  private readonly total: number;
  private readonly batchTotal: number;
  private readonly layout: Layout;
  /** Every block so far, merged: the pool in packed form (packed.ts), then the weekly series' sums and sums of squares. */
  private readonly pooled: Float64Array;
  private readonly batches: (Float64Array | undefined)[];
  /** The block being filled by single replications, until its last one arrives. */
  private open: { start: number; end: number; sums: Float64Array } | undefined;
  /** A block cut short by the end of a range: nothing may follow it. */
  private cutShort = false;
  private readonly perRep = Object.fromEntries(METRIC_NAMES.map((m) => [m, [] as number[]])) as Record<MetricName, number[]>;
  private participantWeeks = 0;
  private count = 0;

  constructor(private readonly scenario: Scenario, options: AggregatorOptions = {}) {
    this.next = options.firstReplication ?? 0;
    this.total = options.totalReplications ?? scenario.reps;
    this.batchTotal = batchCount(this.total);
    this.layout = layoutFor(scenario.weeks);
    this.pooled = new Float64Array(blockLength(this.layout));
    this.batches = new Array<Float64Array | undefined>(this.batchTotal).fill(undefined);
  }

  get added(): number {
    return this.count;
  }

  /** Adds the next replication; it is summed into its block, and the block into the run when complete. */
  add(stats: RepStats): void {
    this.expect(stats.replication);
    this.next += 1;
    this.count += 1;
    for (const m of METRIC_NAMES) this.perRep[m].push(stats.metrics[m]);
    this.participantWeeks += stats.participantWeeks;
    this.open ??= { start: stats.replication, end: blockEnd(stats.replication, this.total), sums: new Float64Array(this.pooled.length) };
    addReplicationSums(this.open.sums, stats.packed, this.layout);
    if (this.next === this.open.end) {
      this.fold(this.open.start, this.open.sums, this.pooled, this.batches);
      this.open = undefined;
    }
  }

  /**
   * Adds the next block, summed by a worker (blocks.ts). It must start where the last block ended
   * and end at its block's end, or at the end of the range (then it is the last).
   */
  addBlock(block: BlockStats): void {
    this.expect(block.start);
    if (this.open) throw new Error(`block [${block.start}, ${block.end}) arrived inside the block begun at replication ${this.open.start}`);
    const end = blockEnd(block.start, this.total);
    if (block.end > end || block.end <= block.start || block.metrics.length !== block.end - block.start) {
      throw new Error(`block [${block.start}, ${block.end}) with ${block.metrics.length} replications does not fit the blocks of this run (it would end at ${end})`);
    }
    this.cutShort = block.end < end;
    this.next = block.end;
    this.count += block.end - block.start;
    for (const figures of block.metrics) for (const m of METRIC_NAMES) this.perRep[m].push(figures[m]);
    this.participantWeeks += block.participantWeeks;
    this.fold(block.start, block.packed, this.pooled, this.batches);
  }

  private expect(replication: number): void {
    if (this.cutShort) throw new Error(`replication ${replication} arrived after a block cut short by the end of its range`);
    if (replication !== this.next) {
      throw new Error(`replication ${replication} arrived out of order (expected ${this.next})`);
    }
  }

  /** Merges a block's sums into the run's and into its batch. */
  private fold(start: number, sums: Float64Array, pooled: Float64Array, batches: (Float64Array | undefined)[]): void {
    addBlockSums(pooled, sums, this.layout);
    const b = batchOf(start, this.total, this.batchTotal);
    addBlockSums((batches[b] ??= new Float64Array(this.layout.weekly)), sums, this.layout);
  }

  /** The run's and the batches' sums with the open block folded in (copies: more replications may follow). */
  private sums(): { pooled: Float64Array; batches: (Float64Array | undefined)[] } {
    if (!this.open) return { pooled: this.pooled, batches: this.batches };
    const pooled = this.pooled.slice();
    const batches = this.batches.map((b) => b?.slice());
    this.fold(this.open.start, this.open.sums, pooled, batches);
    return { pooled, batches };
  }

  /** The summary of what has arrived so far (callable repeatedly, e.g. for live redraws). */
  finish(): Aggregate {
    const s = this.scenario;
    const n = this.count;
    const sums = this.sums();
    const pool = unpackPool(sums.pooled, this.layout);
    const batches = sums.batches.filter((b): b is Float64Array => b !== undefined).map((b) => unpackPool(b, this.layout));

    const metrics = {} as Summary['metrics'];
    const perBatch = {} as Aggregate['perBatch'];
    for (const m of METRIC_NAMES) {
      const def = METRICS[m];
      const value = def.compute(pool, s);
      perBatch[m] = batches.map((b) => def.compute(b, s));
      const reps = finiteValues(this.perRep[m]);
      metrics[m] = {
        label: def.label,
        unit: def.unitFor?.(s) ?? def.unit,
        over: def.over,
        value,
        ci95: batchMeansInterval(value, perBatch[m]),
        pi95: reps.length > 0 ? (quantile(reps, [0.025, 0.975]) as [number, number]) : [NaN, NaN],
        sd: reps.length > 1 ? sampleStandardDeviation(reps) : NaN,
        n: reps.length,
      };
    }

    const ends = aalenJohansen(pool.matchEnds);
    const batchEnds = batches.map((b) => aalenJohansen(b.matchEnds));
    const premature = (c: CumulativeIncidence) =>
      c.time.map((_, t) => PREMATURE_REASONS.reduce((a, r) => a + c.incidence[CLOSURE_REASONS.indexOf(r)][t], 0));
    const incidence = {} as Record<ClosureReason, Band>;
    CLOSURE_REASONS.forEach((r, k) => {
      incidence[r] = band(ends.incidence[k], batchEnds.map((c) => c.incidence[k]));
    });
    const planned = s.params.programme.plannedWeeks;
    const pm = metrics.prematureIncidence;

    const waits = aalenJohansen(pool.firstMatch);
    const batchWaits = batches.map((b) => aalenJohansen(b.firstMatch));
    const cause = (c: string) => FIRST_MATCH_CAUSES.indexOf(c as (typeof FIRST_MATCH_CAUSES)[number]);

    const closureReasons: Summary['closureReasons'] = {};
    const counts: Record<string, number> = {};
    CLOSURE_REASONS.forEach((r, k) => (counts[r] = pool.matchEnds.events[k].reduce((a, b) => a + b, 0)));
    counts.ongoing = pool.matchEnds.censored.reduce((a, b) => a + b, 0);
    const totalMatches = Object.values(counts).reduce((a, b) => a + b, 0);
    for (const [r, c] of Object.entries(counts)) {
      closureReasons[r] = { count: c, share: totalMatches > 0 ? c / totalMatches : 0, perReplication: n > 0 ? c / n : 0 };
    }

    const groupsAt = (j: number) => {
      const groups = {} as Summary['effects']['groups'];
      for (const g of EFFECT_GROUPS) {
        groups[g] = {} as Summary['effects']['groups'][EffectGroup];
        for (const d of DOMAINS) {
          const value = effectSize(pool, g, d, j);
          const [lower, upper] = batchMeansInterval(value, batches.map((b) => effectSize(b, g, d, j)));
          groups[g][d] = { value, lower, upper, participants: pool.effects[j].difference[g][d].n, unit: effectUnit(d) };
        }
      }
      return groups;
    };
    const points = POINTS.map((point, j) => ({ point, weeks: s.params.outcomes.assessmentWeeks + [0, 26, 52][j], groups: groupsAt(j) }));
    const primary = s.params.outcomes.primary;
    const curve: Summary['effects']['curve'] = { weeks: [], value: [], lower: [], upper: [], participants: [] };
    for (let k = 0; k < curveLength(s.weeks); k++) {
      const value = curveEffect(pool, k, primary);
      const [lower, upper] = batchMeansInterval(value, batches.map((b) => curveEffect(b, k, primary)));
      curve.weeks.push(4 * k);
      curve.value.push(value);
      curve.lower.push(lower);
      curve.upper.push(upper);
      curve.participants.push(pool.curve.n[k]);
    }
    const costPerYear = metrics.costPerYear;
    const items = {} as Summary['costs']['items'];
    for (const item of COST_ITEMS) {
      const perYear = metrics[`costPerYear.${item}`].value;
      items[item] = { label: COST_WORDS[item], perYear, share: costPerYear.value > 0 ? perYear / costPerYear.value : NaN };
    }

    const weekly = {} as Summary['weekly'];
    for (const series of WEEKLY_SERIES) {
      const mean: number[] = [];
      const lower: number[] = [];
      const upper: number[] = [];
      const totals = weeklySeries(sums.pooled, this.layout, WEEKLY_SERIES.indexOf(series));
      const squares = weeklySeries(sums.pooled, this.layout, WEEKLY_SERIES.indexOf(series), this.layout.size);
      totals.forEach((sum, w) => {
        const m = n > 0 ? sum / n : NaN;
        const sd = n > 1 ? Math.sqrt(Math.max(0, (squares[w] - n * m * m) / (n - 1))) : 0;
        mean.push(m);
        // Normal approximation of the spread of single runs; counts cannot go below zero.
        lower.push(Math.max(0, m - 1.96 * sd));
        upper.push(m + 1.96 * sd);
      });
      weekly[series] = { mean, lower, upper };
    }
    const waitingByWeek = weekly.participantsWaiting.mean.map((x, w) => x + weekly.participantsInIntake.mean[w]);

    const q = (h: Histogram) => QUANTILES.map((p) => histogramQuantile(h, p));
    const programmeHist = unpackHistogram(sums.pooled, this.layout, 'programme');
    const counterfactualHist = unpackHistogram(sums.pooled, this.layout, 'counterfactual');
    const summary: Summary = {
      format: SUMMARY_FORMAT,
      scenario: { name: s.name, description: s.description, hash: scenarioHash(s), seed: s.seed, reps: n, weeks: s.weeks },
      intervals: {
        ci95: `95% confidence interval of the simulation's estimate: batch means over ${batches.length} batches of replications (t with ${Math.max(0, batches.length - 1)} degrees of freedom)`,
        pi95: '2.5th to 97.5th percentile over single replications: the range one real programme may show',
        batches: batches.length,
      },
      participantWeeks: this.participantWeeks,
      metrics,
      warnings: computeWarnings({
        scenario: s,
        reps: n,
        value: (m) => metrics[m].value,
        coverage: (m) => metrics[m].n,
        lower: (m) => metrics[m].ci95[0],
        waitingByWeek,
        checked: HEADLINE_METRICS.filter((m) => !METRICS[m].missingByDesign),
      }),
      survival: {
        plannedWeeks: planned,
        time: ends.time,
        atRisk: ends.atRisk,
        stillRunning: band(ends.survival, batchEnds.map((c) => c.survival)),
        premature: band(premature(ends), batchEnds.map(premature)),
        incidence,
        prematureIncidence: { value: pm.value, lower: pm.ci95[0], upper: pm.ci95[1], weeks: planned, matches: ends.total },
      },
      waiting: {
        time: waits.time,
        atRisk: waits.atRisk,
        matched: band(waits.incidence[cause('matched')], batchWaits.map((c) => c.incidence[cause('matched')])),
        left: band(waits.incidence[cause('left')], batchWaits.map((c) => c.incidence[cause('left')])),
      },
      closureReasons,
      effects: {
        primary,
        domains: [...s.params.outcomes.domains],
        assessmentWeeks: s.params.outcomes.assessmentWeeks,
        standardiser: 'mean of programme minus counterfactual outcome, divided by the SD of the counterfactual outcome of all referred participants (work: difference in the share in work)',
        groups: points[0].groups,
        points,
        curve,
      },
      costs: { perYear: { value: costPerYear.value, lower: costPerYear.ci95[0], upper: costPerYear.ci95[1] }, items },
      outcomes: {
        domain: s.params.outcomes.primary,
        quantiles: [...QUANTILES],
        programme: { quantiles: q(programmeHist), histogram: programmeHist },
        counterfactual: { quantiles: q(counterfactualHist), histogram: counterfactualHist },
      },
      weekly,
      scenarioFile: scenarioToFile(s) as Record<string, unknown>,
    };
    return { summary: roundDeep(summary), perReplication: this.perRep, perBatch };
  }
}

/** The figures a run reports first: what a programme manager or policymaker reads before anything else. */
export const HEADLINE_METRICS: MetricName[] = [
  'referredPerYear', 'matchedShare', 'matchedWithin8Weeks', 'leftUnmatchedShare', 'participantWait', 'participantsWaiting',
  'matchesStartedPerYear', 'matchesCompletedPerYear', 'prematureIncidence', 'meanMatchWeeks', 'meanMatchHours',
  'effectAllReferred', 'effectMatched', 'retainedEffect', 'volunteerConversion', 'volunteerWait', 'coordinatorUtilisation', 'followUpsMissedShare',
  'costPerYear', 'costPerMatch', 'costPerCompletedMatch', 'costPerMatchYear',
];
