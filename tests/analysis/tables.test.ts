import { csvParse } from 'd3';
import { describe, expect, it } from 'vitest';
import { CLOSURE_REASONS, comparePaired, comparisonTable, waitingTable, csvText, escapeFormula, keyFiguresTable, METRIC_NAMES, parseScenario, replicationsTable, roundDeep, runSerial, survivalTable, WEEKLY_SERIES, weeklyTable, type Summary } from '../../src/index.ts';
import { compareCsv } from '../../src/dashboard/csv.ts';

const scenario = parseScenario({ version: 1, name: 'tables', reps: 4, seed: 5, weeks: 50, outcomes: { assessmentWeeks: 20 } });
const aggregate = runSerial(scenario);

describe('CSV tables', () => {
  it('escape text that a spreadsheet would run as a formula, never numbers (case 16)', () => {
    for (const t of ['=HYPERLINK("http://evil","x")', '+1+1', '-2+3', '@SUM(A1)', '\tx', '\rx']) expect(escapeFormula(t)).toBe(`'${t}`);
    expect(escapeFormula('Flemish befriending')).toBe('Flemish befriending');
    const diff = roundDeep(comparePaired(aggregate, aggregate));
    const rows = csvParse(compareCsv(diff, '=HYPERLINK("http://evil","click")', '@cmd'));
    expect(rows[0].baseline_scenario).toBe(`'=HYPERLINK("http://evil","click")`);
    expect(rows[0].current_scenario).toBe("'@cmd");
    expect(csvText({ columns: ['x'], rows: [[-0.5], [null], [Number.NaN]] })).toBe('x\n-0.5\n\n\n');
  });
  it('take their columns from the metric and series lists', () => {
    expect(weeklyTable(aggregate.summary).columns).toEqual(['week', ...WEEKLY_SERIES.flatMap((s) => [`${s}_mean`, `${s}_lower`, `${s}_upper`])]);
    expect(replicationsTable(aggregate).columns).toEqual(['replication', ...METRIC_NAMES]);
    const band = (name: string) => [name, `${name}_lower`, `${name}_upper`];
    expect(survivalTable(aggregate.summary).columns).toEqual(['weeks', 'at_risk', ...band('still_running'), ...band('premature'), ...CLOSURE_REASONS.flatMap((r) => band(`incidence_${r.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`))]);
    expect(waitingTable(aggregate.summary).columns).toEqual(['weeks_since_referral', 'at_risk', ...band('matched'), ...band('left_unmatched')]);
    expect(keyFiguresTable(aggregate.summary).rows.slice(0, METRIC_NAMES.length).map((r) => r[0])).toEqual(METRIC_NAMES);
    expect(comparisonTable(comparePaired(aggregate, aggregate), 'a', 'b').rows.map((r) => r[0])).toEqual(METRIC_NAMES);
  });
  it('carry a figure added to the summary without a change here', () => {
    const s = structuredClone(aggregate.summary) as Summary & { weekly: Record<string, unknown>; survival: Record<string, unknown> };
    const weeks = s.weekly.activeMatches.mean.length;
    s.weekly.newSeries = { mean: Array(weeks).fill(1), lower: Array(weeks).fill(0), upper: Array(weeks).fill(2) };
    s.survival.cumulativeHazard = { value: s.survival.time.map(() => 0.25), lower: s.survival.time.map(() => 0.2), upper: s.survival.time.map(() => 0.3) };
    (s.metrics as Record<string, unknown>).newMetric = { label: 'New', unit: 'share', over: 'all referred', value: 0.5, ci95: [0.4, 0.6], pi95: [0, 1], sd: 0.1, n: 4 };
    expect(weeklyTable(s).columns.slice(-3)).toEqual(['newSeries_mean', 'newSeries_lower', 'newSeries_upper']);
    expect(survivalTable(s).columns.slice(-3)).toEqual(['cumulative_hazard', 'cumulative_hazard_lower', 'cumulative_hazard_upper']);
    expect(keyFiguresTable(s).rows.find((r) => r[0] === 'newMetric')).toEqual(['newMetric', 'New', 'share', 'all referred', 0.5, 0.4, 0.6, 0, 1, 0.1, 4]);
    const per = { ...aggregate.perReplication, newMetric: [1, 2, 3, 4] };
    expect(replicationsTable({ perReplication: per }).columns.at(-1)).toBe('newMetric');
  });
});
