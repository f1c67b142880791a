/**
 * What every chart shares: a colour-blind-safe palette ([OkabeIto2008]), a frame with a
 * visible title, an accessible <title>/<desc>, axes with units and a legend, all drawn with
 * presentation attributes (no CSS) so an exported SVG or PNG looks the same as on the page.
 */
import * as d3 from 'd3';

export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  green: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  purple: '#CC79A7',
  grey: '#7a7a7a',
} as const;

export const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
const TEXT = '#1a1a1a';
const MUTED = '#555555';
const GRID = '#e3e3e3';

export type Svg = d3.Selection<SVGSVGElement, unknown, null, undefined>;
export type G = d3.Selection<SVGGElement, unknown, null, undefined>;

export interface LegendItem {
  label: string;
  color: string;
  kind: 'line' | 'dash' | 'band' | 'rect' | 'point' | 'interval';
}

export interface FrameOptions {
  /** Stable id, also the export file name. */
  id: string;
  title: string;
  subtitle: string;
  /** A sentence with the key numbers, for screen readers. */
  description: string;
  height?: number;
  margin?: Partial<{ top: number; right: number; bottom: number; left: number }>;
  legend?: LegendItem[];
  /** Room to keep free at the right of the subtitle. */
  subtitleInset?: number;
  /** Replications the chart is drawn from (data-reps, for tests and for the reader). */
  reps: number;
}

export interface Frame {
  svg: Svg;
  plot: G;
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
}

let uid = 0;

/** Room kept free at the right of a chart's title for its SVG and PNG buttons (index.html). */
export const ACTIONS_INSET = 92;

/**
 * Widths of chart hosts read in one go before a redraw (see `readWidths`): reading a width after
 * another chart changed the page forces a layout each time.
 */
const widths = new WeakMap<HTMLElement, number>();

export function readWidths(hosts: HTMLElement[]): void {
  for (const h of hosts) widths.set(h, h.clientWidth);
}

let measureContext: CanvasRenderingContext2D | null | undefined;

/** Text width in pixels without touching the page's layout (canvas metrics, same font). */
export function textWidth(text: string, size = 11, weight = 400): number {
  if (measureContext === undefined) measureContext = typeof document !== 'undefined' ? document.createElement('canvas').getContext('2d') : null;
  if (!measureContext) return text.length * size * (weight > 400 ? 0.6 : 0.55);
  measureContext.font = `${weight} ${size}px ${FONT}`;
  return measureContext.measureText(text).width;
}

/** A document-unique id for clip paths and labels. */
export function uniqueId(prefix: string): string {
  return `${prefix}-${++uid}`;
}

/** A number, or NaN for the nulls that rounding wrote for undefined figures. */
export function n(x: number | null | undefined): number {
  return x === null || x === undefined ? NaN : x;
}

/** Replaces the host's chart with a fresh frame sized to the host's width. */
export function createFrame(host: HTMLElement, o: FrameOptions): Frame {
  const totalWidth = Math.max(320, Math.floor(widths.get(host) || host.clientWidth || 480));
  const totalHeight = o.height ?? 270;
  d3.select(host).selectAll('svg').remove();
  const id = `chart-${o.id}-${++uid}`;
  const svg = d3
    .select(host)
    .append('svg')
    .attr('xmlns', 'http://www.w3.org/2000/svg')
    .attr('role', 'img')
    .attr('aria-labelledby', `${id}-title ${id}-desc`)
    .attr('width', totalWidth)
    .attr('height', totalHeight)
    .attr('viewBox', `0 0 ${totalWidth} ${totalHeight}`)
    .attr('font-family', FONT)
    .attr('font-size', 11)
    .attr('fill', TEXT)
    .attr('data-testid', `chart-${o.id}`)
    .attr('data-chart', o.id)
    .attr('data-reps', o.reps) as Svg;
  svg.append('title').attr('id', `${id}-title`).text(o.title);
  svg.append('desc').attr('id', `${id}-desc`).text(`${o.subtitle}. ${o.description}`);
  svg.append('rect').attr('width', totalWidth).attr('height', totalHeight).attr('fill', '#ffffff');

  const heading = svg.append('g').attr('aria-hidden', 'true');
  // The title leaves room for the SVG and PNG buttons over the chart's top right corner.
  const titleWidth = totalWidth - 20 - ACTIONS_INSET;
  const title = heading.append('text').attr('x', 10).attr('y', 18).attr('font-size', 14).attr('font-weight', 600).text(ellipsize(o.title, titleWidth, 14, 600));
  if (title.text() !== o.title) title.append('title').text(o.title);
  const sub = wrap(heading, o.subtitle, 10, 34, totalWidth - 20 - (o.subtitleInset ?? 0), 2);

  let legendBottom = 38 + 14 * (sub - 1);
  if (o.legend && o.legend.length > 0) legendBottom = drawLegend(svg, o.legend, 10, legendBottom + 12, totalWidth - 20);
  const margin = { top: legendBottom + 12, right: 16, bottom: 44, left: 56, ...o.margin };
  if (o.margin?.top !== undefined) margin.top = legendBottom + o.margin.top;
  const plot = svg.append('g').attr('transform', `translate(${margin.left},${margin.top})`) as G;
  return { svg, plot, margin, width: totalWidth - margin.left - margin.right, height: Math.max(60, totalHeight - margin.top - margin.bottom) };
}

