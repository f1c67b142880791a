import { CLOSURE_REASONS } from '../model/results.ts';
import { DOMAINS } from '../model/domains.ts';
import { WEEKLY_SERIES } from '../model/runReplication.ts';
import type { CompetingCounts } from './competingRisks.ts';
import type { Histogram } from './histogram.ts';
import { mergeCoMomentsAt, mergeMomentsAt } from './moments.ts';
import { COHORT_WEEKS, CORRELATIONS, EFFECT_GROUPS, FIRST_MATCH_CAUSES, POINTS, SUMS, curveLength, emptyPool, type Pool } from './pool.ts';

/**
 * A replication's statistics packed into one Float64Array whose size depends on the horizon only:
 * what a worker sends to the main thread (one buffer copied, not a graph of objects rebuilt) and
 * what the aggregator adds up, replication by replication. In order:
 *
 * - the pool (pool.ts): the sums; match ends (events by reason, then the censored, each over
 *   weeks 0..horizon); first matches (the same); first matches by referral quarter (the same, each
 *   quarter over the waits it can have); per measurement point the moments (n, mean,
 *   variance) of the difference by group and domain, then of the counterfactual by domain; the
 *   same two by domain at the first point over those also measured at the last (followedUp); the
 *   co-moments (n, meanX, meanY, ssX, ssY, sxy) of each correlation; the effect curve's five sums;
 * - the main outcome's histograms at the first measurement, with and without the programme;
 * - the weekly series, one after the other.
 *
 * Everything merges by adding, except moments and co-moments, which merge by their own rules
 * (moments.ts), so merging packed statistics gives exactly what merging the objects would.
 */
export interface Layout {
  readonly weeks: number;
  /** Offsets of each part. */
  readonly sums: number;
  readonly matchEnds: number;
  readonly firstMatch: number;
  readonly firstMatchByCohort: number;
  readonly effects: number;
  readonly followedUp: number;
  readonly correlations: number;
  readonly curve: number;
  readonly programmeHistogram: number;
  readonly counterfactualHistogram: number;
  readonly weekly: number;
  /** Length of the whole array. */
  readonly size: number;
  /** Where the moments and the co-moments lie (merged by their rules; everything else is added). */
  readonly momentSpan: readonly [number, number];
  readonly coMomentSpan: readonly [number, number];
}

/** Bins of the outcome histograms: [-5, 5] baseline SDs in 100 bins. */
export const OUTCOME_RANGE = 5;
export const OUTCOME_BINS = 100;
const MOMENT = 3;
const CO_MOMENT = 6;
const CURVE_SUMS = 5;

const layouts = new Map<number, Layout>();

/**
 * The layout of a horizon of `weeks` (computed once per horizon).
 *
 * @example
 *   const layout = layoutFor(156);
 *   new Float64Array(layout.size); // room for one replication's statistics
 */
export function layoutFor(weeks: number): Layout {
  const known = layouts.get(weeks);
  if (known) return known;
  const times = weeks + 1;
  const sums = 0;
  const matchEnds = sums + SUMS.length;
  const firstMatch = matchEnds + (CLOSURE_REASONS.length + 1) * times;
  const firstMatchByCohort = firstMatch + (FIRST_MATCH_CAUSES.length + 1) * times;
  let cohortSize = 0;
  for (let c = 0; c * COHORT_WEEKS < weeks; c++) cohortSize += (FIRST_MATCH_CAUSES.length + 1) * (weeks - c * COHORT_WEEKS + 1);
  const effects = firstMatchByCohort + cohortSize;
  const perPoint = (EFFECT_GROUPS.length + 1) * DOMAINS.length * MOMENT;
  const followedUp = effects + POINTS.length * perPoint;
  const correlations = followedUp + 2 * DOMAINS.length * MOMENT;
  const curve = correlations + CORRELATIONS.length * CO_MOMENT;
  const programmeHistogram = curve + CURVE_SUMS * curveLength(weeks);
  const counterfactualHistogram = programmeHistogram + OUTCOME_BINS;
  const weekly = counterfactualHistogram + OUTCOME_BINS;
  const size = weekly + WEEKLY_SERIES.length * weeks;
  const layout: Layout = {
    weeks, sums, matchEnds, firstMatch, firstMatchByCohort, effects, followedUp, correlations, curve, programmeHistogram, counterfactualHistogram, weekly, size,
    momentSpan: [effects, correlations], coMomentSpan: [correlations, curve],
  };
  layouts.set(weeks, layout);
  return layout;
}

