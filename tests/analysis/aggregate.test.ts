import { describe, expect, it } from 'vitest';
import { Aggregator, roundDeep } from '../../src/analysis/aggregate.ts';
import { batchMeansInterval } from '../../src/analysis/interval.ts';
import { METRICS, METRIC_NAMES } from '../../src/analysis/metrics.ts';
import { layoutFor, poolOf, unpackHistogram, weeklySeries } from '../../src/analysis/packed.ts';
import { WEEKLY_SERIES } from '../../src/model/runReplication.ts';
import { replicationStats, type RepStats } from '../../src/analysis/repStats.ts';
import { runBlocks } from '../../src/runner/task.ts';
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
  const scenario = parseScenario({ version: 1, name: 't', weeks: 60, reps: 6, outcomes: { assessmentWeeks: 30 } });
  const stats: RepStats[] = [0, 1, 2, 3, 4, 5].map((r) => replicationStats(runReplication(scenario, r), scenario));

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
      const agg = new Aggregator(scenario, { firstReplication: 1 });
      expect(() => agg.add(stats[0])).toThrow('replication 0 arrived out of order (expected 1)');
      agg.add(stats[1]);
      agg.add(stats[2]);
      expect(agg.added).toBe(2);
      expect(agg.finish().perReplication.matchedShare).toEqual([stats[1].metrics.matchedShare, stats[2].metrics.matchedShare]);
    });
    it('leaves no trace of a refused replication', () => {
      const clean = new Aggregator(scenario);
      const refused = new Aggregator(scenario);
      for (const s of stats) clean.add(s);
      refused.add(stats[0]);
      expect(() => refused.add(stats[2])).toThrow(/out of order/);
      expect(refused.added).toBe(1);
      for (const s of stats.slice(1)) refused.add(s);
      expect(refused.finish()).toEqual(clean.finish());
    });
  });

  describe('finish', () => {
    const agg = new Aggregator(scenario);
    for (const s of stats) agg.add(s);
    const { summary, perReplication, perBatch } = agg.finish();
    const pooled = poolOf(stats.map((s) => s.packed), scenario.weeks);
    const layout = layoutFor(scenario.weeks);

    it('counts the replications and names the scenario and the intervals', () => {
      expect(agg.added).toBe(6);
      expect(summary.scenario).toMatchObject({ name: 't', reps: 6, weeks: 60, seed: scenario.seed });
      expect(summary.scenario.hash).toMatch(/\S/);
      expect(summary.intervals.batches).toBe(6);
      expect(summary.intervals.ci95).toMatch(/batch means/);
    });
    it('keeps every figure per replication, in replication order', () => {
      expect(Object.keys(perReplication)).toEqual(METRIC_NAMES);
      for (const m of METRIC_NAMES) expect(perReplication[m]).toEqual(stats.map((s) => s.metrics[m]));
    });
    it('computes every figure on the pooled replications, by the same code as one replication', () => {
      for (const m of METRIC_NAMES) {
        const expected = METRICS[m].compute(pooled, scenario);
        if (Number.isFinite(expected)) expectRelClose(summary.metrics[m].value, expected);
        else expect(summary.metrics[m].value).toBeNull();
      }
    });
    it('gives each figure the 95% interval of batch means over its batches, and the spread of single runs', () => {
      for (const m of METRIC_NAMES) {
        const s = summary.metrics[m];
        const v = perReplication[m].filter(Number.isFinite);
        expect(s.n).toBe(v.length);
        // six replications in six batches: each batch is one replication
        expect(perBatch[m]).toEqual(perReplication[m]);
        if (!Number.isFinite(s.value) || v.length < 2) continue;
        const [lo, hi] = batchMeansInterval(METRICS[m].compute(pooled, scenario), perBatch[m]);
        expectRelClose(s.ci95[0], lo);
        expectRelClose(s.ci95[1], hi);
        expect(s.pi95[0]).toBeGreaterThanOrEqual(Math.min(...v) - 1e-5 * Math.max(1, Math.abs(Math.min(...v))));
        expect(s.pi95[1]).toBeLessThanOrEqual(Math.max(...v) + 1e-5 * Math.max(1, Math.abs(Math.max(...v))));
      }
    });
    it('adds up participant weeks, and counts every match once in the competing-risk curve', () => {
      expect(summary.participantWeeks).toBe(stats.reduce((a, s) => a + s.participantWeeks, 0));
      expect(summary.survival.atRisk[0]).toBe(pooled.sums.matchesStarted);
      expect(summary.survival.time).toHaveLength(61);
    });
    it('splits how matches end into cumulative incidences that add up to 1 - still running', () => {
      const sv = summary.survival;
      for (let t = 0; t < sv.time.length; t++) {
        const total = Object.values(sv.incidence).reduce((a, b) => a + b.value[t], 0);
        expect(total + sv.stillRunning.value[t]).toBeCloseTo(1, 4);
        if (t > 0) expect(sv.premature.value[t]).toBeGreaterThanOrEqual(sv.premature.value[t - 1] - 1e-9);
        expect(sv.premature.lower[t]).toBeLessThanOrEqual(sv.premature.value[t] + 1e-9);
        expect(sv.premature.upper[t]).toBeGreaterThanOrEqual(sv.premature.value[t] - 1e-9);
      }
      const p = sv.prematureIncidence;
      expect(p.weeks).toBe(scenario.params.programme.plannedWeeks);
      expectRelClose(p.value, sv.premature.value[Math.min(p.weeks, 60)]);
      expect(p.value).toBe(summary.metrics.prematureIncidence.value);
    });
    it('counts closure reasons that add up to the matches started, with shares summing to 1', () => {
      const reasons = Object.values(summary.closureReasons);
      expect(reasons.reduce((a, r) => a + r.count, 0)).toBe(summary.survival.atRisk[0]);
      expectRelClose(reasons.reduce((a, r) => a + r.share, 0), 1);
      for (const r of reasons) expectRelClose(r.perReplication, r.count / 6);
    });
    it('reports the wait for a first match over all referred', () => {
      const w = summary.waiting;
      expect(w.atRisk[0]).toBe(pooled.sums.referred);
      expectRelClose(w.matched.value[8], summary.metrics.matchedWithin8Weeks.value);
    });
    it('averages the weekly series over replications, inside a band that does not go below 0', () => {
      for (const [name, w] of Object.entries(summary.weekly)) {
        expect(w.mean).toHaveLength(60);
        w.mean.forEach((m, week) => {
          const values = stats.map((s) => weeklySeries(s.packed, layout, WEEKLY_SERIES.indexOf(name))[week]);
          expectRelClose(m, values.reduce((a, b) => a + b, 0) / 6);
          expect(w.lower[week]).toBeLessThanOrEqual(m);
          expect(w.upper[week]).toBeGreaterThanOrEqual(m);
          expect(w.lower[week]).toBeGreaterThanOrEqual(0);
        });
      }
    });
    it('merges the outcome histograms and gives non-decreasing quantiles', () => {
      const total = (h: { counts: number[] }) => h.counts.reduce((a, b) => a + b, 0);
      expect(total(summary.outcomes.programme.histogram)).toBe(stats.reduce((a, s) => a + total(unpackHistogram(s.packed, layout, 'programme')), 0));
      for (const side of [summary.outcomes.programme, summary.outcomes.counterfactual]) {
        for (let i = 1; i < side.quantiles.length; i++) expect(side.quantiles[i]).toBeGreaterThanOrEqual(side.quantiles[i - 1]);
      }
    });
    it('rounds the summary to 6 significant digits', () => {
      expect(roundDeep(summary)).toEqual(summary);
    });
  });

  describe('batches', () => {
    const big = parseScenario({ version: 1, name: 'b', weeks: 80, reps: 40, outcomes: { assessmentWeeks: 40 } });
    const runs = Array.from({ length: 40 }, (_, r) => replicationStats(runReplication(big, r), big));
    const whole = new Aggregator(big);
    for (const s of runs) whole.add(s);
    const { summary, perBatch } = whole.finish();

    it('effect intervals agree with batch means computed independently, batch by batch', () => {
      // 40 replications in 20 batches of 2: each batch aggregated on its own gives the batch value.
      const batchValues = Array.from({ length: 20 }, (_, b) => {
        const a = new Aggregator(big, { firstReplication: 2 * b, totalReplications: 40 });
        a.add(runs[2 * b]);
        a.add(runs[2 * b + 1]);
        return a.finish().summary.metrics.effectAllReferred.value;
      });
      batchValues.forEach((v, b) => expectRelClose(v, perBatch.effectAllReferred[b]));
      const [lo, hi] = batchMeansInterval(summary.metrics.effectAllReferred.value, batchValues);
      expectRelClose(summary.metrics.effectAllReferred.ci95[0], lo, 1e-4);
      expectRelClose(summary.metrics.effectAllReferred.ci95[1], hi, 1e-4);
    });
    it('a shard\'s aggregator cuts the same batches as the whole run', () => {
      const shard = new Aggregator(big, { firstReplication: 20 });
      for (const s of runs.slice(20)) shard.add(s);
      expect(shard.finish().perBatch.matchedShare).toEqual(perBatch.matchedShare.slice(10));
    });
  });

  describe('blocks', () => {
    // Replications 0-29 of a run of 400 (batches of 20): blocks [0, 10), [10, 20), [20, 30).
    const total = 400;
    const runs = Array.from({ length: 30 }, (_, r) => replicationStats(runReplication(scenario, r), scenario));
    const oneByOne = (from: number, to: number) => {
      const agg = new Aggregator(scenario, { firstReplication: from, totalReplications: total });
      for (const s of runs.slice(from, to)) agg.add(s);
      return agg;
    };
    const inBlocks = (from: number, to: number) => {
      const agg = new Aggregator(scenario, { firstReplication: from, totalReplications: total });
      for (const b of runBlocks(scenario, { start: from, end: to }, 0, total).blocks) agg.addBlock(b);
      return agg;
    };
    /** Everything finish gives, unrounded where it can be: the batch values come straight from the sums. */
    const exact = (agg: Aggregator) => {
      const { summary, perReplication, perBatch } = agg.finish();
      return { summary, perReplication, perBatch };
    };

    it('give the same figures, bit for bit, whether a worker summed the blocks or they were filled one replication at a time', () => {
      expect(exact(inBlocks(0, 30))).toEqual(exact(oneByOne(0, 30)));
      // A range that starts and ends inside blocks (a shard): its first block starts there, its last is cut short.
      expect(exact(inBlocks(13, 27))).toEqual(exact(oneByOne(13, 27)));
    });
    it('fold in the block still open when finish is called, and go on afterwards', () => {
      const agg = oneByOne(0, 15);
      expect(exact(agg)).toEqual(exact(inBlocks(0, 15)));
      for (const s of runs.slice(15, 30)) agg.add(s);
      expect(exact(agg)).toEqual(exact(inBlocks(0, 30)));
    });
    it('refuse a block that does not fit the run\'s blocks, or anything after a block cut short', () => {
      const [first, second] = runBlocks(scenario, { start: 0, end: 20 }, 0, total).blocks;
      expect(() => new Aggregator(scenario, { totalReplications: total }).addBlock(second)).toThrow('replication 10 arrived out of order (expected 0)');
      // In a run of 6 every block is one replication: [0, 10) does not fit.
      expect(() => new Aggregator(scenario).addBlock(first)).toThrow('block [0, 10) with 10 replications does not fit the blocks of this run (it would end at 1)');
      const open = new Aggregator(scenario, { totalReplications: total });
      open.add(runs[0]);
      const [rest] = runBlocks(scenario, { start: 1, end: 10 }, 0, total).blocks;
      expect(() => open.addBlock(rest)).toThrow('block [1, 10) arrived inside the block begun at replication 0');
      const cut = new Aggregator(scenario, { totalReplications: total });
      cut.addBlock(runBlocks(scenario, { start: 0, end: 5 }, 0, total).blocks[0]);
      expect(() => cut.add(runs[5])).toThrow('replication 5 arrived after a block cut short by the end of its range');
    });
  });
});
