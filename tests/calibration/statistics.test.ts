import { describe, expect, it } from 'vitest';
import { moments, sampleSd } from '../../src/analysis/moments.ts';
import { ratioInterval, RunCollector, serialRunner } from '../../src/calibration/runSet.ts';
import { measure, pooledEffect, repExtras, summaryPath } from '../../src/calibration/statistics.ts';
import { runSerial } from '../../src/runner/task.ts';
import { replicationStats } from '../../src/analysis/repStats.ts';
import { runReplication } from '../../src/model/runReplication.ts';
import { testScenario } from '../support/scenario.ts';

describe('batches', () => {
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
    const diff: number[] = [];
    const cfAll: number[] = [];
    for (let rep = 0; rep < 4; rep++) {
      const r = runReplication(scenario, rep);
      for (const a of r.assessed.filter((x) => x.point === r.points[0])) {
        cfAll.push(a.counterfactual.wellbeing);
        if (a.matchedWeeks > 0 && a.matchedWeeks < 26) diff.push(a.programme.wellbeing - a.counterfactual.wellbeing);
      }
    }
    // mean difference of the band over the SD of the counterfactual of all referred
    expect(pooledEffect(set.whole, 'wellbeing', '<6 months')).toBeCloseTo(moments(diff).mean / sampleSd(moments(cfAll)), 9);
    // 'matched' agrees with the summary's pooled effect.
    expect(measure(set.whole, 'effect', { domain: 'skills' })).toBeCloseTo(set.whole.summary.effects.groups.matched.skills.value, 4);
  });
  it('read the summary by path, and say where a path stops', async () => {
    const set = await serialRunner(scenario, 4, 2);
    expect(measure(set.whole, 'prematureIncidence')).toBe(set.whole.summary.survival.prematureIncidence.value);
    expect(measure(set.whole, 'path', { path: 'metrics.referredPerYear.value' })).toBe(set.whole.summary.metrics.referredPerYear.value);
    expect(measure(set.whole, 'metric', { name: 'matchedShare' })).toBe(set.whole.summary.metrics.matchedShare.value);
    expect(() => summaryPath(set.whole.summary, 'metrics.nope.value')).toThrow(/stops at "nope"/);
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