const histogramMin = -OUTCOME_RANGE;
const histogramWidth = (2 * OUTCOME_RANGE) / OUTCOME_BINS;

/** Empty outcome histogram of the packed layout's bins. */
export function emptyOutcomeHistogram(): Histogram {
  return { min: histogramMin, width: histogramWidth, counts: new Array<number>(OUTCOME_BINS).fill(0) };
}

function writeCounts(out: Float64Array, at: number, c: CompetingCounts): number {
  for (const e of c.events) {
    out.set(e, at);
    at += e.length;
  }
  out.set(c.censored, at);
  return at + c.censored.length;
}

function readCounts(data: Float64Array, at: number, c: CompetingCounts): number {
  for (const e of c.events) {
    for (let t = 0; t < e.length; t++) e[t] = data[at + t];
    at += e.length;
  }
  for (let t = 0; t < c.censored.length; t++) c.censored[t] = data[at + t];
  return at + c.censored.length;
}

/** Writes a pool into the pool part of `out` (packed layout). */
function packPool(pool: Pool, layout: Layout, out: Float64Array): void {
  SUMS.forEach((s, i) => (out[layout.sums + i] = pool.sums[s]));
  writeCounts(out, layout.matchEnds, pool.matchEnds);
  writeCounts(out, layout.firstMatch, pool.firstMatch);
  let cohortAt = layout.firstMatchByCohort;
  for (const c of pool.firstMatchByCohort) cohortAt = writeCounts(out, cohortAt, c);
  let at = layout.effects;
  const moment = (m: { n: number; mean: number; variance: number }) => {
    out[at] = m.n;
    out[at + 1] = m.mean;
    out[at + 2] = m.variance;
    at += MOMENT;
  };
  for (const point of pool.effects) {
    for (const g of EFFECT_GROUPS) for (const d of DOMAINS) moment(point.difference[g][d]);
    for (const d of DOMAINS) moment(point.counterfactual[d]);
  }
  for (const d of DOMAINS) moment(pool.followedUp.difference[d]);
  for (const d of DOMAINS) moment(pool.followedUp.counterfactual[d]);
  for (const c of CORRELATIONS) {
    const m = pool.correlations[c];
    out.set([m.n, m.meanX, m.meanY, m.ssX, m.ssY, m.sxy], at);
    at += CO_MOMENT;
  }
  const k = curveLength(layout.weeks);
  const curve = pool.curve;
  [curve.n, curve.sumDifference, curve.sumDifferenceSq, curve.sumCounterfactual, curve.sumCounterfactualSq].forEach((xs, j) => out.set(xs.slice(0, k), layout.curve + j * k));
}

/**
 * Packs one replication: its pool, the main-outcome histograms and its weekly series.
 *
 * @example
 *   const packed = packStats(pool, histograms, result.weekly, layoutFor(scenario.weeks));
 */
export function packStats(
  pool: Pool,
  outcome: { programme: Histogram; counterfactual: Histogram },
  weekly: Record<string, ArrayLike<number>>,
  layout: Layout,
): Float64Array {
  const out = new Float64Array(layout.size);
  packPool(pool, layout, out);
  out.set(outcome.programme.counts, layout.programmeHistogram);
  out.set(outcome.counterfactual.counts, layout.counterfactualHistogram);
  WEEKLY_SERIES.forEach((s, i) => out.set(weekly[s], layout.weekly + i * layout.weeks));
  return out;
}

/**
 * The pool part of packed statistics as a Pool (the form the figures are computed from).
 *
 * @example
 *   metricsOf(unpackPool(aggregated, layout), scenario);
 */
