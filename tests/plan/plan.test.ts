import { describe, expect, it } from 'vitest';
import { layoutFor, weeklySeries } from '../../src/analysis/packed.ts';
import type { RepStats } from '../../src/analysis/repStats.ts';
import { WEEKLY_SERIES } from '../../src/model/runReplication.ts';
import { readScenario } from '../../src/io/readScenario.ts';
import type { Scenario } from '../../src/model/scenario.ts';
import { diagnosePipeline } from '../../src/plan/diagnosis.ts';
import { LEVERS, withParameters } from '../../src/plan/levers.ts';
import { planCapacity, serialRunner } from '../../src/plan/plan.ts';
import type { Tally } from '../../src/plan/tally.ts';
import { describeTarget, targetValue, type ServiceTarget } from '../../src/plan/target.ts';
import { runRange } from '../../src/runner/task.ts';
import { ScenarioError } from '../../src/scenario/errors.ts';
import { testScenario } from '../support/scenario.ts';

const befriending = readScenario('flemish-befriending');

describe('levers and overrides', () => {
  it('coordinator hours are shared over the coordinators there are; more posts only past 40 hours each', () => {
    const two = testScenario({ coordinators: { count: 2, hoursPerWeek: 19 } });
    expect(LEVERS.hours.value(two)).toBe(38);
    expect(LEVERS.hours.overrides(two, 47)).toEqual({ 'coordinators.hoursPerWeek': 23.5 });
    expect(LEVERS.hours.overrides(two, 100)).toEqual({ 'coordinators.hoursPerWeek': 33.33, 'coordinators.count': 3 });
    expect(LEVERS.volunteers.overrides(two, 2.3500000001)).toEqual({ 'inflow.volunteersPerWeek': 2.35 });
  });
  it('applies overrides by path and validates the result', () => {
    const s = withParameters(befriending, { 'inflow.volunteersPerWeek': 2.3, 'coordinators.hoursPerWeek': 24 }, { seed: 5 });
    expect(s.params.inflow.volunteersPerWeek).toBe(2.3);
    expect(s.params.coordinators.hoursPerWeek).toBe(24);
    expect(s.seed).toBe(5);
    expect(() => withParameters(befriending, { 'coordinators.hoursPerWeek': 60 })).toThrow(ScenarioError);
    expect(() => withParameters(befriending, { hoursPerWeek: 6 })).toThrow(/section\.name/);
  });
});

describe('service targets', () => {
  /** Statistics of a 4-week replication with the given weekly series (packed.ts layout). */
  const stats = (weekly: Record<string, number[]>) => {
    const layout = layoutFor(4);
    const packed = new Float64Array(layout.size);
    for (const [series, values] of Object.entries(weekly)) weeklySeries(packed, layout, WEEKLY_SERIES.indexOf(series)).set(values);
    return { replication: 0, participantWeeks: 0, metrics: {}, packed } as unknown as RepStats;
  };
  it('the waiting list after the warm-up: intake queue plus waiting list, weekly mean', () => {
    const t: ServiceTarget = { kind: 'maxWaiting', participants: 3, warmUpWeeks: 2 };
    expect(targetValue(stats({ participantsInIntake: [9, 9, 1, 1], participantsWaiting: [9, 9, 2, 4] }), t, 4)).toBe(4);
    expect(describeTarget(t)).toBe('at most 3 people waiting for intake or a match on average (from week 2 on)');
  });
});

/** A stub of a candidate's replications: weekly means given directly. */
function tallyOf(scenario: Scenario, series: Record<string, (w: number) => number>): Tally {
  return { scenario, weeklyMean: (s: string) => Array.from({ length: scenario.weeks }, (_, w) => series[s]?.(w) ?? 0) } as unknown as Tally;
}

