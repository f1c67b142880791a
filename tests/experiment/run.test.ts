import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/analysis/interval.ts';
import { designPoints } from '../../src/experiment/points.ts';
import { replicationTable, summaries, summaryTable, tableRecords, tableToCsv } from '../../src/experiment/results.ts';
import { runExperiment, serialRunner, type ExperimentRunner, type ExperimentStore, type ReplicationRecord } from '../../src/experiment/run.ts';
import { runReplication } from '../../src/model/runReplication.ts';
import { replicationStats } from '../../src/analysis/repStats.ts';
import { experiment } from './support.ts';

/** An in-memory store that starts with some records, as after a crash. */
function memoryStore(initial: ReplicationRecord[] = []): ExperimentStore & { added: ReplicationRecord[] } {
  const added: ReplicationRecord[] = [];
  return { added, done: () => initial, add: (r) => added.push(r) };
}

describe('runExperiment', () => {
  it('runs every point\'s replications through runReplication with the experiment\'s seed', async () => {
    const e = experiment();
    const results = await runExperiment(e);
    expect(results.records).toHaveLength(9);
    const { points } = designPoints(e);
    const stats = replicationStats(runReplication(points[2].scenario, 1), points[2].scenario);
    const r = results.records.find((x) => x.point === 2 && x.replication === 1)!;
    expect(r.values).toEqual([stats.metrics.prematureIncidence, stats.metrics.effectMatched]);
  });
  it('gives paired differences: the same replication sees the same random numbers at every point', async () => {
    // Two points that differ only in a parameter that does not enter the run give equal values.
    const e = experiment({ factors: [{ path: 'coordinators.hourlyCost', levels: [40, 50] }], outputs: ['prematureIncidence', 'matchesStartedPerYear'] });
    const { records } = await runExperiment(e);
    const at = (p: number) => records.filter((r) => r.point === p).map((r) => r.values);
    expect(at(0)).toEqual(at(1));
  });
  it('runs only what the store does not hold, and ends with the same records', async () => {
    const e = experiment();
    const full = await runExperiment(e);
    const partial = full.records.filter((_, i) => i % 3 !== 1);
    const store = memoryStore(partial);
    const resumed = await runExperiment(e, { store });
    expect(store.added.map((r) => `${r.point}/${r.replication}`)).toEqual(full.records.filter((_, i) => i % 3 === 1).map((r) => `${r.point}/${r.replication}`));
    expect(resumed.records).toEqual(full.records);
  });
  it('runs a block of the units of work (a shard): point * replications + replication', async () => {
    const e = experiment();
    const shard = await runExperiment(e, { range: { start: 4, end: 7 } });
    expect(shard.records.map((r) => [r.point, r.replication])).toEqual([[1, 1], [1, 2], [2, 0]]);
  });
  it('orders results by point and replication whatever order tasks finish in', async () => {
    const e = experiment();
    const slowFirst: ExperimentRunner = {
      concurrency: 3,
      chunk: 1,
      async run(scenario, range, onStats) {
        await new Promise((r) => setTimeout(r, (range.start === 0 ? 20 : 0)));
        return serialRunner.run(scenario, range, onStats);
      },
    };
    expect((await runExperiment(e, { runner: slowFirst })).records).toEqual((await runExperiment(e)).records);
  });
  it('records a replication that throws as failed, with its reason, and runs the others', async () => {
    const e = experiment();
    const failing: ExperimentRunner = {
      async run(scenario, range, onStats) {
        for (let rep = range.start; rep < range.end; rep++) {
          if (scenario.params.programme.contactsPerWeek === 1.25 && rep === 1) throw new Error('boom');
          await serialRunner.run(scenario, { start: rep, end: rep + 1 }, onStats);
        }
      },
    };
    const results = await runExperiment(e, { runner: failing });
    expect(results.records).toHaveLength(9);
    expect(results.records.filter((r) => r.values === null)).toEqual([{ point: 1, replication: 1, values: null, error: 'boom' }]);
    const s = summaries(results).find((x) => x.point === 1 && x.metric === 'prematureIncidence')!;
    expect([s.summary.n, s.failed]).toEqual([2, 1]);
  });
  it('reports progress over the replications it runs', async () => {
    const seen: number[] = [];
    await runExperiment(experiment(), { onProgress: (done, total) => seen.push(done / total) });
    expect(seen).toHaveLength(9);
    expect(seen[8]).toBe(1);
  });
});

describe('result tables', () => {
  it('summaries are summarize() over each point\'s replications: mean, 95% CI of the mean, 95% range of runs', async () => {
    const results = await runExperiment(experiment());
    const s = summaries(results);
    expect(s).toHaveLength(3 * 2);
    const values = results.records.filter((r) => r.point === 2).map((r) => r.values![1]!);
    expect(s.find((x) => x.point === 2 && x.metric === 'effectMatched')!.summary).toEqual(summarize(values));
  });
  it('tidy long tables: one row per (point, replication, metric) and per (point, metric), with factor columns', async () => {
    const results = await runExperiment(experiment());
    const reps = replicationTable(results);
    expect(reps.columns.map((c) => c.name)).toEqual(['point', 'programme.contactsPerWeek', 'replication', 'metric', 'value', 'error']);
    expect(reps.rows).toBe(9 * 2);
    const sum = summaryTable(results);
    expect(sum.columns.map((c) => c.name)).toEqual(['point', 'programme.contactsPerWeek', 'metric', 'n', 'failed', 'mean', 'ci95_low', 'ci95_high', 'range95_low', 'range95_high', 'sd']);
    const csv = tableToCsv(sum).split('\n');
    expect(csv[1]).toMatch(/^0,0\.5,prematureIncidence,3,0,[0-9.]+,/);
    expect(csv).toHaveLength(2 * 3 + 2); // header, rows, final newline
  });
  it('a table as records: one per row, keyed by column name, missing values null', () => {
    expect(tableRecords({ rows: 2, columns: [{ name: 'a', type: 'string', values: ['x', 'y'] }, { name: 'b', type: 'float', values: [null, 1.5] }] }))
      .toEqual([{ a: 'x', b: null }, { a: 'y', b: 1.5 }]);
  });
  it('CSV quotes text with commas and leaves missing values empty', () => {
    expect(tableToCsv({ rows: 2, columns: [{ name: 'a', type: 'string', values: ['x,y', 'say "hi"'] }, { name: 'b', type: 'float', values: [null, 1.5] }] }))
      .toBe('a,b\n"x,y",\n"say ""hi""",1.5\n');
  });
});

describe('paired differences', () => {
  it('are the mean of run-by-run differences, with summarize()\'s interval', async () => {
    const { pairedDifferences } = await import('../../src/experiment/report/differences.ts');
    const results = await runExperiment(experiment());
    const d = pairedDifferences(results);
    expect(d.map((x) => `${x.level}-${x.reference}:${x.metric}`)).toEqual([
      '1.25-0.5:prematureIncidence', '1.25-0.5:effectMatched', '2-0.5:prematureIncidence', '2-0.5:effectMatched',
    ]);
    const at = (p: number) => results.records.filter((r) => r.point === p).map((r) => r.values![1]!);
    const diffs = at(2).map((v, i) => v - at(0)[i]);
    expect(d[3].difference).toEqual(summarize(diffs));
  });
});
