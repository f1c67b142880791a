import { appendFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LogStore, logLine, parseLogLine, readLog } from '../../src/io/experimentLog.ts';
import { parquetRows, tableToParquet } from '../../src/experiment/parquet.ts';
import { runExperiment } from '../../src/experiment/run.ts';
import { replicationTable, summaryTable } from '../../src/experiment/results.ts';
import { experiment } from './support.ts';

describe('the experiment log', () => {
  it('writes one checksummed line per replication and reads it back exactly', () => {
    const r = { point: 3, replication: 7, values: [0.1 + 0.2, null, 1e-300] };
    expect(parseLogLine(logLine(r).trimEnd())).toEqual(r);
    const failed = { point: 1, replication: 0, values: null, error: 'boom' };
    expect(parseLogLine(logLine(failed).trimEnd())).toEqual(failed);
  });
  it('rejects a torn or altered line by its checksum', () => {
    const line = logLine({ point: 3, replication: 7, values: [0.25] }).trimEnd();
    expect(parseLogLine(line.slice(0, -3))).toBeUndefined();
    expect(parseLogLine(line.replace('0.25', '0.26'))).toBeUndefined();
    expect(parseLogLine('{"p":3')).toBeUndefined();
  });
  it('resumes after a torn last line: intact records kept, the torn one counted, new lines in a new file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'buddysim-log-'));
    const a = new LogStore(dir);
    a.add({ point: 0, replication: 0, values: [1] });
    a.add({ point: 0, replication: 1, values: [2] });
    a.close();
    const [file] = readdirSync(dir);
    appendFileSync(join(dir, file), logLine({ point: 0, replication: 2, values: [3] }).slice(0, 12));
    const b = new LogStore(dir);
    expect([...b.done()].map((r) => r.replication)).toEqual([0, 1]);
    expect(b.torn).toBe(1);
    b.add({ point: 0, replication: 2, values: [3] });
    b.close();
    expect(readdirSync(dir)).toHaveLength(2);
    expect(readLog(dir).records.map((r) => r.replication).sort()).toEqual([0, 1, 2]);
    writeFileSync(join(dir, 'notes.txt'), 'not a log');
    expect(readLog(dir).records).toHaveLength(3);
    expect(readFileSync(join(dir, file), 'utf8').split('\n')[0]).toMatch(/^\{"p":0,"r":0,"v":\[1\]\}\t[0-9a-f]{8}$/);
  });

  it('reads a log larger than the 1 MB bound on input files: a large experiment\'s own results (76,800 lines for levers-sobol)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'buddysim-log-'));
    const values = [0.123456789, 0.234567891, 0.345678912];
    const lines: string[] = [];
    for (let r = 0; r < 30_000; r++) lines.push(logLine({ point: r % 7, replication: r, values }));
    writeFileSync(join(dir, 'a.log'), lines.join(''));
    expect(lines.join('').length).toBeGreaterThan(1024 * 1024);
    const log = readLog(dir);
    expect(log.torn).toBe(0);
    expect(log.records).toHaveLength(30_000);
    expect(log.records[29_999]).toEqual({ point: 29_999 % 7, replication: 29_999, values });
  });
});

describe('Parquet', () => {
  it('round-trips the tidy tables: typed columns, nulls for missing values', async () => {
    const results = await runExperiment(experiment({ outputs: ['prematureIncidence', 'deepQualityCorrelation'] }));
    for (const table of [summaryTable(results), replicationTable(results)]) {
      const rows = parquetRows(tableToParquet(table));
      expect(rows).toHaveLength(table.rows);
      rows.forEach((row, i) => {
        for (const c of table.columns) expect(row[c.name], `${c.name} row ${i}`).toEqual(c.values[i]);
      });
    }
  });
  it('writes the same bytes for the same table', async () => {
    const results = await runExperiment(experiment());
    expect(Buffer.from(tableToParquet(summaryTable(results))).equals(Buffer.from(tableToParquet(summaryTable(results))))).toBe(true);
  });
  it('is a Parquet file: PAR1 at both ends, Arrow schema kept', async () => {
    const bytes = Buffer.from(tableToParquet(summaryTable(await runExperiment(experiment()))));
    expect(bytes.subarray(0, 4).toString()).toBe('PAR1');
    expect(bytes.subarray(-4).toString()).toBe('PAR1');
    expect(bytes.includes('ARROW:schema')).toBe(true);
  });
});
