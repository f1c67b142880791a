import { describe, expect, it } from 'vitest';
import type { MetricName } from '../../src/analysis/metrics.ts';
import { lastYearGrowth } from '../../src/analysis/pool.ts';
import { computeWarnings, WARNING_LIMITS, type WarningInput } from '../../src/analysis/warnings.ts';
import { testScenario } from '../support/scenario.ts';

const healthy: Partial<Record<MetricName, number>> = { coordinatorUtilisation: 0.8, followUpsMissedShare: 0.02, matchedShare: 0.9, waitingListGrowth: 0 };

function input(over: Partial<WarningInput> = {}, values: Partial<Record<MetricName, number>> = {}): WarningInput {
  const v = { ...healthy, ...values };
  return {
    scenario: testScenario({ weeks: 156, programme: { plannedWeeks: 52 }, outcomes: { assessmentWeeks: 78 } }),
    reps: 100,
    value: (m) => v[m] ?? 1,
    coverage: () => 100,
    lower: (m) => (m === 'waitingListGrowth' ? (v[m] ?? 0) - 2 : -Infinity),
    waitingByWeek: new Array(156).fill(10),
    checked: ['matchedShare', 'costPerCompletedMatch'],
    ...over,
  };
}
const codes = (i: WarningInput) => computeWarnings(i).map((w) => w.code);

describe('warnings', () => {
  it('none for a healthy programme', () => {
    expect(computeWarnings(input())).toEqual([]);
  });
  it('a waiting list that keeps growing over the last year, beyond the simulation\'s noise', () => {
    const growing = Array.from({ length: 156 }, (_, w) => 10 + 0.2 * w); // +10.4 a year on a level near 36
    expect(codes(input({ waitingByWeek: growing }, { waitingListGrowth: lastYearGrowth(growing) }))).toEqual(['waiting-list-growing']);
    // Growth within the noise: its interval reaches below zero.
    expect(codes(input({ waitingByWeek: growing, lower: () => -1 }, { waitingListGrowth: lastYearGrowth(growing) }))).toEqual([]);
    const small = Array.from({ length: 156 }, (_, w) => 100 + 0.02 * w); // +1 a year on 100 waiting: small
    expect(codes(input({ waitingByWeek: small }, { waitingListGrowth: lastYearGrowth(small) }))).toEqual([]);
  });
  it('reads growth from the last year of a series', () => {
    expect(lastYearGrowth(Array.from({ length: 104 }, (_, w) => w / 4))).toBeCloseTo(13, 9);
    expect(lastYearGrowth(Array.from({ length: 104 }, (_, w) => (w < 52 ? w : 52)))).toBeCloseTo(0, 9);
    expect(lastYearGrowth(new Array(20).fill(3))).toBeNaN();
  });
  it('saturated coordinators, missed follow-ups, few matched', () => {
    expect(codes(input({}, { coordinatorUtilisation: WARNING_LIMITS.saturation }))).toEqual(['coordinator-saturated']);
    expect(codes(input({}, { followUpsMissedShare: 0.1 }))).toEqual(['follow-ups-missed']);
    expect(codes(input({}, { matchedShare: 0.49 }))).toEqual(['few-matched']);
  });
  it('a figure in fewer than 90% of replications, unless the design has no such figure', () => {
    const sparse = computeWarnings(input({ coverage: (m) => (m === 'costPerCompletedMatch' ? 80 : 100) }));
    expect(sparse.map((w) => w.code)).toEqual(['sparse-figure']);
    expect(sparse[0].message).toContain('costPerCompletedMatch');
    expect(codes(input({ coverage: () => 0 }, { matchedShare: NaN, costPerCompletedMatch: NaN }))).not.toContain('sparse-figure');
  });
  it('a horizon too short for the planned duration', () => {
    const short = testScenario({ weeks: 80, programme: { plannedWeeks: 52 }, outcomes: { assessmentWeeks: 40 } });
    expect(codes(input({ scenario: short, waitingByWeek: new Array(80).fill(10) }))).toEqual(['short-horizon']);
  });

});
