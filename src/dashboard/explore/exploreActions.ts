/**
 * What the Explore view does: change the sweep's settings, run the sweep on the dashboard's Web
 * Workers with the experiment code of `buddysim experiment run` (same seed at every point), cancel
 * it, load a result file, and pick the chart.
 */
import { ScenarioError, describeCost, estimateCost, type Scenario } from '../../index.ts';
import { designPoints } from '../../experiment/points.ts';
import { runExperiment, unitCount, type ReplicationRecord } from '../../experiment/run.ts';
import { experimentRunner } from '../libraryRunners.ts';
import { hashOf, type AppState } from '../app/appState.ts';
import type { Store } from '../app/store.ts';
import { problemLines, readPickedFile, someLines } from '../files.ts';
import { CancelledError, type Job, type WorkerPool } from '../runner.ts';
import type { ExploreState } from './exploreState.ts';
import { sweepExperiment, sweepPoints, sweepProblems, type SweepSettings } from './sweep.ts';
import { defaultChoice, type ChartChoice } from './sweepChart.ts';
import { MAX_RESULT_BYTES, tableFromCsv, tableFromResults } from './sweepTable.ts';

/** Redraws a sweep's chart from the replications so far at most this often. */
export const SWEEP_REDRAW_MS = 400;

/** A rough cost of a sweep: the base design's participant-weeks per replication times its runs. */
export function sweepCost(base: Scenario, settings: SweepSettings) {
  const runs = sweepPoints(settings) * settings.reps;
  return { runs, cost: estimateCost({ ...base, reps: Math.max(1, runs) }) };
}

/**
 * The Explore view's actions on the store.
 *
 * @example
 *   const explore = new ExploreActions(store, pool);
 *   explore.setSettings({ levers: [defaultLever('programme.contactsPerWeek', 1)], reps: 20 });
 *   explore.run();
 */
export class ExploreActions {
  private job: Job | null = null;

  constructor(
    private readonly store: Store<AppState>,
    private readonly pool: WorkerPool,
  ) {}

  private set(patch: Partial<ExploreState>): void {
    this.store.update((s) => ({ explore: { ...s.explore, ...patch } }));
  }

  private get e(): ExploreState {
    return this.store.get().explore;
  }

  setSettings(settings: SweepSettings): void {
    this.set({ settings });
  }

  setChoice(choice: ChartChoice): void {
    this.set({ choice });
  }

  /** Runs the sweep around the design in the controls; the chart fills in as points finish. */
  run(): void {
    const base = this.store.get().design.scenario;
    const settings = this.e.settings;
    if (!base) return this.set({ status: { kind: 'invalid', text: 'The design in the Design view has problems: fix it there first; the sweep runs around it.' } });
    const problems = sweepProblems(settings);
    if (problems.length > 0) return this.set({ status: { kind: 'invalid', text: problems.join(' ') } });
    let experiment;
    try {
      experiment = sweepExperiment(base, settings);
    } catch (e) {
      return this.set({ status: { kind: 'invalid', text: someLines(problemLines(e, 'sweep')) } });
    }
    this.cancel(true);
    const job = this.pool.job();
    this.job = job;
    const design = designPoints(experiment);
    const around = { baseHash: hashOf(base), baseName: base.name };
    const total = unitCount(experiment, design);
    const records: ReplicationRecord[] = [];
    const started = performance.now();
    let drawTimer: ReturnType<typeof setTimeout> | undefined;
    const partial = () => {
      const sorted = [...records].sort((a, b) => a.point - b.point || a.replication - b.replication);
      return { experiment, design, range: { start: 0, end: total }, records: sorted };
    };
    const { cost } = sweepCost(base, settings);
    this.set({
      status: { kind: 'running', text: `Running the sweep: ${design.points.length} points x ${experiment.replications} replications, ${describeCost(cost, this.pool.size, this.store.get().measuredSpeed)}…` },
      progress: { done: 0, total },
      sweep: null,
    });
    runExperiment(experiment, {
      runner: experimentRunner(this.pool, job, experiment.replications),
      design,
      store: { done: () => [], add: (r) => void (job.cancelled || records.push(r)) },
      onProgress: (done) => {
        if (job.cancelled) return;
        this.set({ progress: { done, total }, status: { kind: 'running', text: `Running the sweep: ${done} / ${total} runs (${design.points.length} points x ${experiment.replications} replications)…` } });
        if (drawTimer !== undefined) return;
        drawTimer = setTimeout(() => {
          drawTimer = undefined;
          if (job.cancelled || records.length === total) return;
          const results = partial();
          const table = tableFromResults(results);
          this.set({ table, choice: defaultChoice(table, this.e.choice), sweep: { ...around, experiment, results, complete: false } });
        }, SWEEP_REDRAW_MS);
      },
    }).then(
      (results) => {
        clearTimeout(drawTimer);
        if (job.cancelled) return;
        this.job = null;
        const table = tableFromResults(results);
        const failed = results.records.filter((r) => r.values === null).length;
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        this.set({
          table,
          choice: defaultChoice(table, this.e.choice),
          sweep: { ...around, experiment, results, complete: true },
          status: { kind: failed > 0 ? 'error' : 'done', text: `${design.points.length} points x ${experiment.replications} replications in ${seconds} s (seed ${experiment.seed} at every point)${failed > 0 ? `; ${failed} replications failed (see replications.csv, column error)` : ''}.` },
        });
      },
      (err: Error) => {
        clearTimeout(drawTimer);
        if (job.cancelled || err instanceof CancelledError) return;
        this.job = null;
        this.set({ status: { kind: 'error', text: `The sweep failed: ${err.message}` } });
      },
    );
  }

  /** Stops the sweep; the chart keeps the points that finished. */
  cancel(quiet = false): void {
    const job = this.job;
    if (!job) return;
    this.job = null;
    this.pool.cancel(job);
    if (!quiet) this.set({ status: { kind: 'cancelled', text: `Cancelled after ${this.e.progress?.done ?? 0} of ${this.e.progress?.total ?? 0} runs; the chart shows the points so far.` } });
  }

  get running(): boolean {
    return this.job !== null;
  }

  /** Reads summary.csv or replications.csv of `buddysim experiment run` and shows it. */
  async load(file: File): Promise<void> {
    try {
      if (/\.parquet$/i.test(file.name)) {
        throw new ScenarioError([`${file.name}: Parquet is not read here (its reader would make the one-file dashboard about 7 MB larger); load summary.csv or replications.csv from the same folder`]);
      }
      const table = tableFromCsv(await readPickedFile(file, MAX_RESULT_BYTES, 'result files read here (use buddysim experiment report for larger ones)'), file.name);
      const choice = defaultChoice(table, null);
      this.set({
        table,
        choice,
        sweep: null,
        status: { kind: 'done', text: `Loaded ${file.name}: ${table.points.size} points, ${table.metrics.length} figures${choice ? '' : '; no factor varies, so there is nothing to draw against'}.` },
      });
    } catch (e) {
      this.set({ status: { kind: 'error', text: someLines(problemLines(e, file.name)) } });
    }
  }
}
