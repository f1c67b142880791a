import { describe, expect, it } from 'vitest';
import { runSerial } from '../../src/runner/task.ts';
import { againstDirection, capacityLevers, sweepLevers, withParameter, type LeverSweep } from '../../src/sweep/levers.ts';
import { readScenario } from '../../src/io/readScenario.ts';
import { parseScenario, scenarioToFile } from '../../src/scenario/resolve.ts';

describe('withParameter and againstDirection', () => {
  const base = readScenario('community-mentoring');
  it('sets default levels on whole steps around the scenario, written as typed', () => {
    // community-mentoring: 3.5 applications and 1.2 referrals a week, 19 coordinator hours.
    const levels = Object.fromEntries(capacityLevers(base).map((l) => [l.path, l.levels]));
    expect(levels['inflow.volunteersPerWeek']).toEqual([1.8, 3.5, 7, 14]);
    expect(levels['coordinators.hoursPerWeek']).toEqual([10, 19, 38]);
    expect(levels['inflow.participantsPerWeek']).toEqual([0.6, 1.2, 1.8]);
    expect(levels['programme.followUpEveryWeeks']).toEqual([1, 2, 4, 8, 13]);
    // civic-integration-40h has 38 hours: twice that is above the 40 a contract allows, so held at 40.
    const civic = capacityLevers(readScenario('civic-integration-40h')).find((l) => l.path === 'coordinators.hoursPerWeek')!;
    expect(civic.levels).toEqual([19, 38, 40]);
  });
  it('sets one parameter and checks it like a scenario file', () => {
    expect(withParameter(base, 'coordinators.hoursPerWeek', 16).params.coordinators.hoursPerWeek).toBe(16);
    expect(() => withParameter(base, 'coordinators.hoursPerWeek', -3)).toThrow(/hoursPerWeek/);
    expect(() => withParameter(base, 'coordinators', 3)).toThrow(/section.field/);
  });
  it('calls a change wrong only when its whole interval is on the wrong side', () => {
    expect(againstDirection({ ci95: [-0.3, -0.1] }, 'up')).toBe(true);
    expect(againstDirection({ ci95: [-0.3, 0.1] }, 'up')).toBe(false);
    expect(againstDirection({ ci95: [0.1, 0.3] }, 'down')).toBe(true);
    expect(againstDirection({ ci95: [NaN, NaN] }, 'down')).toBe(false);
  });
});

/**
 * Monotone capacity (issue 8): other things equal, with common random numbers and many
 * replications, more volunteer applicants never reduce the share matched; more coordinator hours
 * never reduce matches started or lengthen the wait; more frequent follow-up never raises premature
 * closure; fewer referrals never lengthen waits. A programme where capacity binds, on a short horizon.
 */
describe('levers point the way the world does', () => {
  const base = parseScenario({
    ...scenarioToFile(readScenario('community-mentoring')),
    reps: 120,
    weeks: 104,
    outcomes: { ...readScenario('community-mentoring').params.outcomes, assessmentWeeks: 26 },
    coordinators: { ...readScenario('community-mentoring').params.coordinators, hoursPerWeek: 10 },
  });
  let sweeps: LeverSweep[] = [];
  it('sweeps the four capacity levers', async () => {
    sweeps = await sweepLevers(base, capacityLevers(base), async (s) => runSerial(s));
    expect(sweeps.map((s) => s.lever.path)).toEqual(['inflow.volunteersPerWeek', 'coordinators.hoursPerWeek', 'programme.followUpEveryWeeks', 'inflow.participantsPerWeek']);
  }, 120_000);
  it.each([
    ['inflow.volunteersPerWeek', 'matchedShare', 'up'],
    ['coordinators.hoursPerWeek', 'matchesStartedPerYear', 'up'],
    ['coordinators.hoursPerWeek', 'participantsWaiting', 'down'],
    ['programme.followUpEveryWeeks', 'prematureIncidence', 'up'],
    ['inflow.participantsPerWeek', 'participantsWaiting', 'up'],
  ] as const)('%s: %s never goes %s the wrong way', (path, metric, direction) => {
    const sweep = sweeps.find((s) => s.lever.path === path)!;
    expect(sweep.lever.expect[metric]).toBe(direction);
    for (const step of sweep.steps.slice(1)) {
      expect(step.wrongWay, `${path} = ${step.value}`).toEqual([]);
      // And the point estimate itself does not go the wrong way by more than the interval allows.
      const change = step.change![metric]!;
      const half = (change.ci95[1] - change.ci95[0]) / 2;
      if (direction === 'up') expect(change.value).toBeGreaterThanOrEqual(-half);
      else expect(change.value).toBeLessThanOrEqual(half);
    }
  });
  it('the levers matter where capacity binds: the extremes differ clearly', () => {
    const hours = sweeps.find((s) => s.lever.path === 'coordinators.hoursPerWeek')!.steps;
    expect(hours[hours.length - 1].metrics.matchesStartedPerYear).toBeGreaterThan(hours[0].metrics.matchesStartedPerYear);
    const followUp = sweeps.find((s) => s.lever.path === 'programme.followUpEveryWeeks')!.steps;
    expect(followUp[followUp.length - 1].metrics.prematureIncidence).toBeGreaterThan(followUp[0].metrics.prematureIncidence);
  });
});
