import { describe, expect, it } from 'vitest';
import { problemsOf } from '../support/problems.ts';
import { parseExperiment, replicationTable, runExperiment, summaryTable, tableToCsv } from '../../src/experiment/index.ts';
import { tableFromCsv, tableFromResults } from '../../src/dashboard/explore/sweepTable.ts';
import { defaultChoice, sweepChart, valueFormat } from '../../src/dashboard/explore/sweepChart.ts';

const SMALL = { version: 1, name: 'small', weeks: 40, reps: 1, seed: 5, outcomes: { assessmentWeeks: 20 } };
const experiment = parseExperiment({
  version: 1,
  name: 'table test',
  scenario: SMALL,
  factors: [{ path: 'programme.contactsPerWeek', range: [0.5, 2], steps: 3 }, { path: 'programme.matching', levels: ['first-come', 'deep'] }],
  across: { name: 'mechanism', variants: [{ label: 'duration', set: { 'programme.mechanism': 'duration' } }, { label: 'frequency', set: { 'programme.mechanism': 'frequency' } }] },
  design: { type: 'full-factorial' },
  replications: 3,
  outputs: ['prematureIncidence', 'matchedShare', 'effectMatched'],
});
const results = await runExperiment(experiment);
const summaryCsv = tableToCsv(summaryTable(results));
const replicationsCsv = tableToCsv(replicationTable(results));

