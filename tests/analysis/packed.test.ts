import { describe, expect, it } from 'vitest';
import { coMoments, moments } from '../../src/analysis/moments.ts';
import { layoutFor, mergePacked, mergePools, poolOf, unpackHistogram, unpackPool, weeklySeries } from '../../src/analysis/packed.ts';
import { CORRELATIONS, EFFECT_GROUPS, SUMS, replicationPool } from '../../src/analysis/pool.ts';
import { replicationStats } from '../../src/analysis/repStats.ts';
import { DOMAINS } from '../../src/model/domains.ts';
import { WEEKLY_SERIES, runReplication } from '../../src/model/runReplication.ts';
import { parseScenario } from '../../src/scenario/resolve.ts';

const scenario = parseScenario({ version: 1, name: 't', seed: 11, reps: 4, weeks: 60, inflow: { participantsPerWeek: 1.2, volunteersPerWeek: 1.5 }, outcomes: { assessmentWeeks: 20 } });
const results = [0, 1, 2, 3].map((r) => runReplication(scenario, r));
const stats = results.map((r) => replicationStats(r, scenario));
const layout = layoutFor(scenario.weeks);

describe('packed replication statistics', () => {
  it('have one size per horizon, with every part inside it', () => {
    for (const s of stats) expect(s.packed).toHaveLength(layout.size);
    expect(layoutFor(60)).toBe(layout);
    const offsets = [layout.sums, layout.matchEnds, layout.firstMatch, layout.effects, layout.followedUp, layout.correlations, layout.curve, layout.programmeHistogram, layout.counterfactualHistogram, layout.weekly, layout.size];
    for (let i = 1; i < offsets.length; i++) expect(offsets[i]).toBeGreaterThan(offsets[i - 1]);
    expect(layout.size - layout.weekly).toBe(WEEKLY_SERIES.length * 60);
  });

  it('unpack to the pool they were packed from', () => {
    const pool = replicationPool(results[2], scenario.params.inflow.initialVolunteers);
    expect(unpackPool(stats[2].packed, layout)).toEqual(pool);
  });

  it('keep the weekly series and the histograms', () => {
    WEEKLY_SERIES.forEach((s, i) => expect(Array.from(weeklySeries(stats[1].packed, layout, i))).toEqual(results[1].weekly[s]));
    const h = unpackHistogram(stats[1].packed, layout, 'programme');
    const matchedAtFirst = results[1].assessed.filter((a) => a.point === results[1].points[0] && a.matchedWeeks > 0).length;
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(matchedAtFirst);
  });

  it('merge sums by adding and moments as if computed on all values at once', () => {
    const pooled = poolOf(stats.map((s) => s.packed), scenario.weeks);
    const pools = results.map((r) => replicationPool(r, scenario.params.inflow.initialVolunteers));
    for (const s of SUMS) expect(pooled.sums[s]).toBeCloseTo(pools.reduce((a, p) => a + p.sums[s], 0), 9);
    // The difference in well-being over all referred at the first point, from every record of every replication.
    const values = results.flatMap((r) => r.assessed.filter((a) => a.point === r.points[0]).map((a) => a.programme.wellbeing - a.counterfactual.wellbeing));
    const direct = moments(values);
    const merged = pooled.effects[0].difference.allReferred.wellbeing;
    expect(merged.n).toBe(direct.n);
    expect(merged.mean).toBeCloseTo(direct.mean, 12);
    expect(merged.variance).toBeCloseTo(direct.variance, 12);
    const quality = results.flatMap((r) => r.matches.map((m) => m.quality));
    const deep = results.flatMap((r) => r.matches.map((m) => m.deepSimilarity));
    const c = coMoments(deep, quality);
    expect(pooled.correlations.deepQuality.n).toBe(c.n);
    expect(pooled.correlations.deepQuality.sxy).toBeCloseTo(c.sxy, 10);
    expect(mergePools(pools, scenario.weeks)).toEqual(pooled);
  });

  it('merge in any grouping to the same counts (order only moves the last bits of sums)', () => {
    const a = new Float64Array(layout.weekly);
    for (const s of stats) mergePacked(a, s.packed, layout);
    const left = new Float64Array(layout.weekly);
    mergePacked(left, stats[0].packed, layout);
    mergePacked(left, stats[1].packed, layout);
    const right = new Float64Array(layout.weekly);
    mergePacked(right, stats[2].packed, layout);
    mergePacked(right, stats[3].packed, layout);
    mergePacked(left, right, layout);
    const p = unpackPool(a, layout);
    const q = unpackPool(left, layout);
    expect(q.matchEnds).toEqual(p.matchEnds);
    expect(q.sums.referred).toBe(p.sums.referred);
    for (const g of EFFECT_GROUPS) for (const d of DOMAINS) expect(q.effects[1].difference[g][d].mean).toBeCloseTo(p.effects[1].difference[g][d].mean, 12);
    for (const c of CORRELATIONS) expect(q.correlations[c].n).toBe(p.correlations[c].n);
  });
});

describe('the first point over those also measured a year later', () => {
  it('is over the same participants as the last point, and merges like the other moments', () => {
    const long = parseScenario({ version: 1, name: 't', seed: 5, reps: 2, weeks: 90, inflow: { participantsPerWeek: 1.2, volunteersPerWeek: 1.5 }, outcomes: { assessmentWeeks: 10 } });
    const rs = [0, 1].map((r) => runReplication(long, r));
    const pooled = poolOf(rs.map((r) => replicationStats(r, long).packed), long.weeks);
    // Participants measured a year after the first point, and their values at the first point.
    const values = rs.flatMap((r) => {
      const later = new Set(r.assessed.filter((a) => a.point === r.points[2]).map((a) => a.id));
      return r.assessed.filter((a) => a.point === r.points[0] && later.has(a.id)).map((a) => a.programme.network - a.counterfactual.network);
    });
    const direct = moments(values);
    const merged = pooled.followedUp.difference.network;
    expect(merged.n).toBeGreaterThan(0);
    expect(merged.n).toBe(pooled.effects[2].difference.allReferred.network.n);
    expect(merged.n).toBeLessThan(pooled.effects[0].difference.allReferred.network.n);
    expect(merged.mean).toBeCloseTo(direct.mean, 12);
    expect(merged.variance).toBeCloseTo(direct.variance, 12);
  });
});
