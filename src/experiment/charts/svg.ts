import { format, type ScaleBand, type ScaleLinear } from 'd3';

/**
 * SVG as text, built with D3's scales and shapes but without a DOM, so the same chart code runs
 * in Node (reports) and in the browser (the dashboard inserts the string). Presentation attributes
 * only (no CSS), a <title> and <desc> for screen readers, a colour-blind-safe palette [OkabeIto2008].
 */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9', '#F0E442', '#000000'] as const;
export const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
const TEXT = '#1a1a1a';
const MUTED = '#555555';
const GRID = '#e3e3e3';

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;');

type Attrs = Record<string, string | number | undefined>;

/** One element: attributes escaped, undefined attributes left out, children already SVG text. */
export function el(tag: string, attrs: Attrs, ...children: string[]): string {
  const a = Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeAttr(typeof v === 'number' ? String(Math.round(v * 100) / 100) : v!)}"`)
    .join('');
  return children.length === 0 ? `<${tag}${a}/>` : `<${tag}${a}>${children.join('')}</${tag}>`;
}

/** A hover title (SVG <title>) whose content is escaped. */
export function tooltip(content: string): string {
  return el('title', {}, escapeText(content));
}

/** A text element whose content is escaped. */
export function text(attrs: Attrs, content: string): string {
  return el('text', attrs, escapeText(content));
}

/** Approximate text width without a DOM (average glyph width of a sans-serif face). */
export function textWidth(s: string, size = 11): number {
  return s.length * size * 0.55;
}

/** Numbers for ticks and hover labels: 3 significant digits, thousands grouped, no exponent. */
export const fmt = (x: number) => (Number.isFinite(x) ? format(',.3~r')(x) : 'n/a');

export interface LegendItem {
  label: string;
  color: string;
  kind: 'line' | 'band' | 'rect' | 'interval';
  opacity?: number;
}

export interface ChartFrame {
  id: string;
  title: string;
  subtitle: string;
  /** A sentence with the key numbers, for screen readers. */
  description: string;
  width?: number;
  height?: number;
  margin?: Partial<{ top: number; right: number; bottom: number; left: number }>;
  legend?: LegendItem[];
}

export interface Plot {
  width: number;
  height: number;
  /** Wraps the plot's content in the whole chart. */
  finish(content: string[]): string;
}

function wrapLines(s: string, width: number, size = 11): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of s.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (textWidth(next, size) > width && line) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

function legend(items: LegendItem[], x0: number, y0: number, width: number): { svg: string; bottom: number } {
  let x = x0;
  let y = y0;
  const parts: string[] = [];
  for (const item of items) {
    const w = 26 + textWidth(item.label) + 14;
    if (x > x0 && x + w > x0 + width) {
      x = x0;
      y += 16;
    }
    let swatch: string;
    switch (item.kind) {
      case 'line': swatch = el('line', { x1: 0, x2: 18, y1: 0, y2: 0, stroke: item.color, 'stroke-width': 2.5 }); break;
      case 'band': swatch = el('rect', { x: 0, y: -5, width: 18, height: 10, fill: item.color, 'fill-opacity': item.opacity ?? 0.25 }); break;
      case 'rect': swatch = el('rect', { x: 2, y: -5, width: 14, height: 10, fill: item.color }); break;
      case 'interval': swatch = el('line', { x1: 0, x2: 18, y1: 0, y2: 0, stroke: item.color, 'stroke-width': 2 }) + el('circle', { cx: 9, cy: 0, r: 3.5, fill: item.color }); break;
    }
    parts.push(el('g', { transform: `translate(${x},${y})` }, swatch, text({ x: 24, y: 4, fill: TEXT }, item.label)));
    x += w;
  }
  return { svg: el('g', { 'aria-hidden': 'true' }, ...parts), bottom: y + 6 };
}

/** The frame every chart shares: white background, title, wrapped subtitle, legend, plot area. */
export function frame(o: ChartFrame): Plot {
  const width = o.width ?? 640;
  const height = o.height ?? 320;
  const sub = wrapLines(o.subtitle, width - 20);
  const head = [
    // Bold 14 px is about 0.6 em a glyph: the whole title stays in the chart's <title>.
    text({ x: 10, y: 18, 'font-size': 14, 'font-weight': 600 }, o.title.length * 14 * 0.6 > width - 20 ? `${o.title.slice(0, Math.max(1, Math.floor((width - 20) / (14 * 0.6)) - 1))}…` : o.title),
    ...sub.map((l, i) => text({ x: 10, y: 34 + 14 * i, fill: MUTED }, l)),
  ];
  let bottom = 38 + 14 * (sub.length - 1);
  let legendSvg = '';
  if (o.legend && o.legend.length > 0) {
    const l = legend(o.legend, 10, bottom + 12, width - 20);
    legendSvg = l.svg;
    bottom = l.bottom;
  }
  const margin = { right: 16, bottom: 44, left: 60, ...o.margin, top: bottom + (o.margin?.top ?? 14) };
  const plot = { width: width - margin.left - margin.right, height: Math.max(60, height - margin.top - margin.bottom) };
  return {
    ...plot,
    finish(content) {
      return el(
        'svg',
        {
          xmlns: 'http://www.w3.org/2000/svg', role: 'img', width, height, viewBox: `0 0 ${width} ${height}`,
          'font-family': FONT, 'font-size': 11, fill: TEXT, 'data-chart': o.id,
        },
        el('title', {}, escapeText(o.title)),
        el('desc', {}, escapeText(`${o.subtitle}. ${o.description}`)),
        el('rect', { width, height, fill: '#ffffff' }),
        el('g', { 'aria-hidden': 'true' }, ...head),
        legendSvg,
        el('g', { transform: `translate(${margin.left},${margin.top})` }, ...content),
      );
    },
  };
}

