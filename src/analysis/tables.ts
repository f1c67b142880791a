/**
 * Every CSV table of a run, built from its summary, per-replication values and records: one place
 * for the command line's files and the dashboard's downloads (docs/outputs.md lists the columns).
 * Columns come from the lists that define the figures (METRIC_NAMES, the summary's weekly series
 * and survival arrays, DOMAINS), so a figure added there appears in the CSV files by itself.
 * Text cells that a spreadsheet would run as a formula (starting with = + - @, tab or carriage
 * return) are escaped with a leading apostrophe. Platform-neutral.
 */
import { csvFormatRows } from 'd3';
import { DOMAINS } from '../model/domains.ts';
import type { ReplicationResult } from '../model/results.ts';
import { WEEKLY_SERIES } from '../model/runReplication.ts';
import type { Aggregate, Summary } from './aggregate.ts';
import type { PairedDifference } from './compare.ts';

/** A cell: numbers as written by the summary (null or NaN when the figure does not exist), or text. */
export type Cell = number | string | null | undefined;

/** A table: its header and its rows. */
export interface Table {
  columns: string[];
  rows: Cell[][];
}

/** A long table whose rows are made one by one as they are written (a row per replication). */
export interface LongTable {
  columns: string[];
  rows: Iterable<Cell[]>;
}

/** Six significant digits, as the summary rounds: readable files, last-bit engine differences hidden. */
export const r6 = (x: number) => Number(x.toPrecision(6));

/**
 * Text that a spreadsheet would read as a formula gets a leading apostrophe (OWASP's advice on
 * CSV injection); numbers are never touched, so -0.5 stays a number.
 *
 * @example
 *   escapeFormula('=HYPERLINK("http://x")'); // "'=HYPERLINK(\"http://x\")"
 *   escapeFormula('Flemish befriending');     // unchanged
 */
export function escapeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function cellText(c: Cell): string {
  if (typeof c === 'number') return Number.isFinite(c) ? String(c) : '';
  if (c === null || c === undefined) return '';
  return escapeFormula(c);
}

/** CSV lines (comma separated, quoted where needed, each ending in a newline) for rows without a header. */
export function csvLines(rows: readonly Cell[][]): string {
  return rows.length === 0 ? '' : csvFormatRows(rows.map((r) => r.map(cellText))) + '\n';
}

/**
 * A table as CSV text: header, then rows.
 *
 * @example
 *   csvText({ columns: ['week', 'activeMatches_mean'], rows: [[0, 3.5]] }); // "week,activeMatches_mean\n0,3.5\n"
 */
export function csvText(table: Table | LongTable): string {
  return csvLines([table.columns, ...table.rows]);
}

/**
 * A table as CSV text in pieces of at most `rows` rows: long tables (a row per replication of a
 * run of 20,000) are written without holding all their text at once.
 */
export function* csvChunks(table: Table | LongTable, rows = 500): Generator<string> {
  yield csvLines([table.columns]);
  let chunk: Cell[][] = [];
  for (const row of table.rows) {
    chunk.push(row);
    if (chunk.length >= rows) {
      yield csvLines(chunk);
      chunk = [];
    }
  }
  if (chunk.length > 0) yield csvLines(chunk);
}

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Series first in the order of WEEKLY_SERIES, then any other the summary holds. */
function ordered(keys: string[], order: readonly string[]): string[] {
  return [...order.filter((k) => keys.includes(k)), ...keys.filter((k) => !order.includes(k))];
}

/** weekly.csv: one row per week, `<series>_<band>` columns for every weekly series of the summary. */
export function weeklyTable(summary: Summary): Table {
  const weekly = summary.weekly as unknown as Record<string, Record<string, number[]>>;
  const series = ordered(Object.keys(weekly), WEEKLY_SERIES);
  const parts = series.map((s) => ({ s, bands: Object.keys(weekly[s]).filter((b) => Array.isArray(weekly[s][b])) }));
  const weeks = Math.max(0, ...parts.flatMap(({ s, bands }) => bands.map((b) => weekly[s][b].length)));
  const rows: Cell[][] = [];
  for (let w = 0; w < weeks; w++) rows.push([w, ...parts.flatMap(({ s, bands }) => bands.map((b) => weekly[s][b][w]))]);
  return { columns: ['week', ...parts.flatMap(({ s, bands }) => bands.map((b) => `${s}_${b}`))], rows };
}

