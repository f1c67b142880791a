import { describe, expect, it } from 'vitest';
import { realismChance, training } from '../../../src/model/processes/training.ts';
import { V } from '../../../src/model/state.ts';
import { step, testState } from '../../support/state.ts';

describe('realismChance', () => {
  it('is 1 - exp(-rate * hours)', () => {
    // 1 - e^-0.48 = 0.38122...
    expect(realismChance(0.12, 4)).toBeCloseTo(0.381217, 6);
    expect(realismChance(0.12, 0)).toBe(0);
  });
});

describe('training process', () => {
  it('takes ceil(hours / 3) weeks and charges the coordinator the group share once', () => {
    const state = testState({ programme: { preMatchTrainingHours: 8 }, coordinators: { trainingGroupSize: 4 }, costs: { trainingPerHour: 30 } }, undefined, 10);
    state.trainingQueue.push(0);
    state.volunteers.status[0] = V.training;
    step(training, state, 5);
    // 8 hours / group of 4 = 2 coordinator hours; ready in week 5 + ceil(8 / 3) = 8.
    expect(state.coordinators.free[0]).toBeCloseTo(8, 9);
    expect(state.costs.trainingSessions).toBeCloseTo((30 * 8) / 4, 9);
    expect(state.volunteers.readyWeek[0]).toBe(8);
    step(training, state, 7);
    expect(state.available.toArray()).toEqual([]);
    step(training, state, 8);
    expect(state.available.toArray()).toEqual([0]);
    expect(state.volunteers.status[0]).toBe(V.available);
    expect(state.coordinators.free[0]).toBeCloseTo(8, 9);
  });
  it('waits when the coordinator has no hours left', () => {
    const state = testState({ programme: { preMatchTrainingHours: 6 } }, undefined, 0);
    state.trainingQueue.push(0);
    step(training, state, 1);
    expect(state.trainingQueue).toEqual([0]);
    expect(state.volunteers.readyWeek[0]).toBe(-1);
  });
});

describe('peer buddies in training', () => {
  it('counts a former participant who finishes training as a volunteer trained and as a peer buddy trained', () => {
    const state = testState({ programme: { preMatchTrainingHours: 3 }, coordinators: { trainingGroupSize: 1 } }, undefined, 10);
    state.volunteers.peer[1] = 1;
    state.trainingQueue.push(0, 1);
    step(training, state, 4); // both start; 3 hours: ready a week later
    step(training, state, 5);
    const series = state.series.toTable();
    expect(series.volunteersTrained[5]).toBe(2);
    expect(series.peerBuddiesTrained[5]).toBe(1);
    expect(series.peerBuddiesTrained[4]).toBe(0);
  });
});
