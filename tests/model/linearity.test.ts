import { describe, expect, it } from 'vitest';
import { runReplication } from '../../src/model/runReplication.ts';
import type { Scenario } from '../../src/model/scenario.ts';
import { parseScenario, scenarioToFile } from '../../src/scenario/resolve.ts';
import { testScenario, type ScenarioOverrides } from '../support/scenario.ts';

/** The same programme k times the size: referrals, applications, initial lists and coordinators. */
function scaled(s: Scenario, k: number): Scenario {
  const f = scenarioToFile(s);
  const i = s.params.inflow;
  return parseScenario({
    ...f,
    inflow: { ...i, initialParticipants: i.initialParticipants * k, participantsPerWeek: i.participantsPerWeek * k, initialVolunteers: i.initialVolunteers * k, volunteersPerWeek: i.volunteersPerWeek * k },
    coordinators: { ...s.params.coordinators, count: s.params.coordinators.count * k },
  });
}

/**
 * Operations on the waiting list and the volunteer pool (matching's search, closure's return to the
 * list, joining and leaving), per week someone spent on a list or in a match, over a few replications.
 */
function workPerWeek(s: Scenario): { operations: number } {
  let operations = 0;
  let weeks = 0;
  for (let r = 0; r < 3; r++) {
    const res = runReplication(s, r);
    operations += res.work.listOperations;
    weeks += res.participantWeeks + res.weekly.volunteersWaiting.reduce((a, b) => a + b, 0);
  }
  return { operations: operations / weeks };
}

// Long lists on purpose: volunteers free at one time in three and half the participants asking for
// a volunteer of their own gender; a waiting list that grows (more referrals than volunteers), or a
// pool that does (more volunteers than referrals).
const hard = (participantsPerWeek: number, volunteersPerWeek: number): ScenarioOverrides => ({
  weeks: 104,
  inflow: { initialParticipants: 20, participantsPerWeek, initialVolunteers: 30, volunteersPerWeek },
  participants: { sameGenderShare: 0.5 },
  volunteers: { slotAvailability: 0.3, idleDropoutPerYear: 0.2 },
  coordinators: { count: 1, hoursPerWeek: 30, policy: 'arrival-order' },
  outcomes: { assessmentWeeks: 26 },
});

describe('the work of matching and closure grows linearly with the size of a programme', () => {
  it.each([
    ['duos, long waiting list', hard(2, 1.2)],
    ['duos, large pool', hard(1, 3)],
    ['groups, long waiting list', { ...hard(2, 1.2), programme: { format: 'group', groupSize: 4 } }],
    ['groups, large pool', { ...hard(1, 3), programme: { format: 'group', groupSize: 4 } }],
  ])('%s: list operations per agent-week at 32 times the size stay within 15% of those at 4 times', (_name, over) => {
    const base = testScenario(over as ScenarioOverrides);
    // From 4 to 32 times the base: past the sizes where shortlists are still filling up.
    const small = workPerWeek(scaled(base, 4));
    const large = workPerWeek(scaled(base, 32));
    expect(small.operations).toBeGreaterThan(0);
    expect(large.operations / small.operations).toBeLessThan(1.15);
    // Candidates weighed per match are capped by the shortlist (matching.test.ts); here, that the
    // search for them costs the same per week however long the lists.
  });
});