type Curve = Record<string, unknown>;
const isObject = (v: unknown): v is Curve => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The columns of a curve: every array as long as its time axis, by path. A band's `value` takes
 * the name of the band, its `lower` and `upper` get suffixes (`premature`, `premature_lower`);
 * bands nested one level (`incidence.volunteer`) join their names (`incidence_volunteer`).
 * Numbers and figures beside the curve (the planned weeks, a headline figure) are not columns.
 */
function curveColumns(curve: Curve, length: number, names: Record<string, string>, prefix = ''): { name: string; values: Cell[] }[] {
  const out: { name: string; values: Cell[] }[] = [];
  for (const [key, v] of Object.entries(curve)) {
    const name = names[key] ?? (key === 'value' && prefix ? prefix.slice(0, -1) : `${prefix}${snake(key)}`);
    if (Array.isArray(v) && v.length === length) out.push({ name, values: v as Cell[] });
    else if (isObject(v) && prefix.split('_').length < 3) out.push(...curveColumns(v, length, {}, `${name}_`));
  }
  return out;
}

/** A table over a curve's time axis `index`, its columns from the curve itself (see curveColumns). */
function curveTable(curve: Curve, index: string, names: Record<string, string>): Table {
  const time = curve[index] as number[];
  const columns = curveColumns(curve, time.length, names);
  return { columns: columns.map((c) => c.name), rows: time.map((_, i) => columns.map((c) => c.values[i])) };
}

/** survival.csv: one row per week of match duration: matches at risk, still running, premature, incidence by reason. */
export function survivalTable(summary: Summary): Table {
  return curveTable(summary.survival as unknown as Curve, 'time', { time: 'weeks' });
}

/** waiting.csv: one row per week since referral: the wait for a first match over all referred participants. */
export function waitingTable(summary: Summary): Table {
  return curveTable(summary.waiting as unknown as Curve, 'time', { time: 'weeks_since_referral', left: 'left_unmatched' });
}

/** replications.csv: one row per replication, a column for every metric (empty where undefined); rows made as they are read. */
export function replicationsTable(aggregate: Pick<Aggregate, 'perReplication'>): LongTable {
  const per = aggregate.perReplication as Record<string, number[]>;
  const metrics = Object.keys(per);
  const n = metrics.length > 0 ? per[metrics[0]].length : 0;
  function* rows(): Generator<Cell[]> {
    for (let i = 0; i < n; i++) yield [i, ...metrics.map((m) => (Number.isFinite(per[m][i]) ? r6(per[m][i]) : null))];
  }
  return { columns: ['replication', ...metrics], rows: { [Symbol.iterator]: rows } };
}

/** Key figures: one row per metric (value, 95% CI, 95% of single runs, over whom), then the effects by group. */
export function keyFiguresTable(summary: Summary): Table {
  const rows: Cell[][] = [];
  for (const [m, x] of Object.entries(summary.metrics)) rows.push([m, x.label, x.unit, x.over, x.value, x.ci95[0], x.ci95[1], x.pi95[0], x.pi95[1], x.sd, x.n]);
  for (const { point, weeks, groups } of summary.effects.points) {
    for (const [group, byDomain] of Object.entries(groups)) {
      for (const [domain, e] of Object.entries(byDomain)) {
        rows.push([`effect:${group}:${domain}:${point}`, `Effect on ${domain}, ${group}, ${weeks} weeks after referral`, e.unit, group, e.value, e.lower, e.upper, null, null, null, e.participants]);
      }
    }
  }
  return { columns: ['figure', 'label', 'unit', 'over', 'value', 'ci95_lower', 'ci95_upper', 'pi95_lower', 'pi95_upper', 'sd', 'n'], rows };
}

