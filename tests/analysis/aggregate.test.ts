import { describe, expect, it } from 'vitest';
import { Aggregator, roundDeep } from '../../src/analysis/aggregate.ts';
import { METRIC_NAMES } from '../../src/analysis/metrics.ts';
import { replicationStats, type RepStats } from '../../src/analysis/repStats.ts';
import { runReplication } from '../../src/model/runReplication.ts';
import { parseScenario } from '../../src/scenario/resolve.ts';

describe('roundDeep', () => {
  it('rounds fractional numbers to 6 significant digits', () => {
    expect(roundDeep(0.123456789)).toBe(0.123457);
    expect(roundDeep(123.456789)).toBe(123.457);
    expect(roundDeep(-2.0000004)).toBe(-2);
    expect(roundDeep(1.23456789e-7)).toBe(1.23457e-7);
    expect(roundDeep(9876543.21)).toBe(9876540); // 9.87654e+6
    expect(roundDeep(0.1 + 0.2)).toBe(0.3);
  });
  it('keeps integers exact, however large', () => {
    expect(roundDeep(123456789)).toBe(123456789);
    expect(roundDeep(2 ** 40 + 1)).toBe(2 ** 40 + 1);
    expect(roundDeep(-7)).toBe(-7);
    expect(roundDeep(0)).toBe(0);
  });
  it('walks nested objects and arrays, leaving other values alone', () => {
    const input = { a: [1.1111111, 2, { b: 3.33333333 }], s: 'x 1.23456789', t: true, n: null, c: { d: [[0.000123456789]] } };
    expect(roundDeep(input)).toEqual({ a: [1.11111, 2, { b: 3.33333 }], s: 'x 1.23456789', t: true, n: null, c: { d: [[0.000123457]] } });
  });
  it('returns a copy and leaves the input untouched', () => {
    const input = { a: [0.123456789] };
    const out = roundDeep(input);
    expect(out).not.toBe(input);
    expect(input.a[0]).toBe(0.123456789);
  });
  it('is idempotent', () => {
    const once = roundDeep({ x: [Math.PI, Math.E, 1 / 3, 12345.6789] });
    expect(roundDeep(once)).toEqual(once);
  });
  it('turns non-finite numbers into null, as JSON does', () => {
    expect(roundDeep({ a: NaN, b: Infinity, c: [-Infinity] })).toEqual({ a: null, b: null, c: [null] });
  });
});

/** Relative closeness, for figures the summary rounds to 6 significant digits. */
function expectRelClose(actual: number, expected: number, rel = 1e-5) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(expected)));
}

