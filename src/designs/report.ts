import { chartValue, diffUnit, fmt, fmtEstimate } from '../analysis/format.ts';
import { MECHANISM_WORDS, type Mechanism } from '../calibration/mechanisms.ts';
import { heatmap, type HeatmapData } from '../experiment/charts/heatmap.ts';
import { intervalBars } from '../experiment/charts/intervals.ts';
import type { Block } from '../experiment/report/blocks.ts';
import { blocksToHtml } from '../experiment/report/html.ts';
import { blocksToMarkdown } from '../experiment/report/markdown.ts';
import { DOMAIN_LABELS } from '../model/domains.ts';
import type { Conclusion } from './conclusions.ts';
import type { DesignResult, DesignsResult, RegretResult } from './explore.ts';
import { FIGURES, type Estimate, type FigureKey } from './figures.ts';
import { rounded, withinWords } from './summary.ts';

/**
 * The explorer's report as blocks (the experiment report's renderer makes HTML with a mechanism
 * switch, and Markdown with SVG files), and the same findings in compact blocks for a terminal.
 */

/** The figures of the table per design and mechanism, in order. */
const TABLE_FIGURES: readonly FigureKey[] = ['completion', 'premature', 'effectEnd', 'effectLater', 'matchedEffectLater', 'costPerYear', 'costPerCompleted', 'hoursPerMatch', 'wait'];

const mechanismsOf = (r: DesignsResult) => r.mechanisms.map((m) => m.mechanism);
const unitOf = (r: DesignsResult, f: FigureKey) => FIGURES[f].unit(r.primary);

/** How a design's hours fit in its weeks, in words. */
export function reachWords(d: DesignResult, hours: number): string {
  const h = d.hours;
  switch (h.reach) {
    case 'cannot':
      return `cannot reach ${fmt(hours, '', 0)} h: at most ${fmt(h.plannedHours, '', 0)} h in ${h.plannedWeeks} weeks`;
    case 'no slack':
      return `only if no meeting is missed`;
    case 'reaches':
      return `reaches; ${h.spareMeetings} meeting${h.spareMeetings === 1 ? '' : 's'} to spare`;
    default:
      return `no hours budget: ${h.plannedWeeks} weeks of ${fmt(h.weeklyHours, '', 2)} h`;
  }
}

/** The parameters in which a design differs from the reference, as "path value" (the measurement point aside). */
export function differsFromReference(r: DesignsResult, d: DesignResult): string {
  const ref = r.designs.find((x) => x.key === r.reference)!;
  if (d.key === r.reference) return 'the reference';
  const parts = Object.entries(d.parameters)
    .filter(([path, v]) => path !== 'outcomes.assessmentWeeks' && JSON.stringify(v) !== JSON.stringify(ref.parameters[path]))
    .map(([path, v]) => `${path} ${typeof v === 'string' ? v : fmt(v as number, '', Number.isInteger(v) ? 0 : undefined)}`);
  return parts.join(', ') || 'nothing but where it is measured';
}

/** A conclusion in a table cell. */
export function verdictCell(c: Conclusion<Mechanism> | undefined): string {
  if (!c) return '';
  switch (c.outcome) {
    case 'no clear difference':
      return 'not told apart';
    case 'mixed':
      return 'hinges';
    default:
      return c.robustness === 'robust' ? c.outcome : `${c.outcome}, size varies`;
  }
}

function mechanismFacts(r: DesignsResult): string {
  const gains = r.mechanisms.map((m) => `${m.mechanism} ${fmt(m.gainRate, '', 4)} SD/week${m.levelled ? '' : ' (as given)'}`).join(', ');
  const lv = r.levelling
    ? `; levelled so that ${r.levelling.reference} keeps the same effect on its main outcome over the matched under every mechanism (g = ${fmt(r.levelling.effect, 'g', 3)}), as buddysim mechanisms does`
    : '';
  return `${gains}${lv}`;
}