/** The longest start of `s` that fits `width` pixels, with an ellipsis when shortened. */
export function ellipsize(s: string, width: number, size = 11): string {
  if (textWidth(s, size) <= width) return s;
  const keep = Math.max(0, Math.floor(width / (size * 0.55)) - 1);
  return `${s.slice(0, keep)}…`;
}

/**
 * The most ticks, up to `wanted`, whose 10 px labels keep 8 px apart: side by side on a bottom
 * axis, stacked (12 px each) on a left one.
 */
export function fittedTicks(scale: ScaleLinear<number, number>, wanted: number, tickFormat: (x: number) => string, stacked = false): number[] {
  for (let count = wanted; count >= 1; count--) {
    const ticks = scale.ticks(count);
    const half = ticks.map((t) => (stacked ? 12 : textWidth(tickFormat(t), 10)) / 2);
    if (ticks.every((t, i) => i === 0 || Math.abs(scale(t) - scale(ticks[i - 1])) >= half[i] + half[i - 1] + 8)) return ticks;
  }
  return scale.domain().slice(0, 1);
}

/** A bottom axis for a linear scale: ticks (as many as fit), labels and the axis title. */
export function bottomAxis(p: { width: number; height: number }, x: ScaleLinear<number, number>, label: string, ticks = 6, tickFormat = fmt): string {
  const parts = [el('line', { x1: 0, x2: p.width, y1: p.height, y2: p.height, stroke: '#888888' })];
  for (const t of fittedTicks(x, ticks, tickFormat)) {
    parts.push(el('line', { x1: x(t), x2: x(t), y1: p.height, y2: p.height + 5, stroke: '#888888' }));
    parts.push(text({ x: x(t), y: p.height + 17, 'text-anchor': 'middle', 'font-size': 10 }, tickFormat(t)));
  }
  parts.push(text({ x: p.width / 2, y: p.height + 36, 'text-anchor': 'middle', fill: MUTED }, ellipsize(label, p.width + 40)));
  return el('g', {}, ...parts);
}

/** A left axis for a linear scale, with horizontal grid lines; as many ticks as fit. */
export function leftAxis(p: { width: number; height: number }, y: ScaleLinear<number, number>, label: string, ticks = 5, tickFormat = fmt): string {
  const parts = [el('line', { x1: 0, x2: 0, y1: 0, y2: p.height, stroke: '#888888' })];
  for (const t of fittedTicks(y, ticks, tickFormat, true)) {
    parts.push(el('line', { x1: 0, x2: p.width, y1: y(t), y2: y(t), stroke: GRID }));
    parts.push(text({ x: -6, y: y(t) + 3.5, 'text-anchor': 'end', 'font-size': 10 }, tickFormat(t)));
  }
  parts.push(text({ x: 0, y: 0, transform: `translate(-46,${p.height / 2}) rotate(-90)`, 'text-anchor': 'middle', fill: MUTED }, ellipsize(label, p.height)));
  return el('g', {}, ...parts);
}

/**
 * Category labels along a band scale: below the plot (horizontal) or at its left (vertical). When
 * they would touch, every second (third, ...) label is kept, from the first.
 */
export function bandLabels(p: { width: number; height: number }, band: ScaleBand<string>, side: 'bottom' | 'left', label?: (d: string) => string): string {
  const domain = band.domain();
  const widest = Math.max(0, ...domain.map((d) => (side === 'bottom' ? textWidth(label ? label(d) : d, 10) : 12)));
  const every = Math.max(1, Math.ceil((widest + 6) / Math.max(1, band.step())));
  const shown = domain.filter((_, i) => i % every === 0);
  const parts = shown.map((d) =>
    side === 'bottom'
      ? text({ x: (band(d) ?? 0) + band.bandwidth() / 2, y: p.height + 15, 'text-anchor': 'middle', 'font-size': 10 }, label ? label(d) : d)
      : text({ x: -8, y: (band(d) ?? 0) + band.bandwidth() / 2 + 3.5, 'text-anchor': 'end', 'font-size': 10 }, label ? label(d) : d),
  );
  return el('g', {}, ...parts);
}

/** A plain note in place of a plot that has nothing to draw. */
export function emptyNote(p: { width: number; height: number }, note: string): string {
  return text({ x: p.width / 2, y: p.height / 2, 'text-anchor': 'middle', fill: MUTED }, note);
}
