/**
 * The Compare designs view: the 40-hour grid as a heat map with a mechanism switch (the design
 * explorer of `buddysim designs`, run on the Web Workers), with its plain-language findings, the
 * designs and their figures, and its report; and two or more designs side by side, each named by
 * what differs.
 */
import { MECHANISM_WORDS, type Mechanism } from '../../calibration/mechanisms.ts';
import { heatmap } from '../../experiment/charts/heatmap.ts';
import { intervalBars } from '../../experiment/charts/intervals.ts';
import { textWidth } from '../../experiment/charts/svg.ts';
import { FIGURE_KEYS, FIGURES, type FigureKey } from '../../designs/figures.ts';
import { designsJson } from '../../designs/json.ts';
import { designsReport, differsFromReference, gridHeatmap, reachWords } from '../../designs/report.ts';
import { describeCost, fmtEstimate, METRICS, type MetricName } from '../../index.ts';
import type { AppState } from '../app/appState.ts';
import type { Store } from '../app/store.ts';
import { $, dataTable, el, showJob, showValue } from '../dom.ts';
import { downloadText, slug } from '../exporting.ts';
import { valueFormat } from '../explore/sweepChart.ts';
import { gridCommand, gridCost, readGrid, type DesignsActions } from './designsActions.ts';
import type { SideBySide } from './sideBySide.ts';

/** An SVG string of the experiment charts as a node: parsed as XML, so no text becomes markup. */
function svgNode(svg: string, testid: string): Element {
  const root = new DOMParser().parseFromString(svg, 'image/svg+xml').documentElement;
  if (root.nodeName !== 'svg') throw new Error(`the chart could not be drawn: ${root.textContent?.slice(0, 200)}`);
  root.setAttribute('data-testid', testid);
  return document.importNode(root, true);
}

const numberOrNull = (input: HTMLInputElement) => (input.value.trim() === '' ? null : Number(input.value));


/**
 * Wires the Compare designs view's forms to the actions and keeps its results in step with the store.
 *
 * @example
 *   mountDesignsView(store, new DesignsActions(store, pool));
 */
