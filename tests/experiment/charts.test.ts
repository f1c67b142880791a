import { describe, expect, it } from 'vitest';
import { heatmap } from '../../src/experiment/charts/heatmap.ts';
import { intervalBars } from '../../src/experiment/charts/intervals.ts';
import { lineWithBands } from '../../src/experiment/charts/lineBands.ts';
import { el, text, textWidth } from '../../src/experiment/charts/svg.ts';
import { tornado } from '../../src/experiment/charts/tornado.ts';
import { experimentReport } from '../../src/experiment/report/html.ts';
import { runExperiment } from '../../src/experiment/run.ts';
import { experiment } from './support.ts';

const frame = { id: 't', title: 'A <title>', subtitle: 'sub & more', description: 'desc' };
const count = (svg: string, re: RegExp) => (svg.match(re) ?? []).length;

/** Well-formed enough: every opened element is closed, in order. */
function balanced(svg: string): boolean {
  const stack: string[] = [];
  for (const m of svg.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
    if (m[3] === '/') continue;
    if (m[1] === '/') {
      if (stack.pop() !== m[2]) return false;
    } else stack.push(m[2]);
  }
  return stack.length === 0;
}

describe('SVG without a DOM', () => {
  it('escapes text and attributes', () => {
    expect(text({ x: 1, title: 'a"b' }, '<b> & c')).toBe('<text x="1" title="a&quot;b">&lt;b&gt; &amp; c</text>');
    expect(el('rect', { width: 1.23456, fill: undefined })).toBe('<rect width="1.23"/>');
  });
  it('a line with bands: one point per x, the CI band and the range band kept apart', () => {
    const svg = lineWithBands({ ...frame, xLabel: 'x', yLabel: 'y' }, [
      { label: 'a', x: [1, 2, 3], mean: [1, 2, 3], ci: [[0.9, 1.1], [1.9, 2.1], [2.9, 3.1]], range: [[0, 2], [1, 3], [2, 4]] },
    ]);
    expect(balanced(svg)).toBe(true);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" role="img"/);
    expect(svg).toContain('<title>A &lt;title&gt;</title>');
    expect(count(svg, /<circle /g)).toBe(3);
    expect(count(svg, /data-band="ci"/g)).toBe(1);
    expect(count(svg, /data-band="range"/g)).toBe(1);
    expect(svg).toContain('95% CI of the mean');
    expect(svg).toContain('95% range of single runs');
  });
  it('a heat map: one cell per combination, labelled, missing cells grey', () => {
    const svg = heatmap(frame, { xLabel: 'a', yLabel: 'b', xLevels: [1, 2, 3], yLevels: ['x', 'y'], values: [[1, 2, 3], [4, 5, NaN]], valueLabel: 'v' });
    expect(balanced(svg)).toBe(true);
    expect(count(svg, /data-x=/g)).toBe(6);
    expect(svg).toContain('fill="#f2f2f2"');
    expect(svg).toMatch(/<title>a 2, b y: v 5<\/title>/);
  });
  it('a heat map\'s colour key fits inside the chart, however wide its labels', () => {
    const money = (v: number) => `EUR ${Math.round(v).toLocaleString('en-GB')}`;
    const svg = heatmap({ ...frame, width: 600 }, { xLabel: 'a', yLabel: 'b', xLevels: [1, 2], yLevels: ['x'], values: [[4_888_381, 10_366_054]], valueLabel: 'cost', format: money });
    const width = Number(/<svg[^>]* width="([0-9.]+)"/.exec(svg)![1]);
    // The key's labels are the left-anchored ones (cell labels are centred in their cells).
    const keys = [...svg.matchAll(/<text x="([0-9.]+)" y="[0-9.]+" font-size="10">(EUR [0-9,]+)<\/text>/g)];
    expect(keys.length).toBe(5);
    // Positions are inside the plot, which is moved right by the left margin.
    const left = Number(/translate\(([0-9.]+),/.exec(svg)![1]);
    for (const [, x, label] of keys) expect(left + Number(x) + 1.15 * textWidth(label, 10), label).toBeLessThanOrEqual(width);
  });
  it('a tornado: bars sorted by size, largest on top, with interval and marker', () => {
    const svg = tornado({ ...frame, xLabel: 'mu*', markerLabel: 'sigma' }, [
      { label: 'small', value: 1, lower: 0.5, upper: 1.5, marker: 0.2 },
      { label: 'large', value: 3, lower: 2, upper: 4, marker: 1 },
    ]);
    expect(balanced(svg)).toBe(true);
    expect(svg.indexOf('data-factor="large"')).toBeLessThan(svg.indexOf('data-factor="small"'));
    expect(count(svg, /<path d="M/g)).toBe(2); // sigma diamonds
  });
  it('bars with intervals: a bar and a whisker per category and series', () => {
    const svg = intervalBars({ ...frame, yLabel: 'index' }, ['a', 'b'], [
      { label: 'first', values: [0.3, 0.1], lower: [0.2, 0], upper: [0.4, 0.2] },
      { label: 'total', values: [0.5, 0.2], lower: [0.4, 0.1], upper: [0.6, 0.3] },
    ]);
    expect(balanced(svg)).toBe(true);
    expect(count(svg, /data-series=/g)).toBe(4);
    expect(count(svg, /<rect x=/g)).toBeGreaterThanOrEqual(4);
  });
});

describe('the HTML report', () => {
  it('opens offline: no script, no external reference; charts inline', async () => {
    const html = experimentReport(await runExperiment(experiment()));
    expect(html).not.toMatch(/<script|<link|src=|url\(http/);
    expect(html).toMatch(/^<!doctype html>/);
    expect(count(html, /<svg /g)).toBe(2); // one line with bands per output
    expect(html).toContain('95% CI of the mean');
    expect(html).toMatch(/<h2>Paired differences<\/h2>/); // one factor swept: differences, not a ranking
  });
  it('ranks factors when more than one is swept', async () => {
    const e = experiment({ factors: [{ path: 'programme.contactsPerWeek', range: [0.5, 2] }, { path: 'programme.matching', levels: ['first-come', 'deep'] }], design: { type: 'full-factorial', steps: 2 }, replications: 2 });
    const html = experimentReport(await runExperiment(e));
    expect(html).toMatch(/<h2>Which factors matter<\/h2>/);
    expect(html).not.toMatch(/<h2>Paired differences<\/h2>/);
  });
  it('draws a heat map per block for a 2-D grid, and lists failed replications', async () => {
    const e = experiment({
      factors: [{ path: 'programme.contactsPerWeek', range: [0.5, 2] }, { path: 'programme.hoursPerContact', range: [1, 2] }],
      design: { type: 'full-factorial', steps: 2 }, replications: 2, outputs: ['prematureIncidence'],
      across: { path: 'programme.mechanism', levels: ['duration', 'neither'] },
    });
    const results = await runExperiment(e);
    const broken = { ...results, records: results.records.map((r, i) => (i === 0 ? { ...r, values: null, error: 'boom' } : r)) };
    const html = experimentReport(broken);
    expect(count(html, /data-chart="heatmap-/g)).toBe(2);
    expect(html).toContain('point 0, replication 0: boom');
  });
});
