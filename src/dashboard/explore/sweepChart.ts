/**
 * Which chart of a sweep table to draw, and drawing it with the experiment report's chart builders
 * (src/experiment/charts: SVG text, no DOM): a line with bands against one lever, a heat map over
 * two, or means with intervals when the lever's levels have no order. Pure: no DOM.
 */
import { heatmap } from '../../experiment/charts/heatmap.ts';
import { intervalBars, type IntervalSeries } from '../../experiment/charts/intervals.ts';
import { lineWithBands, type SweepSeries } from '../../experiment/charts/lineBands.ts';
import { chartValue } from '../../analysis/format.ts';
import { fmt } from '../../experiment/charts/svg.ts';
import { metricLabel, varyingFactors, type SweepFactor, type SweepTable } from './sweepTable.ts';

/** What to draw: a figure against `x`; a second factor as heat-map rows or as one line per level; the other factors held at a level. */
export interface ChartChoice {
  metric: string;
  x: string;
  second: string | null;
  secondAs: 'heatmap' | 'lines';
  /** Level (as text) of every factor that is neither `x` nor `second`. */
  fixed: Record<string, string>;
}

/** At most this many lines in one chart (the palette's colours). */
export const MAX_LINES = 8;

/**
 * A sensible first chart, keeping what still fits from the previous choice: the first varying
 * factor against the second (heat map for a sweep of two levers; lines when the second has few
 * levels and no order), other factors at their first level.
 *
 * @example
 *   defaultChoice(table).x; // the first factor that varies
 */
export function defaultChoice(t: SweepTable, previous: ChartChoice | null = null): ChartChoice | null {
  const varying = varyingFactors(t);
  if (varying.length === 0 || t.metrics.length === 0) return null;
  const names = new Set(varying.map((f) => f.name));
  const metric = previous && t.metrics.includes(previous.metric) ? previous.metric : t.metrics.includes('prematureIncidence') ? 'prematureIncidence' : t.metrics[0];
  const x = previous && names.has(previous.x) ? previous.x : varying[0].name;
  const others = varying.filter((f) => f.name !== x);
  let second: string | null = null;
  let secondAs: ChartChoice['secondAs'] = 'heatmap';
  if (previous && previous.second !== null && names.has(previous.second) && previous.second !== x) {
    second = previous.second;
    secondAs = previous.secondAs;
  } else if (others.length > 0) {
    second = others[0].name;
    secondAs = !others[0].numeric && others[0].levels.length <= MAX_LINES ? 'lines' : 'heatmap';
  }
  const fixed: Record<string, string> = {};
  for (const f of t.factors) {
    if (f.name === x || f.name === second) continue;
    const kept = previous?.fixed[f.name];
    fixed[f.name] = kept !== undefined && f.levels.map(String).includes(kept) ? kept : String(f.levels[0] ?? '');
  }
  return { metric, x, second, secondAs, fixed };
}

/** The points that the choice draws: every factor but x and the second at its fixed level. */
function pointsInView(t: SweepTable, c: ChartChoice): number[] {
  return [...t.points.entries()]
    .filter(([, values]) => Object.entries(c.fixed).every(([name, level]) => String(values[name]) === level))
    .map(([p]) => p);
}

const levelText = (f: SweepFactor, v: number | string) => (typeof v === 'number' ? fmt(v) : v);

/** Chart labels in the units' words (see `chartValue`): one way to say a number in every chart. */
export const valueFormat = chartValue;

/** The value axis names the unit only: the chart's title names the figure. */
const valueAxis = (unit: string, label: string) => (unit.startsWith('share') ? 'share (%)' : unit || label);
const axisLabel = (f: SweepFactor) => `${f.label}${f.unit ? ` (${f.unit})` : ''}`;

export interface SweepChart {
  kind: 'line' | 'heatmap' | 'intervals';
  svg: string;
  /** Notes for the reader: lines left out, points without a value. */
  notes: string[];
}

/**
 * The chart of a choice at `width` pixels.
 *
 * @example
 *   sweepChart(table, defaultChoice(table)!, 640).svg; // '<svg ...'
 */
