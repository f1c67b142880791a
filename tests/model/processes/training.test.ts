import { describe, expect, it } from 'vitest';
import { realismChance, training } from '../../../src/model/processes/training.ts';
import { V } from '../../../src/model/state.ts';
import { testState } from '../../support/state.ts';

describe('realismChance', () => {
  it('is 1 - exp(-rate * hours)', () => {
    // 1 - e^-0.48 = 0.38122...
    expect(realismChance(0.12, 4)).toBeCloseTo(0.381217, 6);
    expect(realismChance(0.12, 0)).toBe(0);
  });
});

describe('training process', () => {
  it('takes ceil(hours / 3) weeks and charges the coordinator the group share once', () => {
    const state = testState({ programme: { preMatchTrainingHours: 8 }, coordinators: { trainingGroupSize: 4 } });
    state.trainingQueue.push(0);
    state.volunteers.status[0] = V.training;
    state.hoursLeft = 10;
    training.step(state, 5);
    // 8 hours / group of 4 = 2 coordinator hours; ready in week 5 + ceil(8 / 3) = 8.
    expect(state.hoursLeft).toBeCloseTo(8, 9);
    expect(state.volunteers.readyWeek[0]).toBe(8);
    training.step(state, 7);
    expect(state.available).toEqual([]);
    training.step(state, 8);
    expect(state.available).toEqual([0]);
    expect(state.volunteers.status[0]).toBe(V.available);
    expect(state.hoursLeft).toBeCloseTo(8, 9);
  });
  it('waits when the coordinator has no hours left', () => {
    const state = testState({ programme: { preMatchTrainingHours: 6 } });
    state.trainingQueue.push(0);
    state.hoursLeft = 0;
    training.step(state, 1);
    expect(state.trainingQueue).toEqual([0]);
    expect(state.volunteers.readyWeek[0]).toBe(-1);
  });
});
