import { describe, expect, it } from 'vitest';
import { comparePaired, fmtEstimate, parseScenario, roundDeep, runSerial, scenarioToFile } from '../../src/index.ts';
import { designReport } from '../../src/dashboard/run/report.ts';

const base = { version: 1, name: 'Report <test>', description: 'A & B', seed: 9, reps: 4, weeks: 40, outcomes: { assessmentWeeks: 20 }, programme: { hoursBudget: 20, plannedWeeks: 30 } };
const scenario = parseScenario(base);
const other = parseScenario({ ...base, name: 'Other', programme: { hoursBudget: 20, plannedWeeks: 30, contactsPerWeek: 2 } });
const a = runSerial(scenario);
const b = runSerial(other);
const svg = '<svg xmlns="http://www.w3.org/2000/svg" role="img" data-chart="survival"><title>How matches end</title></svg>';
const html = designReport({ summary: a.summary, scenario, charts: [{ id: 'survival', title: 'How matches end', svg }], version: '9.9.9', date: new Date('2026-05-04T10:00:00Z'), comparison: { baselineName: 'Other', diff: roundDeep(comparePaired(b, a)) } });

describe('the one-click report', () => {
  it('says where it comes from: version, date, seed, replications, the command that gives the same numbers', () => {
    expect(html).toContain('<dt>made with</dt><dd>buddysim 9.9.9, dashboard, on 2026-05-04T10:00:00.000Z</dd>');
    expect(html).toContain('<dt>replications</dt><dd>4, seed 9</dd>');
    expect(html).toContain('buddysim run scenario.json --reps 4 --seed 9');
    expect(html).toContain(`<dt>scenario hash</dt><dd>${a.summary.scenario.hash}</dd>`);
  });

  it('holds the key figures with their intervals, in the words of the hours budget', () => {
    const p = a.summary.survival.prematureIncidence;
    expect(html).toContain(`<td>Ended early, before the 20 hours were used (by week 30)</td><td class="n">${fmtEstimate(p.value, [p.lower, p.upper], 'share')}</td>`);
    const m = a.summary.metrics.costPerYear;
    expect(html).toContain(`<td>Cost per year</td><td class="n">${fmtEstimate(m.value, m.ci95, m.unit)}</td>`);
    expect(html).toContain('<h2>Compared with the baseline: Other</h2>');
  });

  it('holds the charts as SVG and the scenario file, and escapes the text it is given', () => {
    expect(html).toContain(`<figure id="chart-survival">${svg}</figure>`);
    expect(html).toContain('<h1>Report &lt;test&gt;</h1>');
    const pre = html.match(/<pre[^>]*>([\s\S]*?)<\/pre>/)![1].replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    expect(JSON.parse(pre)).toEqual(scenarioToFile(scenario));
    expect(html).not.toMatch(/<script/);
  });
});