/** Muted text wrapped onto at most `maxLines` lines of `width` pixels; returns the lines used. */
function wrap(parent: G, text: string, x: number, y: number, width: number, maxLines: number): number {
  const words = text.split(/\s+/);
  let line = 0;
  let el = parent.append('text').attr('x', x).attr('y', y).attr('font-size', 11).attr('fill', MUTED);
  let current: string[] = [];
  for (let i = 0; i < words.length; i++) {
    current.push(words[i]);
    el.text(current.join(' '));
    if (textWidth(current.join(' ')) > width && current.length > 1) {
      if (line === maxLines - 1) {
        const rest = words.slice(i - current.length + 1).join(' ');
        el.text(ellipsize(rest, width)).append('title').text(text);
        return line + 1;
      }
      current.pop();
      el.text(current.join(' '));
      line += 1;
      current = [words[i]];
      el = parent.append('text').attr('x', x).attr('y', y + 14 * line).attr('font-size', 11).attr('fill', MUTED).text(words[i]);
    }
  }
  return line + 1;
}

/** The longest start of `full` that fits `width` pixels (at `size` px) with an ellipsis. */
export function ellipsize(full: string, width: number, size = 11, weight = 400): string {
  if (textWidth(full, size, weight) <= width) return full;
  let lo = 0;
  let hi = full.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (textWidth(full.slice(0, mid) + '…', size, weight) <= width) lo = mid;
    else hi = mid - 1;
  }
  return full.slice(0, lo) + '…';
}

/** A one- or two-row legend; returns the y of its bottom. */
function drawLegend(svg: Svg, items: LegendItem[], x0: number, y0: number, width: number): number {
  const g = svg.append('g').attr('class', 'legend').attr('aria-hidden', 'true');
  let x = x0;
  let y = y0;
  for (const item of items) {
    const entry = g.append('g');
    const sw = entry.append('g');
    switch (item.kind) {
      case 'line':
        sw.append('line').attr('x1', 0).attr('x2', 18).attr('y1', 0).attr('y2', 0).attr('stroke', item.color).attr('stroke-width', 2.5);
        break;
      case 'dash':
        sw.append('line').attr('x1', 0).attr('x2', 18).attr('y1', 0).attr('y2', 0).attr('stroke', item.color).attr('stroke-width', 2).attr('stroke-dasharray', '5 3');
        break;
      case 'band':
        sw.append('rect').attr('x', 0).attr('y', -5).attr('width', 18).attr('height', 10).attr('fill', item.color).attr('fill-opacity', 0.25);
        break;
      case 'rect':
        sw.append('rect').attr('x', 2).attr('y', -5).attr('width', 14).attr('height', 10).attr('fill', item.color);
        break;
      case 'point':
        sw.append('circle').attr('cx', 9).attr('cy', 0).attr('r', 4).attr('fill', item.color);
        break;
      case 'interval':
        sw.append('line').attr('x1', 0).attr('x2', 18).attr('y1', 0).attr('y2', 0).attr('stroke', item.color).attr('stroke-width', 2);
        sw.append('circle').attr('cx', 9).attr('cy', 0).attr('r', 3.5).attr('fill', item.color);
        break;
    }
    entry.append('text').attr('x', 23).attr('y', 4).attr('fill', TEXT).text(item.label);
    const w = 23 + textWidth(item.label) + 14;
    if (x > x0 && x + w > x0 + width) {
      x = x0;
      y += 16;
    }
    entry.attr('transform', `translate(${x},${y})`);
    x += w;
  }
  return y + 6;
}

type AnyScale = d3.AxisScale<d3.NumberValue> | d3.AxisScale<string>;
type Continuous = d3.ScaleContinuousNumeric<number, number>;

/** Gap kept between two tick labels, in pixels. */
const TICK_GAP = 8;

/** Height of a 10 px tick label with the room it needs above and below. */
const TICK_LINE = 12;

