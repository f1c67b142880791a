import { area, line, scaleLinear } from 'd3';
import { bottomAxis, el, emptyNote, fmt, frame, leftAxis, PALETTE, text, type ChartFrame, tooltip } from './svg.ts';

/** One line of a 1-D sweep: the mean at each x, the 95% CI of the mean, the 95% range of single runs. */
export interface SweepSeries {
  label: string;
  x: number[];
  mean: number[];
  ci: [number, number][];
  range: [number, number][];
}

/**
 * A 1-D sweep: the mean of an output against a factor, with two bands kept apart: the 95%
 * confidence interval of the mean (dark: precision of the simulated value) and the 95% range of
 * single runs (light: what one programme may show).
 *
 * @example
 *   lineWithBands({ id: 'sweep', title: 'Premature closure', subtitle: '...', description: '...', xLabel: 'Contacts per week', yLabel: 'share' },
 *     [{ label: 'all', x: [0.25, 1], mean: [0.4, 0.3], ci: [[0.38, 0.42], [0.28, 0.32]], range: [[0.2, 0.6], [0.1, 0.5]] }]);
 */
export function lineWithBands(o: ChartFrame & { xLabel: string; yLabel: string; yFormat?: (y: number) => string }, series: SweepSeries[]): string {
  const fy = o.yFormat ?? fmt;
  const many = series.length > 1;
  const legend = [
    ...(many ? series.map((s, i) => ({ label: s.label, color: PALETTE[i % PALETTE.length], kind: 'line' as const })) : [{ label: 'mean', color: PALETTE[0], kind: 'line' as const }]),
    { label: '95% CI of the mean', color: '#555555', kind: 'band' as const, opacity: 0.35 },
    { label: '95% range of single runs', color: '#555555', kind: 'band' as const, opacity: 0.12 },
  ];
  const p = frame({ ...o, legend });
  const xs = series.flatMap((s) => s.x).filter(Number.isFinite);
  const ys = series.flatMap((s) => [...s.mean, ...s.range.flat(), ...s.ci.flat()]).filter(Number.isFinite);
  if (xs.length === 0 || ys.length === 0) return p.finish([emptyNote(p, 'No values to draw')]);
  const x = scaleLinear().domain([Math.min(...xs), Math.max(...xs)]).range([0, p.width]);
  const y = scaleLinear().domain([Math.min(...ys), Math.max(...ys)]).nice().range([p.height, 0]);
  const content = [leftAxis(p, y, o.yLabel, 5, fy), bottomAxis(p, x, o.xLabel)];
  series.forEach((s, i) => {
    const c = PALETTE[i % PALETTE.length];
    const idx = s.x.map((_, j) => j).filter((j) => Number.isFinite(s.mean[j]));
    const band = (b: [number, number][]) =>
      area<number>().x((j) => x(s.x[j])).y0((j) => y(b[j][0])).y1((j) => y(b[j][1])).defined((j) => Number.isFinite(b[j][0]) && Number.isFinite(b[j][1]))(idx) ?? '';
    const path = line<number>().x((j) => x(s.x[j])).y((j) => y(s.mean[j]))(idx) ?? '';
    content.push(
      el('path', { d: band(s.range), fill: c, 'fill-opacity': 0.12, 'data-band': 'range' }),
      el('path', { d: band(s.ci), fill: c, 'fill-opacity': 0.35, 'data-band': 'ci' }),
      el('path', { d: path, fill: 'none', stroke: c, 'stroke-width': 2 }),
      ...idx.map((j) =>
        el('circle', { cx: x(s.x[j]), cy: y(s.mean[j]), r: 3, fill: c },
          tooltip(`${s.label ? `${s.label}, ` : ''}${o.xLabel} ${fmt(s.x[j])}: mean ${fy(s.mean[j])}, 95% CI ${fy(s.ci[j][0])} to ${fy(s.ci[j][1])}, runs ${fy(s.range[j][0])} to ${fy(s.range[j][1])}`)),
      ),
    );
  });
  return p.finish(content);
}
