/**
 * The Explore view: a form for one or two levers and their ranges around the design in the
 * controls, the sweep's progress, and its chart for any figure (a line with bands, a heat map, or
 * means with intervals), with a table of the points; or the same for a loaded result file.
 */
import { describeCost, fmt, fmtEstimate, METRICS, SECTIONS, type NumberParam } from '../../index.ts';
import { fmt as chartFmt } from '../../experiment/charts/svg.ts';
import { parameterField } from '../../experiment/factors.ts';
import { replicationTable, summaryTable, tableToCsv } from '../../experiment/results.ts';
import { hashOf, type AppState } from '../app/appState.ts';
import type { Store } from '../app/store.ts';
import { effectiveValue } from '../design.ts';
import { $, el, showJob, showValue } from '../dom.ts';
import { downloadText, slug } from '../exporting.ts';
import { controlStep, stepRange } from '../steps.ts';
import { sweepCost, type ExploreActions } from './exploreActions.ts';
import { defaultLever, leverLevels, MAX_STEPS, sweepPoints, sweepProblems, SWEEPABLE, type LeverSetting, type SweepSettings } from './sweep.ts';
import { sweepChart, type ChartChoice } from './sweepChart.ts';
import { metricLabel, varyingFactors, type SweepTable } from './sweepTable.ts';

/** Rows of the table under the chart (the chart shows every point). */
const MAX_TABLE_ROWS = 200;

function leverSelect(id: string, optional: boolean): HTMLSelectElement {
  const select = el('select', { id });
  if (optional) select.append(new Option('none (one lever)', ''));
  const sections = new Map<string, HTMLOptGroupElement>();
  for (const f of SWEEPABLE) {
    let group = sections.get(f.section);
    if (!group) {
      group = el('optgroup', { label: SECTIONS[f.section as keyof typeof SECTIONS]?.label ?? f.section });
      sections.set(f.section, group);
      select.append(group);
    }
    group.append(new Option(`${f.spec.label}${f.spec.unit ? ` (${f.spec.unit})` : ''}`, f.path));
  }
  return select;
}

interface LeverRow {
  select: HTMLSelectElement;
  from: HTMLInputElement;
  to: HTMLInputElement;
  steps: HTMLInputElement;
  range: HTMLElement;
  choices: HTMLElement;
}

/**
 * Builds the sweep form and keeps the form, the chart and the table in step with the store.
 *
 * @example
 *   mountExploreView(store, new ExploreActions(store, pool));
 */
