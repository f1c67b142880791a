import { chartValue } from '../../analysis/format.ts';
import { METRICS, type MetricName } from '../../analysis/metrics.ts';
import { heatmap } from '../charts/heatmap.ts';
import { intervalBars, type IntervalSeries } from '../charts/intervals.ts';
import { lineWithBands, type SweepSeries } from '../charts/lineBands.ts';
import type { Factor } from '../factors.ts';
import type { PointSummary } from '../results.ts';
import type { ExperimentResults } from '../run.ts';

/** A chart of the report, with the output it shows. */
export interface Figure {
  readonly metric: MetricName;
  readonly kind: 'line' | 'heatmap' | 'intervals';
  readonly svg: string;
}

const metricLabel = (m: MetricName) => `${METRICS[m].label} (${METRICS[m].unit})`;

/** Factors whose values differ between the points of a block (dummies aside): what the design sweeps. */
export function sweptFactors(results: ExperimentResults): Factor[] {
  const { experiment, design } = results;
  return experiment.factors.filter((f) => f.kind !== 'dummy' && new Set(design.points.map((p) => String(p.values[f.name]))).size > 1);
}

const byKey = (rows: readonly PointSummary[], metric: MetricName) => new Map(rows.filter((r) => r.metric === metric).map((r) => [r.point, r.summary]));

/**
 * The sweep charts of an experiment, one per output: a line with bands when one numeric factor
 * varies (a line per block), a heat map per block when two do on a grid, and means with 95%
 * intervals per point otherwise (few points, or levels without an order). Sensitivity designs
 * get their own charts (sensitivity.ts).
 *
 * @example
 *   sweepFigures(results, summaries(results)).map((f) => f.svg); // SVG strings
 */
export function sweepFigures(results: ExperimentResults, rows: readonly PointSummary[]): Figure[] {
  const { experiment, design } = results;
  const type = experiment.design.type;
  if (type === 'sobol' || type === 'morris') return [];
  const swept = sweptFactors(results);
  const blocks = design.blocks;
  const reps = experiment.replications;
  const out: Figure[] = [];
  for (const metric of experiment.outputs) {
    const s = byKey(rows, metric);
    const sub = `${reps} replications per point, common random numbers`;
    if (swept.length === 1 && swept[0].numeric && type !== 'latin-hypercube') {
      const f = swept[0];
      const series: SweepSeries[] = blocks.map((label, b) => {
        const pts = design.points.filter((p) => p.block === b).sort((a, c) => Number(a.values[f.name]) - Number(c.values[f.name]));
        return {
          label: experiment.across ? `${experiment.across.name}: ${label}` : '',
          x: pts.map((p) => Number(p.values[f.name])),
          mean: pts.map((p) => s.get(p.index)?.mean ?? NaN),
          ci: pts.map((p) => s.get(p.index)?.ci95 ?? [NaN, NaN]),
          range: pts.map((p) => s.get(p.index)?.pi95 ?? [NaN, NaN]),
        };
      });
      out.push({
        metric, kind: 'line',
        svg: lineWithBands({ id: `sweep-${metric}`, title: METRICS[metric].label, subtitle: `Mean against ${f.label}; ${sub}`, description: `${series.length} line(s) over ${series[0].x.length} values of ${f.name}`, xLabel: `${f.label}${f.unit ? ` (${f.unit})` : ''}`, yLabel: metricLabel(metric) }, series),
      });
      continue;
    }
    if (swept.length === 2 && type === 'full-factorial') {
      const [fx, fy] = swept;
      blocks.forEach((label, b) => {
        const pts = design.points.filter((p) => p.block === b);
        const xLevels = [...new Set(pts.map((p) => p.values[fx.name]))];
        const yLevels = [...new Set(pts.map((p) => p.values[fy.name]))];
        const cell = (i: number, j: number) => pts.find((p) => p.values[fy.name] === yLevels[i] && p.values[fx.name] === xLevels[j]);
        const values = yLevels.map((_, i) => xLevels.map((_, j) => s.get(cell(i, j)?.index ?? -1)?.mean ?? NaN));
        const halfWidth = yLevels.map((_, i) => xLevels.map((_, j) => {
          const c = s.get(cell(i, j)?.index ?? -1);
          return c ? (c.ci95[1] - c.ci95[0]) / 2 : NaN;
        }));
        out.push({
          metric, kind: 'heatmap',
          svg: heatmap(
            { id: `heatmap-${metric}-${b}`, title: `${METRICS[metric].label}${experiment.across ? `: ${experiment.across.name} ${label}` : ''}`, subtitle: `Mean per combination of ${fx.label} and ${fy.label}; ${sub}`, description: `${xLevels.length} by ${yLevels.length} grid`, height: Math.max(260, 130 + 28 * yLevels.length) },
            { xLabel: fx.label, yLabel: fy.label, xLevels, yLevels, values, halfWidth, valueLabel: METRICS[metric].unit, format: chartValue(METRICS[metric].unit) },
          ),
        });
      });
      continue;
    }
    if (design.perBlock <= 40) {
      const categories = design.points.filter((p) => p.block === 0).map((p) => swept.map((f) => `${swept.length > 1 ? `${f.name}=` : ''}${p.values[f.name]}`).join(', ') || `point ${p.index}`);
      const series: IntervalSeries[] = blocks.map((label, b) => {
        const pts = design.points.filter((p) => p.block === b);
        return {
          label: experiment.across ? `${experiment.across.name}: ${label}` : 'mean',
          values: pts.map((p) => s.get(p.index)?.mean ?? NaN),
          lower: pts.map((p) => s.get(p.index)?.ci95[0] ?? NaN),
          upper: pts.map((p) => s.get(p.index)?.ci95[1] ?? NaN),
        };
      });
      out.push({
        metric, kind: 'intervals',
        svg: intervalBars({ id: `points-${metric}`, title: METRICS[metric].label, subtitle: `Mean per design point with its 95% CI over replications; ${sub}`, description: `${categories.length} points`, yLabel: metricLabel(metric), bars: false }, categories, series),
      });
    }
  }
  return out;
}
