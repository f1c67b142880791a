import { scaleBand, scaleLinear } from 'd3';
import { bandLabels, el, fmt, frame, leftAxis, PALETTE, textWidth, type ChartFrame, tooltip } from './svg.ts';

/** One series of estimates with intervals, one value per category. */
export interface IntervalSeries {
  label: string;
  values: number[];
  lower: number[];
  upper: number[];
}

/**
 * Bars with intervals, grouped by category (Sobol first-order and total indices per factor; or
 * the mean of an output per variant with its 95% CI). `bars: false` draws dots instead of bars,
 * for values that do not start at zero.
 *
 * @example
 *   intervalBars({ id: 'sobol', title: 'Sobol indices', subtitle: '...', description: '', yLabel: 'index' },
 *     ['a', 'b'], [{ label: 'first order', values: [0.3, 0.4], lower: [0.25, 0.35], upper: [0.35, 0.45] }]);
 */
export function intervalBars(o: ChartFrame & { yLabel: string; bars?: boolean; yFormat?: (y: number) => string }, categories: string[], series: IntervalSeries[]): string {
  const fy = o.yFormat ?? fmt;
  const legend = series.length > 1 ? series.map((s, i) => ({ label: s.label, color: PALETTE[i % PALETTE.length], kind: o.bars === false ? ('interval' as const) : ('rect' as const) })) : undefined;
  const longest = Math.max(0, ...categories.map((c) => textWidth(c, 10)));
  const rotate = longest > 0.9 * ((o.width ?? 640) - 80) / Math.max(1, categories.length);
  const p = frame({ ...o, legend, margin: { bottom: rotate ? Math.min(140, 30 + longest * 0.75) : 44, ...o.margin } });
  const all = series.flatMap((s) => [...s.values, ...s.lower, ...s.upper]).filter(Number.isFinite);
  const bars = o.bars !== false;
  const lo = Math.min(bars ? 0 : Infinity, ...all);
  const hi = Math.max(bars ? 0 : -Infinity, ...all);
  const y = scaleLinear().domain([lo, hi === lo ? lo + 1 : hi]).nice().range([p.height, 0]);
  const x = scaleBand<string>().domain(categories).range([0, p.width]).padding(0.2);
  const dx = scaleBand<string>().domain(series.map((s) => s.label)).range([0, x.bandwidth()]).padding(0.15);
  const content = [leftAxis(p, y, o.yLabel, 5, fy)];
  if (bars || (lo < 0 && hi > 0)) content.push(el('line', { x1: 0, x2: p.width, y1: y(0), y2: y(0), stroke: '#333333' }));
  series.forEach((s, i) => {
    const c = PALETTE[i % PALETTE.length];
    categories.forEach((cat, j) => {
      const v = s.values[j];
      if (!Number.isFinite(v)) return;
      const left = (x(cat) ?? 0) + (dx(s.label) ?? 0);
      const mid = left + dx.bandwidth() / 2;
      const parts = [tooltip(`${cat}, ${s.label}: ${fy(v)} [${fy(s.lower[j])}, ${fy(s.upper[j])}]`)];
      if (bars) parts.push(el('rect', { x: left, y: Math.min(y(v), y(0)), width: dx.bandwidth(), height: Math.abs(y(v) - y(0)), fill: c, 'fill-opacity': 0.8 }));
      else parts.push(el('circle', { cx: mid, cy: y(v), r: 4, fill: c }));
      if (Number.isFinite(s.lower[j]) && Number.isFinite(s.upper[j])) {
        parts.push(el('line', { x1: mid, x2: mid, y1: y(s.lower[j]), y2: y(s.upper[j]), stroke: bars ? '#1a1a1a' : c, 'stroke-width': 1.5 }));
        for (const e of [s.lower[j], s.upper[j]]) parts.push(el('line', { x1: mid - 4, x2: mid + 4, y1: y(e), y2: y(e), stroke: bars ? '#1a1a1a' : c, 'stroke-width': 1.5 }));
      }
      content.push(el('g', { 'data-category': cat, 'data-series': s.label }, ...parts));
    });
  });
  if (rotate) {
    content.push(el('g', {}, ...categories.map((cat) => el('text', { transform: `translate(${(x(cat) ?? 0) + x.bandwidth() / 2},${p.height + 10}) rotate(-35)`, 'text-anchor': 'end', 'font-size': 10 }, cat.replace(/&/g, '&amp;').replace(/</g, '&lt;')))));
  } else content.push(bandLabels(p, x, 'bottom'));
  return p.finish(content);
}
