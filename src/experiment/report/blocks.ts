import { METRICS } from '../../analysis/metrics.ts';
import { diffUnit, fmt, fmtEstimate } from '../../analysis/format.ts';
import type { MetricName } from '../../analysis/metrics.ts';
import { factorColumns, summaries as pointSummaries, type PointSummary } from '../results.ts';
import type { ExperimentResults } from '../run.ts';
import { pairedDifferences, type PairedDifference } from './differences.ts';
import { sweepFigures } from './figures.ts';
import { rankFactors, type Ranking } from './ranking.ts';
import { analyseSensitivity } from '../sensitivity.ts';
import { sensitivityBlocks } from './sensitivityBlocks.ts';

/**
 * An experiment's report as plain blocks (headings, paragraphs, tables, figures), rendered to
 * HTML (report.html) or Markdown with SVG files (docs pages) by the same code, so both say the same.
 */
export type Block =
  | { kind: 'h1' | 'h2' | 'h3'; text: string }
  | { kind: 'p'; text: string; muted?: boolean }
  | { kind: 'facts'; rows: [string, string][] }
  | { kind: 'table'; header: string[]; rows: string[][]; numeric: boolean[] }
  | { kind: 'figure'; id: string; svg: string; caption: string }
  | { kind: 'list'; items: string[] }
  /**
   * One of several panels at a time (a mechanism switch): in HTML, radio buttons that show one
   * panel with CSS alone (no script); in Markdown, every panel under its own heading.
   */
  | { kind: 'switch'; id: string; label: string; panels: { label: string; blocks: Block[] }[] };

const estimate = (x: { mean: number; ci95: [number, number] }, metric: MetricName, signed = false) =>
  fmtEstimate(x.mean, x.ci95, signed ? diffUnit(METRICS[metric].unit) : METRICS[metric].unit, signed);

/** One table per block: a row per factor (ordered by the first output), a column per output. */
function rankingBlocks(rankings: Ranking[]): Block[] {
  const blocks = [...new Set(rankings.map((r) => r.block))];
  return blocks.flatMap((block): Block[] => {
    const mine = rankings.filter((r) => r.block === block);
    const order = mine[0].rows.map((x) => x.factor);
    const cell = (r: Ranking, factor: string) => {
      const x = r.rows.find((y) => y.factor === factor);
      const unit = r.measure.startsWith('|Spearman') ? 'r' : diffUnit(METRICS[r.metric].unit);
      return x ? `${fmt(x.value, unit)}${x.note ? ` (${x.note})` : ''}` : '';
    };
    return [
      ...(block !== null ? [{ kind: 'h3' as const, text: block }] : []),
      { kind: 'table', header: ['rank', 'factor', ...mine.map((r) => r.metric)], numeric: [true, false, ...mine.map(() => true)], rows: order.map((factor, i) => [String(i + 1), factor, ...mine.map((r) => cell(r, factor))]) },
    ];
  });
}

function differenceBlocks(diffs: PairedDifference[]): Block[] {
  const d0 = diffs[0];
  const withBlock = d0.block !== null;
  return [
    { kind: 'h2', text: 'Paired differences' },
    { kind: 'p', muted: true, text: `Each level of ${d0.factor} minus ${d0.reference}, replication by replication (the same random numbers at both points): the mean difference with the 95% CI of that mean over n replications.` },
    {
      kind: 'table',
      header: [...(withBlock ? [''] : []), d0.factor, 'output', 'mean difference [95% CI]', 'n'],
      numeric: [...(withBlock ? [false] : []), false, false, true, true],
      rows: diffs.map((d) => [...(withBlock ? [d.block!] : []), d.level, METRICS[d.metric].label, estimate(d.difference, d.metric, true), String(d.difference.n)]),
    },
  ];
}

/**
 * The report's blocks: what was run, failed replications, sensitivity indices (Morris, Sobol), the ranking of factors or the paired differences, the charts, and every point's
 * means with 95% intervals (the first 200 points).
 *
 * @example
 *   reportBlocks(results).filter((b) => b.kind === 'figure').length; // charts in the report
 */
