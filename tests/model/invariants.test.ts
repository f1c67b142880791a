import { describe, expect, it } from 'vitest';
import { readScenario } from '../../src/io/readScenario.ts';
import { CLOSURE_REASONS, COST_ITEMS, type ReplicationResult } from '../../src/model/results.ts';
import { WEEKLY_SERIES, runReplication } from '../../src/model/runReplication.ts';
import type { Scenario } from '../../src/model/scenario.ts';
import { testScenario } from '../support/scenario.ts';

const designs: Record<string, Scenario> = {
  'flemish-befriending': readScenario('flemish-befriending'),
  'civic-integration-40h': readScenario('civic-integration-40h'),
  'civic-integration-40h-peer': readScenario('civic-integration-40h-peer'),
  'resource-starved': readScenario('resource-starved'),
  'deep matching, laissez-faire, monthly': testScenario({ programme: { matching: 'deep', followUpStyle: 'laissez-faire', contactsPerWeek: 0.25 } }),
  'two coordinators with high turnover, unsupported vacancies': testScenario({ coordinators: { count: 2, turnoverPerYear: 3, vacancyCover: 'unsupported' } }),
  'groups with continuation, goals and peers': testScenario({ weeks: 120, programme: { format: 'group', groupSize: 5, goalClosure: 'yes', continuationShare: 0.6 }, volunteers: { peerShare: 0.5, peerDelayWeeks: 8 }, outcomes: { assessmentWeeks: 30 } }),
  'a closed list': testScenario({ inflow: { participantsPerWeek: 3 }, coordinators: { waitingListCap: 8, hoursPerWeek: 6 } }),
};

function checkInvariants(r: ReplicationResult, s: Scenario) {
  const budget = s.params.programme.hoursBudget;
  // Every match closes with exactly one known reason, or is still ongoing at the horizon.
  for (const m of r.matches) {
    expect([...CLOSURE_REASONS, 'ongoing']).toContain(m.reason);
    expect(m.endWeek === null).toBe(m.reason === 'ongoing');
    expect(m.weeks).toBeGreaterThanOrEqual(1);
    expect(m.contacts).toBeGreaterThanOrEqual(0);
    expect(m.missedContacts).toBeGreaterThanOrEqual(0);
    expect(m.quality).toBeGreaterThanOrEqual(0);
    expect(m.quality).toBeLessThanOrEqual(1);
    if (budget > 0) expect(m.hours).toBeLessThanOrEqual(budget + 1e-9);
    if (m.reason === 'timeLimit') expect(m.weeks).toBe(s.params.programme.plannedWeeks);
    if (s.params.programme.format === 'duo') expect(m.unitSize).toBe(1);
    else expect(m.unitSize).toBeLessThanOrEqual(s.params.programme.groupSize);
  }
  expect(new Set(r.matches.map((m) => m.id)).size).toBe(r.matches.length);
  // Nobody is in two matches at once; a volunteer is in one unit at a time.
  const spans = (key: 'participant' | 'volunteer', unitOf: (m: (typeof r.matches)[number]) => number) => {
    const byAgent = new Map<number, Map<number, [number, number]>>();
    for (const m of r.matches) {
      const units = byAgent.get(m[key]) ?? new Map<number, [number, number]>();
      const [s0, e0] = units.get(unitOf(m)) ?? [Infinity, -Infinity];
      units.set(unitOf(m), [Math.min(s0, m.startWeek), Math.max(e0, m.endWeek ?? Infinity)]);
      byAgent.set(m[key], units);
    }
    for (const units of byAgent.values()) {
      const list = [...units.values()].sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < list.length; i++) expect(list[i][0]).toBeGreaterThanOrEqual(list[i - 1][1]);
    }
  };
  spans('participant', (m) => m.id);
  spans('volunteer', (m) => m.unit);
  // Stocks never negative; active matches follow from starts and closures.
  for (const name of WEEKLY_SERIES) for (const v of r.weekly[name]) expect(v).toBeGreaterThanOrEqual(0);
  let active = 0;
  r.weekly.activeMatches.forEach((v, w) => {
    active += r.weekly.newMatches[w] - r.weekly.closures[w];
    expect(v).toBe(active);
  });
  expect(r.weekly.newMatches.reduce((a, b) => a + b, 0)).toBe(r.matches.length);
  // Hours: used never exceeds what is present; the tasks add up to what is used.
  r.weekly.coordinatorHoursUsed.forEach((u, w) => {
    expect(u).toBeLessThanOrEqual(r.weekly.coordinatorHoursAvailable[w] + 1e-9);
    const byTask = WEEKLY_SERIES.filter((x) => x.startsWith('hours.')).reduce((a, x) => a + r.weekly[x][w], 0);
    expect(byTask).toBeCloseTo(u, 6);
  });
  r.weekly.coordinatorsPresent.forEach((n) => expect(n).toBeLessThanOrEqual(s.params.coordinators.count));
  // Volunteer flows add up.
  const v = r.volunteers;
  expect(v.withdrew + v.rejected + v.trained).toBeLessThanOrEqual(v.applied);
  // Peer buddies are volunteers: in a match at most the volunteers in a match (one per unit), trained
  // at most as many as volunteers trained, and never more than the peers who applied.
  r.weekly.peerBuddiesMatched.forEach((n, w) => expect(n).toBeLessThanOrEqual(r.weekly.activeUnits[w]));
  r.weekly.peerBuddiesTrained.forEach((n, w) => expect(n).toBeLessThanOrEqual(r.weekly.volunteersTrained[w]));
  expect(r.weekly.peerBuddiesTrained.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(v.peers);
  if (s.params.volunteers.peerShare === 0) expect(Math.max(...r.weekly.peerBuddiesMatched)).toBe(0);
  // Programme and counterfactual differ only for participants who were matched.
  for (const a of r.assessed) if (a.matchedWeeks === 0) expect(a.programme).toEqual(a.counterfactual);
  // Nobody finds work later with the programme than without it.
  for (const a of r.assessed) expect(a.programme.employment).toBeGreaterThanOrEqual(a.counterfactual.employment);
  // Everyone measured a year after the first point was measured at it, once (the retained effect compares them at both).
  const atFirst = r.assessed.filter((a) => a.point === r.points[0]).map((a) => a.id);
  expect(new Set(atFirst).size).toBe(atFirst.length);
  for (const a of r.assessed) if (a.point === r.points[2]) expect(atFirst).toContain(a.id);
  // The referrals' paths to a first match are consistent.
  r.referrals.referredWeek.forEach((w, i) => {
    expect(r.referrals.firstMatchWeek[i] < 0 || r.referrals.firstMatchWeek[i] >= w).toBe(true);
    expect(r.referrals.firstMatchWeek[i] >= 0 && r.referrals.leftUnmatchedWeek[i] >= 0).toBe(false);
  });
  // Costs add up, the coordinator's paid hours are all accounted for.
  const items = COST_ITEMS.reduce((a, k) => a + r.costs[k], 0);
  expect(r.costs.total).toBeCloseTo(items, 6);
  const coordinator = COST_ITEMS.filter((k) => k.startsWith('coordinator')).reduce((a, k) => a + r.costs[k], 0);
  const paid = r.weekly.coordinatorHoursAvailable.reduce((a, b) => a + b, 0) * s.params.coordinators.hourlyCost;
  expect(coordinator).toBeCloseTo(paid, 4);
}

describe.each(Object.entries(designs))('invariants: %s', (_name, scenario) => {
  it('hold in every replication', () => {
    for (let rep = 0; rep < 3; rep++) checkInvariants(runReplication(scenario, rep), scenario);
  });
});
