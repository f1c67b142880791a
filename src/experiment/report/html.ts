import { METRICS } from '../../analysis/metrics.ts';
import { fmt } from '../charts/svg.ts';
import { factorColumns, summaries as pointSummaries, type PointSummary } from '../results.ts';
import type { ExperimentResults } from '../run.ts';
import { sweepFigures } from './figures.ts';
import { pairedDifferences, type PairedDifference } from './differences.ts';
import { rankFactors, type Ranking } from './ranking.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const STYLE = `body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:2rem auto;max-width:980px;padding:0 1rem;color:#1a1a1a;line-height:1.45}
table{border-collapse:collapse;margin:0.5rem 0 1.5rem;font-size:0.9rem}th,td{border-bottom:1px solid #ddd;padding:0.25rem 0.6rem;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}figure{margin:1rem 0 2rem}svg{max-width:100%;height:auto}
.muted{color:#555}dl{display:grid;grid-template-columns:max-content 1fr;gap:0.2rem 1rem}dt{font-weight:600}`;

/** One table per block: a row per factor (ordered by the first output), a column per output. */
function rankingTables(rankings: Ranking[]): string[] {
  const blocks = [...new Set(rankings.map((r) => r.block))];
  return blocks.map((block) => {
    const mine = rankings.filter((r) => r.block === block);
    const order = mine[0].rows.map((x) => x.factor);
    const cell = (r: Ranking, factor: string) => {
      const x = r.rows.find((y) => y.factor === factor);
      return x ? `${fmt(x.value)}${x.lower !== undefined ? ` <span class="muted">[${fmt(x.lower)}, ${fmt(x.upper ?? NaN)}]</span>` : ''}${x.note ? ` <span class="muted">(${esc(x.note)})</span>` : ''}` : '';
    };
    return `${block !== null ? `<h3>${esc(block)}</h3>` : ''}<table><tr><th>rank</th><th>factor</th>${mine.map((r) => `<th>${esc(r.metric)}</th>`).join('')}</tr>${order
      .map((factor, i) => `<tr><td class="n">${i + 1}</td><td>${esc(factor)}</td>${mine.map((r) => `<td class="n">${cell(r, factor)}</td>`).join('')}</tr>`)
      .join('')}</table>`;
  });
}

function differenceTable(diffs: PairedDifference[]): string {
  const d0 = diffs[0];
  const rows = diffs.map((d) => `<tr>${d.block !== null ? `<td>${esc(d.block)}</td>` : ''}<td>${esc(d.level)}</td><td>${esc(METRICS[d.metric].label)}</td><td class="n">${fmt(d.difference.mean)}</td><td class="n">${fmt(d.difference.ci95[0])} to ${fmt(d.difference.ci95[1])}</td><td class="n">${d.difference.n}</td></tr>`);
  return `<h2>Paired differences</h2><p class="muted">Each level of ${esc(d0.factor)} minus ${esc(d0.reference)}, replication by replication (the same random numbers at both points), with the 95% CI of the mean difference over n replications.</p>`
    + `<table><tr>${d0.block !== null ? '<th></th>' : ''}<th>${esc(d0.factor)}</th><th>output</th><th>mean difference</th><th>95% CI</th><th>n</th></tr>${rows.join('')}</table>`;
}

/**
 * The experiment's report as one HTML file that opens offline (styles and SVG charts inline, no
 * script): what was run, failed replications, the ranking of factors, the charts, and every
 * point's means with 95% intervals. It depends only on the results, so it is byte-identical
 * across interrupted, resumed and sharded runs.
 *
 * @example
 *   writeFileSync('report.html', experimentReport(results));
 */
export function experimentReport(results: ExperimentResults, rows: readonly PointSummary[] = pointSummaries(results)): string {
  const { experiment, design } = results;
  const failed = results.records.filter((r) => r.values === null);
  const parts: string[] = [];
  parts.push(`<h1>${esc(experiment.name)}</h1>`);
  if (experiment.description) parts.push(`<p>${esc(experiment.description)}</p>`);
  parts.push(`<dl><dt>design</dt><dd>${esc(experiment.design.type)}: ${design.perBlock} points${experiment.across ? `, repeated for each ${esc(experiment.across.name)} (${design.blocks.map(esc).join(', ')})` : ''}</dd>`
    + `<dt>replications</dt><dd>${experiment.replications} per point, seed ${experiment.seed} at every point (common random numbers: differences between points are paired)</dd>`
    + `<dt>factors</dt><dd>${factorColumns(experiment).map((f) => `${esc(f.name)}${f.path && f.path !== f.name ? ` (${esc(f.path)})` : ''}`).join('; ')}</dd>`
    + `<dt>experiment hash</dt><dd><code>${experiment.hash}</code></dd></dl>`);
  parts.push('<p class="muted">Two intervals, never mixed: the <b>95% CI of the mean</b> (how precisely the replications pin down the expected value; it shrinks with more replications) and the <b>95% range of single runs</b> (2.5th to 97.5th percentile: what one real programme may show).</p>');
  if (failed.length > 0) {
    parts.push(`<h2>Failed replications</h2><p>${failed.length} replication(s) failed and have no values; they are listed in replications.csv (column error).</p><ul>${failed.slice(0, 20).map((r) => `<li>point ${r.point}, replication ${r.replication}: ${esc(r.error ?? '')}</li>`).join('')}</ul>`);
  }
  const rankings = rankFactors(results, rows);
  if (rankings.length > 0 && rankings[0].rows.length > 1) {
    parts.push('<h2>Which factors matter</h2>', `<p class="muted">Per output: ${esc(rankings[0].measure)}; factors ordered by the first output.</p>`, ...rankingTables(rankings));
  }
  const diffs = pairedDifferences(results);
  if (diffs.length > 0) parts.push(differenceTable(diffs));
  const figures = sweepFigures(results, rows);
  if (figures.length > 0) parts.push('<h2>Charts</h2>', ...figures.map((f) => `<figure>${f.svg}</figure>`));

  const cols = factorColumns(experiment);
  const shown = design.points.slice(0, 200);
  const byPoint = new Map(rows.map((r) => [`${r.point}/${r.metric}`, r]));
  parts.push(`<h2>Points</h2><p class="muted">Mean [95% CI of the mean] over replications${design.points.length > shown.length ? `; the first ${shown.length} of ${design.points.length} points (all are in summary.csv)` : ''}.</p>`);
  parts.push(`<table><tr><th>point</th>${cols.map((c) => `<th>${esc(c.name)}</th>`).join('')}${experiment.outputs.map((m) => `<th>${esc(m)}</th>`).join('')}</tr>${shown
    .map((p) => `<tr><td class="n">${p.index}</td>${cols.map((c) => `<td>${esc(String(typeof p.values[c.name] === 'number' ? fmt(p.values[c.name] as number) : p.values[c.name]))}</td>`).join('')}${experiment.outputs
      .map((m) => {
        const s = byPoint.get(`${p.index}/${m}`)?.summary;
        return `<td class="n">${s ? `${fmt(s.mean)} [${fmt(s.ci95[0])}, ${fmt(s.ci95[1])}]` : ''}</td>`;
      })
      .join('')}</tr>`)
    .join('')}</table>`);
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(experiment.name)}: experiment report</title><style>${STYLE}</style></head><body>\n${parts.join('\n')}\n</body></html>\n`;
}