/** What was run, for the report's facts and the terminal's header. */
function facts(r: DesignsResult): [string, string][] {
  const ref = r.designs.find((d) => d.key === r.reference)!;
  return [
    ['designs', `${r.designs.length}, derived from ${r.grid.base}: every one has its referrals, volunteers, coordinators, outcomes and horizon; only the design differs`],
    ['horizon', `${r.weeks} weeks (${fmt(r.years, '', 1)} years)`],
    ['replications', `${r.reps} per design and mechanism, seed ${r.seed} everywhere (common random numbers: differences between designs are paired); 95% intervals by batch means over ${r.batches} batches`],
    ['mechanisms', mechanismFacts(r)],
    ['main outcome', `${DOMAIN_LABELS[r.primary]}; other reported domains: ${r.domains.filter((d) => d !== r.primary).map((d) => DOMAIN_LABELS[d]).join(', ') || 'none'}`],
    ['measured', 'each design at its expected end (the weeks its hours take at its pace, within its limit, or its planned weeks; plus its typical wait for a match, from a pilot run) and 52 weeks later, in weeks after referral'],
    ['reference', `${ref.key}: ${ref.label}`],
    ['figures of merit', r.regret.map((t) => `${t.label} (${t.better} is better; never far = ${withinWords(t)}, ${t.why})`).join('; ')],
  ];
}

const est = (e: Estimate, unit: string) => fmtEstimate(e.value, e.ci95, unit);

function figureTable(r: DesignsResult, m: Mechanism, cell: (e: Estimate, unit: string) => string, withLabel: boolean): Block {
  const header = ['', ...(withLabel ? ['design'] : []), ...TABLE_FIGURES.map((f) => FIGURES[f].short), 'time limit'];
  return {
    kind: 'table', header,
    numeric: header.map((_, i) => i >= (withLabel ? 2 : 1)),
    rows: r.designs.map((d) => {
      const x = d.mechanisms[m];
      return [d.key, ...(withLabel ? [d.label] : []), ...TABLE_FIGURES.map((f) => cell(x.figures[f], unitOf(r, f))), cell(x.timeLimit, 'share')];
    }),
  };
}

function regretRows(r: DesignsResult, t: RegretResult, cell: (e: Estimate, unit: string) => string): string[][] {
  const ms = mechanismsOf(r);
  const unit = diffUnit(t.unit);
  return t.designs.map((x) => {
    // The largest regret, rounded as its own mechanism's figure.
    const worst = ms.find((m) => x.byMechanism[m].value === x.maxRegret);
    return [
      x.design,
      ...ms.map((m) => (x.design === t.best[m] ? 'best' : cell(x.byMechanism[m], unit))),
      worst ? cell(x.byMechanism[worst], unit) : fmt(x.maxRegret, unit),
      x.neverFar ? 'yes' : 'no',
    ];
  });
}

function regretVerdict(t: RegretResult): string {
  const within = withinWords(t);
  if (t.verdict === 'robust') return `Robust: ${t.alwaysTied.join(', ')} ${t.alwaysTied.length === 1 ? 'stays' : 'stay'} ${within} and ${t.alwaysTied.length === 1 ? 'is' : 'are'} not told apart from it under every mechanism. Minimax regret: ${t.minimax.join(', ')}.`;
  if (t.verdict === 'direction') return `Robust in direction only: ${t.neverFar.join(', ')} ${t.neverFar.length === 1 ? 'stays' : 'stay'} ${within} under every mechanism, but none is level with the best under all. Minimax regret: ${t.minimax.join(', ')}.`;
  return `Hinges on the mechanism: no design stays ${within} under every mechanism. Minimax regret (the smallest worst-case shortfall): ${t.minimax.join(', ')}.`;
}

/**
 * The grid as heat-map data for one figure under one mechanism: rows are the contact patterns and
 * limits (listed top to bottom in grid order), columns the formats; NaN where a design has no value.
 * For the report and for a dashboard view (`heatmap` of src/experiment/charts draws it).
 *
 * @example
 *   const data = gridHeatmap(result, 'effectLater', 'neither');
 *   heatmap({ id: 'grid', title: 'Effect 12 months after the end', subtitle: 'under neither', description: '' }, data);
 */
export function gridHeatmap(r: DesignsResult, f: FigureKey, m: Mechanism): HeatmapData {
  const grid = r.designs.filter((d) => d.cell);
  const columns = [...new Set(grid.map((d) => d.cell!.column))];
  // The heat map's y scale runs upwards: reversed, the rows read top to bottom in grid order.
  const rows = [...new Set(grid.map((d) => d.cell!.row))].reverse();
  const at = (row: string, column: string) => grid.find((d) => d.cell!.row === row && d.cell!.column === column)?.mechanisms[m].figures[f];
  return {
    xLabel: 'format', yLabel: '', xLevels: columns, yLevels: rows, valueLabel: FIGURES[f].short,
    values: rows.map((y) => columns.map((x) => at(y, x)?.value ?? NaN)),
    halfWidth: rows.map((y) => columns.map((x) => {
      const e = at(y, x);
      return e ? (e.ci95[1] - e.ci95[0]) / 2 : NaN;
    })),
  };
}

