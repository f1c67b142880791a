/**
 * The buddysim dashboard: pick or load a scenario, move the levers, and watch the replications
 * come in from Web Workers. Every number comes from the same engine and the same ordered
 * aggregation as the command line, so they agree byte for byte for the same scenario and seed.
 */
import './style.css';
import { ASSUMED_SPEED, MAX_INPUT_BYTES, ScenarioError, comparePaired, describeCost, duration, estimateCost, parseJsonStrict, roundDeep, scenarioHash, scenarioToFile, type Aggregate, type MetricName, type PairedDifference, type Scenario, type Summary } from '../index.ts';
import { readWidths } from './charts/common.ts';
import { drawCost } from './charts/cost.ts';
import { drawEffects } from './charts/effects.ts';
import { drawOutcomes } from './charts/outcomes.ts';
import { drawReasons } from './charts/reasons.ts';
import { drawSurvival } from './charts/survival.ts';
import { drawWeeklyHours, drawWeeklyPeople } from './charts/weekly.ts';
import { Controls } from './controls.ts';
import { compareCsv, metricsCsv, replicationsCsv, survivalCsv, weeklyCsv } from './csv.ts';
import { BUNDLED, DEFAULT_SCENARIO, FIELD_KINDS, resolveDesign, stateFromFile, withOverride, type Design } from './design.ts';
import { downloadBlob, downloadText, slug, svgMarkup, svgToPng } from './exporting.ts';
import { renderCompare, renderHeadline } from './panels.ts';
import { WorkerRunner, type Run } from './runner.ts';
import { MAX_LINK_CHARS, encodeState, readLink, sameState, type DashState, type OverrideValue } from './state.ts';
import RunWorker from './worker.ts?worker&inline';

const DEBOUNCE_MS = 400;
const REDRAW_MS = 100;

type Diff = Record<MetricName, PairedDifference>;

interface Baseline {
  state: DashState;
  scenario: Scenario;
  aggregate: Aggregate;
}

const $ = <T extends HTMLElement>(sel: string) => document.querySelector(sel) as T;

const ui = {
  scenarioSelect: $<HTMLSelectElement>('#scenario'),
  fileInput: $<HTMLInputElement>('#scenario-file'),
  runButton: $<HTMLButtonElement>('#run'),
  cancelButton: $<HTMLButtonElement>('#cancel'),
  autoRun: $<HTMLInputElement>('#auto-run'),
  pinButton: $<HTMLButtonElement>('#pin'),
  clearButton: $<HTMLButtonElement>('#unpin'),
  progress: $<HTMLProgressElement>('#progress'),
  status: $<HTMLElement>('#status'),
  linkNote: $<HTMLElement>('#link-note'),
  description: $<HTMLElement>('#description'),
  headline: $<HTMLElement>('#headline'),
  compare: $<HTMLElement>('#compare'),
  compareBody: $<HTMLElement>('#compare-body'),
  controls: $<HTMLElement>('#controls'),
  charts: $<HTMLElement>('#charts'),
  staleLabel: $<HTMLElement>('#stale-label'),
  warnings: $<HTMLElement>('#warnings'),
  warningsList: $<HTMLElement>('#warnings-list'),
  skipLink: $<HTMLAnchorElement>('a.skip'),
  exportMenu: $<HTMLElement>('#export-menu'),
  exportDetails: $<HTMLDetailsElement>('#export'),
};

const runner = new WorkerRunner(() => new RunWorker({ name: 'buddysim-run' }));

let state: DashState = { scenario: DEFAULT_SCENARIO, overrides: {} };
let design: Design = resolveDesign(state);
let baseline: Baseline | null = null;
/** A baseline named by the URL that has not been run yet. */
let pendingBaseline: DashState | null = null;
let shown: { aggregate: Aggregate; scenario: Scenario; complete: boolean } | null = null;
let activeRun: { run: Run; purpose: 'current' | 'baseline'; started: number } | null = null;
let lastCompleteHash = '';
let debounceTimer: ReturnType<typeof setTimeout> | undefined;
let drawTimer: ReturnType<typeof setTimeout> | undefined;
let lastDraw = 0;