export function sweepChart(t: SweepTable, c: ChartChoice, width: number): SweepChart {
  const fx = t.factors.find((f) => f.name === c.x)!;
  const fy = c.second ? t.factors.find((f) => f.name === c.second) ?? null : null;
  const { label, unit } = metricLabel(c.metric);
  const yLabel = valueAxis(unit, label);
  const yFormat = valueFormat(unit);
  const inView = new Set(pointsInView(t, c));
  const rows = new Map(t.rows.filter((r) => r.metric === c.metric && inView.has(r.point)).map((r) => [r.point, r]));
  const at = (xv: number | string, yv: number | string | null) => {
    for (const p of inView) {
      const v = t.points.get(p)!;
      if (String(v[fx.name]) === String(xv) && (fy === null || String(v[fy.name]) === String(yv))) return rows.get(p);
    }
    return undefined;
  };
  const notes: string[] = [];
  const fixedText = Object.entries(c.fixed).filter(([name]) => (t.factors.find((f) => f.name === name)?.levels.length ?? 0) > 1).map(([name, level]) => `${name} = ${level}`);
  const held = fixedText.length > 0 ? `; held: ${fixedText.join(', ')}` : '';
  const reps = Math.max(0, ...[...rows.values()].map((r) => r.n).filter(Number.isFinite));
  const subtitle = `Mean over ${reps} replication${reps === 1 ? '' : 's'} per point${held}`;
  const id = `explore-${c.metric}`;

  if (fy && c.secondAs === 'heatmap') {
    const values = fy.levels.map((yv) => fx.levels.map((xv) => at(xv, yv)?.mean ?? NaN));
    const halfWidth = fy.levels.map((yv) => fx.levels.map((xv) => {
      const r = at(xv, yv);
      return r ? (r.ci95[1] - r.ci95[0]) / 2 : NaN;
    }));
    const svg = heatmap(
      { id, title: label, subtitle: `${subtitle}; cell: mean${unit.startsWith('share') || unit === '' ? '' : ` (${unit === 'g' ? 'g, in SDs of the counterfactual' : unit})`}`, description: `${label} over ${fx.levels.length} values of ${fx.label} and ${fy.levels.length} of ${fy.label}`, width, height: Math.max(260, Math.min(560, 150 + 26 * fy.levels.length)) },
      { xLabel: axisLabel(fx), yLabel: axisLabel(fy), xLevels: fx.levels.map((v) => levelText(fx, v)), yLevels: fy.levels.map((v) => levelText(fy, v)), values, halfWidth, valueLabel: label, format: yFormat },
    );
    return { kind: 'heatmap', svg, notes };
  }

  let seriesLevels: (number | string | null)[] = [null];
  if (fy) {
    seriesLevels = fy.levels.slice(0, MAX_LINES);
    if (fy.levels.length > MAX_LINES) notes.push(`Showing the first ${MAX_LINES} of ${fy.levels.length} values of ${fy.label} as lines; draw it as a heat map to see all.`);
  }
  const seriesLabel = (yv: number | string | null) => (fy && yv !== null ? `${fy.label}: ${levelText(fy, yv)}` : label);
  if (fx.numeric) {
    const series: SweepSeries[] = seriesLevels.map((yv) => {
      const pts = fx.levels.map((xv) => at(xv, yv));
      return {
        label: fy ? seriesLabel(yv) : '',
        x: fx.levels.map(Number),
        mean: pts.map((r) => r?.mean ?? NaN),
        ci: pts.map((r) => r?.ci95 ?? [NaN, NaN]),
        range: pts.map((r) => r?.range95 ?? [NaN, NaN]),
      };
    });
    const svg = lineWithBands(
      { id, title: label, subtitle: `${subtitle}; dark band: 95% CI of the mean, light band: 95% of single runs`, description: `${label} against ${fx.label}`, width, xLabel: axisLabel(fx), yLabel, yFormat },
      series,
    );
    return { kind: 'line', svg, notes };
  }
  const series: IntervalSeries[] = seriesLevels.map((yv) => {
    const pts = fx.levels.map((xv) => at(xv, yv));
    return { label: seriesLabel(yv), values: pts.map((r) => r?.mean ?? NaN), lower: pts.map((r) => r?.ci95[0] ?? NaN), upper: pts.map((r) => r?.ci95[1] ?? NaN) };
  });
  const svg = intervalBars(
    { id, title: label, subtitle: `By ${fx.label}; ${subtitle.charAt(0).toLowerCase()}${subtitle.slice(1)}; 95% CI of the mean`, description: `${label} per value of ${fx.label}`, width, yLabel, yFormat, bars: false },
    fx.levels.map((v) => levelText(fx, v)),
    series,
  );
  return { kind: 'intervals', svg, notes };
}
