import { describe, expect, it } from 'vitest';
import { CLOSURE_REASONS, WEEKLY_SERIES, type ReplicationResult } from '../../src/model/results.ts';
import { runReplication } from '../../src/model/runReplication.ts';
import { readScenario } from '../../src/io/readScenario.ts';
import { testScenario } from '../support/scenario.ts';

const designs = {
  'flemish-befriending': readScenario('flemish-befriending'),
  'civic-integration-40h': readScenario('civic-integration-40h'),
  'resource-starved': readScenario('resource-starved'),
  'deep matching, laissez-faire, monthly': testScenario({ programme: { matching: 'deep', followUpStyle: 'laissez-faire', contactsPerWeek: 0.25 } }),
  'two coordinators with high turnover': testScenario({ coordinators: { count: 2, turnoverPerYear: 3 } }),
};

function checkInvariants(r: ReplicationResult, hoursBudget: number) {
  // Every match closes with exactly one known reason, or is still ongoing at the horizon.
  for (const m of r.matches) {
    expect([...CLOSURE_REASONS, 'ongoing']).toContain(m.reason);
    expect(m.endWeek === null).toBe(m.reason === 'ongoing');
    expect(m.weeks).toBeGreaterThanOrEqual(1);
    expect(m.contacts).toBeGreaterThanOrEqual(0);
    expect(m.missedContacts).toBeGreaterThanOrEqual(0);
    expect(m.quality).toBeGreaterThanOrEqual(0);
    expect(m.quality).toBeLessThanOrEqual(1);
    if (hoursBudget > 0) expect(m.hours).toBeLessThanOrEqual(hoursBudget + 1e-9);
  }
  expect(new Set(r.matches.map((m) => m.id)).size).toBe(r.matches.length);
  // Nobody is in two matches at once.
  for (const key of ['participant', 'volunteer'] as const) {
    const byAgent = new Map<number, [number, number][]>();
    for (const m of r.matches) {
      const list = byAgent.get(m[key]) ?? [];
      list.push([m.startWeek, m.endWeek ?? Infinity]);
      byAgent.set(m[key], list);
    }
    for (const spans of byAgent.values()) {
      spans.sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < spans.length; i++) expect(spans[i][0]).toBeGreaterThanOrEqual(spans[i - 1][1]);
    }
  }
  // Stocks never negative; active matches follow from starts and closures.
  for (const s of WEEKLY_SERIES) for (const v of r.weekly[s]) expect(v).toBeGreaterThanOrEqual(0);
  let active = 0;
  r.weekly.activeMatches.forEach((v, w) => {
    active += r.weekly.newMatches[w] - r.weekly.closures[w];
    expect(v).toBe(active);
  });
  expect(r.weekly.newMatches.reduce((a, b) => a + b, 0)).toBe(r.matches.length);
  r.weekly.coordinatorHoursUsed.forEach((u, w) => expect(u).toBeLessThanOrEqual(r.weekly.coordinatorHoursAvailable[w] + 1e-9));
  // Volunteer flows add up.
  const v = r.volunteers;
  expect(v.withdrew + v.rejected + v.trained).toBeLessThanOrEqual(v.applied);
  // Programme and counterfactual differ only for participants who were matched.
  for (const a of r.assessed) {
    if (a.matchedWeeks === 0) expect(a.programme).toEqual(a.counterfactual);
  }
  expect(r.costs.total).toBeCloseTo(r.costs.coordinator + r.costs.expenses, 6);
}

describe.each(Object.entries(designs))('invariants: %s', (_name, scenario) => {
  it('hold in every replication', () => {
    for (let rep = 0; rep < 3; rep++) checkInvariants(runReplication(scenario, rep), scenario.params.programme.hoursBudget);
  });
});
