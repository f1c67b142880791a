import { afterAll, describe, expect, it } from 'vitest';
import { ScenarioPool, runScenario, type PoolError } from '../../src/cli/pool.ts';
import { runSetOnPool } from '../../src/cli/commands/calibrate.ts';
import { runRangeWithExtras, serialRunner, type RepWithExtras } from '../../src/calibration/runSet.ts';
import { parseScenario, runRange, runSerial, scenarioToFile, type RepOutput } from '../../src/index.ts';

const scenario = parseScenario({ version: 1, name: 'pool', reps: 13, seed: 4, weeks: 60, outcomes: { assessmentWeeks: 30 } });
const serial = JSON.stringify(runSerial(scenario).summary);

describe('the worker pool', () => {
  const pool = ScenarioPool.create({ workers: 2 });
  afterAll(() => pool.destroy());

  it('gives the serial summary byte for byte, and runs many scenarios without being rebuilt', async () => {
    expect(JSON.stringify((await pool.runScenario(scenario)).summary)).toBe(serial);
    const other = parseScenario({ ...scenarioToFile(scenario), programme: { contactsPerWeek: 0.25 } });
    const [a, b] = await Promise.all([pool.runScenario(other), pool.runScenario(scenario)]);
    expect(JSON.stringify(a.summary)).toBe(JSON.stringify(runSerial(other).summary));
    expect(JSON.stringify(b.summary)).toBe(serial);
    expect(JSON.stringify((await runScenario(scenario, { workers: 1 })).summary)).toBe(serial);
  });

  it('sums whole blocks of replications in the workers when no replication is asked for: the serial figures bit for bit, and the records asked for', async () => {
    // 210 replications: 20 batches of 10 or 11, so blocks of 10 and of 1.
    const many = parseScenario({ ...scenarioToFile(scenario), reps: 210 });
    const records: number[] = [];
    const progress: number[] = [];
    const pooled = await pool.runScenario(many, { recordsBelow: 3, onRecords: (r) => records.push(r.replication), onProgress: (done) => progress.push(done) });
    const { summary, perReplication, perBatch } = runSerial(many);
    expect(pooled.perBatch).toEqual(perBatch);
    expect(pooled.perReplication).toEqual(perReplication);
    expect(JSON.stringify(pooled.summary)).toBe(JSON.stringify(summary));
    expect(records).toEqual([0, 1, 2]);
    expect(progress.at(-1)).toBe(210);
  });

  it('runs a range of replications, passing every output in order with progress', async () => {
    const seen: number[] = [];
    const progress: number[] = [];
    const outputs: RepOutput[] = [];
    await pool.runScenario(scenario, {
      range: { start: 4, end: 11 },
      recordsBelow: 6,
      onOutput: (o) => {
        seen.push(o.stats.replication);
        outputs.push(o);
      },
      onProgress: (done, total) => progress.push(done / total),
    });
    expect(seen).toEqual([4, 5, 6, 7, 8, 9, 10]);
    expect(outputs.map((o) => o.records !== undefined)).toEqual([true, true, false, false, false, false, false]);
    expect(progress.at(-1)).toBe(1);
  });

  it('hands each replication on in order without a summary (runEach), with calibration extras computed in the workers', async () => {
    const seen: RepOutput[] = [];
    const progress: [number, number][] = [];
    await pool.runEach(scenario, { start: 2, end: 11 }, 'stats', (o) => seen.push(o), (done, total) => progress.push([done, total]));
    expect(seen.map((o) => o.stats.replication)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(progress.at(-1)).toEqual([9, 9]);
    expect(seen).toEqual(runRange(scenario, { start: 2, end: 11 }));
    const withExtras: RepWithExtras[] = [];
    await pool.runEach(scenario, { start: 0, end: 13 }, 'extras', (o) => withExtras.push(o));
    expect(withExtras).toEqual(runRangeWithExtras(scenario, { start: 0, end: 13 }));
    // The calibration's runner on the pool gives the serial runner's sets.
    const [pooled, serial] = [await runSetOnPool(pool)(scenario, 13, 4), await serialRunner(scenario, 13, 4)];
    expect(JSON.stringify(pooled.whole.summary)).toBe(JSON.stringify(serial.whole.summary));
    expect(pooled.whole.extras).toEqual(serial.whole.extras);
    expect(pooled.batches.map((b) => b.stats.length)).toEqual(serial.batches.map((b) => b.stats.length));
  });

  it("hands back each replication's figures only for an experiment, equal to the full statistics' figures", async () => {
    const figures = await pool.runRangeMetrics(scenario, { start: 2, end: 7 });
    const full = await pool.runRange(scenario, { start: 2, end: 7 });
    expect(figures.map((f) => f.replication)).toEqual([2, 3, 4, 5, 6]);
    expect(figures).toEqual(full.map((o) => ({ replication: o.stats.replication, participantWeeks: o.stats.participantWeeks, metrics: o.stats.metrics })));
    expect(figures[0]).not.toHaveProperty('packed');
  });
});

describe('the watchdog (case 13)', () => {
  it('stops a worker stuck in an endless loop with a clear error instead of hanging the run', async () => {
    const pool = ScenarioPool.create({ workers: 2, workerFile: new URL('../support/hangWorker.mjs', import.meta.url), watchdog: { minMs: 300, factor: 1 } });
    try {
      const error = (await pool.runScenario(scenario).catch((e: unknown) => e)) as PoolError;
      expect(error.name).toBe('PoolError');
      expect(error.exitCode).toBe(70);
      expect(error.message).toMatch(/replications 0 to \d+ of "pool" ran for 0.3 s, more than 1 times the expected 0.0 s: stopped by the watchdog/);
    } finally {
      await pool.destroy();
    }
  });
});
