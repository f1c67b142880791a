/**
 * Downloads from the Design view: the export menu (scenario, summary, CSV tables, comparison), each
 * chart as SVG or PNG, and the one-click report.
 */
import { scenarioToFile } from '../../index.ts';
import { version } from '../../../package.json';
import { resultsTruth, type AppState } from '../app/appState.ts';
import type { Store } from '../app/store.ts';
import { compareCsv, metricsCsv, replicationsCsv, survivalCsv, weeklyCsv } from '../csv.ts';
import { $, el } from '../dom.ts';
import { downloadBlob, downloadText, slug, svgMarkup, svgToPng } from '../exporting.ts';
import type { RunActions } from './actions.ts';
import { designReport, type ReportChart } from './report.ts';
import { drawCharts, pairedDiff } from './results.ts';

/** Width the report's charts are drawn at, whatever the screen. */
export const REPORT_CHART_WIDTH = 760;

/** The charts drawn again off screen at the report's width, as SVG text. */
function reportCharts(s: AppState): ReportChart[] {
  const template = $<HTMLElement>('#charts');
  const box = el('div', { 'aria-hidden': 'true' });
  box.style.cssText = `position:absolute;left:-20000px;top:0;width:${REPORT_CHART_WIDTH}px;visibility:hidden`;
  const hosts = [...template.querySelectorAll<HTMLElement>('[data-chart-host]')].map((h) => {
    const host = el('div', { 'data-chart-host': h.dataset.chartHost! });
    host.style.width = `${REPORT_CHART_WIDTH}px`;
    return host;
  });
  box.append(...hosts);
  document.body.append(box);
  try {
    drawCharts(box, s.shown!.aggregate.summary, s.baseline?.aggregate.summary ?? null);
    return [...box.querySelectorAll<SVGSVGElement>('svg[data-chart]')].map((svg) => ({
      id: svg.dataset.chart ?? 'chart',
      title: svg.querySelector('title')?.textContent ?? '',
      svg: svgMarkup(svg).replace(/^<\?xml[^>]*>\s*/, '').trim(),
    }));
  } finally {
    box.remove();
  }
}

export interface ExportMenu {
  /** Closes the menu if open; says whether it was. */
  close(): boolean;
}

/**
 * Wires the export menu, the chart buttons and the report button.
 *
 * @example
 *   const menu = mountExports(store, actions);
 *   menu.close(); // false when it was not open
 */
export function mountExports(store: Store<AppState>, actions: RunActions): ExportMenu {
  const menu = $<HTMLElement>('#export-menu');
  const details = $<HTMLDetailsElement>('#export');
  const charts = $<HTMLElement>('#charts');
  const reportButton = $<HTMLButtonElement>('#report');

  const fileStem = () => {
    const s = store.get();
    return slug(s.shown?.scenario.name ?? (typeof s.design.json.name === 'string' ? s.design.json.name : 'buddysim'));
  };

  menu.addEventListener('click', (e) => {
    const button = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-export]');
    if (!button) return;
    const kind = button.dataset.export!;
    const stem = fileStem();
    const s = store.get();
    details.open = false;
    if (kind === 'scenario') {
      if (!s.design.scenario) return actions.status('invalid', 'Fix the marked fields before exporting the scenario.');
      return downloadText(`${slug(s.design.scenario.name)}.json`, JSON.stringify(scenarioToFile(s.design.scenario), null, 2) + '\n', 'application/json');
    }
    if (!s.shown) return actions.status('idle', 'Run the scenario first: there are no results to export yet.');
    const { aggregate } = s.shown;
    switch (kind) {
      case 'summary':
        return downloadText(`${stem}-summary.json`, JSON.stringify(aggregate.summary, null, 1) + '\n', 'application/json');
      case 'metrics':
        return downloadText(`${stem}-key-figures.csv`, metricsCsv(aggregate.summary), 'text/csv');
      case 'weekly':
        return downloadText(`${stem}-weekly.csv`, weeklyCsv(aggregate.summary), 'text/csv');
      case 'survival':
        return downloadText(`${stem}-survival.csv`, survivalCsv(aggregate.summary), 'text/csv');
      case 'replications':
        return downloadText(`${stem}-replications.csv`, replicationsCsv(aggregate), 'text/csv');
      case 'compare': {
        const diff = pairedDiff(s.baseline, aggregate);
        if (!diff || !s.baseline) return actions.status('idle', 'Pin a baseline first to export a comparison.');
        return downloadText(`${stem}-vs-${slug(s.baseline.scenario.name)}.csv`, compareCsv(diff, s.baseline.scenario.name, s.shown.scenario.name), 'text/csv');
      }
    }
  });

  charts.addEventListener('click', async (e) => {
    const button = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-chart-export]');
    if (!button) return;
    const card = button.closest<HTMLElement>('[data-chart-card]')!;
    const svg = card.querySelector<SVGSVGElement>('svg[data-chart]');
    if (!svg) return;
    const name = `${fileStem()}-${card.dataset.chartCard}`;
    if (button.dataset.chartExport === 'svg') downloadText(`${name}.svg`, svgMarkup(svg), 'image/svg+xml');
    else {
      try {
        downloadBlob(`${name}.png`, await svgToPng(svg));
      } catch (err) {
        actions.status('error', `PNG export failed: ${(err as Error).message}`);
      }
    }
  });

  reportButton.addEventListener('click', () => {
    const s = store.get();
    if (!s.shown?.complete || resultsTruth(s).showing !== 'current') {
      return actions.status('idle', 'The report is of a complete run of the design in the controls: run it first.');
    }
    const diff = pairedDiff(s.baseline, s.shown.aggregate);
    const html = designReport({
      summary: s.shown.aggregate.summary,
      scenario: s.shown.scenario,
      charts: reportCharts(s),
      version,
      date: new Date(),
      comparison: diff && s.baseline ? { baselineName: s.baseline.scenario.name, diff } : undefined,
    });
    downloadText(`${fileStem()}-report.html`, html, 'text/html');
  });

  const render = (s: AppState) => {
    reportButton.disabled = !(s.shown?.complete && resultsTruth(s).showing === 'current');
  };
  store.subscribe(render);
  render(store.get());

  document.addEventListener('click', (e) => {
    if (details.open && !details.contains(e.target as Node)) details.open = false;
  });
  return {
    close() {
      if (!details.open) return false;
      details.open = false;
      details.querySelector('summary')?.focus();
      return true;
    },
  };
}
