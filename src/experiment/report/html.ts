import { summaries as pointSummaries, type PointSummary } from '../results.ts';
import type { ExperimentResults } from '../run.ts';
import { reportBlocks, type Block } from './blocks.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const STYLE = `body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:2rem auto;max-width:980px;padding:0 1rem;color:#1a1a1a;line-height:1.45}
table{border-collapse:collapse;margin:0.5rem 0 1.5rem;font-size:0.9rem}th,td{border-bottom:1px solid #ddd;padding:0.25rem 0.6rem;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}figure{margin:1rem 0 2rem}svg{max-width:100%;height:auto}
.muted{color:#555}dl{display:grid;grid-template-columns:max-content 1fr;gap:0.2rem 1rem}dt{font-weight:600}
.switch>input{position:absolute;opacity:0}.switch>label{display:inline-block;padding:0.2rem 0.7rem;margin:0 0.3rem 0.5rem 0;border:1px solid #888;border-radius:1rem;cursor:pointer}
.switch>input:checked+label{background:#0072B2;border-color:#0072B2;color:#fff}.switch>input:focus-visible+label{outline:2px solid #E69F00}
.switch>.panel{display:none}${Array.from({ length: 8 }, (_, i) => `.switch>input:nth-of-type(${i + 1}):checked~.panel:nth-of-type(${i + 1})`).join(',')}{display:block}
.wide{overflow-x:auto}`;

function html(b: Block): string {
  switch (b.kind) {
    case 'switch': {
      const inputs = b.panels.map((p, i) => `<input type="radio" name="${esc(b.id)}" id="${esc(b.id)}-${i}"${i === 0 ? ' checked' : ''}><label for="${esc(b.id)}-${i}">${esc(p.label)}</label>`);
      const panels = b.panels.map((p) => `<div class="panel">${p.blocks.map(html).join('\n')}</div>`);
      return `<div class="switch" role="group" aria-label="${esc(b.label)}">${inputs.join('')}\n${panels.join('\n')}</div>`;
    }
    case 'h1':
    case 'h2':
    case 'h3':
      return `<${b.kind}>${esc(b.text)}</${b.kind}>`;
    case 'p':
      return `<p${b.muted ? ' class="muted"' : ''}>${esc(b.text)}</p>`;
    case 'facts':
      return `<dl>${b.rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>`;
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`;
    case 'figure':
      return `<figure id="${esc(b.id)}">${b.svg}</figure>`;
    case 'table':
      return `<div class="wide"><table><tr>${b.header.map((h) => `<th>${esc(h)}</th>`).join('')}</tr>${b.rows
        .map((r) => `<tr>${r.map((c, i) => `<td${b.numeric[i] ? ' class="n"' : ''}>${esc(c)}</td>`).join('')}</tr>`)
        .join('')}</table></div>`;
  }
}

/**
 * The experiment's report as one HTML file that opens offline (styles and SVG charts inline, no
 * script). It depends only on the results, so it is byte-identical across interrupted, resumed
 * and sharded runs.
 *
 * @example
 *   writeFileSync('report.html', experimentReport(results));
 */
export function experimentReport(results: ExperimentResults, rows: readonly PointSummary[] = pointSummaries(results)): string {
  return blocksToHtml(`${results.experiment.name}: experiment report`, reportBlocks(results, rows));
}

/**
 * Report blocks as one HTML page that opens offline (styles and SVG inline, no script): the page
 * of experiment reports and of other reports built from blocks (the design explorer's).
 *
 * @example
 *   blocksToHtml('Designs', [{ kind: 'h1', text: 'Designs' }, { kind: 'p', text: 'Hello' }]);
 */
export function blocksToHtml(title: string, blocks: readonly Block[]): string {
  const body = blocks.map(html).join('\n');
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title><style>${STYLE}</style></head><body>\n${body}\n</body></html>\n`;
}