function setStatus(kind: 'idle' | 'running' | 'done' | 'invalid' | 'cancelled' | 'error' | 'confirm', text: string): void {
  document.body.dataset.status = kind;
  ui.status.textContent = text;
  ui.status.dataset.kind = kind;
}

// ---- scenario picker and controls -------------------------------------------------------------

for (const [key, json] of BUNDLED) {
  const name = typeof json.name === 'string' ? json.name : key;
  ui.scenarioSelect.append(new Option(name, key));
}
ui.scenarioSelect.append(new Option('Model defaults (no scenario)', ''));

const controls = new Controls(ui.controls, {
  onChange: (path, value) => setState(withOverride(state, design.base, path, value), 'debounced'),
  onReset: (path) => {
    const overrides = { ...state.overrides };
    delete overrides[path];
    setState({ ...state, overrides }, 'debounced');
  },
});

function currentHash(): string {
  return encodeState({ ...state, baseline: baseline?.state ?? pendingBaseline }, FIELD_KINDS);
}

/** Notes about the link: what of it could not be read, or that the design is too large for one. */
function showLinkNotes(notes: readonly string[]): void {
  ui.linkNote.textContent = notes.join(' ');
  ui.linkNote.hidden = notes.length === 0;
}

/** Writes the state into the URL, unless it is too long to be read back as a link. */
function writeHash(): void {
  const hash = currentHash();
  if (hash.length > MAX_LINK_CHARS) {
    showLinkNotes([`This design is too large to share as a link (${hash.length.toLocaleString('en-GB')} characters); export the scenario file instead.`]);
    return;
  }
  if (location.hash.replace(/^#/, '') !== hash) history.replaceState(null, '', `#${hash}`);
}

/** Applies a new state: validates, shows values and problems, writes the URL, and (re)runs. */
function setState(next: DashState, run: 'debounced' | 'now' | 'none'): void {
  state = next;
  design = resolveDesign(state);
  document.body.dataset.designHash = design.scenario ? scenarioHash(design.scenario) : '';
  controls.update(design, state.overrides);
  ui.scenarioSelect.value = state.scenario ?? '';
  const description = typeof design.json.description === 'string' ? design.json.description : '';
  ui.description.textContent = description;
  ui.description.title = description;
  writeHash();
  clearTimeout(debounceTimer);
  if (!design.scenario) {
    if (activeRun?.purpose === 'current') runner.cancel();
    activeRun = activeRun?.purpose === 'baseline' ? activeRun : null;
    setStatus('invalid', 'The scenario has problems: see the fields marked in red. The charts show the last valid run.');
    ui.runButton.disabled = true;
    markStale();
    return;
  }
  ui.runButton.disabled = false;
  if (run === 'now') return requestRun(true);
  if (run === 'debounced' && ui.autoRun.checked) debounceTimer = setTimeout(() => requestRun(false), DEBOUNCE_MS);
  else markStale();
}

/**
 * Results on screen that are not the current design's are dimmed and labelled as the previous
 * design's: while a new design runs, after a cancel before any replication, or after a lever moved.
 */
function markStale(why?: string): void {
  const fresh = shown && design.scenario && scenarioHash(shown.scenario) === scenarioHash(design.scenario);
  const stale = !!shown && !fresh;
  ui.charts.classList.toggle('stale', stale);
  ui.headline.classList.toggle('stale', stale);
  ui.warnings.classList.toggle('stale', stale);
  ui.staleLabel.hidden = !stale;
  document.body.dataset.showing = !shown ? 'nothing' : stale ? 'previous' : 'current';
  if (stale) {
    const reason = why ?? (activeRun?.purpose === 'current' ? 'the new design is running' : 'the levers have changed since; press Run');
    ui.staleLabel.textContent = `Previous design: ${shown!.scenario.name} (${shown!.scenario.reps} replications). Not the design in the controls: ${reason}.`;
  }
}

ui.scenarioSelect.addEventListener('change', () => {
  // A new scenario keeps the run settings the user chose (seed, replications), not the design.
  const keep: Record<string, OverrideValue> = {};
  for (const k of ['seed', 'reps'] as const) if (k in state.overrides) keep[k] = state.overrides[k];
  setState({ scenario: ui.scenarioSelect.value || null, overrides: keep }, 'now');
});

$('#load-file').addEventListener('click', () => ui.fileInput.click());
ui.controls.addEventListener('submit', (e) => e.preventDefault());

ui.fileInput.addEventListener('change', async () => {
  const file = ui.fileInput.files?.[0];
  if (!file) return;
  try {
    // Checked before reading: a 50 MB file would freeze the page.
    if (file.size > MAX_INPUT_BYTES) {
      throw new ScenarioError([`${file.name}: the file is ${(file.size / 1024 / 1024).toFixed(1)} MB; scenario files are at most ${MAX_INPUT_BYTES / 1024 / 1024} MB`]);
    }
    const json = parseJsonStrict(await file.text(), file.name);
    showLinkNotes([]);
    setState(stateFromFile(json, file.name), 'now');
  } catch (e) {
    const lines = e instanceof ScenarioError ? [...e.problems] : [`${file.name}: ${e instanceof Error ? e.message : String(e)}`];
    controls.showGeneral(lines);
    setStatus('error', `Could not load ${file.name}: see the problems above the levers.`);
  } finally {
    ui.fileInput.value = '';
  }
});

// ---- running -----------------------------------------------------------------------------------

/** Participant-weeks per second per worker seen in this tab's last run: the basis of time estimates. */
let measuredSpeed = ASSUMED_SPEED;

/**
 * A heavy design (HEAVY_PARTICIPANT_WEEKS) starts only from a click on Run, never from a link, a
 * lever or a file by itself: says so and returns false.
 */
function confirmedOrAsk(scenario: Scenario, confirmed: boolean, what: string): boolean {
  const cost = estimateCost(scenario);
  if (!cost.heavy || confirmed) return true;
  ui.runButton.disabled = false;
  setStatus('confirm', `${what} is a heavy run: ${describeCost(cost, runner.size, measuredSpeed)}. Press Run to start it, or lower the replications.`);
  markStale();
  return false;
}

/** Runs the URL's baseline first if there is one, then the current design (unless it was just run). */
function requestRun(force: boolean, confirmed = false): void {
  clearTimeout(debounceTimer);
  if (pendingBaseline) {
    if (activeRun?.purpose === 'baseline') return; // the current design runs when the baseline is done
    const d = resolveDesign(pendingBaseline);
    if (d.scenario) {
      if (confirmedOrAsk(d.scenario, confirmed, 'The baseline in this link')) startRun(d.scenario, 'baseline');
      return;
    }
    pendingBaseline = null;
  }
  const scenario = design.scenario;
  if (!scenario) return;
  const hash = scenarioHash(scenario);
  if (!force && hash === lastCompleteHash && shown?.complete && !activeRun) {
    // Back to the design on screen: nothing to run.
    markStale();
    setStatus('done', `Up to date: ${shown.scenario.reps} replications (seed ${shown.scenario.seed}).`);
    ui.pinButton.disabled = false;
    return;
  }
  if (confirmedOrAsk(scenario, confirmed, 'This design')) startRun(scenario, 'current');
}

let confirmedRun = false;

function startRun(scenario: Scenario, purpose: 'current' | 'baseline'): void {
  const started = performance.now();
  const total = scenario.reps;
  const cost = estimateCost(scenario);
  confirmedRun = cost.heavy;
  ui.progress.max = total;
  ui.progress.value = 0;
  ui.cancelButton.disabled = false;
  ui.pinButton.disabled = true;
  document.body.dataset.repsDone = '0';
  const label = purpose === 'baseline' ? 'baseline' : 'replications';
  setStatus('running', `Running 0 / ${total} ${label}: ${describeCost(cost, runner.size, measuredSpeed)}…`);
  const run = runner.start(scenario, {
    onProgress: (done) => {
      ui.progress.value = done;
      document.body.dataset.repsDone = String(done);
      const elapsed = (performance.now() - started) / 1000;
      setStatus('running', `Running ${done} / ${total} ${label}… about ${duration((elapsed * (total - done)) / done)} left`);
      if (purpose === 'current') scheduleDraw(run, scenario);
    },
    onDone: (aggregate) => {
      activeRun = null;
      ui.cancelButton.disabled = true;
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      measuredSpeed = cost.participantWeeks / Math.max(0.001, Number(seconds)) / Math.min(runner.size, total);
      if (purpose === 'baseline') {
        baseline = { state: pendingBaseline!, scenario, aggregate: copyAggregate(aggregate) };
        pendingBaseline = null;
        updateBaselineUi();
        // The current design needed no click if the baseline did not: both come from the same link.
        return requestRun(true, confirmedRun);
      }
      clearTimeout(drawTimer);
      lastCompleteHash = scenarioHash(scenario);
      show(aggregate, scenario, true);
      const ms = performance.now() - started;
      document.body.dataset.runMs = ms.toFixed(0);
      setStatus('done', `${total} replications in ${seconds} s (seed ${scenario.seed}).`);
      ui.pinButton.disabled = false;
    },
    onError: (message) => {
      activeRun = null;
      ui.cancelButton.disabled = true;
      setStatus('error', `The run failed: ${message}`);
    },
  });
  activeRun = { run, purpose, started };
  if (purpose === 'current') markStale();
}

/** Redraws from the partial aggregate at most every REDRAW_MS while replications come in. */
function scheduleDraw(run: Run, scenario: Scenario): void {
  if (drawTimer !== undefined) return;
  const wait = Math.max(0, REDRAW_MS - (performance.now() - lastDraw));
  drawTimer = setTimeout(() => {
    drawTimer = undefined;
    if (run.cancelled || run.finished) return;
    const t0 = performance.now();
    const partial = run.snapshot();
    document.body.dataset.snapshotMs = (performance.now() - t0).toFixed(1);
    if (partial) show(partial, scenario, false);
  }, wait);
}

function cancelRun(): void {
  clearTimeout(debounceTimer);
  if (runner.cancel()) {
    const purpose = activeRun?.purpose;
    activeRun = null;
    if (purpose === 'baseline') pendingBaseline = null;
    ui.cancelButton.disabled = true;
    const done = Number(document.body.dataset.repsDone ?? 0);
    if (purpose === 'current' && done === 0) {
      markStale('the new run was cancelled before any replication finished');
      setStatus('cancelled', 'Cancelled before any replication finished: the results shown are the previous design\'s.');
    } else {
      setStatus('cancelled', `Cancelled after ${done} replications; the charts show those.`);
    }
  }
}

ui.runButton.addEventListener('click', () => requestRun(true, true));
ui.cancelButton.addEventListener('click', cancelRun);
document.addEventListener('keydown', (e) => {
  if (e.key !== 'Escape') return;
  if (ui.exportDetails.open) {
    ui.exportDetails.open = false;
    ui.exportDetails.querySelector('summary')?.focus();
  } else if (activeRun) cancelRun();
});
document.addEventListener('click', (e) => {
  if (ui.exportDetails.open && !ui.exportDetails.contains(e.target as Node)) ui.exportDetails.open = false;
});

// ---- drawing -------------------------------------------------------------------------------------

function copyAggregate(a: Aggregate): Aggregate {
  const copy = (r: Record<string, number[]>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, [...v]])) as Aggregate['perReplication'];
  return { summary: a.summary, perReplication: copy(a.perReplication), perBatch: copy(a.perBatch) };
}

