import type { MetricName } from '../analysis/metrics.ts';
import { SensitivityError } from '../sensitivity/errors.ts';
import { morrisIndices, type MorrisLayout, type MorrisResult } from '../sensitivity/morris.ts';
import { sobolIndices, type SaltelliLayout, type SobolResult } from '../sensitivity/saltelli.ts';
import { summaries, type PointSummary } from './results.ts';
import type { ExperimentResults } from './run.ts';

/** The indices of one output in one block, or why the sample was refused. */
export interface SensitivityAnalysis {
  /** The level of the `across` factor, or null without one. */
  readonly block: string | null;
  readonly metric: MetricName;
  readonly method: 'sobol' | 'morris';
  readonly result?: SobolResult | MorrisResult;
  /** Why there are no indices: failed points (listed), or an output that is never defined. */
  readonly refused?: string;
}

/**
 * Sobol or Morris indices of every output in every block, from the design's points: each point's
 * output is the mean over its replications (the same replications everywhere, so the model's noise
 * is averaged, not confounded with the factors), and the dummy factor, if any, gives the noise floor.
 * A point with a failed replication, or without a value, makes the sample incomplete: its indices
 * are refused with the failed points listed, never computed over the points that happened to work.
 *
 * @example
 *   for (const a of analyseSensitivity(results)) console.log(a.metric, a.result?.factors.map((f) => f.name));
 */
export function analyseSensitivity(results: ExperimentResults, rows: readonly PointSummary[] = summaries(results)): SensitivityAnalysis[] {
  const { experiment, design } = results;
  const d = experiment.design;
  if (d.type !== 'sobol' && d.type !== 'morris') return [];
  const names = experiment.factors.map((f) => f.name);
  const dummy = experiment.factors.find((f) => f.kind === 'dummy')?.name;
  const failedPoints = new Set(results.records.filter((r) => r.values === null).map((r) => r.point));
  const byKey = new Map(rows.map((r) => [`${r.point}/${r.metric}`, r.summary.mean]));
  const out: SensitivityAnalysis[] = [];
  design.blocks.forEach((label, block) => {
    const points = design.points.filter((p) => p.block === block);
    const sample = { k: names.length, points: points.map((p) => [...p.unit!]), layout: design.layout };
    for (const metric of experiment.outputs) {
      const y = points.map((p) => (failedPoints.has(p.index) ? NaN : byKey.get(`${p.index}/${metric}`) ?? NaN));
      const options = { resamples: d.resamples, seed: experiment.seed, names, dummy };
      const base = { block: experiment.across ? label : null, metric, method: d.type };
      try {
        const result = d.type === 'sobol'
          ? sobolIndices(sample as { k: number; points: number[][]; layout: SaltelliLayout }, y, options)
          : morrisIndices(sample as { k: number; points: number[][]; layout: MorrisLayout }, y, options);
        out.push({ ...base, result });
      } catch (err) {
        if (!(err instanceof SensitivityError)) throw err;
        // Row numbers within the block are design points; name them as the experiment does.
        const rowsFailed = err.failedRows.map((f) => points[f.index].index);
        out.push({ ...base, refused: rowsFailed.length > 0 ? `${err.failedRows.length} of ${points.length} points have no value (failed replications, or nothing to measure): points ${rowsFailed.slice(0, 10).join(', ')}${rowsFailed.length > 10 ? ', ...' : ''}` : err.message });
      }
    }
  });
  return out;
}
