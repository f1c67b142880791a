import * as d3 from 'd3';
import type { Summary } from '../../index.ts';
import { fmt } from '../../analysis/format.ts';
import { createFrame, emptyNote, n, OKABE_ITO, textWidth, xAxis, type LegendItem } from './common.ts';

const ROWS = [
  { key: 'costPerMatch', label: 'Per match started' },
  { key: 'costPerCompletedMatch', label: 'Per completed match' },
] as const;

/** Cost per match and per completed match: the estimate, its 95% CI, and the 95% spread of single runs. */
export function drawCost(host: HTMLElement, s: Summary, baseline: Summary | null): void {
  const legend: LegendItem[] = [
    { label: 'Estimate', color: OKABE_ITO.blue, kind: 'point' },
    { label: '95% CI of the estimate', color: OKABE_ITO.blue, kind: 'rect' },
    { label: '95% of single runs', color: OKABE_ITO.blue, kind: 'line' },
  ];
  if (baseline) legend.push({ label: 'Baseline', color: OKABE_ITO.grey, kind: 'point' });
  const f = createFrame(host, {
    id: 'cost',
    title: 'Cost per match',
    subtitle: 'Programme cost (coordinator hours and volunteer expenses) over the horizon, per match',
    description: ROWS.map((r) => {
      const m = s.metrics[r.key];
      return `${r.label}: ${fmt(n(m.value), 'EUR')} (95% CI ${fmt(n(m.ci95[0]), 'EUR')} to ${fmt(n(m.ci95[1]), 'EUR')}; single runs ${fmt(n(m.pi95[0]), 'EUR')} to ${fmt(n(m.pi95[1]), 'EUR')})`;
    }).join('; ') + '.',
    legend,
    reps: s.scenario.reps,
    margin: { left: 130, right: 24 },
    // Narrow charts wrap their legend onto more lines: room for the rows stays the same.
    height: (baseline ? 260 : 230) + (host.clientWidth > 0 && host.clientWidth < 520 ? 50 : 0),
  });
  const entries = ROWS.flatMap((r) => [
    { row: r.label, who: 'current', m: s.metrics[r.key] },
    ...(baseline ? [{ row: r.label, who: 'baseline', m: baseline.metrics[r.key] }] : []),
  ]);
  const vals = entries.flatMap((e) => [n(e.m.pi95[0]), n(e.m.pi95[1]), n(e.m.value)]).filter(Number.isFinite);
  const x = d3.scaleLinear().domain([0, Math.max(1, d3.max(vals) ?? 1)]).nice().range([0, f.width]);
  const yb = d3.scaleBand<string>().domain(ROWS.map((r) => r.label)).range([0, f.height]).padding(0.25);
  xAxis(f, x, 'Cost (EUR)', 6, (d) => d3.format(',.0f')(d).replace(/,/g, ' '));
  f.plot
    .append('g')
    .selectAll('text')
    .data(ROWS)
    .join('text')
    .attr('x', -8)
    .attr('y', (r) => (yb(r.label) ?? 0) + yb.bandwidth() / 2 + 4)
    .attr('text-anchor', 'end')
    .text((r) => r.label);
  if (vals.length === 0) return emptyNote(f, 'No matches yet');
  for (const e of entries) {
    const band = yb.bandwidth() / (baseline ? 2 : 1);
    const cy = (yb(e.row) ?? 0) + (e.who === 'baseline' ? band * 1.5 : band / 2);
    const c = e.who === 'baseline' ? OKABE_ITO.grey : OKABE_ITO.blue;
    const g = f.plot.append('g').attr('data-row', e.row).attr('data-who', e.who);
    const [p0, p1] = [n(e.m.pi95[0]), n(e.m.pi95[1])];
    const [c0, c1] = [n(e.m.ci95[0]), n(e.m.ci95[1])];
    if (Number.isFinite(p0) && Number.isFinite(p1)) {
      g.append('line').attr('x1', x(p0)).attr('x2', x(p1)).attr('y1', cy).attr('y2', cy).attr('stroke', c).attr('stroke-width', 1.5);
      for (const v of [p0, p1]) g.append('line').attr('x1', x(v)).attr('x2', x(v)).attr('y1', cy - 5).attr('y2', cy + 5).attr('stroke', c).attr('stroke-width', 1.5);
    }
    if (Number.isFinite(c0) && Number.isFinite(c1)) {
      g.append('rect').attr('x', x(c0)).attr('width', Math.max(2, x(c1) - x(c0))).attr('y', cy - 6).attr('height', 12).attr('fill', c).attr('fill-opacity', 0.45);
    }
    if (Number.isFinite(n(e.m.value))) {
      g.append('circle').attr('cx', x(n(e.m.value))).attr('cy', cy).attr('r', 5).attr('fill', c).attr('stroke', '#ffffff');
      // The value beside its whisker, on the side with room, else just above its point, so two
      // rows never share a line and no label leaves the chart.
      const label = `${e.who === 'baseline' ? 'baseline ' : ''}${fmt(n(e.m.value), 'EUR')}`;
      const w = textWidth(label, 10);
      const right = (Number.isFinite(p1) ? x(p1) : x(n(e.m.value))) + 8;
      const left = (Number.isFinite(p0) ? x(p0) : x(n(e.m.value))) - 8;
      const place = right + w <= f.width + f.margin.right - 2
        ? { x: right, y: cy + 3.5, anchor: 'start' }
        : left - w >= 0
          ? { x: left, y: cy + 3.5, anchor: 'end' }
          : { x: Math.min(f.width + f.margin.right - 2 - w / 2, Math.max(w / 2 - f.margin.left + 2, x(n(e.m.value)))), y: e.who === 'baseline' ? cy + 17 : cy - 9, anchor: 'middle' };
      g.append('text')
        .attr('x', place.x)
        .attr('y', place.y)
        .attr('text-anchor', place.anchor)
        .attr('font-size', 10)
        .attr('fill', e.who === 'baseline' ? '#555555' : '#1a1a1a')
        .text(label);
    }
  }
}