describe('the Explore view\'s table of an experiment', () => {
  it('reads summary.csv of buddysim experiment run as the results it was written from', () => {
    const fromFile = tableFromCsv(summaryCsv, 'summary.csv');
    const live = tableFromResults(results);
    expect(fromFile.rows).toEqual(live.rows);
    expect(fromFile.points).toEqual(live.points);
    expect(fromFile.factors.map((f) => [f.name, f.numeric, f.levels])).toEqual([
      ['mechanism', false, ['duration', 'frequency']],
      ['programme.contactsPerWeek', true, [0.5, 1.25, 2]],
      ['programme.matching', false, ['first-come', 'deep']],
    ]);
    expect(fromFile.factors[1].label).toBe('Contact frequency');
    expect(fromFile.metrics).toEqual(['prematureIncidence', 'matchedShare', 'effectMatched']);
    expect(fromFile.rows.length).toBe(2 * 3 * 2 * 3);
  });

  it('summarises replications.csv per point and figure exactly as summary.csv has it', () => {
    const fromReps = tableFromCsv(replicationsCsv, 'replications.csv');
    const fromSummary = tableFromCsv(summaryCsv, 'summary.csv');
    const key = (r: { point: number; metric: string }) => `${r.point}/${r.metric}`;
    const sorted = (rows: typeof fromReps.rows) => [...rows].sort((a, b) => (key(a) < key(b) ? -1 : 1));
    expect(sorted(fromReps.rows)).toEqual(sorted(fromSummary.rows));
  });

  it('counts failed replications apart from values that had nothing to measure', () => {
    const csv = 'point,f,replication,metric,value,error\n0,1,0,m,0.5,\n0,1,1,m,,\n0,1,2,m,,boom\n1,2,0,m,0.7,\n';
    const t = tableFromCsv(csv, 'replications.csv');
    expect(t.rows[0]).toMatchObject({ point: 0, n: 1, failed: 1, mean: 0.5 });
    expect(t.rows[1]).toMatchObject({ point: 1, n: 1, failed: 0, mean: 0.7 });
  });

  it('refuses other files with one line naming the file, line and column', () => {
    expect(problemsOf(() => tableFromCsv('a,b\n1,2\n', 'other.csv'))[0]).toMatch(/^other\.csv: not a result table of buddysim experiment run: expected the columns of summary\.csv .*; got "a,b"$/);
    const bad = summaryCsv.replace(/\n0,/, '\nzero,');
    expect(problemsOf(() => tableFromCsv(bad, 'summary.csv'))).toContain('summary.csv: line 2, column point: got "zero"; must be a whole number from 0');
    expect(problemsOf(() => tableFromCsv(summaryCsv.split('\n')[0] + '\n', 'summary.csv'))).toEqual(['summary.csv: has a header but no rows']);
    const many = ['point,metric,n,failed,mean,ci95_low,ci95_high,range95_low,range95_high,sd', ...Array.from({ length: 50 }, () => 'x,m,1,0,1,1,1,1,1,0')].join('\n');
    expect(problemsOf(() => tableFromCsv(many, 'big.csv')).length).toBeLessThanOrEqual(21);
  });

  it('draws a line with bands against a number, lines per level, a heat map over two, intervals for levels without an order', () => {
    const t = tableFromResults(results);
    const first = defaultChoice(t)!;
    expect(first).toEqual({ metric: 'prematureIncidence', x: 'mechanism', second: 'programme.contactsPerWeek', secondAs: 'heatmap', fixed: { 'programme.matching': 'first-come' } });
    expect(sweepChart(t, first, 640).kind).toBe('heatmap');
    const line = sweepChart(t, { ...first, x: 'programme.contactsPerWeek', second: null, fixed: { mechanism: 'frequency', 'programme.matching': 'deep' } }, 640);
    expect(line.kind).toBe('line');
    expect(line.svg).toContain('held: mechanism = frequency, programme.matching = deep');
    expect((line.svg.match(/<circle /g) ?? []).length).toBe(3);
    const lines = sweepChart(t, { ...first, x: 'programme.contactsPerWeek', second: 'programme.matching', secondAs: 'lines', fixed: { mechanism: 'duration' } }, 640);
    expect((lines.svg.match(/<circle /g) ?? []).length).toBe(6);
    const intervals = sweepChart(t, { ...first, metric: 'effectMatched', second: null, fixed: { 'programme.contactsPerWeek': '2', 'programme.matching': 'deep' } }, 360);
    expect(intervals.kind).toBe('intervals');
    expect(intervals.svg).toMatch(/width="360"/);
    // A heat map of effects names their unit; one of shares does not need to (the cells say %).
    expect(sweepChart(t, { ...first, metric: 'effectMatched' }, 640).svg).toContain('cell: mean (g, in SDs of the counterfactual)');
    expect(sweepChart(t, first, 640).svg).not.toContain('cell: mean (');
  });

  it('keeps what still fits of the previous choice for a new table', () => {
    const t = tableFromResults(results);
    const picked = { metric: 'matchedShare', x: 'programme.contactsPerWeek', second: 'programme.matching', secondAs: 'lines' as const, fixed: { mechanism: 'frequency' } };
    expect(defaultChoice(t, picked)).toEqual(picked);
    expect(defaultChoice(t, { ...picked, metric: 'gone', x: 'gone' })).toMatchObject({ metric: 'prematureIncidence', x: 'mechanism' });
  });

  it('shows shares in per cent', () => {
    expect(valueFormat('share')(0.576)).toBe('57.6%');
    expect(valueFormat('share')(0.4)).toBe('40%');
    expect(valueFormat('g')(0.12345)).toBe('0.123');
    // Near zero, a heat map cell keeps the tables' three decimals: not "0.000541" or "-0.000906".
    expect(valueFormat('g')(0.000541)).toBe('0.001');
    expect(valueFormat('g')(-0.000406)).toBe('0.000');
    expect(valueFormat('g')(-0.00458)).toBe('-0.005');
    expect(valueFormat('EUR')(1345.6)).toBe('EUR 1,346');
  });

  it('writes text from a loaded file into the chart as text, never as markup', () => {
    const hostile = 'point,<img src=x onerror=alert(1)>,metric,n,failed,mean,ci95_low,ci95_high,range95_low,range95_high,sd\n0,"<b>a</b>",m,2,0,1,0.9,1.1,0.8,1.2,0.1\n1,"</title><script>x</script>",m,2,0,2,1.9,2.1,1.8,2.2,0.1\n';
    const t = tableFromCsv(hostile, 'hostile.csv');
    const svg = sweepChart(t, defaultChoice(t)!, 640).svg;
    expect(svg).not.toMatch(/<img|<script|<b>/);
    expect(svg).toContain('&lt;/title&gt;&lt;script&gt;');
  });
});