describe('where the pipeline breaks', () => {
  const s = testScenario({ weeks: 156 });
  const steady = { referrals: () => 1, volunteerApplications: () => 2, screened: () => 1.3, volunteersTrained: () => 1.3, followUpsDue: () => 10, coordinatorHoursAvailable: () => 14, coordinatorHoursUsed: () => 10 };
  it('a growing intake queue breaks intake first, whatever comes after', () => {
    const d = diagnosePipeline(tallyOf(s, { ...steady, participantsInIntake: (w) => w / 2, participantsWaiting: (w) => w / 4, followUpsMissed: () => 5 }), 26);
    expect(d.stages.map((x) => x.status)).toEqual(['breaks', 'ok', 'ok', 'breaks', 'breaks']);
    expect(d.breaksFirst).toBe('intake');
    expect(d.volunteers).toBe('short');
    expect(d.coordinatorUtilisation).toBeCloseTo(10 / 14, 12);
  });
  it('a steady pipeline breaks nowhere; a long steady wait for a match is strained; idle volunteers are said', () => {
    const d = diagnosePipeline(tallyOf(s, { ...steady, participantsWaiting: () => 6, volunteersWaiting: () => 3, followUpsMissed: () => 0.2 }), 26);
    expect(d.breaksFirst).toBeNull();
    expect(d.tightest).toBe('matching');
    expect(d.stages.find((x) => x.stage === 'matching')!.status).toBe('strained');
    expect(d.volunteers).toBe('idle');
  });
  it('a growing volunteer pipeline is put on the stage that does not keep up', () => {
    const d = diagnosePipeline(tallyOf(s, { ...steady, volunteersTrained: () => 0.3, volunteersInPipeline: (w) => w }), 26);
    expect(d.breaksFirst).toBe('training');
  });
});

describe('planCapacity', () => {
  const target: ServiceTarget = { kind: 'maxWaiting', participants: 3.5, warmUpWeeks: 26 };
  it('answers with overrides that reproduce its check, replication for replication', async () => {
    const answer = await planCapacity({ scenario: befriending, target, vary: 'hours', maxReps: 30 }, serialRunner);
    const plan = answer.plan;
    expect(plan.met).toBe(true);
    expect(answer.scenario).toMatchObject({ referralsPerYear: 31.2, years: 3, mechanism: 'duration' });
    expect(Object.keys(answer.recommended!).sort()).toEqual(['coordinators.count', 'coordinators.hoursPerWeek', 'inflow.participantsPerWeek']);
    // The search runs on the scenario's seed; the check on the next one.
    expect(new Set(plan.path.filter((s) => s.phase !== 'verify').map((s) => s.seed))).toEqual(new Set([befriending.seed]));
    expect(plan.path.filter((s) => s.phase === 'verify').every((s) => s.seed === befriending.seed + 1)).toBe(true);
    // Running the recommendation on the check seed gives exactly the figure the plan reports.
    const again = withParameters(befriending, answer.recommended!, { seed: plan.achieved!.seed });
    const values = runRange(again, { start: 0, end: plan.achieved!.n }).map((o) => targetValue(o.stats, target, again.weeks));
    expect(values.reduce((a, b) => a + b, 0) / values.length).toBeCloseTo(plan.achieved!.mean, 10);
    expect(plan.achieved!.mean + plan.achieved!.halfWidth).toBeLessThan(3.5);
    expect(plan.queueing.load).toBeCloseTo(plan.queueing.arrivalsPerWeek * plan.queueing.matchWeeks, 10);
    expect(plan.costPerYear!.value).toBeGreaterThan(0);
    expect(answer.replications).toBe(plan.path.reduce((a, s) => a + s.n, 0));
  }, 120_000);
  it('says why when one lever alone cannot reach the target', async () => {
    const answer = await planCapacity({ scenario: befriending, target: { ...target, participants: 2 }, vary: 'hours', maxReps: 30 }, serialRunner);
    expect(answer.plan).toMatchObject({ met: false, recommended: null, staffing: null, costPerYear: null });
    expect(answer.plan.why).toMatch(/more coordinator hours stop helping with 1.8 volunteer applications a week: the figure levels off short of the target \(vary both\)/);
  }, 120_000);
  it('plans a region as equal local programmes, sharing its referrals among them, and adds them up', async () => {
    const answer = await planCapacity({ scenario: befriending, target, vary: 'hours', maxReps: 20, referralsPerYear: 62.4, programmes: 2 }, serialRunner);
    expect(answer.recommended!['inflow.participantsPerWeek']).toBeCloseTo(0.6, 10);
    expect(answer.scenario.referralsPerYear).toBe(62.4);
    expect(answer.region).toMatchObject({ programmes: 2, coordinatorHoursPerWeek: 2 * answer.plan.staffing!.coordinatorHoursPerWeek });
    expect(answer.region!.costPerYear).toBeCloseTo(2 * answer.plan.costPerYear!.value, 6);
  }, 120_000);
});
