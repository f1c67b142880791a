import { describe, expect, it } from 'vitest';
import { parseExperiment } from '../../src/experiment/experiment.ts';
import { runExperiment } from '../../src/experiment/run.ts';
import { experimentRunner, runScenario, serialPool, type ReplicationPool } from '../../src/notebooks/pool.ts';
import { runRange, runSerial } from '../../src/runner/task.ts';
import { scenarioToFile } from '../../src/scenario/resolve.ts';
import { testScenario } from '../support/scenario.ts';

/** A pool of `size` lanes whose earlier ranges finish later: results arrive out of order. */
function reversingPool(size: number): ReplicationPool & { calls: number } {
  const pool = {
    size,
    calls: 0,
    async run(scenario: Parameters<ReplicationPool['run']>[0], range: Parameters<ReplicationPool['run']>[1]) {
      pool.calls += 1;
      await new Promise((r) => setTimeout(r, Math.max(0, 40 - range.start * 5)));
      return runRange(scenario, range);
    },
    dispose() {},
  };
  return pool;
}

describe('replication pools for notebooks', () => {
  const scenario = testScenario({ reps: 6 });

  it('runScenario merges in replication order: the summary equals runSerial byte for byte', async () => {
    const expected = JSON.stringify(runSerial(scenario, 6).summary);
    expect(JSON.stringify((await runScenario(serialPool, scenario, 6)).summary)).toBe(expected);
    const pool = reversingPool(3);
    const progress: number[] = [];
    const seen: number[] = [];
    const agg = await runScenario(pool, scenario, 6, (done) => progress.push(done), (o) => seen.push(o.stats.replication));
    expect(JSON.stringify(agg.summary)).toBe(expected);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5]);
    expect(pool.calls).toBeGreaterThan(1);
    expect(progress[progress.length - 1]).toBe(6);
  });

  it('experimentRunner gives runExperiment the same records as the serial runner, in chunks of the pool', async () => {
    const experiment = parseExperiment({
      version: 1, name: 'pool', scenario: scenarioToFile(scenario),
      factors: [{ path: 'programme.contactsPerWeek', range: [0.5, 2] }],
      design: { type: 'full-factorial', steps: 2 }, replications: 5, outputs: ['matchedShare', 'prematureIncidence'],
    });
    const serial = await runExperiment(experiment);
    const pool = reversingPool(2);
    const runner = experimentRunner(pool, 2);
    expect(runner.concurrency).toBe(2);
    const pooled = await runExperiment(experiment, { runner });
    expect(pooled.records).toEqual(serial.records);
    expect(pool.calls).toBe(6); // two points, replications in chunks of 2, 2 and 1
  });
});
