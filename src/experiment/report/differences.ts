import { summarize, type RepSummary } from '../../analysis/interval.ts';
import type { MetricName } from '../../analysis/metrics.ts';
import type { ExperimentResults } from '../run.ts';
import { sweptFactors } from './figures.ts';

/** One level against the reference level of the swept factor, in one block, for one output. */
export interface PairedDifference {
  readonly block: string | null;
  readonly factor: string;
  readonly level: string;
  readonly reference: string;
  readonly metric: MetricName;
  /** Over replications: mean of (level - reference) run by run, its 95% CI, the 95% range of single differences. */
  readonly difference: RepSummary;
}

/**
 * Paired differences when the design sweeps one factor: every level against the first, run by
 * run. Every point runs the same replications of the same seed (common random numbers), so the
 * difference of replication r at two points is a paired difference and its CI is far narrower
 * than the two points' intervals suggest.
 *
 * @example
 *   pairedDifferences(results)[0].difference.ci95; // 95% CI of the mean paired difference
 */
export function pairedDifferences(results: ExperimentResults): PairedDifference[] {
  const swept = sweptFactors(results);
  if (swept.length !== 1) return [];
  const f = swept[0];
  const { experiment, design } = results;
  const values = new Map(results.records.map((r) => [`${r.point}/${r.replication}`, r.values]));
  const out: PairedDifference[] = [];
  design.blocks.forEach((label, block) => {
    const points = design.points.filter((p) => p.block === block);
    const [reference, ...others] = points;
    for (const p of others) {
      experiment.outputs.forEach((metric, m) => {
        const diffs: number[] = [];
        for (let rep = 0; rep < experiment.replications; rep++) {
          const a = values.get(`${p.index}/${rep}`)?.[m];
          const b = values.get(`${reference.index}/${rep}`)?.[m];
          if (typeof a === 'number' && typeof b === 'number') diffs.push(a - b);
        }
        out.push({ block: experiment.across ? label : null, factor: f.name, level: String(p.values[f.name]), reference: String(reference.values[f.name]), metric, difference: summarize(diffs) });
      });
    }
  });
  return out;
}
