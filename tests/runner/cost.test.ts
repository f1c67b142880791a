import { describe, expect, it } from 'vitest';
import { HEAVY_PARTICIPANT_WEEKS, describeCost, estimateCost, estimateSeconds, parseScenario, plannedParticipantWeeks, runReplication, taskSize } from '../../src/index.ts';

const scenario = parseScenario({ version: 1, name: 'cost', reps: 40, seed: 2, weeks: 80, outcomes: { assessmentWeeks: 30 } });

describe('cost estimate', () => {
  it('the probe gives at most the participant-weeks a replication simulates, without running it', () => {
    for (const rep of [0, 3]) expect(plannedParticipantWeeks(scenario, rep)).toBeGreaterThanOrEqual(runReplication(scenario, rep).participantWeeks);
  });
  it('is replications x participant-weeks of replication 0, heavy above the threshold', () => {
    const per = plannedParticipantWeeks(scenario, 0);
    expect(estimateCost(scenario)).toEqual({ replications: 40, participantWeeksPerReplication: per, participantWeeks: 40 * per, heavy: false });
    const huge = parseScenario({ version: 1, name: 'huge', reps: 1_000_000, inflow: { participantsPerWeek: 50 } });
    const cost = estimateCost(huge);
    expect(cost.participantWeeks).toBeGreaterThan(HEAVY_PARTICIPANT_WEEKS);
    expect(cost.heavy).toBe(true);
    expect(estimateSeconds(cost, 4, 1e6)).toBeCloseTo(cost.participantWeeks / 4e6, 6);
    expect(describeCost(cost, 4, 1e6)).toMatch(/^1000000 replications x at most \d+ k participant-weeks = at most \d+\.\d G participant-weeks, roughly \d+\.\d h on 4 workers$/);
  });
  it('sizes tasks by balance and by work: heavy replications get tasks of their own', () => {
    expect(taskSize(200, 2, 6600)).toBe(13);
    expect(taskSize(20_000, 2, 30_000)).toBe(50);
    expect(taskSize(20_000, 2, 30_000, 25)).toBe(25);
    expect(taskSize(200, 2, 5_000_000)).toBe(1);
    expect(taskSize(1, 8, 10)).toBe(1);
  });
});