function heatmapSwitch(r: DesignsResult, f: FigureKey, id: string): Block | null {
  if (!r.designs.some((d) => d.cell)) return null;
  const unit = unitOf(r, f);
  const alternatives = r.designs.filter((d) => !d.cell);
  return {
    kind: 'switch', id, label: 'Mechanism',
    panels: mechanismsOf(r).map((m) => {
      const data = { ...gridHeatmap(r, f, m), format: chartValue(unit) };
      const others = alternatives.map((a) => `${a.label}: ${rounded(a.mechanisms[m].figures[f], unit)}`).join('; ');
      const svg = heatmap(
        {
          id: `${id}-${m}`, title: `${FIGURES[f].label} (${unit})`,
          subtitle: `Under ${m}. ${FIGURES[f].better === 'higher' ? 'Higher' : 'Lower'} is better.${others ? ` Beside the grid: ${others}.` : ''}`,
          description: `The ${r.grid.hours}-hour grid: ${data.yLevels.length} contact patterns and limits by ${data.xLevels.length} formats.`,
          width: 760, height: 120 + 34 * data.yLevels.length, margin: { left: 190 },
        },
        data,
      );
      return { label: m, blocks: [{ kind: 'figure', id: `${id}-${m}`, svg, caption: `${FIGURES[f].label} under ${m}` }] };
    }),
  };
}

function regretChart(r: DesignsResult, t: RegretResult, index: number): Block {
  const ms = mechanismsOf(r);
  const unit = diffUnit(t.unit);
  const series = ms.map((m) => ({
    label: m,
    values: t.designs.map((x) => x.byMechanism[m].value),
    lower: t.designs.map((x) => x.byMechanism[m].ci95[0]),
    upper: t.designs.map((x) => x.byMechanism[m].ci95[1]),
  }));
  const id = `regret-${index + 1}-${t.figure}`;
  const svg = intervalBars(
    { id, title: `Regret: ${t.label}`, subtitle: `How far each design falls short of the best under each mechanism (${unit}), with paired 95% intervals; 0 = the best; never far = ${withinWords(t)}`, description: `Minimax regret: ${t.minimax.join(', ')}.`, yLabel: `shortfall (${unit})`, bars: false, width: 900, height: 380 },
    t.designs.map((x) => x.design),
    series,
  );
  return { kind: 'figure', id, svg, caption: `Regret: ${t.label}` };
}

function domainTables(r: DesignsResult, m: Mechanism): Block[] {
  const domains = r.domains;
  const table = (point: 'end' | 'later'): Block => ({
    kind: 'table',
    header: ['', ...domains.map((d) => DOMAIN_LABELS[d])],
    numeric: [false, ...domains.map(() => true)],
    rows: r.designs.map((x) => [x.key, ...domains.map((d) => {
      const e = x.mechanisms[m].domains[d];
      return e ? rounded(e.allReferred[point], e.unit) : '';
    })]),
  });
  return [
    { kind: 'p', text: 'At the end, all referred:' }, table('end'),
    { kind: 'p', text: '12 months after the end, all referred:' }, table('later'),
  ];
}

const CONCLUSION_FIGURES = (r: DesignsResult) => [...new Set(r.conclusions.map((c) => c.figure as FigureKey))];

function verdictTable(r: DesignsResult, withLabel: boolean): Block {
  const figs = CONCLUSION_FIGURES(r);
  const header = ['', ...(withLabel ? ['design'] : []), ...figs.map((f) => FIGURES[f].short)];
  return {
    kind: 'table', header, numeric: header.map(() => false),
    rows: r.designs.filter((d) => d.key !== r.reference).map((d) => [
      d.key, ...(withLabel ? [d.label] : []),
      ...figs.map((f) => verdictCell(r.conclusions.find((c) => c.design === d.key && c.figure === f))),
    ]),
  };
}

const VERDICT_LEGEND = 'better / worse: the interval of the paired difference excludes zero under every mechanism, the same way, by margins within a factor of two; "size varies": the same way under every mechanism, by margins further apart; hinges: better under some mechanism and worse or not told apart under another; not told apart: no clear difference under any mechanism.';

