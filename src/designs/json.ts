import { roundDeep } from '../analysis/aggregate.ts';
import type { DesignsResult } from './explore.ts';

/**
 * The explorer's result as plain JSON (what `buddysim designs --json` prints and designs.json
 * holds): every design with its results under each mechanism, without the per-batch values behind
 * the intervals; fractions to 6 significant digits, NaN and Infinity as null.
 *
 * @example
 *   const json = designsJson(result);
 *   json.designs[0].mechanisms.duration.figures.effectLater; // { value, ci95 }
 */
export function designsJson(r: DesignsResult) {
  return roundDeep({
    ...r,
    designs: r.designs.map((d) => ({
      ...d,
      mechanisms: Object.fromEntries(Object.entries(d.mechanisms).map(([m, x]) => {
        const { batches: _batches, ...rest } = x;
        return [m, rest];
      })),
    })),
  });
}
