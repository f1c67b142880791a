import * as d3 from 'd3';
import type { Histogram, Summary } from '../../index.ts';
import { fmt } from '../../analysis/format.ts';
import { createFrame, emptyNote, n, OKABE_ITO, pct, xAxis, yAxis, type LegendItem } from './common.ts';

/** Bin shares of a histogram, and the range of bins that hold anything. */
function shares(h: Histogram): { share: number[]; first: number; last: number; total: number } {
  const total = h.counts.reduce((a, b) => a + b, 0);
  let first = h.counts.findIndex((c) => c > 0);
  let last = h.counts.length - 1 - [...h.counts].reverse().findIndex((c) => c > 0);
  if (first < 0) {
    first = 0;
    last = h.counts.length - 1;
  }
  return { share: h.counts.map((c) => (total > 0 ? c / total : 0)), first, last, total };
}

/** Distribution of the main outcome at assessment: matched participants with the programme and without it. */
export function drawOutcomes(host: HTMLElement, s: Summary): void {
  const o = s.outcomes;
  const prog = shares(o.programme.histogram);
  const cf = shares(o.counterfactual.histogram);
  const medianIndex = o.quantiles.indexOf(0.5);
  const mp = n(o.programme.quantiles[medianIndex]);
  const mc = n(o.counterfactual.quantiles[medianIndex]);
  const legend: LegendItem[] = [
    { label: 'With the programme', color: OKABE_ITO.blue, kind: 'line' },
    { label: 'Counterfactual (no programme)', color: OKABE_ITO.orange, kind: 'dash' },
    { label: 'Medians', color: OKABE_ITO.grey, kind: 'dash' },
  ];
  const f = createFrame(host, {
    id: 'outcomes',
    title: `Outcome distribution: ${o.domain}`,
    subtitle: 'Matched participants at their assessment point, programme against the same people without it',
    description: `Median ${o.domain} ${fmt(mp)} with the programme against ${fmt(mc)} without, in baseline standard deviations; ${prog.total} participants.`,
    legend,
    reps: s.scenario.reps,
  });
  const h = o.programme.histogram;
  const lo = Math.min(prog.first, cf.first);
  const hi = Math.max(prog.last, cf.last);
  const xmin = h.min + h.width * Math.max(0, lo - 1);
  const xmax = h.min + h.width * Math.min(h.counts.length, hi + 2);
  const x = d3.scaleLinear().domain([xmin, xmax]).range([0, f.width]);
  const ymax = Math.max(0.01, ...prog.share, ...cf.share);
  const y = d3.scaleLinear().domain([0, ymax * 1.08]).nice().range([f.height, 0]);
  yAxis(f, y, 'Participants (%)', 5, (d) => pct(+d));
  xAxis(f, x, `${o.domain[0].toUpperCase()}${o.domain.slice(1)} at assessment (baseline SD)`, 8);
  if (prog.total === 0) return emptyNote(f, 'No matched participant assessed yet');

  // Step outlines over the bins in view: one point per bin edge.
  const idx = d3.range(Math.max(0, lo - 1), Math.min(h.counts.length, hi + 2));
  const step = (share: number[]) =>
    d3
      .line<number>()
      .curve(d3.curveStepAfter)
      .x((i) => x(h.min + h.width * i))
      .y((i) => y(i < share.length ? share[i] : 0))([...idx, idx[idx.length - 1] + 1]);
  const area = d3
    .area<number>()
    .curve(d3.curveStepAfter)
    .x((i) => x(h.min + h.width * i))
    .y0(f.height)
    .y1((i) => y(i < prog.share.length ? prog.share[i] : 0))([...idx, idx[idx.length - 1] + 1]);
  f.plot.append('path').attr('d', area).attr('fill', OKABE_ITO.blue).attr('fill-opacity', 0.15);
  f.plot.append('path').attr('d', step(cf.share)).attr('fill', 'none').attr('stroke', OKABE_ITO.orange).attr('stroke-width', 2).attr('stroke-dasharray', '5 3').attr('data-series', 'counterfactual');
  f.plot.append('path').attr('d', step(prog.share)).attr('fill', 'none').attr('stroke', OKABE_ITO.blue).attr('stroke-width', 2).attr('data-series', 'programme');
  for (const [m, c, label] of [[mc, OKABE_ITO.orange, 'median'], [mp, OKABE_ITO.blue, 'median']] as const) {
    if (!Number.isFinite(m)) continue;
    f.plot.append('line').attr('x1', x(m)).attr('x2', x(m)).attr('y1', 0).attr('y2', f.height).attr('stroke', c).attr('stroke-width', 1.2).attr('stroke-dasharray', '2 2').attr('aria-label', label);
  }
}
