import { scaleBand, scaleLinear } from 'd3';
import { bottomAxis, el, fmt, frame, PALETTE, text, textWidth, type ChartFrame, tooltip } from './svg.ts';

export interface TornadoRow {
  label: string;
  /** The bar: e.g. Morris mu* (mean absolute elementary effect). */
  value: number;
  lower: number;
  upper: number;
  /** A second figure marked on the bar: e.g. Morris sigma (spread of the effects). */
  marker?: number;
}

/**
 * A tornado chart: one horizontal bar per factor, longest on top, with its interval and an
 * optional marker (Morris screening: mu* with its bootstrap interval, sigma as a diamond).
 *
 * @example
 *   tornado({ id: 'morris', title: 'Which levers matter', subtitle: '...', description: '', xLabel: 'mu*', markerLabel: 'sigma' },
 *     [{ label: 'contact frequency', value: 0.12, lower: 0.1, upper: 0.14, marker: 0.05 }]);
 */
export function tornado(o: ChartFrame & { xLabel: string; markerLabel?: string }, rows: TornadoRow[]): string {
  const sorted = [...rows].sort((a, b) => (Number.isFinite(b.value) ? b.value : -Infinity) - (Number.isFinite(a.value) ? a.value : -Infinity));
  const left = Math.min(260, 16 + Math.max(40, ...sorted.map((r) => textWidth(r.label, 10))));
  const legend = [
    { label: o.xLabel, color: PALETTE[0], kind: 'rect' as const },
    { label: '95% bootstrap interval', color: '#1a1a1a', kind: 'interval' as const },
    ...(o.markerLabel ? [{ label: o.markerLabel, color: PALETTE[4], kind: 'rect' as const }] : []),
  ];
  const p = frame({ ...o, legend, height: o.height ?? Math.max(200, 110 + 22 * sorted.length), margin: { left, ...o.margin } });
  const all = sorted.flatMap((r) => [r.value, r.upper, r.marker ?? NaN]).filter(Number.isFinite);
  const x = scaleLinear().domain([0, Math.max(1e-12, ...all)]).nice().range([0, p.width]);
  const y = scaleBand<string>().domain(sorted.map((r) => r.label)).range([0, p.height]).padding(0.25);
  const content = [bottomAxis(p, x, o.xLabel)];
  for (const r of sorted) {
    const top = y(r.label) ?? 0;
    const mid = top + y.bandwidth() / 2;
    const parts = [
      tooltip(`${r.label}: ${o.xLabel} ${fmt(r.value)} [${fmt(r.lower)}, ${fmt(r.upper)}]${r.marker !== undefined ? `, ${o.markerLabel ?? ''} ${fmt(r.marker)}` : ''}`),
      text({ x: -8, y: mid + 3.5, 'text-anchor': 'end', 'font-size': 10 }, r.label),
    ];
    if (Number.isFinite(r.value)) parts.push(el('rect', { x: 0, y: top, width: Math.max(0, x(r.value)), height: y.bandwidth(), fill: PALETTE[0], 'fill-opacity': 0.85 }));
    if (Number.isFinite(r.lower) && Number.isFinite(r.upper)) {
      parts.push(el('line', { x1: x(Math.max(0, r.lower)), x2: x(r.upper), y1: mid, y2: mid, stroke: '#1a1a1a', 'stroke-width': 1.5 }));
    }
    if (r.marker !== undefined && Number.isFinite(r.marker)) {
      const m = x(r.marker);
      parts.push(el('path', { d: `M${m},${mid - 5}L${m + 5},${mid}L${m},${mid + 5}L${m - 5},${mid}Z`, fill: PALETTE[4] }));
    }
    content.push(el('g', { 'data-factor': r.label }, ...parts));
  }
  return p.finish(content);
}