/**
 * The report's blocks: what was run, the findings in plain words, the designs, every figure by
 * mechanism, the grid as heat maps, regret, the conclusions against the reference, the other
 * domains and the parameters that differ.
 *
 * @example
 *   const blocks = designsBlocks(result);
 *   blocksToHtml(result.grid.name, blocks); // the HTML report, with a mechanism switch
 */
export function designsBlocks(r: DesignsResult): Block[] {
  const ms = mechanismsOf(r);
  const out: Block[] = [{ kind: 'h1', text: r.grid.name }];
  if (r.grid.description) out.push({ kind: 'p', text: r.grid.description });
  out.push({ kind: 'facts', rows: facts(r) });
  out.push({ kind: 'h2', text: 'In plain words' }, { kind: 'list', items: [...r.summary] });
  out.push({ kind: 'p', muted: true, text: `The mechanisms: ${ms.map((m) => `${m}: ${MECHANISM_WORDS[m]}`).join('; ')}. Numbers are rounded to what their 95% intervals support.` });
  if (r.warnings.length > 0) out.push({ kind: 'h2', text: 'Warnings' }, { kind: 'list', items: [...r.warnings] });

  out.push({ kind: 'h2', text: 'The designs' });
  out.push({ kind: 'p', muted: true, text: `What each design changes in ${r.grid.base} (everything else is the base's), whether its planned meetings give the ${fmt(r.grid.hours, '', 0)} hours within its limit, and where it is measured (weeks after referral: its end, and 12 months later).` });
  out.push({
    kind: 'table', header: ['', 'design', 'what differs from the reference', `${fmt(r.grid.hours, '', 0)} hours`, 'measured at'], numeric: [false, false, false, false, true],
    rows: r.designs.map((d) => [d.key, d.label, differsFromReference(r, d), reachWords(d, r.grid.hours), `${d.assessment.endWeeks} and ${d.assessment.laterWeeks}`]),
  });

  out.push({ kind: 'h2', text: 'Figures by mechanism' });
  out.push({ kind: 'p', muted: true, text: `Value [95% CI of the simulation's estimate]. ${TABLE_FIGURES.map((f) => `${FIGURES[f].short}: ${FIGURES[f].label}`).join('; ')}; time limit: matches that ended at the time limit before their hours were given (cumulative incidence).` });
  out.push({ kind: 'switch', id: 'figures', label: 'Mechanism', panels: ms.map((m) => ({ label: m, blocks: [figureTable(r, m, est, false)] })) });

  const maps = [heatmapSwitch(r, 'effectLater', 'grid-effect'), heatmapSwitch(r, 'costPerCompleted', 'grid-cost')].filter((b): b is Block => b !== null);
  if (maps.length > 0) {
    out.push({ kind: 'h2', text: `The ${fmt(r.grid.hours, '', 0)}-hour grid` });
    out.push({ kind: 'p', muted: true, text: 'Contact pattern and time limit (rows) by format (columns); hover a cell for its 95% interval. Empty cells have no value (no trajectory completed, or nobody measured).' });
    out.push(...maps);
  }

  out.push({ kind: 'h2', text: 'Regret: which designs are never far from the best' });
  out.push({ kind: 'p', muted: true, text: 'Under each mechanism, a design\'s regret is how far it falls short of the best design under that mechanism, with a paired 95% interval (batch by batch on the same seed); minimax regret picks the design whose largest regret is smallest ([Savage1951]). A design is never far from the best when its regret stays within the tolerance under every mechanism.' });
  r.regret.forEach((t, i) => {
    out.push({ kind: 'h3', text: `${t.label} (${t.unit})` });
    out.push({
      kind: 'table', header: ['', ...ms.map((m) => `${m} [95% CI]`), 'largest', 'never far'], numeric: [false, ...ms.map(() => true), true, false],
      rows: regretRows(r, t, est),
    });
    out.push(regretChart(r, t, i));
    out.push({ kind: 'p', text: regretVerdict(t) });
  });

  const ref = r.designs.find((d) => d.key === r.reference)!;
  out.push({ kind: 'h2', text: `Against the reference ${ref.key} (${ref.label})` });
  out.push({ kind: 'p', muted: true, text: `Each design minus ${ref.key}, paired batch by batch, under every mechanism. ${VERDICT_LEGEND}` });
  out.push(verdictTable(r, true));

  out.push({ kind: 'h2', text: 'Effects on the other domains' });
  out.push({ kind: 'p', muted: true, text: 'Effects over all referred participants on every reported domain (g; share points for work), rounded to what their intervals support; over the matched, and every interval, in designs.json.' });
  out.push({ kind: 'switch', id: 'domains', label: 'Mechanism', panels: ms.map((m) => ({ label: m, blocks: domainTables(r, m) })) });

  out.push({ kind: 'h2', text: 'Parameters that differ between the designs' });
  out.push({ kind: 'p', muted: true, text: `One value per design, in the order ${r.designs.map((d) => d.key).join(', ')}; the mechanism and its gain rate differ by mechanism, not by design.` });
  out.push({ kind: 'list', items: r.differingParameters.map((p) => `${p.path}: ${p.values.map((v) => JSON.stringify(v)).join(' | ')}`) });
  return out;
}

