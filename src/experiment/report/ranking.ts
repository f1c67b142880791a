import { mean, sampleRankCorrelation } from 'simple-statistics';
import type { MetricName } from '../../analysis/metrics.ts';
import type { Factor } from '../factors.ts';
import type { PointSummary } from '../results.ts';
import type { ExperimentResults } from '../run.ts';

/** How much each factor moves one output, within one block: a ranking, largest first. */
export interface Ranking {
  /** The level of the `across` factor, or null without one. */
  readonly block: string | null;
  readonly metric: MetricName;
  /** What `value` is, in words, for the table's heading. */
  readonly measure: string;
  readonly rows: readonly { factor: string; value: number; lower?: number; upper?: number; note?: string }[];
}

/** Point means of one metric in one block, with the points' factor values. */
export function blockMeans(results: ExperimentResults, rows: readonly PointSummary[], block: number, metric: MetricName) {
  const byPoint = new Map(rows.filter((r) => r.metric === metric).map((r) => [r.point, r.summary.mean]));
  return results.design.points.filter((p) => p.block === block).map((p) => ({ values: p.values, mean: byPoint.get(p.index) ?? NaN }));
}

/** Spread of the marginal means over a factor's values: max minus min of the mean at each value. */
export function mainEffectRange(points: { values: Readonly<Record<string, number | string>>; mean: number }[], f: Factor): number {
  const groups = new Map<string, number[]>();
  for (const p of points) {
    if (!Number.isFinite(p.mean)) continue;
    const key = String(p.values[f.name]);
    groups.set(key, [...(groups.get(key) ?? []), p.mean]);
  }
  const means = [...groups.values()].map((g) => mean(g));
  return means.length < 2 ? NaN : Math.max(...means) - Math.min(...means);
}

/**
 * Ranks the design's factors per block and output. Full factorial and explicit lists: the range
 * of each factor's marginal means (how far the output moves, averaged over the other factors).
 * Latin hypercube: the absolute Spearman rank correlation of factor value and point mean.
 * Sensitivity designs rank by their indices (see sensitivity.ts).
 *
 * @example
 *   rankFactors(results, summaries(results))[0].rows[0].factor; // the lever that matters most
 */
export function rankFactors(results: ExperimentResults, rows: readonly PointSummary[]): Ranking[] {
  const { experiment, design } = results;
  const type = experiment.design.type;
  if (type !== 'full-factorial' && type !== 'list' && type !== 'latin-hypercube') return [];
  const factors = experiment.factors.filter((f) => type === 'latin-hypercube' || (f.kind !== 'dummy' && new Set(design.points.map((p) => String(p.values[f.name]))).size > 1));
  if (factors.length === 0) return [];
  const out: Ranking[] = [];
  design.blocks.forEach((label, block) => {
    for (const metric of experiment.outputs) {
      const points = blockMeans(results, rows, block, metric);
      const ranked = factors.map((f) => {
        if (type !== 'latin-hypercube') return { factor: f.name, value: mainEffectRange(points, f) };
        const ok = points.filter((p) => Number.isFinite(p.mean));
        const rho = ok.length > 2 ? sampleRankCorrelation(ok.map((p) => Number(p.values[f.name])), ok.map((p) => p.mean)) : NaN;
        return { factor: f.name, value: Math.abs(rho), note: Number.isFinite(rho) ? (rho >= 0 ? 'rises with the factor' : 'falls with the factor') : undefined };
      });
      ranked.sort((a, b) => (Number.isFinite(b.value) ? b.value : -1) - (Number.isFinite(a.value) ? a.value : -1));
      out.push({
        block: experiment.across ? label : null,
        metric,
        measure: type === 'latin-hypercube' ? '|Spearman rank correlation| of factor and point mean' : 'range of the mean over the factor\'s values (averaged over the other factors)',
        rows: ranked,
      });
    }
  });
  return out;
}