/**
 * Paired differences against the baseline, or null while they cannot be paired: comparePaired needs
 * the same seed and replications, which a run still coming in (a partial snapshot) does not have yet.
 */
function pairedDiff(current: Aggregate): Diff | null {
  if (!baseline) return null;
  const base = baseline.aggregate.summary.scenario;
  const now = current.summary.scenario;
  if (base.seed !== now.seed || base.reps !== now.reps) return null;
  return roundDeep(comparePaired(baseline.aggregate, current));
}

const chartHost = (id: string) => ui.charts.querySelector<HTMLElement>(`[data-chart-host="${id}"]`)!;

function show(aggregate: Aggregate, scenario: Scenario, complete: boolean): void {
  const t0 = performance.now();
  shown = { aggregate, scenario, complete };
  const s = aggregate.summary;
  const base = baseline?.aggregate.summary ?? null;
  const diff = pairedDiff(aggregate);
  renderHeadline(ui.headline, s, diff, base);
  renderWarnings(s);
  drawCharts(s, base);
  if (diff && baseline) {
    ui.compare.hidden = false;
    const warnings: string[] = [];
    if (baseline.scenario.seed !== scenario.seed) warnings.push(`The seeds differ (${baseline.scenario.seed} and ${scenario.seed}): replications are not paired by common random numbers, so the intervals are too wide.`);
    if (baseline.scenario.reps !== s.scenario.reps) warnings.push(`Paired over the first ${Math.min(baseline.scenario.reps, s.scenario.reps)} replications (baseline ${baseline.scenario.reps}, current ${s.scenario.reps}).`);
    renderCompare(ui.compareBody, diff, { baselineName: baseline.scenario.name, currentName: scenario.name, warnings });
  } else {
    ui.compare.hidden = true;
  }
  document.body.dataset.shownReps = String(s.scenario.reps);
  if (complete) {
    document.body.dataset.shownHash = scenarioHash(scenario);
    document.body.dataset.completedRuns = String(Number(document.body.dataset.completedRuns ?? 0) + 1);
  }
  ui.headline.classList.remove('stale');
  ui.charts.classList.remove('stale');
  markStale();
  lastDraw = performance.now();
  document.body.dataset.drawMs = (lastDraw - t0).toFixed(1);
}