export function reportBlocks(results: ExperimentResults, rows: readonly PointSummary[] = pointSummaries(results)): Block[] {
  const { experiment, design } = results;
  const failed = results.records.filter((r) => r.values === null);
  const out: Block[] = [{ kind: 'h1', text: experiment.name }];
  if (experiment.description) out.push({ kind: 'p', text: experiment.description });
  out.push({
    kind: 'facts',
    rows: [
      ['design', `${experiment.design.type}: ${design.perBlock} points${experiment.across ? `, repeated for each ${experiment.across.name} (${design.blocks.join(', ')})` : ''}`],
      ['replications', `${experiment.replications} per point, seed ${experiment.seed} at every point (common random numbers: differences between points are paired)`],
      ['factors', factorColumns(experiment).map((f) => `${f.name}${f.path && f.path !== f.name ? ` (${f.path})` : ''}`).join('; ')],
      ['outputs', experiment.outputs.map((m) => `${m}: ${METRICS[m].label} (${METRICS[m].unit}), over ${METRICS[m].over}`).join('; ')],
      ['experiment hash', experiment.hash],
    ],
  });
  out.push({ kind: 'p', muted: true, text: "Each point's figure is the mean over replications of each replication's value. Two intervals, never mixed: the 95% CI of the mean (how precisely the replications pin down the expected value; it shrinks with more replications) and the 95% range of single runs (2.5th to 97.5th percentile: what one real programme may show)." });
  if (failed.length > 0) {
    out.push({ kind: 'h2', text: 'Failed replications' });
    out.push({ kind: 'p', text: `${failed.length} replication(s) failed and have no values; every one is in replications.csv (column error).` });
    out.push({ kind: 'list', items: failed.slice(0, 20).map((r) => `point ${r.point}, replication ${r.replication}: ${r.error ?? ''}`) });
  }
  out.push(...sensitivityBlocks(analyseSensitivity(results, rows)));
  const rankings = rankFactors(results, rows);
  if (rankings.length > 0 && rankings[0].rows.length > 1) {
    out.push({ kind: 'h2', text: 'Which factors matter' }, { kind: 'p', muted: true, text: `Per output: ${rankings[0].measure}; factors ordered by the first output.` }, ...rankingBlocks(rankings));
  }
  const diffs = pairedDifferences(results);
  if (diffs.length > 0) out.push(...differenceBlocks(diffs));
  const figures = sweepFigures(results, rows);
  if (figures.length > 0) {
    out.push({ kind: 'h2', text: 'Charts' });
    figures.forEach((f, i) => out.push({ kind: 'figure', id: `${f.kind}-${i + 1}-${f.metric}`, svg: f.svg, caption: METRICS[f.metric].label }));
  }
  const cols = factorColumns(experiment);
  const shown = design.points.slice(0, 200);
  const byPoint = new Map(rows.map((r) => [`${r.point}/${r.metric}`, r]));
  out.push({ kind: 'h2', text: 'Points' });
  out.push({ kind: 'p', muted: true, text: `Mean [95% CI of the mean] over replications${design.points.length > shown.length ? `; the first ${shown.length} of ${design.points.length} points (all are in summary.csv)` : ''}.` });
  out.push({
    kind: 'table',
    header: ['point', ...cols.map((c) => c.name), ...experiment.outputs],
    numeric: [true, ...cols.map((c) => c.numeric), ...experiment.outputs.map(() => true)],
    rows: shown.map((p) => [
      String(p.index),
      ...cols.map((c) => (typeof p.values[c.name] === 'number' ? fmt(p.values[c.name] as number) : String(p.values[c.name]))),
      ...experiment.outputs.map((m) => {
        const s = byPoint.get(`${p.index}/${m}`)?.summary;
        return s ? estimate(s, m) : '';
      }),
    ]),
  });
  return out;
}
