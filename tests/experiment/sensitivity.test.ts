import { describe, expect, it } from 'vitest';
import { designPoints } from '../../src/experiment/points.ts';
import { runExperiment, type ExperimentRunner } from '../../src/experiment/run.ts';
import { analyseSensitivity } from '../../src/experiment/sensitivity.ts';
import { experimentReport } from '../../src/experiment/report/html.ts';
import { experiment } from './support.ts';
import type { RepStats } from '../../src/analysis/repStats.ts';
import { METRIC_NAMES } from '../../src/analysis/metrics.ts';
import type { MorrisResult } from '../../src/sensitivity/morris.ts';
import type { SobolResult } from '../../src/sensitivity/saltelli.ts';

/**
 * A runner with a known model in place of the simulation: prematureIncidence = 0.5 * contacts per
 * week (linear: Morris mu* = 0.5 * range = 0.75, sigma = 0), effectMatched = 0.1 * hours per contact.
 */
const linearRunner: ExperimentRunner = {
  async run(scenario, range, onStats) {
    for (let rep = range.start; rep < range.end; rep++) {
      const metrics = Object.fromEntries(METRIC_NAMES.map((m) => [m, 0])) as RepStats['metrics'];
      metrics.prematureIncidence = 0.5 * scenario.params.programme.contactsPerWeek;
      metrics.effectMatched = 0.1 * scenario.params.programme.hoursPerContact;
      onStats({ replication: rep, metrics } as RepStats);
    }
  },
};

const factors = [
  { name: 'contacts', path: 'programme.contactsPerWeek', range: [0.5, 2] },
  { name: 'hours', path: 'programme.hoursPerContact', range: [1, 3] },
  { name: 'dummy', dummy: true },
];

describe('sensitivity of an experiment', () => {
  it('Morris on a linear response: mu* = |coefficient| x range, sigma = 0, the dummy 0', async () => {
    const e = experiment({ factors, design: { type: 'morris', levels: 4, trajectories: 6, resamples: 200 }, replications: 2 });
    const [premature, effect] = analyseSensitivity(await runExperiment(e, { runner: linearRunner }));
    const mu = (a: typeof premature, name: string) => (a.result as MorrisResult).factors.find((f) => f.name === name)!;
    expect(mu(premature, 'contacts').muStar.value).toBeCloseTo(0.75, 10);
    expect(mu(premature, 'contacts').sigma).toBeCloseTo(0, 10);
    expect(mu(premature, 'hours').muStar.value).toBeCloseTo(0, 10);
    expect(mu(effect, 'hours').muStar.value).toBeCloseTo(0.2, 10);
    expect(mu(effect, 'dummy').muStar.value).toBeCloseTo(0, 10);
  });
  it('Sobol on an additive response: first order = total, the unused factor and the dummy near 0', async () => {
    const e = experiment({ factors, design: { type: 'sobol', base: 256, resamples: 100 }, replications: 1, outputs: ['prematureIncidence'] });
    const [a] = analyseSensitivity(await runExperiment(e, { runner: linearRunner }));
    const f = (a.result as SobolResult).factors;
    expect(f[0].first.value).toBeCloseTo(1, 2);
    expect(f[0].total.value).toBeCloseTo(1, 2);
    expect(Math.abs(f[1].total.value)).toBeLessThan(1e-9);
    expect(Math.abs(f[2].total.value)).toBeLessThan(1e-9);
  });
  it('averages replications per point and reports one analysis per block and output', async () => {
    const e = experiment({ factors, design: { type: 'morris', levels: 4, trajectories: 4, resamples: 50 }, replications: 2, across: { path: 'programme.mechanism', levels: ['duration', 'neither'] } });
    const analyses = analyseSensitivity(await runExperiment(e, { runner: linearRunner }));
    expect(analyses.map((a) => `${a.block}:${a.metric}`)).toEqual(['duration:prematureIncidence', 'duration:effectMatched', 'neither:prematureIncidence', 'neither:effectMatched']);
  });
  it('refuses an incomplete sample and names the failed points', async () => {
    const e = experiment({ factors, design: { type: 'morris', levels: 4, trajectories: 4, resamples: 50 }, replications: 2 });
    const results = await runExperiment(e, { runner: linearRunner });
    const broken = { ...results, records: results.records.map((r) => (r.point === 3 && r.replication === 1 ? { ...r, values: null, error: 'boom' } : r)) };
    const [a] = analyseSensitivity(broken);
    expect(a.result).toBeUndefined();
    expect(a.refused).toBe('1 of 16 points have no value (failed replications, or nothing to measure): points 3');
    expect(experimentReport(broken)).toContain('No indices: the sample is incomplete. 1 of 16 points');
  });
  it('runs the real model: a Morris screening of two levers and a dummy, with a tornado chart', async () => {
    const e = experiment({ factors, design: { type: 'morris', levels: 4, trajectories: 3, resamples: 50 }, replications: 2, outputs: ['effectAllReferred'] });
    expect(designPoints(e).points).toHaveLength(12);
    const results = await runExperiment(e);
    const [a] = analyseSensitivity(results);
    expect(a.result?.method).toBe('morris');
    expect(experimentReport(results)).toMatch(/<svg[^>]+data-chart="morris-1-effectAllReferred"/);
  });
});
