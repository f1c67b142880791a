import { summarize, type RepSummary } from '../analysis/interval.ts';
import type { MetricName } from '../analysis/metrics.ts';
import type { Factor, FactorValue } from './factors.ts';
import type { Experiment } from './experiment.ts';
import type { ExperimentResults, ReplicationRecord } from './run.ts';

/** Column names the result tables use themselves; a factor may not take one of them. */
export const RESERVED_COLUMNS = ['point', 'replication', 'metric', 'value', 'n', 'failed', 'mean', 'ci95_low', 'ci95_high', 'range95_low', 'range95_high', 'sd', 'error'];

/** One output metric at one point, over its replications. */
export interface PointSummary {
  readonly point: number;
  readonly metric: MetricName;
  /** Mean, 95% CI of the mean (precision of the simulated value), 95% range of single runs, SD, n. */
  readonly summary: RepSummary;
  /** Replications that failed (no values). */
  readonly failed: number;
}

/** Every factor as a result column: the `across` factor first, then the design's factors. */
export function factorColumns(experiment: Experiment): readonly Factor[] {
  return [...(experiment.across ? [experiment.across] : []), ...experiment.factors];
}

/** Records grouped per point, in replication order (results of a whole experiment). */
function byPoint(results: ExperimentResults): ReplicationRecord[][] {
  const groups: ReplicationRecord[][] = results.design.points.map(() => []);
  for (const r of results.records) groups[r.point].push(r);
  return groups;
}

/** Whether the results hold every replication of every point. */
export function isComplete(results: ExperimentResults): boolean {
  return results.records.length === results.design.points.length * results.experiment.replications;
}

/**
 * Mean and intervals of every output at every point (points in order, metrics in the
 * experiment's order), from the replications' values with `summarize`.
 *
 * @example
 *   summaries(results).find((s) => s.point === 3 && s.metric === 'prematureIncidence')?.summary.ci95;
 */
export function summaries(results: ExperimentResults): PointSummary[] {
  const out: PointSummary[] = [];
  const outputs = results.experiment.outputs;
  byPoint(results).forEach((records, point) => {
    const failed = records.filter((r) => r.values === null).length;
    outputs.forEach((metric, m) => {
      const values = records.flatMap((r) => (r.values === null ? [] : [r.values[m] ?? NaN]));
      out.push({ point, metric, summary: summarize(values), failed });
    });
  });
  return out;
}

/** A column of a tidy table: typed, so CSV and Parquet say the same. */
export interface Column {
  readonly name: string;
  readonly type: 'int' | 'float' | 'string';
  readonly values: (number | string | null)[];
}

export interface Table {
  readonly columns: readonly Column[];
  readonly rows: number;
}

/**
 * A table's rows as records keyed by column name, in row order: what Plot, Inputs.table and the
 * dashboard's sweep table read.
 *
 * @example
 *   tableRecords(summaryTable(results))[0]; // { point: 0, ..., metric: 'matchedShare', mean: 0.71, ci95_low: 0.66, ... }
 */
export function tableRecords(table: Table): Record<string, number | string | null>[] {
  return Array.from({ length: table.rows }, (_, i) => Object.fromEntries(table.columns.map((c) => [c.name, c.values[i]])));
}

const finite = (x: number) => (Number.isFinite(x) ? x : null);

function factorValueColumns(experiment: Experiment): { factor: Factor; column: Column }[] {
  return factorColumns(experiment).map((factor) => ({ factor, column: { name: factor.name, type: factor.numeric ? 'float' : 'string', values: [] } }));
}

function pushValues(cols: { factor: Factor; column: Column }[], values: Readonly<Record<string, FactorValue>>): void {
  for (const { factor, column } of cols) column.values.push(factor.numeric ? Number(values[factor.name]) : String(values[factor.name]));
}

/**
 * The long table of single runs: one row per (point, replication, metric), with the point's
 * factor values; `value` is empty where the run had nothing to measure or failed (`error` says why).
 */
export function replicationTable(results: ExperimentResults): Table {
  const { experiment, design } = results;
  const point: Column = { name: 'point', type: 'int', values: [] };
  const factors = factorValueColumns(experiment);
  const replication: Column = { name: 'replication', type: 'int', values: [] };
  const metric: Column = { name: 'metric', type: 'string', values: [] };
  const value: Column = { name: 'value', type: 'float', values: [] };
  const error: Column = { name: 'error', type: 'string', values: [] };
  for (const r of results.records) {
    experiment.outputs.forEach((m, i) => {
      point.values.push(r.point);
      pushValues(factors, design.points[r.point].values);
      replication.values.push(r.replication);
      metric.values.push(m);
      value.values.push(r.values === null ? null : r.values[i]);
      error.values.push(r.error ?? null);
    });
  }
  return { columns: [point, ...factors.map((f) => f.column), replication, metric, value, error], rows: point.values.length };
}

/**
 * The long table of points: one row per (point, metric) with n, the mean, the 95% confidence
 * interval of the mean over replications (ci95_*: how precisely the runs pin down the expected
 * value) and the 95% range of single runs (range95_*: 2.5th and 97.5th percentiles, what one
 * programme may show), the SD over replications, and the number of failed replications.
 */
export function summaryTable(results: ExperimentResults, rows: readonly PointSummary[] = summaries(results)): Table {
  const { experiment, design } = results;
  const cols = {
    point: { name: 'point', type: 'int', values: [] } as Column,
    factors: factorValueColumns(experiment),
    metric: { name: 'metric', type: 'string', values: [] } as Column,
    n: { name: 'n', type: 'int', values: [] } as Column,
    failed: { name: 'failed', type: 'int', values: [] } as Column,
    mean: { name: 'mean', type: 'float', values: [] } as Column,
    ciLow: { name: 'ci95_low', type: 'float', values: [] } as Column,
    ciHigh: { name: 'ci95_high', type: 'float', values: [] } as Column,
    rangeLow: { name: 'range95_low', type: 'float', values: [] } as Column,
    rangeHigh: { name: 'range95_high', type: 'float', values: [] } as Column,
    sd: { name: 'sd', type: 'float', values: [] } as Column,
  };
  for (const s of rows) {
    cols.point.values.push(s.point);
    pushValues(cols.factors, design.points[s.point].values);
    cols.metric.values.push(s.metric);
    cols.n.values.push(s.summary.n);
    cols.failed.values.push(s.failed);
    cols.mean.values.push(finite(s.summary.mean));
    cols.ciLow.values.push(finite(s.summary.ci95[0]));
    cols.ciHigh.values.push(finite(s.summary.ci95[1]));
    cols.rangeLow.values.push(finite(s.summary.pi95[0]));
    cols.rangeHigh.values.push(finite(s.summary.pi95[1]));
    cols.sd.values.push(finite(s.summary.sd));
  }
  const { point, factors, ...rest } = cols;
  return { columns: [point, ...factors.map((f) => f.column), ...Object.values(rest)], rows: point.values.length };
}

const csvCell = (v: number | string | null) => {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
};

/** A table as CSV (RFC 4180): a header row, numbers at full precision, empty cells for missing values. */
export function tableToCsv(table: Table): string {
  const lines = [table.columns.map((c) => csvCell(c.name)).join(',')];
  for (let i = 0; i < table.rows; i++) lines.push(table.columns.map((c) => csvCell(c.values[i])).join(','));
  return lines.join('\n') + '\n';
}
