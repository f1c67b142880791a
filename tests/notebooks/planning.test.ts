import { describe, expect, it } from 'vitest';
import { serialRunner } from '../../src/plan/index.ts';
import { poolPlanRunner } from '../../src/notebooks/planning.ts';
import { serialPool } from '../../src/notebooks/pool.ts';
import { testScenario } from '../support/scenario.ts';

describe('the capacity planner on a notebook\'s pool', () => {
  it('gives each candidate\'s replication statistics in replication order, as the planner\'s own runner does', async () => {
    const scenario = testScenario({ reps: 4 });
    const pooled = await poolPlanRunner(serialPool).run(scenario, { start: 1, end: 4 });
    const serial = await serialRunner.run(scenario, { start: 1, end: 4 });
    expect(pooled.map((s) => s.replication)).toEqual([1, 2, 3]);
    expect(pooled.map((s) => [...s.packed])).toEqual(serial.map((s) => [...s.packed]));
  });
});
