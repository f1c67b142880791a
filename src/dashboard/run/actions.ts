/**
 * What the user can do to the design and its runs, as actions on the store: change the design,
 * run it (a linked baseline first), cancel, pin a baseline, re-open a run. Views call these;
 * renderers only read the store. The figures come from the workers through `WorkerRunner`.
 */
import { describeCost, duration, estimateCost, type Aggregate, type Scenario } from '../../index.ts';
import { hashOf, resultsTruth, type AppState, type StatusKind } from '../app/appState.ts';
import type { Store } from '../app/store.ts';
import { resolveDesign } from '../design.ts';
import type { Run, WorkerRunner } from '../runner.ts';
import { addRun, historyEntry, type HistoryEntry } from '../saved/history.ts';
import type { DashState } from '../state.ts';

/** Pause after a lever moves before the design runs again by itself. */
export const DEBOUNCE_MS = 400;
/** Redraws from the replications merged so far at most this often while a run comes in. */
export const REDRAW_MS = 100;

/** A copy of an aggregate that later merges into the same Aggregator cannot change. */
function copyAggregate(a: Aggregate): Aggregate {
  const copy = (r: Record<string, number[]>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, [...v]])) as Aggregate['perReplication'];
  return { summary: a.summary, perReplication: copy(a.perReplication), perBatch: copy(a.perBatch) };
}

/** A baseline can be pinned only from the complete results of the design in the controls. */
export function canPin(s: AppState): boolean {
  return !!s.shown?.complete && !s.run && resultsTruth(s).showing === 'current';
}

/**
 * The Design view's actions on the store.
 *
 * @example
 *   const actions = new RunActions(store, new WorkerRunner(pool));
 *   actions.setDesign({ scenario: 'civic-integration-40h', overrides: { reps: 40 } }, 'now');
 */
export class RunActions {
  private debounceTimer: ReturnType<typeof setTimeout> | undefined;
  private drawTimer: ReturnType<typeof setTimeout> | undefined;
  private lastDraw = 0;
  /** Whether the run in progress was started by a click on a heavy design (its follow-up needs none). */
  private confirmedRun = false;

  constructor(
    private readonly store: Store<AppState>,
    private readonly runner: WorkerRunner,
    /** Timings for the benchmark (bench/dashboard.ts): the snapshot of a partial run, a whole run. */
    private readonly measure: (what: 'snapshotMs' | 'runMs', ms: number) => void = () => undefined,
    private readonly now: () => number = () => performance.now(),
  ) {}

  private get s(): Readonly<AppState> {
    return this.store.get();
  }

  status(kind: StatusKind, text: string): void {
    this.store.update({ status: { kind, text } });
  }

  /** Applies a new design: validates it, and runs it now, after a pause, or not. */
  setDesign(dash: DashState, when: 'debounced' | 'now' | 'none'): void {
    const design = resolveDesign(dash);
    clearTimeout(this.debounceTimer);
    this.store.update({ dash, design, awaitingClick: false });
    if (!design.scenario) {
      if (this.s.run?.purpose === 'current') {
        this.runner.cancel();
        this.store.update({ run: null });
      }
      this.status('invalid', 'The scenario has problems: see the fields marked in red. The charts show the last valid run.');
      return;
    }
    if (when === 'now') return this.requestRun(true);
    if (when === 'debounced' && this.s.autoRun) this.debounceTimer = setTimeout(() => this.requestRun(false), DEBOUNCE_MS);
  }

  setAutoRun(on: boolean): void {
    this.store.update({ autoRun: on });
  }

  /**
   * A heavy design (HEAVY_PARTICIPANT_WEEKS) starts only from a click on Run, never from a link, a
   * lever or a file by itself: says so and returns false.
   */
  private confirmedOrAsk(scenario: Scenario, confirmed: boolean, what: string): boolean {
    const cost = estimateCost(scenario);
    if (!cost.heavy || confirmed) return true;
    this.store.update({ awaitingClick: true, status: { kind: 'confirm', text: `${what} is a heavy run: ${describeCost(cost, this.runner.size, this.s.measuredSpeed)}. Press Run to start it, or lower the replications.` } });
    return false;
  }

  /** Runs the link's baseline first if there is one, then the current design (unless it was just run). */
  requestRun(force: boolean, confirmed = false): void {
    clearTimeout(this.debounceTimer);
    const s = this.s;
    if (s.pendingBaseline) {
      if (s.run?.purpose === 'baseline') return; // the current design runs when the baseline is done
      const d = resolveDesign(s.pendingBaseline);
      if (d.scenario) {
        if (this.confirmedOrAsk(d.scenario, confirmed, 'The baseline in this link')) this.start(d.scenario, 'baseline');
        return;
      }
      this.store.update({ pendingBaseline: null });
    }
    const scenario = this.s.design.scenario;
    if (!scenario) return;
    const shown = this.s.shown;
    if (!force && hashOf(scenario) === this.s.lastCompleteHash && shown?.complete && !this.s.run) {
      // Back to the design on screen: nothing to run.
      this.store.update({ awaitingClick: false, cancelled: null, status: { kind: 'done', text: `Up to date: ${shown.scenario.reps} replications (seed ${shown.scenario.seed}).` } });
      return;
    }
    if (this.confirmedOrAsk(scenario, confirmed, 'This design')) this.start(scenario, 'current');
  }

