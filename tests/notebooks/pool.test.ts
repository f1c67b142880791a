import { describe, expect, it } from 'vitest';
import { parseExperiment } from '../../src/experiment/experiment.ts';
import { runExperiment } from '../../src/experiment/run.ts';
import { experimentRunner, runScenario, serialPool, type ReplicationPool } from '../../src/notebooks/pool.ts';
import { runBlocks, runRange, runRangeMetrics, runSerial } from '../../src/runner/task.ts';
import { scenarioToFile } from '../../src/scenario/resolve.ts';
import { testScenario } from '../support/scenario.ts';

type Args = Parameters<ReplicationPool['run']>;

/** A pool of `size` lanes whose earlier ranges finish later: results arrive out of order. It counts its calls by kind. */
function reversingPool(size: number): ReplicationPool & { calls: Record<'run' | 'runBlocks' | 'runMetrics', number> } {
  const later = (range: Args[1]) => new Promise((r) => setTimeout(r, Math.max(0, 40 - range.start * 5)));
  const pool = {
    size,
    calls: { run: 0, runBlocks: 0, runMetrics: 0 },
    async run(scenario: Args[0], range: Args[1]) {
      pool.calls.run += 1;
      await later(range);
      return runRange(scenario, range);
    },
    async runBlocks(scenario: Args[0], range: Args[1]) {
      pool.calls.runBlocks += 1;
      await later(range);
      return runBlocks(scenario, range);
    },
    async runMetrics(scenario: Args[0], range: Args[1]) {
      pool.calls.runMetrics += 1;
      await later(range);
      return runRangeMetrics(scenario, range);
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
    expect(pool.calls.run).toBeGreaterThan(1);
    expect(pool.calls.runBlocks).toBe(0);
    expect(progress[progress.length - 1]).toBe(6);
  });

  it('without onOutput, runScenario has the pool sum blocks and gives the serial figures bit for bit', async () => {
    // 60 of a scenario's 200 replications: batches of 10, so blocks of 10 in tasks of whole blocks.
    const many = testScenario({ reps: 200, weeks: 50, outcomes: { assessmentWeeks: 20 } });
    const pool = reversingPool(2);
    const progress: number[] = [];
    const agg = await runScenario(pool, many, 60, (done) => progress.push(done));
    const serial = runSerial(many, 60);
    expect(agg.perBatch).toEqual(serial.perBatch);
    expect(agg.perReplication).toEqual(serial.perReplication);
    expect(JSON.stringify(agg.summary)).toBe(JSON.stringify(serial.summary));
    expect(pool.calls.run).toBe(0);
    expect(pool.calls.runBlocks).toBeGreaterThan(1);
    expect(progress.at(-1)).toBe(60);
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
    expect(pool.calls.runMetrics).toBe(6); // two points, replications in chunks of 2, 2 and 1
    expect(pool.calls.run).toBe(0);
  });
});