function renderWarnings(s: Summary): void {
  ui.warnings.hidden = s.warnings.length === 0;
  ui.warningsList.replaceChildren(...s.warnings.map((w) => Object.assign(document.createElement('li'), { textContent: w.message, className: `warning-${w.code}` })));
}

function drawCharts(s: Summary, base: Summary | null): void {
  readWidths([...ui.charts.querySelectorAll<HTMLElement>('[data-chart-host]')]);
  drawSurvival(chartHost('survival'), s, base);
  drawReasons(chartHost('reasons'), s, base);
  drawOutcomes(chartHost('outcomes'), s);
  drawEffects(chartHost('effects'), s);
  drawWeeklyPeople(chartHost('weekly-people'), s, base);
  drawWeeklyHours(chartHost('weekly-hours'), s, base);
  drawCost(chartHost('cost'), s, base);
}

// The sidebar sticks below the header, whose height depends on how the toolbar wraps.
const header = $<HTMLElement>('.sticky-top');
new ResizeObserver(() => document.documentElement.style.setProperty('--header-h', `${header.offsetHeight}px`)).observe(header);

let resizeFrame = 0;
let lastWidth = 0;
new ResizeObserver(() => {
  const width = ui.charts.clientWidth;
  if (width === lastWidth) return;
  lastWidth = width;
  cancelAnimationFrame(resizeFrame);
  resizeFrame = requestAnimationFrame(() => {
    if (shown) drawCharts(shown.aggregate.summary, baseline?.aggregate.summary ?? null);
  });
}).observe(ui.charts);