export function mountExploreView(store: Store<AppState>, actions: ExploreActions): void {
  const ui = {
    form: $<HTMLFormElement>('#sweep-form'),
    base: $<HTMLElement>('#explore-base'),
    reps: $<HTMLInputElement>('#sweep-reps'),
    cost: $<HTMLElement>('#sweep-cost'),
    problems: $<HTMLElement>('#sweep-problems'),
    run: $<HTMLButtonElement>('#sweep-run'),
    cancel: $<HTMLButtonElement>('#sweep-cancel'),
    progress: $<HTMLProgressElement>('#sweep-progress'),
    loadButton: $<HTMLButtonElement>('#load-results'),
    fileInput: $<HTMLInputElement>('#results-file'),
    status: $<HTMLElement>('#explore-status'),
    options: $<HTMLElement>('#explore-options'),
    chart: $<HTMLElement>('#explore-chart'),
    notes: $<HTMLElement>('#explore-notes'),
    table: $<HTMLElement>('#explore-table'),
    downloads: $<HTMLElement>('#explore-downloads'),
  };

  const rows: LeverRow[] = [0, 1].map((i) => {
    const host = $<HTMLElement>(`[data-lever="${i}"]`, ui.form);
    const select = leverSelect(`lever-${i}`, i === 1);
    const input = (name: string, label: string) => {
      const id = `lever-${i}-${name}`;
      const wrap = el('label', { for: id, class: 'lever-number' }, label);
      const e = el('input', { id, type: 'number', inputmode: 'decimal', autocomplete: 'off' });
      wrap.append(e);
      return { wrap, e };
    };
    const from = input('from', 'from');
    const to = input('to', 'to');
    const steps = input('steps', 'values');
    steps.e.min = '2';
    steps.e.max = String(MAX_STEPS);
    steps.e.step = '1';
    const range = el('div', { class: 'lever-range' });
    range.append(from.wrap, to.wrap, steps.wrap);
    const choices = el('p', { class: 'lever-choices' });
    host.append(el('label', { for: `lever-${i}` }, i === 0 ? 'Lever' : 'Second lever'), select, range, choices);
    return { select, from: from.e, to: to.e, steps: steps.e, range, choices };
  });

  /** The settings the form holds; a changed lever starts from its default range. */
  const readForm = (changedLever: number | null): SweepSettings => {
    const s = store.get();
    const old = s.explore.settings.levers;
    const levers: LeverSetting[] = [];
    rows.forEach((r, i) => {
      const path = r.select.value;
      if (!path) return;
      if (i === changedLever || old[i]?.path !== path) return levers.push(defaultLever(path, effectiveValue(s.design, path)));
      levers.push({ path, from: Number(r.from.value === '' ? NaN : r.from.value), to: Number(r.to.value === '' ? NaN : r.to.value), steps: Number(r.steps.value === '' ? NaN : r.steps.value) });
    });
    return { levers, reps: Number(ui.reps.value === '' ? NaN : ui.reps.value) };
  };
  rows.forEach((r, i) => {
    r.select.addEventListener('change', () => actions.setSettings(readForm(i)));
    for (const input of [r.from, r.to, r.steps]) input.addEventListener('input', () => actions.setSettings(readForm(null)));
  });
  ui.reps.addEventListener('input', () => actions.setSettings(readForm(null)));
  ui.form.addEventListener('submit', (e) => {
    e.preventDefault();
    actions.run();
  });
  ui.cancel.addEventListener('click', () => actions.cancel());
  ui.loadButton.addEventListener('click', () => ui.fileInput.click());
  ui.fileInput.addEventListener('change', async () => {
    const file = ui.fileInput.files?.[0];
    if (file) await actions.load(file);
    ui.fileInput.value = '';
  });


  const renderForm = (s: AppState) => {
    const settings = s.explore.settings;
    rows.forEach((r, i) => {
      const lever = settings.levers[i];
      r.select.value = lever?.path ?? '';
      const spec = lever ? parameterField(lever.path)?.spec : undefined;
      const number = spec?.kind === 'number';
      r.range.hidden = !number;
      r.choices.hidden = !lever || number;
      if (lever && spec?.kind === 'choice') r.choices.textContent = `Every option: ${spec.options.join(', ')}.`;
      if (lever && number) {
        const step = controlStep(spec as NumberParam);
        const arrows = stepRange(spec as NumberParam, step);
        for (const input of [r.from, r.to]) Object.assign(input, { step: String(step), min: String(arrows.min), max: String(arrows.max) });
        showValue(r.from, lever.from);
        showValue(r.to, lever.to);
        showValue(r.steps, lever.steps);
      }
    });
    showValue(ui.reps, settings.reps);
    const problems = sweepProblems(settings);
    ui.problems.replaceChildren(...problems.map((p) => el('li', {}, p)));
    ui.problems.hidden = problems.length === 0;
    const base = s.design.scenario;
    ui.base.textContent = base ? `${base.name} (seed ${base.seed}, ${base.weeks} weeks)` : 'the design in the Design view has problems; fix it there first';
    if (base && problems.length === 0) {
      const { runs, cost } = sweepCost(base, settings);
      const levels = settings.levers.map((l) => leverLevels(l).length).join(' x ');
      ui.cost.textContent = `${sweepPoints(settings)} points (${levels}) x ${settings.reps} replications = ${runs} runs: ${describeCost(cost, navigator.hardwareConcurrency || 2, s.measuredSpeed)}.`;
    } else ui.cost.textContent = '';
    showJob(ui, s.explore, !!base && problems.length === 0, 'sweep');
  };

  const option = (value: string, text: string) => new Option(text, value);
  /** Figures grouped as the metric names group them: the main ones, cost items, effects by domain and time. */
  const metricOptions = (metrics: string[]): HTMLElement[] => {
    const group = (m: string) => (m.startsWith('costPerYear.') ? 'Cost per year by item' : /^effect(AllReferred|Matched)\./.test(m) ? 'Effects by domain and time' : m in METRICS ? 'Figures' : 'Other columns');
    const groups = new Map<string, HTMLOptGroupElement>();
    for (const m of metrics) {
      const name = group(m);
      if (!groups.has(name)) groups.set(name, el('optgroup', { label: name }));
      groups.get(name)!.append(option(m, metricLabel(m).label));
    }
    return [...groups.values()];
  };
  const labelledSelect = (id: string, label: string, options: HTMLElement[], value: string, onChange: (v: string) => void) => {
    const wrap = el('label', { for: id }, label);
    const select = el('select', { id });
    select.append(...options);
    select.value = value;
    select.addEventListener('change', () => onChange(select.value));
    wrap.append(select);
    return wrap;
  };

  const renderOptions = (t: SweepTable, c: ChartChoice) => {
    const varying = varyingFactors(t);
    const change = (patch: Partial<ChartChoice>) => {
      const next = { ...c, ...patch };
      // A factor moved to an axis leaves the held levels; one moved off an axis is held at its first level.
      const fixed: Record<string, string> = {};
      for (const f of t.factors) if (f.name !== next.x && f.name !== next.second) fixed[f.name] = c.fixed[f.name] ?? String(f.levels[0] ?? '');
      actions.setChoice({ ...next, fixed });
    };
    const parts: HTMLElement[] = [
      labelledSelect('explore-metric', 'Figure', metricOptions(t.metrics), c.metric, (metric) => change({ metric })),
      labelledSelect('explore-x', 'Against', varying.map((f) => option(f.name, f.label)), c.x, (x) => change({ x, second: c.second === x ? null : c.second })),
    ];
    const others = varying.filter((f) => f.name !== c.x);
    if (others.length > 0) {
      const seconds = [option('', 'nothing else'), ...others.flatMap((f) => [option(`heatmap:${f.name}`, `${f.label}: heat map`), option(`lines:${f.name}`, `${f.label}: one line each`)])];
      parts.push(labelledSelect('explore-second', 'And', seconds, c.second ? `${c.secondAs}:${c.second}` : '', (v) => {
        const [as, name] = v ? (v.split(/:(.*)/s) as ['heatmap' | 'lines', string]) : ['heatmap' as const, ''];
        change({ second: name || null, secondAs: as });
      }));
    }
    for (const f of varying) {
      if (f.name === c.x || f.name === c.second) continue;
      parts.push(labelledSelect(`explore-fixed-${slug(f.name)}`, `${f.label} at`, f.levels.map((l) => option(String(l), typeof l === 'number' ? chartFmt(l) : l)), c.fixed[f.name], (v) => actions.setChoice({ ...c, fixed: { ...c.fixed, [f.name]: v } })));
    }
    ui.options.replaceChildren(...parts);
  };

  const renderTable = (t: SweepTable, c: ChartChoice) => {
    const { label, unit } = metricLabel(c.metric);
    const factors = varyingFactors(t);
    const rows = t.rows.filter((r) => r.metric === c.metric);
    const table = el('table', { class: 'compare points', 'data-testid': 'explore-points' });
    table.append(el('caption', {}, `${label}: mean over replications [95% CI of the mean] and the 95% range of single runs, per point${rows.length > MAX_TABLE_ROWS ? ` (the first ${MAX_TABLE_ROWS} of ${rows.length})` : ''}.`));
    const head = el('tr');
    for (const h of [...factors.map((f) => f.label), 'mean [95% CI]', 'single runs', 'n']) head.append(el('th', { scope: 'col' }, h));
    table.append(el('thead'));
    table.tHead!.append(head);
    const body = el('tbody');
    for (const r of rows.slice(0, MAX_TABLE_ROWS)) {
      const values = t.points.get(r.point) ?? {};
      const tr = el('tr');
      for (const f of factors) tr.append(el('td', {}, typeof values[f.name] === 'number' ? chartFmt(values[f.name] as number) : String(values[f.name] ?? '')));
      tr.append(el('td', {}, fmtEstimate(r.mean, r.ci95, unit)), el('td', {}, `${fmt(r.range95[0], unit)} to ${fmt(r.range95[1], unit)}`), el('td', {}, `${r.n}${r.failed > 0 ? ` (${r.failed} failed)` : ''}`));
      body.append(tr);
    }
    table.append(body);
    ui.table.replaceChildren(table);
  };

  let drawn: { table: SweepTable | null; choice: ChartChoice | null; width: number; designHash: string } = { table: null, choice: null, width: 0, designHash: '' };
  const renderChart = (s: AppState, force = false) => {
    const { table, choice } = s.explore;
    const width = Math.max(320, Math.floor(ui.chart.clientWidth));
    const designHash = s.design.scenario ? hashOf(s.design.scenario) : '';
    if (!force && table === drawn.table && choice === drawn.choice && designHash === drawn.designHash && (width === drawn.width || ui.chart.clientWidth === 0)) return;
    drawn = { table, choice, width, designHash };
    if (!table || !choice) {
      ui.options.replaceChildren();
      ui.chart.replaceChildren();
      ui.table.replaceChildren();
      ui.notes.textContent = table ? 'Nothing to draw: no factor takes more than one value.' : '';
      ui.downloads.hidden = true;
      return;
    }
    renderOptions(table, choice);
    const chart = sweepChart(table, choice, width);
    // Parsed as XML, never as HTML: text from a loaded file cannot become markup or script.
    const doc = new DOMParser().parseFromString(chart.svg, 'image/svg+xml');
    const svg = doc.documentElement;
    if (svg.nodeName !== 'svg') throw new Error(`the chart could not be drawn: ${svg.textContent?.slice(0, 200)}`);
    svg.setAttribute('data-testid', 'explore-chart');
    ui.chart.replaceChildren(document.importNode(svg, true));
    ui.chart.dataset.kind = chart.kind;
    const sweep = s.explore.sweep;
    const moved = sweep !== null && (s.design.scenario === null || hashOf(s.design.scenario) !== sweep.baseHash);
    const from = sweep ? `A sweep around "${sweep.baseName}", seed ${sweep.experiment.seed} at every point.` : `From ${table.source}.`;
    const stale = moved ? ` The design in the Design view has changed since: this sweep is not around it; press Run sweep to sweep the design as it is now.` : '';
    ui.notes.textContent = [from + stale, ...chart.notes].join(' ');
    ui.chart.classList.toggle('stale', moved);
    document.body.dataset.sweepAround = moved ? 'previous' : sweep ? 'current' : 'file';
    renderTable(table, choice);
    ui.downloads.hidden = false;
    for (const b of ui.downloads.querySelectorAll<HTMLElement>('[data-sweep-only]')) b.hidden = !s.explore.sweep?.complete;
  };

  ui.downloads.addEventListener('click', (e) => {
    const button = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-download]');
    const sweep = store.get().explore.sweep;
    if (!button) return;
    const kind = button.dataset.download;
    if (kind === 'chart') {
      const svg = ui.chart.querySelector('svg');
      if (svg) downloadText(`explore-${slug(store.get().explore.choice?.metric ?? 'chart')}.svg`, `<?xml version="1.0" encoding="UTF-8"?>\n${svg.outerHTML}\n`, 'image/svg+xml');
      return;
    }
    if (!sweep) return;
    const stem = slug(sweep.experiment.name);
    if (kind === 'summary') downloadText(`${stem}-summary.csv`, tableToCsv(summaryTable(sweep.results)), 'text/csv');
    if (kind === 'replications') downloadText(`${stem}-replications.csv`, tableToCsv(replicationTable(sweep.results)), 'text/csv');
    if (kind === 'experiment') downloadText(`${stem}.json`, JSON.stringify(sweep.experiment.file, null, 1) + '\n', 'application/json');
  });

  store.subscribe((s, prev) => {
    if (s.explore !== prev.explore || s.design !== prev.design || s.measuredSpeed !== prev.measuredSpeed) renderForm(s);
    if (s.view === 'explore') renderChart(s);
  });
  renderForm(store.get());
  new ResizeObserver(() => {
    if (store.get().view === 'explore') renderChart(store.get());
  }).observe(ui.chart);
}
