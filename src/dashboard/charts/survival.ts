import * as d3 from 'd3';
import type { Summary } from '../../index.ts';
import { fmt } from '../format.ts';
import { createFrame, emptyNote, n, OKABE_ITO, pct, xAxis, yAxis, type LegendItem } from './common.ts';

/** Kaplan-Meier survival of matches (premature closure is the event) with its 95% band. */
export function drawSurvival(host: HTMLElement, s: Summary, baseline: Summary | null): void {
  const sv = s.survival;
  const p = sv.prematureByPlan;
  const legend: LegendItem[] = [
    { label: 'Kaplan-Meier estimate', color: OKABE_ITO.blue, kind: 'line' },
    { label: '95% confidence band', color: OKABE_ITO.blue, kind: 'band' },
  ];
  if (baseline) legend.push({ label: 'Baseline', color: OKABE_ITO.black, kind: 'dash' });
  legend.push({ label: `Planned duration (${p.weeks} weeks)`, color: OKABE_ITO.grey, kind: 'dash' });
  const f = createFrame(host, {
    id: 'survival',
    title: 'Match survival',
    subtitle: 'Share of matches not yet closed prematurely, by weeks since the match started (Kaplan-Meier)',
    description: `${fmt(n(p.value), 'share')} of matches close prematurely before the planned ${p.weeks} weeks, 95% interval ${fmt(n(p.lower), 'share')} to ${fmt(n(p.upper), 'share')}; ${sv.atRisk[0] ?? 0} matches.`,
    legend,
    reps: s.scenario.reps,
  });
  // Up to the last duration still at risk (matches end as planned or at the horizon), and the plan.
  let lastAtRisk = 0;
  sv.atRisk.forEach((r, i) => {
    if (r > 0) lastAtRisk = i;
  });
  const maxT = Math.min(sv.time.length - 1, Math.max(lastAtRisk, p.weeks) + 4);
  const x = d3.scaleLinear().domain([0, Math.max(1, maxT)]).range([0, f.width]);
  const y = d3.scaleLinear().domain([0, 1]).range([f.height, 0]);
  yAxis(f, y, 'Matches still running (%)', 5, (d) => pct(+d));
  xAxis(f, x, 'Weeks since the match started', 8);
  if ((sv.atRisk[0] ?? 0) === 0) return emptyNote(f, 'No matches yet');

  const idx = d3.range(sv.time.length);
  const band = d3
    .area<number>()
    .curve(d3.curveStepAfter)
    .defined((i) => Number.isFinite(n(sv.lower[i])) && Number.isFinite(n(sv.upper[i])))
    .x((i) => x(sv.time[i]))
    .y0((i) => y(n(sv.lower[i])))
    .y1((i) => y(n(sv.upper[i])));
  f.plot.append('path').attr('d', band(idx.slice(0, maxT + 1))).attr('fill', OKABE_ITO.blue).attr('fill-opacity', 0.2).attr('data-series', 'band');

  const line = (curve: Summary['survival']) =>
    d3
      .line<number>()
      .curve(d3.curveStepAfter)
      .defined((i) => Number.isFinite(n(curve.survival[i])))
      .x((i) => x(curve.time[i]))
      .y((i) => y(n(curve.survival[i])))(d3.range(Math.min(curve.time.length, maxT + 1)));
  if (baseline) {
    f.plot.append('path').attr('d', line(baseline.survival)).attr('fill', 'none').attr('stroke', OKABE_ITO.black).attr('stroke-width', 1.8).attr('stroke-dasharray', '5 3').attr('data-series', 'baseline');
  }
  f.plot.append('path').attr('d', line(sv)).attr('fill', 'none').attr('stroke', OKABE_ITO.blue).attr('stroke-width', 2.5).attr('data-series', 'survival');

  const xp = x(Math.min(maxT, p.weeks));
  f.plot.append('line').attr('x1', xp).attr('x2', xp).attr('y1', 0).attr('y2', f.height).attr('stroke', OKABE_ITO.grey).attr('stroke-dasharray', '4 3');
  const alignRight = xp > f.width * 0.6;
  f.plot
    .append('text')
    .attr('x', xp + (alignRight ? -6 : 6))
    .attr('y', f.height - 8)
    .attr('text-anchor', alignRight ? 'end' : 'start')
    .attr('fill', '#1a1a1a')
    .text(`${fmt(n(p.value), 'share')} closed early by week ${p.weeks}`);
}
