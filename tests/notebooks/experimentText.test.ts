import { describe, expect, it } from 'vitest';
import { runExperiment } from '../../src/experiment/run.ts';
import { summaryTable } from '../../src/experiment/results.ts';
import { fileLoader } from '../../src/io/readScenario.ts';
import { parquetRows } from '../../src/experiment/parquet.ts';
import { EXAMPLE_EXPERIMENT, readExperimentText, resultFiles } from '../../src/notebooks/experimentText.ts';

const text = (o: unknown) => JSON.stringify(o, null, 2);

describe('experiment files typed into a notebook', () => {
  it('reads the example: valid, 4 steps x 3 mechanisms x 4 replications', () => {
    const read = readExperimentText(text(EXAMPLE_EXPERIMENT), fileLoader);
    expect(read.problems).toEqual([]);
    expect(read.runs).toBe(48);
    expect(read.experiment?.across?.levels).toEqual(['duration', 'frequency', 'neither']);
  });

  it('gives problems as lines, never throws: JSON syntax, a duplicate key, an unknown field, a bad range', () => {
    expect(readExperimentText('{ "version": 1,', fileLoader).problems[0]).toBe("experiment: not valid JSON at line 1, column 16: a field name in double quotes expected");
    expect(readExperimentText('{ "version": 1, "version": 1 }', fileLoader).problems).toEqual([expect.stringMatching(/duplicate key "version"/)]);
    const unknown = readExperimentText(text({ ...EXAMPLE_EXPERIMENT, colour: 'red' }), fileLoader);
    expect(unknown.runs).toBe(0);
    expect(unknown.problems).toEqual([expect.stringMatching(/colour/)]);
    const range = readExperimentText(text({ ...EXAMPLE_EXPERIMENT, factors: [{ path: 'programme.contactsPerWeek', range: [0.25, 99] }] }), fileLoader);
    expect(range.problems).toEqual([expect.stringMatching(/^factors\.0\.range.*99/)]);
  });

  it('refuses more runs than a page should start, and says what to do', () => {
    const big = readExperimentText(text({ ...EXAMPLE_EXPERIMENT, replications: 200 }), fileLoader);
    expect(big.experiment).toBeUndefined();
    expect(big.runs).toBe(2400);
    expect(big.problems).toEqual(['experiment: 2400 runs (points x replications); a notebook runs at most 2000 in the page: lower the replications or the design\'s size, or run it with buddysim experiment run']);
    expect(readExperimentText(text({ ...EXAMPLE_EXPERIMENT, replications: 200 }), fileLoader, 5000).problems).toEqual([]);
  });

  it('gives the files of buddysim experiment run; the Parquet summary reads back as the summary table', async () => {
    const { experiment } = readExperimentText(text({ ...EXAMPLE_EXPERIMENT, design: { type: 'full-factorial', steps: 2 }, across: undefined, replications: 2 }), fileLoader);
    const results = await runExperiment(experiment!);
    const files = resultFiles(results);
    expect(files.map((f) => f.name)).toEqual(['experiment.json', 'summary.csv', 'summary.parquet', 'replications.csv', 'replications.parquet']);
    expect(JSON.parse(files[0].content as string)).toEqual(experiment!.file);
    const table = summaryTable(results);
    const rows = parquetRows(files[2].content as Uint8Array);
    expect(rows).toHaveLength(table.rows);
    expect(Object.keys(rows[0])).toEqual(table.columns.map((c) => c.name));
    for (const c of table.columns) expect(rows.map((r) => r[c.name]), c.name).toEqual(c.values);
    expect((files[1].content as string).split('\n')[0]).toBe(table.columns.map((c) => c.name).join(','));
    expect(parquetRows(files[4].content as Uint8Array)).toHaveLength(2 * 2 * 2);
  });
});
