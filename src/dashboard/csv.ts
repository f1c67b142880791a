/**
 * The dashboard's result exports as CSV text. weekly, survival and replications have the same
 * columns and values as the command line's files (docs/outputs.md), so either can be analysed
 * with the same script; key figures and comparisons are the dashboard's own tables.
 */
import { csvFormatRows } from 'd3';
import { CLOSURE_REASONS, METRIC_NAMES, WEEKLY_SERIES, type Aggregate, type Band, type MetricName, type PairedDifference, type Summary } from '../index.ts';

const r6 = (x: number) => Number(x.toPrecision(6));
/** A number as the summary holds it (NaN was written as null by the rounding): empty when missing. */
const cell = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? '' : String(x));

export function weeklyCsv(summary: Summary): string {
  const weeks = summary.weekly.activeMatches.mean.length;
  const rows: string[][] = [['week', ...WEEKLY_SERIES.flatMap((s) => [`${s}_mean`, `${s}_lower`, `${s}_upper`])]];
  for (let w = 0; w < weeks; w++) {
    rows.push([String(w), ...WEEKLY_SERIES.flatMap((s) => [summary.weekly[s].mean[w], summary.weekly[s].lower[w], summary.weekly[s].upper[w]].map(String))]);
  }
  return csvFormatRows(rows) + '\n';
}

export function survivalCsv(summary: Summary): string {
  const sv = summary.survival;
  const bandCols = (name: string) => [name, `${name}_lower`, `${name}_upper`];
  const bandAt = (b: Band, i: number) => [b.value[i], b.lower[i], b.upper[i]];
  const rows = [['weeks', 'at_risk', ...bandCols('still_running'), ...bandCols('premature'), ...CLOSURE_REASONS.flatMap((r) => bandCols(`incidence_${r}`))]];
  sv.time.forEach((t, i) => rows.push([t, sv.atRisk[i], ...bandAt(sv.stillRunning, i), ...bandAt(sv.premature, i), ...CLOSURE_REASONS.flatMap((r) => bandAt(sv.incidence[r], i))].map(String)));
  return csvFormatRows(rows) + '\n';
}

export function replicationsCsv(aggregate: Aggregate): string {
  const { perReplication } = aggregate;
  const rows = [['replication', ...METRIC_NAMES]];
  const n = perReplication[METRIC_NAMES[0]].length;
  for (let i = 0; i < n; i++) {
    rows.push([String(i), ...METRIC_NAMES.map((m) => (Number.isFinite(perReplication[m][i]) ? String(r6(perReplication[m][i])) : ''))]);
  }
  return csvFormatRows(rows) + '\n';
}

/** Key figures: one row per metric (value, 95% CI, 95% of single runs), then the effects by group. */
export function metricsCsv(summary: Summary): string {
  const rows: string[][] = [['figure', 'label', 'unit', 'over', 'value', 'ci95_lower', 'ci95_upper', 'pi95_lower', 'pi95_upper', 'sd', 'n']];
  for (const m of METRIC_NAMES) {
    const x = summary.metrics[m];
    rows.push([m, x.label, x.unit, x.over, cell(x.value), cell(x.ci95[0]), cell(x.ci95[1]), cell(x.pi95[0]), cell(x.pi95[1]), cell(x.sd), String(x.n)]);
  }
  for (const [group, byDomain] of Object.entries(summary.effects.groups)) {
    for (const [domain, e] of Object.entries(byDomain)) {
      rows.push([`effect:${group}:${domain}`, `Effect on ${domain}, ${group}`, 'g', group, cell(e.value), cell(e.lower), cell(e.upper), '', '', '', String(e.participants)]);
    }
  }
  return csvFormatRows(rows) + '\n';
}

/** Paired differences (current - baseline), one row per metric. */
export function compareCsv(diff: Record<MetricName, PairedDifference>, baseName: string, otherName: string): string {
  const rows: string[][] = [['figure', 'label', 'unit', 'baseline', 'current', 'difference', 'ci95_lower', 'ci95_upper', 'batches', 'baseline_scenario', 'current_scenario']];
  for (const m of METRIC_NAMES) {
    const d = diff[m];
    rows.push([m, d.label, d.unit, cell(d.base), cell(d.other), cell(d.difference.value), cell(d.difference.ci95[0]), cell(d.difference.ci95[1]), String(d.difference.batches), baseName, otherName]);
  }
  return csvFormatRows(rows) + '\n';
}
