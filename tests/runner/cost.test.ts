import { describe, expect, it } from 'vitest';
import { HEAVY_PARTICIPANT_WEEKS, blockEnd, describeCost, estimateCost, estimateSeconds, parseScenario, plannedParticipantWeeks, runReplication, runTasks, taskSize } from '../../src/index.ts';

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

describe('runTasks', () => {
  const big = parseScenario({ version: 1, name: 'tasks', reps: 1000, seed: 2, weeks: 80, outcomes: { assessmentWeeks: 30 } });
  const contiguous = (tasks: { start: number; end: number }[], start: number, end: number) => {
    expect(tasks[0].start).toBe(start);
    expect(tasks[tasks.length - 1].end).toBe(end);
    for (let i = 1; i < tasks.length; i++) expect(tasks[i].start).toBe(tasks[i - 1].end);
    for (const t of tasks) expect(t.end).toBeGreaterThan(t.start);
  };
  it('cuts a range into contiguous guided tasks of at most `max` replications', () => {
    const tasks = runTasks(big, { start: 0, end: 1000 }, 2, { max: 25 });
    contiguous(tasks, 0, 1000);
    expect(Math.max(...tasks.map((t) => t.end - t.start))).toBe(25);
    // Guided: the last tasks are small, so the workers finish together.
    expect(tasks[tasks.length - 1].end - tasks[tasks.length - 1].start).toBe(1);
  });
  it('keeps a range\'s offset, and gives nothing for an empty range', () => {
    contiguous(runTasks(big, { start: 300, end: 517 }, 2), 300, 517);
    expect(runTasks(big, { start: 40, end: 40 }, 2)).toEqual([]);
  });
  it('with whole blocks, ends every task on a block boundary of the run, or at the range\'s end', () => {
    for (const range of [{ start: 0, end: 1000 }, { start: 300, end: 517 }, { start: 0, end: 37 }]) {
      const tasks = runTasks(big, range, 2, { wholeBlocks: true });
      contiguous(tasks, range.start, range.end);
      for (const t of tasks.slice(0, -1)) expect(blockEnd(t.end - 1, big.reps), `task ${t.start}-${t.end}`).toBe(t.end);
    }
  });
  it('sizes tasks by the work of a replication: heavy ones get tasks of their own', () => {
    const tasks = runTasks(big, { start: 0, end: 20 }, 2, { perReplication: 5_000_000 });
    expect(tasks.every((t) => t.end - t.start === 1)).toBe(true);
  });
});
