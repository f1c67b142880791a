import * as d3 from 'd3';
import type { Band, Summary } from '../../index.ts';
import { fmt, fmtEstimate } from '../../analysis/format.ts';
import { createFrame, ellipsize, emptyNote, n, OKABE_ITO, pct, xAxis, yAxis, type LegendItem } from './common.ts';
import { prematureWording } from '../wording.ts';

/**
 * How matches end over time, as competing risks: the cumulative incidence of premature closure
 * (any reason) and of planned completion, with 95% bands, and the share still running.
 */
export function drawSurvival(host: HTMLElement, s: Summary, baseline: Summary | null): void {
  const sv = s.survival;
  const p = sv.prematureIncidence;
  const legend: LegendItem[] = [
    { label: 'Ended early (any reason)', color: OKABE_ITO.vermillion, kind: 'line' },
    { label: 'Completed as planned', color: OKABE_ITO.blue, kind: 'line' },
    { label: 'Still running', color: OKABE_ITO.grey, kind: 'dash' },
    { label: '95% confidence band', color: OKABE_ITO.vermillion, kind: 'band' },
  ];
  if (baseline) legend.push({ label: 'Baseline: ended early', color: OKABE_ITO.black, kind: 'dash' });
  const f = createFrame(host, {
    id: 'survival',
    title: 'How matches end',
    subtitle: 'Cumulative incidence by weeks since the match started: planned completion competes with ending early; matches running at the horizon are censored',
    description: `${fmtEstimate(n(p.value), [n(p.lower), n(p.upper)], 'share')} of matches end prematurely by the planned ${p.weeks} weeks (cumulative incidence, 95% interval); ${sv.atRisk[0] ?? 0} matches.`,
    legend,
    reps: s.scenario.reps,
  });
  let lastAtRisk = 0;
  sv.atRisk.forEach((r, i) => {
    if (r > 0) lastAtRisk = i;
  });
  const maxT = Math.min(sv.time.length - 1, Math.max(lastAtRisk, p.weeks) + 4);
  const x = d3.scaleLinear().domain([0, Math.max(1, maxT)]).range([0, f.width]);
  const y = d3.scaleLinear().domain([0, 1]).range([f.height, 0]);
  yAxis(f, y, 'Share of matches (%)', 5, (d) => pct(+d));
  xAxis(f, x, 'Weeks since the match started', 8);
  if ((sv.atRisk[0] ?? 0) === 0) return emptyNote(f, 'No matches yet');

  const idx = d3.range(Math.min(sv.time.length, maxT + 1));
  const area = (b: Band) =>
    d3
      .area<number>()
      .curve(d3.curveStepAfter)
      .defined((i) => Number.isFinite(n(b.lower[i])) && Number.isFinite(n(b.upper[i])))
      .x((i) => x(i))
      .y0((i) => y(n(b.lower[i])))
      .y1((i) => y(n(b.upper[i])))(idx);
  const line = (values: number[]) =>
    d3
      .line<number>()
      .curve(d3.curveStepAfter)
      .defined((i) => Number.isFinite(n(values[i])))
      .x((i) => x(i))
      .y((i) => y(n(values[i])))(idx.filter((i) => i < values.length));
  f.plot.append('path').attr('d', area(sv.premature)).attr('fill', OKABE_ITO.vermillion).attr('fill-opacity', 0.18).attr('data-series', 'band');
  f.plot.append('path').attr('d', area(sv.incidence.planned)).attr('fill', OKABE_ITO.blue).attr('fill-opacity', 0.15);
  if (baseline) {
    f.plot.append('path').attr('d', line(baseline.survival.premature.value)).attr('fill', 'none').attr('stroke', OKABE_ITO.black).attr('stroke-width', 1.8).attr('stroke-dasharray', '5 3').attr('data-series', 'baseline');
  }
  f.plot.append('path').attr('d', line(sv.stillRunning.value)).attr('fill', 'none').attr('stroke', OKABE_ITO.grey).attr('stroke-width', 1.8).attr('stroke-dasharray', '4 3').attr('data-series', 'still-running');
  f.plot.append('path').attr('d', line(sv.incidence.planned.value)).attr('fill', 'none').attr('stroke', OKABE_ITO.blue).attr('stroke-width', 2.2).attr('data-series', 'planned');
  f.plot.append('path').attr('d', line(sv.premature.value)).attr('fill', 'none').attr('stroke', OKABE_ITO.vermillion).attr('stroke-width', 2.5).attr('data-series', 'premature');

  const xp = x(Math.min(maxT, p.weeks));
  f.plot.append('line').attr('x1', xp).attr('x2', xp).attr('y1', 0).attr('y2', f.height).attr('stroke', OKABE_ITO.grey).attr('stroke-dasharray', '4 3');
  // The note goes on the side of the planned end with more room, shortened to fit it.
  const alignRight = xp > f.width / 2;
  const room = (alignRight ? xp : f.width - xp) - 8;
  f.plot
    .append('text')
    .attr('x', xp + (alignRight ? -6 : 6))
    .attr('y', 14)
    .attr('text-anchor', alignRight ? 'end' : 'start')
    .attr('fill', '#1a1a1a')
    .text(ellipsize(`${fmt(n(p.value), 'share')} ${prematureWording(s).short}`, room));
}