// ---- baseline (compare) ------------------------------------------------------------------------

function updateBaselineUi(writeUrl = true): void {
  ui.clearButton.hidden = !baseline;
  ui.pinButton.textContent = baseline ? 'Re-pin' : 'Pin baseline';
  ui.pinButton.title = baseline ? 'Make this run the new baseline' : 'Keep this run as the baseline: the next runs are compared with it';
  document.body.dataset.baseline = baseline ? 'pinned' : pendingBaseline ? 'pending' : 'none';
  if (writeUrl) writeHash();
  if (shown) show(shown.aggregate, shown.scenario, shown.complete);
}

ui.pinButton.addEventListener('click', () => {
  if (!shown?.complete) return;
  baseline = { state: { scenario: state.scenario, overrides: { ...state.overrides } }, scenario: shown.scenario, aggregate: copyAggregate(shown.aggregate) };
  pendingBaseline = null;
  updateBaselineUi();
  setStatus('done', 'Pinned as the baseline: change a lever to compare against it.');
});

ui.clearButton.addEventListener('click', () => {
  baseline = null;
  pendingBaseline = null;
  updateBaselineUi();
});

// ---- exports -------------------------------------------------------------------------------------

function fileStem(): string {
  return slug(shown?.scenario.name ?? (typeof design.json.name === 'string' ? design.json.name : 'buddysim'));
}

