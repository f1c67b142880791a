/**
 * The dashboard's result exports as CSV text, from the same tables as the command line's files
 * (src/analysis/tables.ts): weekly, survival and replications equal them byte for byte; key
 * figures and comparisons are the dashboard's own tables. Text cells are escaped against
 * spreadsheet formulas.
 */
import { comparisonTable, csvText, keyFiguresTable, replicationsTable, survivalTable, waitingTable, weeklyTable, type Aggregate, type MetricName, type PairedDifference, type Summary } from '../index.ts';

export const weeklyCsv = (summary: Summary): string => csvText(weeklyTable(summary));
export const survivalCsv = (summary: Summary): string => csvText(survivalTable(summary));
export const waitingCsv = (summary: Summary): string => csvText(waitingTable(summary));
export const replicationsCsv = (aggregate: Aggregate): string => csvText(replicationsTable(aggregate));
export const metricsCsv = (summary: Summary): string => csvText(keyFiguresTable(summary));

/** Paired differences (current - baseline), one row per metric. */
export const compareCsv = (diff: Record<MetricName, PairedDifference>, baseName: string, otherName: string): string =>
  csvText(comparisonTable(diff, baseName, otherName));
