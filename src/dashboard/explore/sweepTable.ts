/**
 * What the Explore view draws: an experiment's points and, per point and figure, the mean over
 * replications with its two 95% intervals. It comes from a sweep run in the browser or from a
 * result file of `buddysim experiment run` (summary.csv, or replications.csv summarised here with
 * the same `summarize` as the command line), and both pass through the same columns. Pure: no DOM.
 */
import { csvParse, type DSVRowArray } from 'd3';
import { METRICS, ScenarioError, summarize, type MetricName } from '../../index.ts';
import { parameterField } from '../../experiment/factors.ts';
import { summaryTable, summaries, tableRecords } from '../../experiment/results.ts';
import type { ExperimentResults } from '../../experiment/run.ts';

/** A factor column: its name (a parameter path, a variants factor's name), label, unit and levels in order. */
export interface SweepFactor {
  name: string;
  label: string;
  unit: string;
  numeric: boolean;
  levels: (number | string)[];
}

/** One figure at one point over its replications. */
export interface SweepRow {
  point: number;
  metric: string;
  /** Replications with a value. */
  n: number;
  failed: number;
  mean: number;
  /** 95% confidence interval of the mean over replications (precision of the simulated value). */
  ci95: [number, number];
  /** 2.5th to 97.5th percentile of single replications (what one programme may show). */
  range95: [number, number];
}

export interface SweepTable {
  /** Where it comes from: a file name, or a sweep's name. */
  source: string;
  factors: SweepFactor[];
  /** Factor values of every point, by point number. */
  points: Map<number, Record<string, number | string>>;
  rows: SweepRow[];
  /** Figures in the order they first appear. */
  metrics: string[];
}

/** Result files larger than this are refused before they are read (a browser tab reads them whole). */
export const MAX_RESULT_BYTES = 32 * 1024 * 1024;

type Cell = string | number | null;

const SUMMARY_COLUMNS = ['point', 'metric', 'n', 'failed', 'mean', 'ci95_low', 'ci95_high', 'range95_low', 'range95_high'];
const REPLICATION_COLUMNS = ['point', 'replication', 'metric', 'value', 'error'];

const num = (c: Cell) => (c === null || c === '' ? NaN : typeof c === 'number' ? c : Number(c));

/** A factor's label and unit: the parameter's when the column is a parameter path. */
function describeFactor(name: string, values: Cell[]): SweepFactor {
  const spec = parameterField(name)?.spec;
  const present = values.filter((v): v is string | number => v !== null && v !== '');
  const numeric = present.length > 0 && present.every((v) => typeof v === 'number' || (v.trim() !== '' && Number.isFinite(Number(v))));
  const typed = present.map((v) => (numeric ? Number(v) : String(v)));
  const levels = [...new Set(typed)];
  if (numeric) (levels as number[]).sort((a, b) => a - b);
  return { name, label: spec?.label ?? name, unit: spec?.unit ?? '', numeric, levels };
}

/** Points and factors from rows of cells (one row per point and figure, or per replication too). */
function pointsOf(records: Record<string, Cell>[], factorNames: string[]): { factors: SweepFactor[]; points: Map<number, Record<string, number | string>> } {
  const factors = factorNames.map((name) => describeFactor(name, records.map((r) => r[name])));
  const points = new Map<number, Record<string, number | string>>();
  for (const r of records) {
    const p = num(r.point);
    if (points.has(p)) continue;
    points.set(p, Object.fromEntries(factors.map((f) => [f.name, f.numeric ? num(r[f.name]) : String(r[f.name] ?? '')])));
  }
  return { factors, points };
}

/** Reads the rows of a summary table (summary.csv's columns). */
function fromSummaryRecords(records: Record<string, Cell>[], factorNames: string[], source: string): SweepTable {
  const { factors, points } = pointsOf(records, factorNames);
  const rows: SweepRow[] = records.map((r) => ({
    point: num(r.point),
    metric: String(r.metric),
    n: num(r.n),
    failed: num(r.failed),
    mean: num(r.mean),
    ci95: [num(r.ci95_low), num(r.ci95_high)],
    range95: [num(r.range95_low), num(r.range95_high)],
  }));
  return { source, factors, points, rows, metrics: [...new Set(rows.map((r) => r.metric))] };
}

/**
 * Summarises the rows of a replications table (replications.csv's columns) per point and figure
 * as `buddysim experiment run` does: the mean and intervals of the values of replications that
 * did not fail (an empty value of such a replication had nothing to measure).
 */