export function mountDesignsView(store: Store<AppState>, actions: DesignsActions): void {
  const ui = {
    source: $<HTMLElement>('#grid-source'),
    loadGrid: $<HTMLButtonElement>('#load-grid'),
    gridFile: $<HTMLInputElement>('#grid-file'),
    defaultGrid: $<HTMLButtonElement>('#default-grid'),
    gridReps: $<HTMLInputElement>('#grid-reps'),
    gridSeed: $<HTMLInputElement>('#grid-seed'),
    gridCost: $<HTMLElement>('#grid-cost'),
    gridRun: $<HTMLButtonElement>('#grid-run'),
    gridCancel: $<HTMLButtonElement>('#grid-cancel'),
    gridProgress: $<HTMLProgressElement>('#grid-progress'),
    gridStatus: $<HTMLElement>('#grid-status'),
    gridBody: $<HTMLElement>('#grid-body'),
    mechanisms: $<HTMLElement>('#grid-mechanisms'),
    figure: $<HTMLSelectElement>('#grid-figure'),
    gridChart: $<HTMLElement>('#grid-chart'),
    summary: $<HTMLElement>('#grid-summary'),
    gridWarnings: $<HTMLElement>('#grid-warnings'),
    gridTable: $<HTMLElement>('#grid-table'),
    gridDownloads: $<HTMLElement>('#grid-downloads'),
    sideSet: $<HTMLSelectElement>('#side-set'),
    sideCurrent: $<HTMLInputElement>('#side-current'),
    sideList: $<HTMLElement>('#side-list'),
    sideReps: $<HTMLInputElement>('#side-reps'),
    sideSeed: $<HTMLInputElement>('#side-seed'),
    sideRun: $<HTMLButtonElement>('#side-run'),
    sideCancel: $<HTMLButtonElement>('#side-cancel'),
    sideProgress: $<HTMLProgressElement>('#side-progress'),
    sideStatus: $<HTMLElement>('#side-status'),
    sideBody: $<HTMLElement>('#side-body'),
    sideTable: $<HTMLElement>('#side-table'),
    sideMetric: $<HTMLSelectElement>('#side-metric'),
    sideChart: $<HTMLElement>('#side-chart'),
  };

  for (const f of FIGURE_KEYS) ui.figure.append(new Option(FIGURES[f].label, f));
  ui.figure.addEventListener('change', () => actions.show(store.get().designs.grid.mechanism, ui.figure.value as FigureKey));
  ui.mechanisms.addEventListener('click', (e) => {
    const b = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-mechanism]');
    if (b) actions.show(b.dataset.mechanism as Mechanism, store.get().designs.grid.figure);
  });
  ui.loadGrid.addEventListener('click', () => ui.gridFile.click());
  ui.gridFile.addEventListener('change', async () => {
    const file = ui.gridFile.files?.[0];
    if (file) await actions.loadGrid(file);
    ui.gridFile.value = '';
  });
  ui.defaultGrid.addEventListener('click', () => actions.useDefaultGrid());
  const readGridRun = () => actions.setGridRun(Number(ui.gridReps.value === '' ? NaN : ui.gridReps.value), numberOrNull(ui.gridSeed));
  ui.gridReps.addEventListener('input', readGridRun);
  ui.gridSeed.addEventListener('input', readGridRun);
  ui.gridRun.addEventListener('click', () => actions.runGrid());
  ui.gridCancel.addEventListener('click', () => actions.cancelGrid());
  ui.gridDownloads.addEventListener('click', (e) => {
    const b = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-download]');
    const g = store.get().designs.grid;
    if (!b || !g.result) return;
    const stem = slug(g.result.grid.name);
    if (b.dataset.download === 'report') downloadText(`${stem}-report.html`, designsReport(g.result, gridCommand(g.result.reps, g.result.seed, g.fileName)).html, 'text/html');
    if (b.dataset.download === 'json') downloadText(`${stem}-designs.json`, JSON.stringify(designsJson(g.result), null, 1) + '\n', 'application/json');
  });

  const readSide = () =>
    actions.setSideRun({ setName: ui.sideSet.value || null, includeCurrent: ui.sideCurrent.checked, reps: Number(ui.sideReps.value === '' ? NaN : ui.sideReps.value), seed: numberOrNull(ui.sideSeed) });
  for (const e of [ui.sideSet, ui.sideCurrent]) e.addEventListener('change', readSide);
  for (const e of [ui.sideReps, ui.sideSeed]) e.addEventListener('input', readSide);
  ui.sideRun.addEventListener('click', () => actions.runSide());
  ui.sideCancel.addEventListener('click', () => actions.cancelSide());
  ui.sideMetric.addEventListener('change', () => actions.setSideRun({ metric: ui.sideMetric.value }));


  const renderGridForm = (s: AppState) => {
    const g = s.designs.grid;
    showValue(ui.gridReps, g.reps);
    showValue(ui.gridSeed, g.seed);
    let cost = '';
    try {
      const grid = readGrid(g.file, g.fileName);
      const c = gridCost(grid, g.reps);
      ui.source.textContent = `${g.fileName ?? 'The default grid'}: ${grid.name}; ${c.designs} designs from ${grid.baseRef}, under ${grid.mechanisms.join(', ')}.`;
      ui.gridSeed.placeholder = `the base's: ${grid.base.seed}`;
      if (Number.isInteger(g.reps) && g.reps >= 2) cost = `${c.designs} designs x (${grid.mechanisms.length} mechanisms x ${g.reps} + a pilot) = ${c.runs} replications, and the levelling of the mechanisms: ${describeCost(c.cost, navigator.hardwareConcurrency || 2, s.measuredSpeed)}.`;
    } catch {
      ui.source.textContent = `${g.fileName ?? 'grid'}: not a valid grid.`;
    }
    ui.gridCost.textContent = cost;
    ui.defaultGrid.hidden = g.fileName === null;
    showJob({ run: ui.gridRun, cancel: ui.gridCancel, progress: ui.gridProgress, status: ui.gridStatus }, g, true, 'grid');
  };

  let drawnGrid: { result: unknown; mechanism: string; figure: string; width: number } = { result: null, mechanism: '', figure: '', width: 0 };
  const renderGrid = (s: AppState) => {
    const g = s.designs.grid;
    const r = g.result;
    const width = Math.max(320, Math.floor(ui.gridChart.clientWidth));
    if (r === drawnGrid.result && g.mechanism === drawnGrid.mechanism && g.figure === drawnGrid.figure && (width === drawnGrid.width || ui.gridChart.clientWidth === 0)) return;
    drawnGrid = { result: r, mechanism: g.mechanism, figure: g.figure, width };
    ui.gridBody.hidden = !r;
    if (!r) return;
    ui.mechanisms.replaceChildren(...r.mechanisms.map((m) => el('button', { type: 'button', 'data-mechanism': m.mechanism, 'aria-pressed': String(m.mechanism === g.mechanism), title: MECHANISM_WORDS[m.mechanism] }, m.mechanism)));
    ui.figure.value = g.figure;
    const unit = FIGURES[g.figure].unit(r.primary);
    const data = { ...gridHeatmap(r, g.figure, g.mechanism), format: valueFormat(unit) };
    const alternatives = r.designs.filter((d) => !d.cell).map((d) => `${d.label}: ${fmtEstimate(d.mechanisms[g.mechanism].figures[g.figure].value, d.mechanisms[g.mechanism].figures[g.figure].ci95, unit)}`);
    // The rows are named by pattern and limit: the margin fits them, up to 45% of the width.
    const left = Math.min(width * 0.45, 16 + Math.max(40, ...data.yLevels.map((y) => textWidth(String(y), 10))));
    const chart = heatmap(
      {
        id: 'designs-grid', title: FIGURES[g.figure].label,
        subtitle: `Under ${g.mechanism}; ${FIGURES[g.figure].better === 'higher' ? 'higher' : 'lower'} is better; ${r.reps} replications per design on seed ${r.seed}${alternatives.length > 0 ? `. Beside the grid: ${alternatives.join('; ')}` : ''}`,
        description: `The ${r.grid.hours}-hour grid: ${data.yLevels.length} contact patterns and limits by ${data.xLevels.length} formats, under ${g.mechanism}.`,
        width, height: 140 + 30 * data.yLevels.length, margin: { left },
      },
      data,
    );
    ui.gridChart.replaceChildren(svgNode(chart, 'designs-heatmap'));
    ui.summary.replaceChildren(...r.summary.map((line) => el('li', {}, line)));
    ui.gridWarnings.replaceChildren(...r.warnings.map((w) => el('li', {}, w)));
    ui.gridWarnings.hidden = r.warnings.length === 0;
    const figures: FigureKey[] = ['completion', 'premature', 'effectEnd', 'effectLater', 'costPerYear', 'costPerCompleted'];
    ui.gridTable.replaceChildren(
      dataTable(
        `Every design under ${g.mechanism}: value [95% CI], each named by what differs from the reference ${r.reference}.`,
        ['', 'design', 'what differs', `${r.grid.hours} hours`, ...figures.map((f) => FIGURES[f].short)],
        r.designs.map((d) => [d.key, d.label, differsFromReference(r, d), reachWords(d, r.grid.hours), ...figures.map((f) => fmtEstimate(d.mechanisms[g.mechanism].figures[f].value, d.mechanisms[g.mechanism].figures[f].ci95, FIGURES[f].unit(r.primary)))]),
        'designs-table',
        4,
      ),
    );
  };

  const renderSideForm = (s: AppState) => {
    const side = s.designs.side;
    const options = [new Option('(no set)', ''), ...s.sets.map((x) => new Option(`${x.name} (${x.designs.length})`, x.name))];
    if (ui.sideSet.options.length !== options.length || [...ui.sideSet.options].some((o, i) => o.value !== options[i].value || o.text !== options[i].text)) ui.sideSet.replaceChildren(...options);
    ui.sideSet.value = side.setName ?? '';
    ui.sideCurrent.checked = side.includeCurrent;
    showValue(ui.sideReps, side.reps);
    showValue(ui.sideSeed, side.seed);
    const chosen = actions.sideDesigns();
    ui.sideList.replaceChildren(...chosen.map((d) => el('li', {}, d.label)));
    ui.sideSeed.placeholder = chosen[0] ? `the first design's: ${chosen[0].scenario.seed}` : '';
    showJob({ run: ui.sideRun, cancel: ui.sideCancel, progress: ui.sideProgress, status: ui.sideStatus }, side, chosen.length >= 2, 'side');
  };

  let drawnSide: { result: SideBySide | null; metric: string; width: number } = { result: null, metric: '', width: 0 };
  const renderSide = (s: AppState) => {
    const side = s.designs.side;
    const r = side.result;
    const width = Math.max(320, Math.floor(ui.sideChart.clientWidth));
    if (r === drawnSide.result && side.metric === drawnSide.metric && (width === drawnSide.width || ui.sideChart.clientWidth === 0)) return;
    drawnSide = { result: r, metric: side.metric, width };
    ui.sideBody.hidden = !r;
    if (!r) return;
    const header = ['figure', ...r.designs.flatMap((d, i) => (i === 0 ? [d.label] : [d.label, `${d.label} - ${r.designs[0].label}`]))];
    const named = el('ul', { class: 'side-named', 'data-testid': 'side-named' });
    named.append(...r.designs.map((d) => el('li', {}, `${d.label}: ${d.differs}`)));
    const rows = r.rows.map((row) => [
      row.label,
      ...row.values.flatMap((v, i) => (i === 0 ? [v] : [v, Object.assign(el('span', { class: row.clear[i] ? 'clear' : '' }), { textContent: row.differences[i] ?? '' })])),
    ]);
    ui.sideTable.replaceChildren(
      el('p', { class: 'muted' }, `Each design named by what differs between them (every parameter with another value; the rest is the same). ${r.reps} replications on seed ${r.seed}; differences paired replication by replication, 95% CI by batch means; bold where the interval excludes zero.`),
      named,
      dataTable('Key figures: value [95% CI], and each design minus the first with its 95% CI.', header, rows, 'side-table'),
    );
    if (![...ui.sideMetric.options].length) for (const row of r.rows) ui.sideMetric.append(new Option(row.label, row.metric));
    ui.sideMetric.value = side.metric;
    const row = r.rows.find((x) => x.metric === side.metric) ?? r.rows[0];
    const m = METRICS[row.metric as MetricName];
    const chart = intervalBars(
      { id: 'side-by-side', title: m.label, subtitle: `Each design: value with its 95% CI; ${r.reps} replications on seed ${r.seed}`, description: `${m.label} for ${r.designs.length} designs`, width, yLabel: m.unit.startsWith('share') ? 'share (%)' : m.unit, yFormat: valueFormat(m.unit), bars: false },
      r.designs.map((d) => d.label),
      [{ label: m.label, values: sideValues(r, row.metric).map((x) => x.value), lower: sideValues(r, row.metric).map((x) => x.lo), upper: sideValues(r, row.metric).map((x) => x.hi) }],
    );
    ui.sideChart.replaceChildren(svgNode(chart, 'side-chart'));
  };

  store.subscribe((s, prev) => {
    if (s.designs !== prev.designs || s.measuredSpeed !== prev.measuredSpeed) renderGridForm(s);
    if (s.designs !== prev.designs || s.sets !== prev.sets || s.design !== prev.design) renderSideForm(s);
    if (s.view === 'designs') {
      renderGrid(s);
      renderSide(s);
    }
  });
  renderGridForm(store.get());
  renderSideForm(store.get());
  new ResizeObserver(() => {
    if (store.get().view !== 'designs') return;
    renderGrid(store.get());
    renderSide(store.get());
  }).observe(ui.gridChart.closest('[data-view-panel]')!);
}

/** A figure's values for the chart: each design's estimate and 95% CI, from the side-by-side result. */
function sideValues(r: SideBySide, metric: string): { value: number; lo: number; hi: number }[] {
  return r.estimates.map((e) => e[metric as MetricName] ?? { value: NaN, lo: NaN, hi: NaN });
}
