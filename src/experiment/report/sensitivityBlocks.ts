import { diffUnit, fmt } from '../../analysis/format.ts';
import { METRICS } from '../../analysis/metrics.ts';
import type { MorrisResult } from '../../sensitivity/morris.ts';
import type { SobolResult } from '../../sensitivity/saltelli.ts';
import type { Interval } from '../../sensitivity/types.ts';
import { intervalBars } from '../charts/intervals.ts';
import { tornado } from '../charts/tornado.ts';
import type { SensitivityAnalysis } from '../sensitivity.ts';
import type { Block } from './blocks.ts';

const withInterval = (i: Interval, unit: string) => `${fmt(i.value, unit, unit === '' ? 3 : undefined)} [${fmt(i.lower, unit, unit === '' ? 3 : undefined)}, ${fmt(i.upper, unit, unit === '' ? 3 : undefined)}]`;
const title = (a: SensitivityAnalysis) => `${METRICS[a.metric].label}${a.block !== null ? ` (${a.block})` : ''}`;

/**
 * Where a lever's interval lies against the dummy's (the noise floor): above, below, or overlapping.
 *
 * @example
 *   againstFloor('support style', { value: 0.3, lower: 0.2, upper: 0.4 }, 'dummy', { value: 0.02, lower: 0, upper: 0.05 }); // 'above'
 */
export function againstFloor(name: string, i: Interval, dummy: string | undefined, floor: Interval | undefined): string {
  if (!floor || dummy === undefined) return '';
  if (name === dummy) return 'the dummy';
  return i.lower > floor.upper ? 'above' : i.upper < floor.lower ? 'below' : 'not told apart';
}

/** The factors of a Morris result by mu*, largest first, or of a Sobol result by total index. */
export function rankedFactors(a: SensitivityAnalysis): { name: string; value: number }[] {
  if (!a.result) return [];
  const rows = a.result.method === 'morris'
    ? a.result.factors.map((f) => ({ name: f.name, value: f.muStar.value }))
    : a.result.factors.map((f) => ({ name: f.name, value: f.total.value }));
  return rows.sort((x, y) => (Number.isFinite(y.value) ? y.value : -1) - (Number.isFinite(x.value) ? x.value : -1));
}

function morrisBlocks(a: SensitivityAnalysis, r: MorrisResult, id: string): Block[] {
  const unit = diffUnit(METRICS[a.metric].unit);
  const order = rankedFactors(a).map((x) => r.factors.find((f) => f.name === x.name)!);
  return [
    { kind: 'h3', text: title(a) },
    ...(r.noiseFloor ? [{ kind: 'p' as const, text: `Noise floor (mu* of the dummy ${r.dummy}, which moves only the random numbers): ${withInterval(r.noiseFloor, unit)}. A lever whose interval reaches into it is not told apart from noise.` }] : []),
    {
      kind: 'figure', id, caption: title(a),
      svg: tornado(
        { id, title: title(a), subtitle: `Morris screening: mu* (mean absolute elementary effect, ${METRICS[a.metric].unit} per full range of the lever) with its 95% bootstrap interval; sigma marks non-linearity or interactions`, description: order.slice(0, 3).map((f) => `${f.name} ${fmt(f.muStar.value, unit)}`).join('; '), xLabel: 'mu*', markerLabel: 'sigma' },
        r.factors.map((f) => ({ label: f.name, value: f.muStar.value, lower: f.muStar.lower, upper: f.muStar.upper, marker: f.sigma })),
      ),
    },
    {
      kind: 'table',
      header: ['rank', 'lever', 'mu* [95% interval]', 'mu [95% interval]', 'sigma', 'against the noise floor'],
      numeric: [true, false, true, true, true, false],
      rows: order.map((f, i) => [String(i + 1), f.name, withInterval(f.muStar, unit), withInterval(f.mu, unit), fmt(f.sigma, unit), againstFloor(f.name, f.muStar, r.dummy, r.noiseFloor)]),
    },
  ];
}

function sobolBlocks(a: SensitivityAnalysis, r: SobolResult, id: string): Block[] {
  const order = rankedFactors(a).map((x) => r.factors.find((f) => f.name === x.name)!);
  return [
    { kind: 'h3', text: title(a) },
    { kind: 'p', text: `Output variance ${fmt(r.variance, '', 4)} around a mean of ${fmt(r.mean, METRICS[a.metric].unit)} over ${r.runs} design points.${r.noiseFloor ? ` Noise floor (total index of the dummy ${r.dummy}, which moves only the random numbers): ${withInterval(r.noiseFloor, '')}.` : ''}` },
    {
      kind: 'figure', id, caption: title(a),
      svg: intervalBars(
        { id, title: title(a), subtitle: 'Sobol indices: first order (the lever alone) and total (with its interactions), with 95% bootstrap intervals', description: order.slice(0, 3).map((f) => `${f.name} total ${fmt(f.total.value, '', 2)}`).join('; '), yLabel: 'share of output variance' },
        order.map((f) => f.name),
        [
          { label: 'first order', values: order.map((f) => f.first.value), lower: order.map((f) => f.first.lower), upper: order.map((f) => f.first.upper) },
          { label: 'total', values: order.map((f) => f.total.value), lower: order.map((f) => f.total.lower), upper: order.map((f) => f.total.upper) },
        ],
      ),
    },
    {
      kind: 'table',
      header: ['rank', 'lever', 'total ST [95% interval]', 'first order S [95% interval]', 'against the noise floor'],
      numeric: [true, false, true, true, false],
      rows: order.map((f, i) => [String(i + 1), f.name, withInterval(f.total, ''), withInterval(f.first, ''), againstFloor(f.name, f.total, r.dummy, r.noiseFloor)]),
    },
  ];
}

/** The sensitivity section of a report: per block and output, a chart, a ranking and the noise floor. */
export function sensitivityBlocks(analyses: readonly SensitivityAnalysis[]): Block[] {
  if (analyses.length === 0) return [];
  const method = analyses[0].method;
  const out: Block[] = [
    { kind: 'h2', text: method === 'morris' ? 'Which levers matter: Morris screening' : 'How much each lever matters: Sobol indices' },
    {
      kind: 'p', muted: true,
      text: method === 'morris'
        ? "Elementary effects on trajectories through the levers' ranges ([Morris1991]; [Campolongo2007]); each point's output is the mean over its replications. mu* ranks the levers; mu's sign gives the direction; a large sigma means the effect depends on the other levers. Intervals: 95% bootstrap over trajectories."
        : "Variance-based indices from the sample of [Saltelli2010] (first order), total indices by [Jansen1999]; each point's output is the mean over its replications. Intervals: 95% bootstrap over base rows.",
    },
  ];
  analyses.forEach((a, i) => {
    const id = `${a.method}-${i + 1}-${a.metric}`;
    if (a.refused) out.push({ kind: 'h3', text: title(a) }, { kind: 'p', text: `No indices: the sample is incomplete. ${a.refused}.` });
    else if (a.result?.method === 'morris') out.push(...morrisBlocks(a, a.result, id));
    else if (a.result?.method === 'sobol') out.push(...sobolBlocks(a, a.result, id));
  });
  return out;
}
