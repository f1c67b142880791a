import { describe, expect, it } from 'vitest';
import { hedgesG, moments } from '../../src/analysis/hedges.ts';
import { batchBounds, batchInterval, ratioInterval, RunCollector, serialRunner } from '../../src/calibration/runSet.ts';
import { measure, mergeMoments, pooledEffect, repExtras, summaryPath } from '../../src/calibration/statistics.ts';
import { runSerial } from '../../src/runner/task.ts';
import { replicationStats } from '../../src/analysis/repStats.ts';
import { runReplication } from '../../src/model/runReplication.ts';
import { testScenario } from '../support/scenario.ts';

describe('mergeMoments', () => {
  it('equals the moments of the pooled values', () => {
    const a = [1, 2, 4, 8];
    const b = [3, 5];
    const m = mergeMoments(moments(a), moments(b));
    const all = moments([...a, ...b]);
    expect(m.n).toBe(6);
    expect(m.mean).toBeCloseTo(all.mean, 12);
    expect(m.variance).toBeCloseTo(all.variance, 12);
    expect(mergeMoments(moments([]), moments(b))).toEqual(moments(b));
  });
});

describe('batches', () => {
  it('cut the replications into contiguous batches that cover them once', () => {
    const bounds = Array.from({ length: 7 }, (_, b) => batchBounds(30, 7, b));
    expect(bounds[0][0]).toBe(0);
    expect(bounds[6][1]).toBe(30);
    for (let b = 1; b < 7; b++) expect(bounds[b][0]).toBe(bounds[b - 1][1]);
  });
  it('give a t-interval around the point estimate', () => {
    // Batch values 1, 2, 3: sd 1, t(2) = 4.303.
    const [lo, hi] = batchInterval(10, [1, 2, 3]);
    expect(hi - 10).toBeCloseTo(4.303 / Math.sqrt(3), 9);
    expect(10 - lo).toBeCloseTo(4.303 / Math.sqrt(3), 9);
    expect(batchInterval(1, [2])).toEqual([NaN, NaN]);
  });
  it('give a ratio the ratio of the totals, with a zero-width interval when batches agree', () => {
    const r = ratioInterval(4, 2, [2, 2, 2], [1, 1, 1]);
    expect(r.value).toBe(2);
    expect(r.ci[0]).toBeCloseTo(2, 12);
    expect(r.ci[1]).toBeCloseTo(2, 12);
  });
});

describe('a run set', () => {
  const scenario = testScenario({ reps: 6 });
  it('summarises the whole run exactly as the standard runner does', async () => {
    const set = await serialRunner(scenario, 6, 3);
    expect(set.whole.summary).toEqual(runSerial(scenario, 6).summary);
    expect(set.batches).toHaveLength(3);
    expect(set.batches.map((b) => b.stats.map((s) => s.replication))).toEqual([[0, 1], [2, 3], [4, 5]]);
  });
  it('refuses replications out of order', () => {
    const c = new RunCollector(scenario, 2, 2);
    const r = runReplication(scenario, 1);
    expect(() => c.add(replicationStats(r, scenario), repExtras(r))).toThrow(/out of order/);
  });
});

describe('statistics', () => {
  const scenario = testScenario({ reps: 4, weeks: 120, outcomes: { assessmentWeeks: 60 } });
  it('pool the effect of the two shortest bands for "<6 months"', async () => {
    const set = await serialRunner(scenario, 4, 2);
    const prog: number[] = [];
    const cf: number[] = [];
    for (let rep = 0; rep < 4; rep++) {
      for (const a of runReplication(scenario, rep).assessed) {
        if (a.matchedWeeks > 0 && a.matchedWeeks < 26) {
          prog.push(a.programme.wellbeing);
          cf.push(a.counterfactual.wellbeing);
        }
      }
    }
    expect(pooledEffect(set.whole.stats, 'wellbeing', '<6 months')).toBeCloseTo(hedgesG(prog, cf).g, 9);
    // 'all' agrees with the summary's pooled effect.
    expect(measure(set.whole, 'effect', { domain: 'skills' })).toBeCloseTo(set.whole.summary.effects.byGroup.all.skills.g, 4);
  });
  it('read the summary by path, and say where a path stops', async () => {
    const set = await serialRunner(scenario, 4, 2);
    expect(measure(set.whole, 'prematureByPlan')).toBe(set.whole.summary.survival.prematureByPlan.value);
    expect(measure(set.whole, 'path', { path: 'metrics.referred.mean' })).toBe(set.whole.summary.metrics.referred.mean);
    expect(measure(set.whole, 'metric', { name: 'referred' })).toBe(set.whole.summary.metrics.referred.mean);
    expect(() => summaryPath(set.whole.summary, 'metrics.nope.mean')).toThrow(/stops at "nope"/);
    expect(() => summaryPath(set.whole.summary, 'metrics')).toThrow(/not a number/);
  });
  it('measure mean relationship quality from the match records', () => {
    const r = runReplication(scenario, 0);
    const mean = r.matches.reduce((a, m) => a + m.quality, 0) / r.matches.length;
    expect(repExtras(r).meanQuality).toBeCloseTo(mean, 12);
  });
});

describe('correlation', () => {
  it('is Pearson correlation, NaN without enough pairs or spread', async () => {
    const { correlation } = await import('../../src/calibration/statistics.ts');
    expect(correlation([1, 2, 3, 4], [2, 4, 6, 8])).toBeCloseTo(1, 12);
    expect(correlation([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 12);
    expect(correlation([1, 2], [1, 2])).toBeNaN();
    expect(correlation([1, 1, 1], [1, 2, 3])).toBeNaN();
  });
});