/**
 * The report as one offline HTML page (a mechanism switch without script) and as Markdown with its
 * charts as SVG files.
 *
 * @example
 *   const { html, markdown, files } = designsReport(result, 'buddysim designs --reps 200');
 */
export function designsReport(r: DesignsResult, command: string): { html: string; markdown: string; files: Record<string, string> } {
  const blocks = designsBlocks(r);
  const header = `Generated by \`${command}\`; do not edit by hand. Horizon ${r.weeks} weeks (${fmt(r.years, '', 1)} years); ${r.reps} replications per design and mechanism on seed ${r.seed}.`;
  const { markdown, files } = blocksToMarkdown(blocks, header);
  const html = blocksToHtml(`${r.grid.name}: design explorer`, [blocks[0], { kind: 'p', muted: true, text: header.replace(/`/g, '') }, ...blocks.slice(1)]);
  return { html, markdown, files };
}

/**
 * The findings for a terminal: what was run, the summary, the designs, a compact table per
 * mechanism (values rounded to what their intervals support), regret, and the verdicts against
 * the reference.
 *
 * @example
 *   blocksText(designsTextBlocks(result)); // src/cli/format.ts renders blocks as text
 */
export function designsTextBlocks(r: DesignsResult): Block[] {
  const ms = mechanismsOf(r);
  const out: Block[] = [{ kind: 'h1', text: r.grid.name }, { kind: 'facts', rows: facts(r) }, { kind: 'p', text: '' }];
  out.push({ kind: 'h2', text: 'In plain words:' }, { kind: 'list', items: [...r.summary] }, { kind: 'p', text: '' });
  out.push({ kind: 'h2', text: 'Designs (measured at: weeks after referral, at the end and 12 months later):' });
  out.push({
    kind: 'table', header: ['', 'design', `${fmt(r.grid.hours, '', 0)} hours`, 'measured at'], numeric: [false, false, false, true],
    rows: r.designs.map((d) => [d.key, d.label, reachWords(d, r.grid.hours), `${d.assessment.endWeeks}, ${d.assessment.laterWeeks}`]),
  });
  out.push({ kind: 'p', text: `Parameters that differ from the reference (everything else is ${r.grid.base}'s):` });
  out.push({ kind: 'list', items: r.designs.filter((d) => d.key !== r.reference).map((d) => `${d.key}: ${differsFromReference(r, d)}`) });
  out.push({ kind: 'p', text: '' });
  out.push({ kind: 'p', text: 'Figures by design and mechanism (rounded to what their 95% intervals support; the intervals are in --json and the report):' });
  out.push({ kind: 'switch', id: 'figures', label: 'Mechanism', panels: ms.map((m) => ({ label: m, blocks: [figureTable(r, m, rounded, false)] })) });
  for (const t of r.regret) {
    out.push({ kind: 'h2', text: `Regret on ${t.label} (${diffUnit(t.unit)}; never far = ${withinWords(t)}):` });
    out.push({ kind: 'table', header: ['', ...ms, 'largest', 'never far'], numeric: [false, ...ms.map(() => true), true, false], rows: regretRows(r, t, rounded) });
    out.push({ kind: 'p', text: regretVerdict(t) });
  }
  const ref = r.designs.find((d) => d.key === r.reference)!;
  out.push({ kind: 'h2', text: `Against the reference ${ref.key} (${ref.label}), whatever the mechanism?` });
  out.push(verdictTable(r, false));
  out.push({ kind: 'p', text: VERDICT_LEGEND });
  if (r.warnings.length > 0) out.push({ kind: 'h2', text: 'Warnings:' }, { kind: 'list', items: [...r.warnings] });
  return out;
}
