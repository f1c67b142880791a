import * as d3 from 'd3';
import type { Summary } from '../../index.ts';
import { fmt } from '../../analysis/format.ts';
import { createFrame, emptyNote, n, OKABE_ITO, xAxis, yAxis, type LegendItem } from './common.ts';

interface SeriesSpec {
  key: string;
  label: string;
  color: string;
  dashed?: boolean;
}

function mean(xs: readonly number[]): number {
  const v = xs.map(n).filter(Number.isFinite);
  return v.length ? d3.sum(v) / v.length : NaN;
}

/** Weekly means with the 95% spread of single runs, for some series, and the baseline's means dashed. */
function drawSeries(
  host: HTMLElement,
  s: Summary,
  baseline: Summary | null,
  o: { id: string; title: string; subtitle: string; yLabel: string; unit: string; series: SeriesSpec[] },
): void {
  const legend: LegendItem[] = o.series.flatMap((sp) => [{ label: sp.label, color: sp.color, kind: sp.dashed ? ('dash' as const) : ('line' as const) }]);
  legend.push({ label: '95% of runs', color: OKABE_ITO.grey, kind: 'band' });
  if (baseline) legend.push({ label: 'Baseline (thin)', color: OKABE_ITO.black, kind: 'dash' });
  const f = createFrame(host, {
    id: o.id,
    title: o.title,
    subtitle: o.subtitle,
    description: o.series.map((sp) => `${sp.label}: ${fmt(mean(s.weekly[sp.key].mean))} ${o.unit} on average over the weeks`).join('; ') + '.',
    legend,
    reps: s.scenario.reps,
  });
  const weeks = s.weekly[o.series[0].key].mean.length;
  const x = d3.scaleLinear().domain([0, Math.max(1, weeks - 1)]).range([0, f.width]);
  let ymax = 1;
  for (const sp of o.series) {
    ymax = Math.max(ymax, d3.max(s.weekly[sp.key].upper.map(n).filter(Number.isFinite)) ?? 0);
    if (baseline) ymax = Math.max(ymax, d3.max(baseline.weekly[sp.key].mean.map(n).filter(Number.isFinite)) ?? 0);
  }
  const y = d3.scaleLinear().domain([0, ymax]).nice().range([f.height, 0]);
  yAxis(f, y, o.yLabel, 5);
  xAxis(f, x, 'Week of the simulation', 8);
  if (weeks === 0) return emptyNote(f, 'No weeks yet');
  const idx = d3.range(weeks);
  for (const sp of o.series) {
    const w = s.weekly[sp.key];
    const band = d3
      .area<number>()
      .defined((i) => Number.isFinite(n(w.lower[i])) && Number.isFinite(n(w.upper[i])))
      .x((i) => x(i))
      .y0((i) => y(n(w.lower[i])))
      .y1((i) => y(n(w.upper[i])));
    f.plot.append('path').attr('d', band(idx)).attr('fill', sp.color).attr('fill-opacity', 0.14);
  }
  for (const sp of o.series) {
    const line = (w: { mean: number[] }) =>
      d3
        .line<number>()
        .defined((i) => Number.isFinite(n(w.mean[i])))
        .x((i) => x(i))
        .y((i) => y(n(w.mean[i])))(d3.range(w.mean.length));
    if (baseline) {
      f.plot.append('path').attr('d', line(baseline.weekly[sp.key])).attr('fill', 'none').attr('stroke', sp.color).attr('stroke-width', 1.2).attr('stroke-dasharray', '2 3').attr('data-series', `baseline-${sp.key}`);
    }
    const path = f.plot.append('path').attr('d', line(s.weekly[sp.key])).attr('fill', 'none').attr('stroke', sp.color).attr('stroke-width', 2.2).attr('data-series', sp.key);
    if (sp.dashed) path.attr('stroke-dasharray', '6 3');
  }
}

/** Participants and volunteers waiting, and active matches, week by week. */
export function drawWeeklyPeople(host: HTMLElement, s: Summary, baseline: Summary | null): void {
  drawSeries(host, s, baseline, {
    id: 'weekly-people',
    title: 'Waiting lists and active matches',
    subtitle: 'Weekly mean over replications; bands: 95% of single runs',
    yLabel: 'People / matches',
    unit: '',
    series: [
      { key: 'participantsWaiting', label: 'Participants waiting', color: OKABE_ITO.vermillion },
      { key: 'volunteersWaiting', label: 'Volunteers waiting', color: OKABE_ITO.skyBlue, dashed: true },
      { key: 'activeMatches', label: 'Active matches', color: OKABE_ITO.green },
    ],
  });
}

/** Coordinator hours used against hours available, week by week. */
export function drawWeeklyHours(host: HTMLElement, s: Summary, baseline: Summary | null): void {
  drawSeries(host, s, baseline, {
    id: 'weekly-hours',
    title: 'Coordinator capacity',
    subtitle: 'Hours used against contract hours available (after overhead, vacancies); weekly mean, bands: 95% of runs',
    yLabel: 'Hours per week',
    unit: 'hours per week',
    series: [
      { key: 'coordinatorHoursAvailable', label: 'Hours available', color: OKABE_ITO.black, dashed: true },
      { key: 'coordinatorHoursUsed', label: 'Hours used', color: OKABE_ITO.blue },
    ],
  });
}