/**
 * Tick values of a continuous scale whose labels do not touch: the most ticks, up to `wanted`,
 * that leave TICK_GAP pixels between neighbouring labels at 10 px (side by side on a bottom
 * axis, stacked on a left one).
 */
export function fittedTicks(scale: Continuous, wanted: number, format?: (d: d3.NumberValue) => string, stacked = false): number[] {
  for (let count = wanted; count >= 1; count--) {
    const ticks = scale.ticks(count);
    const label = format ?? scale.tickFormat(count);
    const half = ticks.map((t) => (stacked ? TICK_LINE : textWidth(label(t), 10)) / 2);
    if (ticks.every((t, i) => i === 0 || Math.abs(scale(t) - scale(ticks[i - 1])) >= half[i] + half[i - 1] + TICK_GAP)) return ticks;
  }
  return scale.domain().slice(0, 1);
}

/** A label no longer than `width` pixels, the whole text in its hover title when shortened. */
function fittedLabel(parent: d3.Selection<SVGTextElement, unknown, null, undefined>, text: string, width: number): void {
  const shown = ellipsize(text, width);
  parent.text(shown);
  if (shown !== text) parent.append('title').text(text);
}

/**
 * Bottom axis with its label (including the unit). Tick labels never touch: a continuous scale gets
 * fewer ticks, labels of a band scale wrap onto two lines. Returns the lines its tick labels use.
 */
export function xAxis(f: Frame, scale: AnyScale, label: string, ticks = 6, format?: (d: any) => string, labelOffset = 34): number {
  const axis = d3.axisBottom(scale as d3.AxisScale<d3.NumberValue>).ticks(ticks);
  const continuous = 'ticks' in scale && typeof (scale as Continuous).ticks === 'function';
  if (continuous) axis.tickValues(fittedTicks(scale as Continuous, ticks, format));
  if (format) axis.tickFormat(format);
  const g = f.plot.append('g').attr('transform', `translate(0,${f.height})`).call(axis);
  styleAxis(g);
  let lines = 1;
  if (!continuous && 'bandwidth' in scale) {
    const room = (scale as d3.ScaleBand<string>).step() - 4;
    g.selectAll<SVGTextElement, string>('.tick text').each(function () {
      const full = this.textContent ?? '';
      if (textWidth(full, 10) <= room) return;
      const words = full.split(' ');
      const cut = Math.max(1, Math.ceil(words.length / 2));
      const t = d3.select(this).text(null);
      [words.slice(0, cut).join(' '), words.slice(cut).join(' ')].filter(Boolean).forEach((line, i) => {
        t.append('tspan').attr('x', 0).attr('dy', i === 0 ? '0.71em' : '1.1em').text(ellipsize(line, room, 10));
      });
      lines = 2;
    });
  }
  const title = f.plot.append('text').attr('x', f.width / 2).attr('y', f.height + labelOffset + (lines - 1) * 11).attr('text-anchor', 'middle').attr('fill', MUTED);
  fittedLabel(title, label, f.width + 40);
  return lines;
}

/** Left axis with horizontal grid lines and its label (including the unit). */
export function yAxis(f: Frame, scale: d3.ScaleLinear<number, number>, label: string, ticks = 5, format?: (d: d3.NumberValue) => string): void {
  const values = fittedTicks(scale, ticks, format, true);
  f.plot
    .append('g')
    .attr('aria-hidden', 'true')
    .selectAll('line')
    .data(values)
    .join('line')
    .attr('x1', 0)
    .attr('x2', f.width)
    .attr('y1', (d) => scale(d))
    .attr('y2', (d) => scale(d))
    .attr('stroke', GRID);
  const axis = d3.axisLeft(scale).tickValues(values);
  axis.tickFormat(format ?? scale.tickFormat(values.length));
  const g = f.plot.append('g').call(axis);
  styleAxis(g);
  const title = f.plot
    .append('text')
    .attr('transform', `translate(${-44},${f.height / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .attr('fill', MUTED);
  fittedLabel(title, label, f.height);
}

function styleAxis(g: d3.Selection<SVGGElement, unknown, null, undefined>): void {
  g.attr('font-family', FONT).attr('font-size', 10);
  g.selectAll('text').attr('fill', TEXT);
  g.selectAll('line,path').attr('stroke', '#888888');
}

/** A message in place of the plot when there is nothing to draw yet. */
export function emptyNote(f: Frame, text: string): void {
  f.plot.append('text').attr('x', f.width / 2).attr('y', f.height / 2).attr('text-anchor', 'middle').attr('fill', MUTED).attr('data-empty', 'true').text(text);
}

export const pct = (x: number) => `${(100 * x).toFixed(x !== 0 && Math.abs(x) < 0.1 ? 1 : 0)}%`;
