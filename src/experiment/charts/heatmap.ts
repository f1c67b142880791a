import { interpolateViridis, scaleBand, scaleSequential } from 'd3';
import { bandLabels, el, fmt, frame, text, textWidth, type ChartFrame, tooltip } from './svg.ts';

export interface HeatmapData {
  xLabel: string;
  yLabel: string;
  xLevels: (number | string)[];
  yLevels: (number | string)[];
  /** Mean at [yIndex][xIndex]; NaN where there is none. */
  values: number[][];
  /** Half-width of the 95% CI of each mean, for the hover text. */
  halfWidth?: number[][];
  valueLabel: string;
  /** How a value is written in cells, the key and hover titles (default: 3 significant digits). */
  format?: (v: number) => string;
}

/**
 * A 2-D sweep: the mean of an output over a grid of two factors, in the viridis scale
 * (perceptually uniform, readable in grey and by colour-blind readers), each cell labelled.
 *
 * @example
 *   heatmap({ id: 'h', title: 'Effect', subtitle: 'mean over 50 runs', description: '' },
 *     { xLabel: 'a', yLabel: 'b', xLevels: [1, 2], yLevels: ['x', 'y'], values: [[0.1, 0.2], [0.3, 0.4]], valueLabel: 'g' });
 */
export function heatmap(o: ChartFrame, d: HeatmapData): string {
  const f = d.format ?? fmt;
  const finite = d.values.flat().filter(Number.isFinite);
  const lo = finite.length ? Math.min(...finite) : 0;
  const hi = finite.length ? Math.max(...finite) : 1;
  // The colour key's five values, from high to low; the right margin fits the widest of them
  // ("EUR 1,737" is wider than "0.12"), with 15% to spare for fonts wider than textWidth's estimate.
  const keyValues = [0, 1, 2, 3, 4].map((k) => lo + ((hi - lo) * (4 - k)) / 4);
  const right = Math.max(80, Math.ceil(30 + 1.15 * Math.max(...keyValues.map((v) => textWidth(f(v), 10))) + 4));
  const p = frame({ ...o, margin: { left: 90, bottom: 44, right, ...o.margin } });
  const x = scaleBand<string>().domain(d.xLevels.map(String)).range([0, p.width]).padding(0.04);
  const y = scaleBand<string>().domain(d.yLevels.map(String)).range([p.height, 0]).padding(0.04);
  const colour = scaleSequential(interpolateViridis).domain([lo, hi === lo ? lo + 1 : hi]);
  const cells: string[] = [];
  d.yLevels.forEach((yl, i) => d.xLevels.forEach((xl, j) => {
    const v = d.values[i][j];
    const cx = x(String(xl)) ?? 0;
    const cy = y(String(yl)) ?? 0;
    const fill = Number.isFinite(v) ? colour(v) : '#f2f2f2';
    const dark = Number.isFinite(v) && (v - lo) / (hi - lo || 1) < 0.6;
    const hw = d.halfWidth?.[i][j];
    cells.push(el('g', { 'data-x': String(xl), 'data-y': String(yl) },
      tooltip(`${d.xLabel} ${xl}, ${d.yLabel} ${yl}: ${d.valueLabel} ${f(v)}${hw !== undefined && Number.isFinite(hw) ? ` ± ${f(hw)} (95% CI)` : ''}`),
      el('rect', { x: cx, y: cy, width: x.bandwidth(), height: y.bandwidth(), fill }),
      x.bandwidth() > textWidth(f(v), 10) + 4 && y.bandwidth() > 14 ? text({ x: cx + x.bandwidth() / 2, y: cy + y.bandwidth() / 2 + 3.5, 'text-anchor': 'middle', 'font-size': 10, fill: dark ? '#ffffff' : '#1a1a1a' }, f(v)) : '',
    ));
  }));
  // A colour key at the right: five steps from low to high.
  const key: string[] = [];
  for (const [k, v] of keyValues.entries()) {
    key.push(el('rect', { x: p.width + 12, y: (k * p.height) / 5, width: 14, height: p.height / 5, fill: colour(v) }));
    key.push(text({ x: p.width + 30, y: (k * p.height) / 5 + p.height / 10 + 3.5, 'font-size': 10 }, f(v)));
  }
  const labels = [
    bandLabels(p, x, 'bottom'),
    bandLabels(p, y, 'left'),
    text({ x: p.width / 2, y: p.height + 34, 'text-anchor': 'middle', fill: '#555555' }, d.xLabel),
    text({ x: 0, y: 0, transform: `translate(-78,${p.height / 2}) rotate(-90)`, 'text-anchor': 'middle', fill: '#555555' }, d.yLabel),
  ];
  return p.finish([...cells, ...key, ...labels]);
}