export function unpackPool(data: Float64Array, layout: Layout): Pool {
  const pool = emptyPool(layout.weeks);
  SUMS.forEach((s, i) => (pool.sums[s] = data[layout.sums + i]));
  readCounts(data, layout.matchEnds, pool.matchEnds);
  readCounts(data, layout.firstMatch, pool.firstMatch);
  let cohortAt = layout.firstMatchByCohort;
  for (const c of pool.firstMatchByCohort) cohortAt = readCounts(data, cohortAt, c);
  let at = layout.effects;
  const moment = () => {
    const m = { n: data[at], mean: data[at + 1], variance: data[at + 2] };
    at += MOMENT;
    return m;
  };
  for (const point of pool.effects) {
    for (const g of EFFECT_GROUPS) for (const d of DOMAINS) point.difference[g][d] = moment();
    for (const d of DOMAINS) point.counterfactual[d] = moment();
  }
  for (const d of DOMAINS) pool.followedUp.difference[d] = moment();
  for (const d of DOMAINS) pool.followedUp.counterfactual[d] = moment();
  for (const c of CORRELATIONS) {
    pool.correlations[c] = { n: data[at], meanX: data[at + 1], meanY: data[at + 2], ssX: data[at + 3], ssY: data[at + 4], sxy: data[at + 5] };
    at += CO_MOMENT;
  }
  const k = curveLength(layout.weeks);
  const c = pool.curve;
  [c.n, c.sumDifference, c.sumDifferenceSq, c.sumCounterfactual, c.sumCounterfactualSq].forEach((xs, j) => {
    for (let i = 0; i < k; i++) xs[i] = data[layout.curve + j * k + i];
  });
  return pool;
}

/** One of the packed outcome histograms. */
export function unpackHistogram(data: Float64Array, layout: Layout, which: 'programme' | 'counterfactual'): Histogram {
  const at = which === 'programme' ? layout.programmeHistogram : layout.counterfactualHistogram;
  return { min: histogramMin, width: histogramWidth, counts: Array.from(data.subarray(at, at + OUTCOME_BINS)) };
}

/**
 * A weekly series (WEEKLY_SERIES index) of packed statistics, a view and not a copy; `from` is
 * where the series start (the packed layout's, or 0 in an array of the series alone).
 */
export function weeklySeries(data: Float64Array, layout: Layout, series: number, from = layout.weekly): Float64Array {
  return data.subarray(from + series * layout.weeks, from + (series + 1) * layout.weeks);
}

/**
 * Merges the pool and histograms of `source` into `target` (the weekly series are left to the
 * caller, which keeps their sums of squares too). Floating-point sums depend on order: callers
 * merge in replication order.
 */
export function mergePacked(target: Float64Array, source: Float64Array, layout: Layout): void {
  const [momentsFrom, momentsTo] = layout.momentSpan;
  const [coFrom, coTo] = layout.coMomentSpan;
  for (let i = 0; i < momentsFrom; i++) target[i] += source[i];
  for (let i = momentsFrom; i < momentsTo; i += MOMENT) mergeMomentsAt(target, i, source, i);
  for (let i = coFrom; i < coTo; i += CO_MOMENT) mergeCoMomentsAt(target, i, source, i);
  for (let i = coTo; i < layout.weekly; i++) target[i] += source[i];
}

/**
 * Several replications' pools merged in order, as one Pool.
 *
 * @example
 *   poolOf(stats.map((s) => s.packed), scenario.weeks).sums.referred; // referred over all of them
 */
export function poolOf(packed: readonly Float64Array[], weeks: number): Pool {
  const layout = layoutFor(weeks);
  const total = new Float64Array(layout.weekly);
  for (const p of packed) mergePacked(total, p, layout);
  return unpackPool(total, layout);
}

/**
 * Pools merged in order (through their packed form: one way of merging).
 *
 * @example
 *   mergePools([replicationPool(r0, 4), replicationPool(r1, 4)], 156).sums.referred;
 */
export function mergePools(pools: readonly Pool[], weeks: number): Pool {
  const layout = layoutFor(weeks);
  return poolOf(pools.map((p) => {
    const out = new Float64Array(layout.weekly);
    packPool(p, layout, out);
    return out;
  }), weeks);
}

/** Checks that an array read back (from a shard file) has the layout of its horizon. */
export function checkPacked(data: ArrayLike<unknown>, weeks: number): boolean {
  return data.length === layoutFor(weeks).size;
}