describe('Aggregator', () => {
  const scenario = parseScenario({ version: 1, name: 't', weeks: 60, reps: 3, outcomes: { assessmentWeeks: 30 } });
  const stats: RepStats[] = [0, 1, 2].map((r) => replicationStats(runReplication(scenario, r), scenario));

  describe('replication order', () => {
    it('refuses a replication ahead of its turn, naming both numbers', () => {
      const agg = new Aggregator(scenario);
      expect(() => agg.add(stats[1])).toThrow('replication 1 arrived out of order (expected 0)');
    });
    it('refuses a replication added twice or skipped', () => {
      const agg = new Aggregator(scenario);
      agg.add(stats[0]);
      expect(() => agg.add(stats[0])).toThrow('replication 0 arrived out of order (expected 1)');
      expect(() => agg.add(stats[2])).toThrow('replication 2 arrived out of order (expected 1)');
    });
    it('starts at firstReplication', () => {
      const agg = new Aggregator(scenario, 1);
      expect(() => agg.add(stats[0])).toThrow('replication 0 arrived out of order (expected 1)');
      agg.add(stats[1]);
      agg.add(stats[2]);
      expect(agg.added).toBe(2);
      expect(agg.finish().perReplication.referred).toEqual([stats[1].metrics.referred, stats[2].metrics.referred]);
    });
    it('leaves no trace of a refused replication', () => {
      const clean = new Aggregator(scenario);
      const refused = new Aggregator(scenario);
      for (const s of stats) clean.add(s);
      refused.add(stats[0]);
      expect(() => refused.add(stats[2])).toThrow(/out of order/);
      expect(refused.added).toBe(1);
      refused.add(stats[1]);
      refused.add(stats[2]);
      expect(refused.finish()).toEqual(clean.finish());
    });
  });

  describe('finish (structure and statistical relations only)', () => {
    const agg = new Aggregator(scenario);
    for (const s of stats) agg.add(s);
    const { summary, perReplication } = agg.finish();

    it('counts the replications and names the scenario', () => {
      expect(agg.added).toBe(3);
      expect(summary.scenario).toMatchObject({ name: 't', reps: 3, weeks: 60, seed: scenario.seed });
      expect(summary.scenario.hash).toMatch(/\S/);
    });
    it('keeps every metric per replication, in replication order', () => {
      expect(Object.keys(perReplication)).toEqual(METRIC_NAMES);
      for (const m of METRIC_NAMES) expect(perReplication[m]).toEqual(stats.map((s) => s.metrics[m]));
    });
    it('summarises each metric over replications: mean of the defined values, mean inside its interval', () => {
      for (const m of METRIC_NAMES) {
        const v = perReplication[m].filter(Number.isFinite);
        const s = summary.metrics[m];
        expect(s.n).toBe(v.length);
        if (v.length === 0) continue;
        expectRelClose(s.mean, v.reduce((a, b) => a + b, 0) / v.length);
        expect(s.ci95[0]).toBeLessThanOrEqual(s.mean);
        expect(s.ci95[1]).toBeGreaterThanOrEqual(s.mean);
        // The 95% spread lies within the observed range (up to rounding).
        const lo = Math.min(...v);
        const hi = Math.max(...v);
        expect(s.pi95[0]).toBeGreaterThanOrEqual(lo - 1e-5 * Math.max(1, Math.abs(lo)));
        expect(s.pi95[1]).toBeLessThanOrEqual(hi + 1e-5 * Math.max(1, Math.abs(hi)));
        expect(s.pi95[0]).toBeLessThanOrEqual(s.pi95[1]);
      }
    });
    it('adds up participant weeks and survival counts over replications', () => {
      expect(summary.participantWeeks).toBe(stats.reduce((a, s) => a + s.participantWeeks, 0));
      const started = stats.reduce((a, s) => a + s.metrics.matchesStarted, 0);
      expect(summary.survival.atRisk[0]).toBe(started);
      expect(summary.survival.time).toHaveLength(61);
      summary.survival.events.forEach((e, t) => expect(e).toBe(stats.reduce((a, s) => a + s.survival.events[t], 0)));
    });
    it('gives a non-increasing survival curve inside its band, and premature closure as 1 - S', () => {
      const { survival, lower, upper } = summary.survival;
      for (let t = 0; t < survival.length; t++) {
        if (t > 0) expect(survival[t]).toBeLessThanOrEqual(survival[t - 1]);
        expect(lower[t]).toBeLessThanOrEqual(survival[t]);
        expect(upper[t]).toBeGreaterThanOrEqual(survival[t]);
      }
      const p = summary.survival.prematureByPlan;
      expect(p.weeks).toBe(Math.min(scenario.params.programme.plannedWeeks, 60));
      expectRelClose(p.value, 1 - survival[p.weeks - 1]);
      expect(p.lower).toBeLessThanOrEqual(p.value);
      expect(p.upper).toBeGreaterThanOrEqual(p.value);
    });
    it('counts closure reasons that add up to the matches started, with shares summing to 1', () => {
      const reasons = Object.values(summary.closureReasons);
      expect(reasons.reduce((a, r) => a + r.count, 0)).toBe(summary.survival.atRisk[0]);
      expectRelClose(reasons.reduce((a, r) => a + r.share, 0), 1);
      for (const r of reasons) expectRelClose(r.perReplication, r.count / 3);
    });
    it('averages the weekly series over replications, inside a band that does not go below 0', () => {
      for (const [name, w] of Object.entries(summary.weekly)) {
        expect(w.mean).toHaveLength(60);
        w.mean.forEach((m, week) => {
          const values = stats.map((s) => s.weekly[name as keyof RepStats['weekly']][week]);
          expectRelClose(m, values.reduce((a, b) => a + b, 0) / 3);
          expect(w.lower[week]).toBeLessThanOrEqual(m);
          expect(w.upper[week]).toBeGreaterThanOrEqual(m);
          expect(w.lower[week]).toBeGreaterThanOrEqual(0);
        });
      }
    });
    it('merges the outcome histograms and gives non-decreasing quantiles', () => {
      const total = (h: { counts: number[] }) => h.counts.reduce((a, b) => a + b, 0);
      expect(total(summary.outcomes.programme.histogram)).toBe(stats.reduce((a, s) => a + total(s.outcome.programme), 0));
      for (const side of [summary.outcomes.programme, summary.outcomes.counterfactual]) {
        for (let i = 1; i < side.quantiles.length; i++) expect(side.quantiles[i]).toBeGreaterThanOrEqual(side.quantiles[i - 1]);
      }
    });
    it('rounds the summary to 6 significant digits', () => {
      expect(roundDeep(summary)).toEqual(summary);
    });
  });
});