/** Paired differences (other - base), one row per metric, with both scenario names. */
export function comparisonTable(diff: Record<string, PairedDifference>, baseName: string, otherName: string): Table {
  const rows: Cell[][] = Object.entries(diff).map(([m, d]) => [
    m, d.label, d.unit, d.base, d.other, d.difference.value, d.difference.ci95[0], d.difference.ci95[1], d.difference.batches, baseName, otherName,
  ]);
  return { columns: ['figure', 'label', 'unit', 'baseline', 'current', 'difference', 'ci95_lower', 'ci95_upper', 'batches', 'baseline_scenario', 'current_scenario'], rows };
}

/** matches.csv: a column per field of a match record, in this order. */
const MATCH_FIELDS: [string, (m: ReplicationResult['matches'][number]) => Cell][] = [
  ['match', (m) => m.id],
  ['participant', (m) => m.participant],
  ['volunteer', (m) => m.volunteer],
  ['unit', (m) => m.unit],
  ['unit_size', (m) => m.unitSize],
  ['start_week', (m) => m.startWeek],
  ['end_week', (m) => m.endWeek],
  ['weeks', (m) => m.weeks],
  ['hours', (m) => r6(m.hours)],
  ['contacts', (m) => m.contacts],
  ['missed_contacts', (m) => m.missedContacts],
  ['closure_reason', (m) => m.reason],
  ['continued', (m) => (m.continued ? 1 : 0)],
  ['quality', (m) => r6(m.quality)],
  ['deep_similarity', (m) => r6(m.deepSimilarity)],
  ['surface_similarity', (m) => r6(m.surfaceSimilarity)],
];

export const MATCH_COLUMNS = ['replication', ...MATCH_FIELDS.map(([c]) => c)];

/** The rows of matches.csv for one replication's records. */
export function matchRows(r: ReplicationResult): Cell[][] {
  return r.matches.map((m) => [r.replication, ...MATCH_FIELDS.map(([, get]) => get(m))]);
}

/** outcomes.csv: participants at each measurement point, then `<domain>_programme` and `<domain>_counterfactual` for every domain. */
export const OUTCOME_COLUMNS = [
  'replication', 'participant', 'target_group', 'referred_week', 'weeks_after_referral', 'first_match_week', 'matched_weeks', 'matches',
  ...DOMAINS.flatMap((d) => [`${d}_programme`, `${d}_counterfactual`]),
];

/** The rows of outcomes.csv for one replication's records. */
export function outcomeRows(r: ReplicationResult): Cell[][] {
  return r.assessed.map((a) => [
    r.replication, a.id, a.group, a.referredWeek, a.point, a.firstMatchWeek, a.matchedWeeks, a.matches,
    ...DOMAINS.flatMap((d) => [r6(a.programme[d]), r6(a.counterfactual[d])]),
  ]);
}

/** effects.csv: the effect on the main outcome over all referred, by weeks since referral. */
export function effectCurveTable(summary: Summary): Table {
  return curveTable(summary.effects.curve as unknown as Curve, 'weeks', { weeks: 'weeks_since_referral', value: 'effect', lower: 'effect_lower', upper: 'effect_upper', participants: 'participants' });
}

/** costs.csv: the cost per year of every item and its share. */
export function costTable(summary: Summary): Table {
  return { columns: ['item', 'label', 'per_year', 'share'], rows: Object.entries(summary.costs.items).map(([k, v]) => [k, v.label, v.perYear, v.share]) };
}

/** The tables of a run built from its aggregate, by file name (matches and outcomes stream from records). */
export const RUN_TABLES: Record<string, (a: Aggregate) => Table | LongTable> = {
  'weekly.csv': (a) => weeklyTable(a.summary),
  'survival.csv': (a) => survivalTable(a.summary),
  'waiting.csv': (a) => waitingTable(a.summary),
  'effects.csv': (a) => effectCurveTable(a.summary),
  'costs.csv': (a) => costTable(a.summary),
  'replications.csv': (a) => replicationsTable(a),
};

/** Every file a run folder can hold (docs/outputs.md). */
export const RUN_FILES = ['summary.json', 'matches.csv', 'outcomes.csv', ...Object.keys(RUN_TABLES), 'compare.json'];
