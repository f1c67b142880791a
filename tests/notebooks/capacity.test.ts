import { describe, expect, it } from 'vitest';
import { parseExperiment } from '../../src/experiment/experiment.ts';
import { designPoints } from '../../src/experiment/points.ts';
import { readScenario } from '../../src/io/readScenario.ts';
import { differenceRows, figureRows, inflowSweepFile, MANAGER_FIGURES, staffingOf, weeklyRows, withStaffing } from '../../src/notebooks/capacity.ts';
import { runSerial } from '../../src/runner/task.ts';
import { testScenario } from '../support/scenario.ts';

describe('a programme in a manager\'s numbers', () => {
  const flemish = readScenario('flemish-befriending');

  it('reads staffing in a year\'s numbers and writes it back as the same scenario', () => {
    const staffing = staffingOf(flemish);
    expect(staffing).toEqual({ referralsPerYear: 31.2, volunteerApplicationsPerYear: 93.6, coordinators: 1, hoursPerCoordinator: 19 });
    const same = withStaffing(flemish, staffing);
    expect(same.params).toEqual(flemish.params);
    const more = withStaffing(flemish, { ...staffing, referralsPerYear: 104, coordinators: 2 }, 6);
    expect(more.params.inflow.participantsPerWeek).toBe(2);
    expect(more.params.coordinators.count).toBe(2);
    expect(more.reps).toBe(6);
    expect(more.seed).toBe(flemish.seed);
  });

  it('refuses a staffing out of its parameter\'s range, naming the field', () => {
    expect(() => withStaffing(flemish, { ...staffingOf(flemish), hoursPerCoordinator: 60 })).toThrow(/coordinators\.hoursPerWeek/);
  });
});

describe('figures, paired differences and weekly rows', () => {
  const base = testScenario({ reps: 8, inflow: { participantsPerWeek: 1.5, volunteersPerWeek: 3 }, coordinators: { count: 1, hoursPerWeek: 6 } });
  const one = runSerial(base);
  const two = runSerial(withStaffing(base, { ...staffingOf(base), coordinators: 2 }));

  it('gives every manager figure with its value and both intervals, as the summary has them', () => {
    const rows = figureRows(one.summary);
    expect(rows.map((r) => r.name)).toEqual(MANAGER_FIGURES);
    const m = one.summary.metrics.matchedWithin8Weeks;
    expect(rows[1]).toEqual({ name: 'matchedWithin8Weeks', label: m.label, unit: m.unit, over: m.over, value: m.value, ci95: m.ci95, pi95: m.pi95 });
  });

  it('pairs a second coordinator with the first: differences and intervals from comparePaired, clear when the interval excludes 0', () => {
    const rows = differenceRows(one, two, ['coordinatorUtilisation', 'referredPerYear']);
    const util = rows[0];
    expect(util.base).toBe(one.summary.metrics.coordinatorUtilisation.value);
    expect(util.other).toBe(two.summary.metrics.coordinatorUtilisation.value);
    expect(util.difference).toBeCloseTo(util.other - util.base, 12);
    expect(util.lower).toBeLessThanOrEqual(util.difference);
    expect(util.upper).toBeGreaterThanOrEqual(util.difference);
    expect(util.clear).toBe(util.upper < 0 || util.lower > 0);
    // The same people are referred in both (common random numbers): no difference, not clear.
    expect(rows[1]).toMatchObject({ difference: 0, lower: 0, upper: 0, clear: false });
  });

  it('turns weekly series into long rows, week by week, and names an unknown series', () => {
    const rows = weeklyRows(one.summary, ['participantsWaiting', 'activeMatches']);
    expect(rows).toHaveLength(2 * base.weeks);
    expect(rows[3]).toEqual({ week: 3, series: 'participantsWaiting', mean: one.summary.weekly.participantsWaiting.mean[3], lower: one.summary.weekly.participantsWaiting.lower[3], upper: one.summary.weekly.participantsWaiting.upper[3] });
    expect(() => weeklyRows(one.summary, ['queue'])).toThrow('weekly series: got "queue"; see docs/outputs.md for the series');
  });
});

describe('capacity across inflows as an experiment file', () => {
  it('sweeps referrals a year for each coordinator count on the base scenario, inline', () => {
    const base = readScenario('flemish-befriending');
    const experiment = parseExperiment(inflowSweepFile(base, { from: 26, to: 104, steps: 4, coordinators: [1, 2], replications: 3 }));
    const { points } = designPoints(experiment);
    expect(points.map((p) => [p.values['referrals per week'], p.values.coordinators])).toEqual([
      [0.5, 1], [0.5, 2], [1, 1], [1, 2], [1.5, 1], [1.5, 2], [2, 1], [2, 2],
    ]);
    expect(points[3].scenario.params.inflow.participantsPerWeek).toBe(1);
    expect(points[3].scenario.params.coordinators.count).toBe(2);
    expect(points.every((p) => p.scenario.seed === base.seed)).toBe(true);
    expect(experiment.outputs).toEqual(['matchedWithin8Weeks', 'participantsWaiting', 'coordinatorUtilisation', 'costPerYear']);
  });
});