function fromReplicationRecords(records: Record<string, Cell>[], factorNames: string[], source: string): SweepTable {
  const { factors, points } = pointsOf(records, factorNames);
  const groups = new Map<string, { point: number; metric: string; values: number[]; failed: number }>();
  for (const r of records) {
    const key = `${r.point}\u0000${r.metric}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { point: num(r.point), metric: String(r.metric), values: [], failed: 0 }));
    if (r.error !== null && r.error !== '') g.failed += 1;
    else g.values.push(num(r.value));
  }
  const rows: SweepRow[] = [...groups.values()].map((g) => {
    const s = summarize(g.values);
    return { point: g.point, metric: g.metric, n: s.n, failed: g.failed, mean: s.mean, ci95: s.ci95, range95: s.pi95 };
  });
  return { source, factors, points, rows, metrics: [...new Set(rows.map((r) => r.metric))] };
}

/**
 * A sweep's results (complete, or the replications so far) as the Explore view's table, through
 * the same summary table as summary.csv.
 *
 * @example
 *   tableFromResults(await runExperiment(experiment)).rows.length; // points x outputs
 */
export function tableFromResults(results: ExperimentResults): SweepTable {
  const table = summaryTable(results, summaries(results));
  const names = table.columns.map((c) => c.name);
  const out = fromSummaryRecords(tableRecords(table), names.slice(1, names.indexOf('metric')), results.experiment.name);
  // Factor labels and units from the experiment (variants factors have no parameter to ask).
  const byName = new Map([...(results.experiment.across ? [results.experiment.across] : []), ...results.experiment.factors].map((f) => [f.name, f]));
  for (const f of out.factors) {
    const e = byName.get(f.name);
    if (e) Object.assign(f, { label: e.label, unit: e.unit });
  }
  return out;
}

/**
 * Reads summary.csv or replications.csv as written by `buddysim experiment run`. Every problem is
 * one line naming the file, the line and the column.
 *
 * @example
 *   tableFromCsv('point,programme.contactsPerWeek,metric,n,failed,mean,ci95_low,ci95_high,range95_low,range95_high,sd\n0,0.5,matchedShare,20,0,0.8,0.78,0.82,0.7,0.9,0.05\n', 'summary.csv');
 */
export function tableFromCsv(text: string, fileName: string): SweepTable {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  let parsed: DSVRowArray<string>;
  try {
    parsed = csvParse<string>(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ScenarioError([`${fileName}: not a CSV file (${e instanceof Error ? e.message : String(e)})`]);
  }
  const columns: string[] = parsed.columns;
  const isReplications = REPLICATION_COLUMNS.every((c) => columns.includes(c));
  const isSummary = SUMMARY_COLUMNS.every((c) => columns.includes(c));
  if ((!isReplications && !isSummary) || columns[0] !== 'point') {
    const shown = firstLine.length > 120 ? `${firstLine.slice(0, 117)}...` : firstLine;
    throw new ScenarioError([
      `${fileName}: not a result table of buddysim experiment run: expected the columns of summary.csv (point, factors..., ${SUMMARY_COLUMNS.slice(1).join(', ')}, sd) or replications.csv (point, factors..., replication, metric, value, error); got "${shown}"`,
    ]);
  }
  const end = columns.indexOf(isReplications ? 'replication' : 'metric');
  const factorNames = columns.slice(1, end);
  const problems: string[] = [];
  const numeric = isReplications ? ['point', 'replication', 'value'] : ['point', 'n', 'failed', 'mean', 'ci95_low', 'ci95_high', 'range95_low', 'range95_high'];
  parsed.forEach((row, i) => {
    if (problems.length >= 20) return;
    for (const c of numeric) {
      const v = row[c] ?? '';
      if (v !== '' && !Number.isFinite(Number(v))) problems.push(`${fileName}: line ${i + 2}, column ${c}: got "${v.slice(0, 40)}"; must be a number or empty`);
    }
    const p = Number(row.point);
    if (!(row.point !== '' && Number.isInteger(p) && p >= 0)) problems.push(`${fileName}: line ${i + 2}, column point: got "${(row.point ?? '').slice(0, 40)}"; must be a whole number from 0`);
    if (!row.metric) problems.push(`${fileName}: line ${i + 2}, column metric: empty; must name a figure`);
  });
  if (problems.length > 0) throw new ScenarioError(problems);
  if (parsed.length === 0) throw new ScenarioError([`${fileName}: has a header but no rows`]);
  const rows = parsed as unknown as Record<string, Cell>[];
  return isReplications ? fromReplicationRecords(rows, factorNames, fileName) : fromSummaryRecords(rows, factorNames, fileName);
}

/** A figure's label and unit for axes: the metric's declaration, or the column's own name. */
export function metricLabel(metric: string): { label: string; unit: string } {
  const m = METRICS[metric as MetricName];
  return m ? { label: m.label, unit: m.unit } : { label: metric, unit: '' };
}

/** Factors that take more than one value (what the points sweep). */
export function varyingFactors(t: SweepTable): SweepFactor[] {
  return t.factors.filter((f) => f.levels.length > 1);
}
