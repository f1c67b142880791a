import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvParse } from 'd3';
import { afterAll, describe, expect, it } from 'vitest';
import { comparePaired, METRIC_NAMES, parseScenario, roundDeep, runSerial } from '../../src/index.ts';
import { ResultWriter } from '../../src/io/results.ts';
import { compareCsv, metricsCsv, replicationsCsv, survivalCsv, weeklyCsv } from '../../src/dashboard/csv.ts';

const scenario = parseScenario({ version: 1, name: 'csv test', seed: 7, reps: 6, weeks: 60, outcomes: { assessmentWeeks: 30 } });
const aggregate = runSerial(scenario);
const dir = mkdtempSync(join(tmpdir(), 'buddysim-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('dashboard CSV exports', () => {
  it('weekly, survival and replications equal the command line files byte for byte', () => {
    const writer = ResultWriter.open(dir);
    writer.finish(aggregate);
    expect(weeklyCsv(aggregate.summary)).toBe(readFileSync(join(dir, 'weekly.csv'), 'utf8'));
    expect(survivalCsv(aggregate.summary)).toBe(readFileSync(join(dir, 'survival.csv'), 'utf8'));
    expect(replicationsCsv(aggregate)).toBe(readFileSync(join(dir, 'replications.csv'), 'utf8'));
  });

  it('key figures: one row per metric with its intervals and population, then effects by group', () => {
    const rows = csvParse(metricsCsv(aggregate.summary));
    expect(rows.columns).toEqual(['figure', 'label', 'unit', 'over', 'value', 'ci95_lower', 'ci95_upper', 'pi95_lower', 'pi95_upper', 'sd', 'n']);
    expect(rows.slice(0, METRIC_NAMES.length).map((r) => r.figure)).toEqual(METRIC_NAMES);
    const effect = rows.find((r) => r.figure === 'effectAllReferred')!;
    const m = aggregate.summary.metrics.effectAllReferred;
    expect(effect.value).toBe(String(m.value));
    expect(effect.ci95_lower).toBe(String(m.ci95[0]));
    expect(effect.over).toMatch(/all referred/);
    expect(rows.find((r) => r.figure === 'effectMatched')?.over).toMatch(/matched/);
    expect(rows.find((r) => r.figure === 'prematureIncidence')?.value).toBe(String(aggregate.summary.survival.prematureIncidence.value));
    expect(rows.some((r) => r.figure === 'effect:allReferred:wellbeing:first')).toBe(true);
  });

  it('writes undefined figures as empty cells', () => {
    const s = structuredClone(aggregate.summary);
    (s.metrics.costPerCompletedMatch as unknown as { value: number | null }).value = null;
    const rows = csvParse(metricsCsv(s));
    expect(rows.find((r) => r.figure === 'costPerCompletedMatch')?.value).toBe('');
    expect(rows.find((r) => r.figure === 'participantWait')?.label).toBe('Mean wait from referral to a first match, among those matched');
  });

  it('comparison: paired differences per metric with both scenario names', () => {
    const other = runSerial(parseScenario({ ...JSON.parse(JSON.stringify(aggregate.summary.scenarioFile)), name: 'other, longer', programme: { plannedWeeks: 20 } }));
    const diff = roundDeep(comparePaired(aggregate, other));
    const rows = csvParse(compareCsv(diff, 'csv test', 'other, longer'));
    expect(rows.length).toBe(METRIC_NAMES.length);
    const r = rows.find((x) => x.figure === 'matchesStartedPerYear')!;
    expect(r.difference).toBe(String(diff.matchesStartedPerYear.difference.value));
    expect(r.batches).toBe('6');
    expect(r.current_scenario).toBe('other, longer');
  });
});