ui.exportMenu.addEventListener('click', (e) => {
  const button = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-export]');
  if (!button) return;
  const kind = button.dataset.export!;
  const stem = fileStem();
  ui.exportDetails.open = false;
  if (kind === 'scenario') {
    if (!design.scenario) return setStatus('invalid', 'Fix the marked fields before exporting the scenario.');
    return downloadText(`${slug(design.scenario.name)}.json`, JSON.stringify(scenarioToFile(design.scenario), null, 2) + '\n', 'application/json');
  }
  if (!shown) return setStatus('idle', 'Run the scenario first: there are no results to export yet.');
  const { aggregate } = shown;
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
      const diff = pairedDiff(aggregate);
      if (!diff || !baseline) return setStatus('idle', 'Pin a baseline first to export a comparison.');
      return downloadText(`${stem}-vs-${slug(baseline.scenario.name)}.csv`, compareCsv(diff, baseline.scenario.name, shown.scenario.name), 'text/csv');
    }
  }
});

ui.charts.addEventListener('click', async (e) => {
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
      setStatus('error', `PNG export failed: ${(err as Error).message}`);
    }
  }
});

// ---- URL state -----------------------------------------------------------------------------------

function loadFromHash(): void {
  const { state: decoded, notes } = readLink(location.hash, FIELD_KINDS);
  const read = location.hash.length > 1 && (decoded.scenario !== null || Object.keys(decoded.overrides).length > 0 || decoded.baseline !== null);
  if (location.hash.length > 1 && !read) notes.push('Nothing in the link could be used: showing the default scenario.');
  showLinkNotes(notes);
  const fromUrl: DashState = read ? { scenario: decoded.scenario, overrides: decoded.overrides } : { scenario: DEFAULT_SCENARIO, overrides: {} };
  if (decoded.baseline && !sameState(decoded.baseline, baseline?.state ?? null)) {
    baseline = null;
    pendingBaseline = decoded.baseline;
  } else if (!decoded.baseline && baseline) {
    baseline = null;
  }
  updateBaselineUi(false);
  setState(fromUrl, 'now');
}

// The skip link moves focus to the results without touching the URL, whose hash is the page state.
ui.skipLink.addEventListener('click', (e) => {
  e.preventDefault();
  document.getElementById('results')?.focus();
});

window.addEventListener('hashchange', () => {
  if (location.hash.replace(/^#/, '') === currentHash()) return;
  loadFromHash();
});

setStatus('idle', 'Ready.');
loadFromHash();