  private start(scenario: Scenario, purpose: 'current' | 'baseline'): void {
    const started = this.now();
    const total = scenario.reps;
    const cost = estimateCost(scenario);
    this.confirmedRun = cost.heavy;
    const label = purpose === 'baseline' ? 'baseline' : 'replications';
    const dash = purpose === 'current' ? this.s.dash : this.s.pendingBaseline!;
    clearTimeout(this.drawTimer);
    this.drawTimer = undefined;
    const run = this.runner.start(scenario, {
      onProgress: (done) => {
        const elapsed = (this.now() - started) / 1000;
        this.store.update({ progress: { done, total }, status: { kind: 'running', text: `Running ${done} / ${total} ${label}… about ${duration((elapsed * (total - done)) / done)} left` } });
        if (purpose === 'current') this.scheduleDraw(run, scenario);
      },
      onDone: (aggregate) => {
        const seconds = (this.now() - started) / 1000;
        const measuredSpeed = cost.participantWeeks / Math.max(0.001, seconds) / Math.min(this.runner.size, total);
        if (purpose === 'baseline') {
          this.store.update({ run: null, measuredSpeed, baseline: { state: dash, scenario, aggregate: copyAggregate(aggregate) }, pendingBaseline: null });
          // The current design needed no click if the baseline did not: both come from the same link.
          return this.requestRun(true, this.confirmedRun);
        }
        clearTimeout(this.drawTimer);
        this.drawTimer = undefined;
        this.measure('runMs', seconds * 1000);
        const entry: HistoryEntry = historyEntry(dash, scenario, hashOf(scenario), aggregate, seconds, new Date());
        this.store.update((s) => ({
          run: null,
          measuredSpeed,
          lastCompleteHash: hashOf(scenario),
          shown: { aggregate, scenario, complete: true },
          history: addRun(s.history, entry),
          status: { kind: 'done', text: `${total} replications in ${seconds.toFixed(2)} s (seed ${scenario.seed}).` },
        }));
      },
      onError: (message) => {
        this.store.update({ run: null, status: { kind: 'error', text: `The run failed: ${message}` } });
      },
    });
    this.store.update({
      run: { purpose, scenario, started },
      progress: { done: 0, total },
      cancelled: purpose === 'current' ? null : this.s.cancelled,
      awaitingClick: false,
      status: { kind: 'running', text: `Running 0 / ${total} ${label}: ${describeCost(cost, this.runner.size, this.s.measuredSpeed)}…` },
    });
  }

  /** Redraws from the partial aggregate at most every REDRAW_MS while replications come in. */
  private scheduleDraw(run: Run, scenario: Scenario): void {
    if (this.drawTimer !== undefined) return;
    const wait = Math.max(0, REDRAW_MS - (this.now() - this.lastDraw));
    this.drawTimer = setTimeout(() => {
      this.drawTimer = undefined;
      if (run.cancelled || run.finished) return;
      const t0 = this.now();
      const partial = run.snapshot();
      this.measure('snapshotMs', this.now() - t0);
      this.lastDraw = this.now();
      if (partial) this.store.update({ shown: { aggregate: partial, scenario, complete: false } });
    }, wait);
  }

  cancel(): void {
    clearTimeout(this.debounceTimer);
    const run = this.s.run;
    if (!run || !this.runner.cancel()) return;
    clearTimeout(this.drawTimer);
    this.drawTimer = undefined;
    const total = run.scenario.reps;
    if (run.purpose === 'baseline') {
      this.store.update({ run: null, pendingBaseline: null, status: { kind: 'cancelled', text: 'Cancelled the baseline of the link; nothing is compared.' } });
      return;
    }
    // Show every replication merged (in order), not only those of the last redraw.
    const partial = this.runner.lastRun?.snapshot() ?? null;
    const done = partial?.summary.scenario.reps ?? 0;
    this.store.update((s) => ({
      run: null,
      cancelled: { done, total },
      shown: partial ? { aggregate: partial, scenario: run.scenario, complete: false } : s.shown,
      status: done === 0
        ? { kind: 'cancelled', text: "Cancelled before any replication finished: the results shown are the previous design's." }
        : { kind: 'cancelled', text: `Cancelled after ${done} replications; the charts show those.` },
    }));
  }

  /** Keeps the results on screen as the baseline the next runs are compared with. */
  pin(): void {
    const { shown, dash } = this.s;
    if (!canPin(this.s) || !shown) return;
    this.store.update({
      baseline: { state: { scenario: dash.scenario, overrides: { ...dash.overrides } }, scenario: shown.scenario, aggregate: copyAggregate(shown.aggregate) },
      pendingBaseline: null,
      status: { kind: 'done', text: 'Pinned as the baseline: change a lever to compare against it.' },
    });
  }

  clearBaseline(): void {
    this.store.update({ baseline: null, pendingBaseline: null });
  }

  /** Shows a run of this session again, with its design in the controls, without running it. */
  reopen(entry: HistoryEntry): void {
    if (this.s.run?.purpose === 'current') this.runner.cancel();
    clearTimeout(this.debounceTimer);
    const design = resolveDesign(entry.state);
    this.store.update({
      view: 'run',
      dash: entry.state,
      design,
      run: null,
      cancelled: null,
      awaitingClick: false,
      shown: { aggregate: entry.aggregate, scenario: entry.scenario, complete: true },
      lastCompleteHash: entry.hash,
      status: { kind: 'done', text: `Re-opened: ${entry.name}, ${entry.reps} replications (seed ${entry.seed}), run at ${entry.finished.slice(11, 19)}.` },
    });
  }
}
