/**
 * The results of the Design view: key figures, warnings, the comparison with a pinned baseline and
 * the charts, redrawn when the results or the baseline change; dimmed and labelled as the previous
 * design's whenever they are not the design in the controls (resultsTruth).
 */
import { comparePaired, roundDeep, type Aggregate, type MetricName, type PairedDifference, type Summary } from '../../index.ts';
import { hashOf, resultsTruth, type AppState, type Baseline } from '../app/appState.ts';
import type { Store } from '../app/store.ts';
import { readWidths } from '../charts/common.ts';
import { drawCost } from '../charts/cost.ts';
import { drawEffects } from '../charts/effects.ts';
import { drawOutcomes } from '../charts/outcomes.ts';
import { drawReasons } from '../charts/reasons.ts';
import { drawSurvival } from '../charts/survival.ts';
import { drawWeeklyHours, drawWeeklyPeople } from '../charts/weekly.ts';
import { $, el } from '../dom.ts';
import { renderCompare, renderHeadline } from '../panels.ts';

export type Diff = Record<MetricName, PairedDifference>;

/**
 * Paired differences against the baseline, or null while they cannot be paired: comparePaired needs
 * the same seed and replications, which a run still coming in (a partial snapshot) does not have yet.
 *
 * @example
 *   pairedDiff(state.baseline, state.shown.aggregate)?.effectAllReferred.difference.ci95;
 */
export function pairedDiff(baseline: Baseline | null, current: Aggregate): Diff | null {
  if (!baseline) return null;
  const base = baseline.aggregate.summary.scenario;
  const now = current.summary.scenario;
  if (base.seed !== now.seed || base.reps !== now.reps) return null;
  return roundDeep(comparePaired(baseline.aggregate, current));
}

/**
 * Draws every chart of the Design view into its host (`[data-chart-host]` children of `charts`).
 *
 * @example
 *   drawCharts(document.querySelector('#charts'), summary, null);
 */
export function drawCharts(charts: HTMLElement, s: Summary, base: Summary | null): void {
  const host = (id: string) => $<HTMLElement>(`[data-chart-host="${id}"]`, charts);
  readWidths([...charts.querySelectorAll<HTMLElement>('[data-chart-host]')]);
  drawSurvival(host('survival'), s, base);
  drawReasons(host('reasons'), s, base);
  drawOutcomes(host('outcomes'), s);
  drawEffects(host('effects'), s);
  drawWeeklyPeople(host('weekly-people'), s, base);
  drawWeeklyHours(host('weekly-hours'), s, base);
  drawCost(host('cost'), s, base);
}

/**
 * Draws the results when they or the baseline change, and labels them as the current or the
 * previous design's on every change (resultsTruth).
 *
 * @example
 *   mountResults(store);
 */
export function mountResults(store: Store<AppState>): void {
  const ui = {
    headline: $<HTMLElement>('#headline'),
    compare: $<HTMLElement>('#compare'),
    compareBody: $<HTMLElement>('#compare-body'),
    charts: $<HTMLElement>('#charts'),
    previous: $<HTMLElement>('#stale-label'),
    partial: $<HTMLElement>('#partial-label'),
    warnings: $<HTMLElement>('#warnings'),
    warningsList: $<HTMLElement>('#warnings-list'),
  };
  let drawnShown: AppState['shown'] = null;
  let drawnBaseline: AppState['baseline'] = null;

  const draw = (s: AppState) => {
    const t0 = performance.now();
    drawnShown = s.shown;
    drawnBaseline = s.baseline;
    if (!s.shown) return;
    const { aggregate, scenario, complete } = s.shown;
    const summary = aggregate.summary;
    const base = s.baseline?.aggregate.summary ?? null;
    const diff = pairedDiff(s.baseline, aggregate);
    renderHeadline(ui.headline, summary, diff);
    ui.warnings.hidden = summary.warnings.length === 0;
    ui.warningsList.replaceChildren(...summary.warnings.map((w) => el('li', { class: `warning-${w.code}` }, w.message)));
    drawCharts(ui.charts, summary, base);
    if (diff && s.baseline) {
      const b = s.baseline.scenario;
      const warnings: string[] = [];
      if (b.seed !== scenario.seed) warnings.push(`The seeds differ (${b.seed} and ${scenario.seed}): replications are not paired by common random numbers, so the intervals are too wide.`);
      if (b.reps !== summary.scenario.reps) warnings.push(`Paired over the first ${Math.min(b.reps, summary.scenario.reps)} replications (baseline ${b.reps}, current ${summary.scenario.reps}).`);
      renderCompare(ui.compareBody, diff, { baselineName: b.name, currentName: scenario.name, warnings });
      ui.compare.hidden = false;
    } else {
      ui.compare.hidden = true;
    }
    const body = document.body.dataset;
    body.shownReps = String(summary.scenario.reps);
    if (complete) {
      body.shownHash = hashOf(scenario);
      body.completedRuns = String(Number(body.completedRuns ?? 0) + 1);
    }
    body.drawMs = (performance.now() - t0).toFixed(1);
  };

  const label = (s: AppState) => {
    const truth = resultsTruth(s);
    const previous = truth.showing === 'previous';
    for (const e of [ui.charts, ui.headline, ui.warnings, ui.compare]) e.classList.toggle('stale', previous);
    ui.previous.hidden = !previous;
    ui.previous.textContent = truth.previousLabel ?? '';
    ui.partial.hidden = truth.partialLabel === null;
    ui.partial.textContent = truth.partialLabel ?? '';
    document.body.dataset.showing = truth.showing;
  };

  store.subscribe((s) => {
    if (s.shown !== drawnShown || (s.baseline !== drawnBaseline && s.shown)) draw(s);
    label(s);
  });
  label(store.get());

  // Charts follow the width of their column.
  let frame = 0;
  let lastWidth = 0;
  new ResizeObserver(() => {
    const width = ui.charts.clientWidth;
    if (width === lastWidth) return;
    // Hidden (another view) gives 0: the charts are redrawn to their width when shown again.
    lastWidth = width;
    if (width === 0) return;
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => {
      const s = store.get();
      if (s.shown) drawCharts(ui.charts, s.shown.aggregate.summary, s.baseline?.aggregate.summary ?? null);
    });
  }).observe(ui.charts);
}
