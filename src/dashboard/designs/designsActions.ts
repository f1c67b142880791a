/**
 * What the Compare designs view does: run the 40-hour grid under every mechanism with the design
 * explorer of `buddysim designs` (on the Web Workers), load another grid file, and run two or more
 * designs side by side on one seed.
 */
import { MAX_INPUT_BYTES, ScenarioError, describeCost, estimateCost, parseJsonStrict, parseScenario, type Aggregate } from '../../index.ts';
import type { Mechanism } from '../../calibration/mechanisms.ts';
import { gridDesigns } from '../../designs/design.ts';
import { exploreDesigns, pilotReps } from '../../designs/explore.ts';
import type { FigureKey } from '../../designs/figures.ts';
import { DEFAULT_GRID, parseGrid, type Grid } from '../../designs/grid.ts';
import type { AppState } from '../app/appState.ts';
import type { Store } from '../app/store.ts';
import { bundledLoader } from '../../scenario/bundled.ts';
import { resolveDesign } from '../design.ts';
import { problemLines, readPickedFile, someLines } from '../files.ts';
import { designsRunner } from '../libraryRunners.ts';
import { CancelledError, aggregateOnPool, type Job, type WorkerPool } from '../runner.ts';
import { openState } from '../saved/designSets.ts';
import type { DesignsState } from './designsState.ts';
import { onOneSeed, sideBySide, type SideDesign } from './sideBySide.ts';

/** What the dashboard's grid run is, as the command that gives the same report. */
export function gridCommand(reps: number, seed: number, fileName: string | null): string {
  return `buddysim designs --reps ${reps} --seed ${seed}${fileName ? ` --grid ${fileName}` : ''} (dashboard)`;
}

/** The grid as validated by the command line (scenarios it names resolve among the bundled ones). */
export function readGrid(file: unknown, fileName: string | null): Grid {
  return parseGrid(file, { load: bundledLoader, file: fileName ?? undefined });
}

/** The replications a grid run takes, and a rough cost (the base's participant-weeks), levelling aside. */
export function gridCost(grid: Grid, reps: number) {
  const designs = gridDesigns(grid).length;
  const runs = designs * (pilotReps(reps) + grid.mechanisms.length * reps);
  const base = parseScenario({ ...grid.base, reps: Math.max(1, runs) });
  return { designs, runs, cost: estimateCost(base) };
}

export class DesignsActions {
  private gridJob: Job | null = null;
  private sideJob: Job | null = null;

  constructor(
    private readonly store: Store<AppState>,
    private readonly pool: WorkerPool,
  ) {}

  private get d(): DesignsState {
    return this.store.get().designs;
  }

  private setGrid(patch: Partial<DesignsState['grid']>): void {
    this.store.update((s) => ({ designs: { ...s.designs, grid: { ...s.designs.grid, ...patch } } }));
  }

  private setSide(patch: Partial<DesignsState['side']>): void {
    this.store.update((s) => ({ designs: { ...s.designs, side: { ...s.designs.side, ...patch } } }));
  }

  setGridRun(reps: number, seed: number | null): void {
    this.setGrid({ reps, seed });
  }

  show(mechanism: Mechanism, figure: FigureKey): void {
    this.setGrid({ mechanism, figure });
  }

  /** Back to the default grid of `buddysim designs`. */
  useDefaultGrid(): void {
    this.setGrid({ file: DEFAULT_GRID, fileName: null, result: null, status: { kind: 'idle', text: 'The default grid. Press Run grid.' } });
  }

  /** Reads a grid file (the format of `buddysim designs --grid`). */
  async loadGrid(file: File): Promise<void> {
    try {
      const json = parseJsonStrict(await readPickedFile(file, MAX_INPUT_BYTES, 'grid files'), file.name);
      const grid = readGrid(json, file.name);
      this.setGrid({ file: json, fileName: file.name, result: null, status: { kind: 'idle', text: `Loaded ${file.name}: ${gridDesigns(grid).length} designs from ${grid.baseRef}. Press Run grid.` } });
    } catch (e) {
      this.setGrid({ status: { kind: 'error', text: someLines(problemLines(e, file.name)) } });
    }
  }

  /** Runs every design of the grid under every mechanism: levelling, pilots, then the runs. */
  runGrid(): void {
    const g = this.d.grid;
    let grid: Grid;
    try {
      grid = readGrid(g.file, g.fileName);
      if (!Number.isInteger(g.reps) || g.reps < 2 || g.reps > 1000) throw new ScenarioError([`replications: got ${g.reps}; must be a whole number from 2 to 1000`]);
    } catch (e) {
      return this.setGrid({ status: { kind: 'invalid', text: someLines(problemLines(e, g.fileName ?? 'grid')) } });
    }
    this.cancelGrid(true);
    const job = this.pool.job();
    this.gridJob = job;
    const started = performance.now();
    let stage = 'starting';
    const { runs, cost } = gridCost(grid, g.reps);
    this.setGrid({ result: null, progress: { done: 0, total: runs }, status: { kind: 'running', text: `Running ${runs} replications and the levelling of the mechanisms: ${describeCost(cost, this.pool.size, this.store.get().measuredSpeed)}…` } });
    exploreDesigns(grid, {
      load: bundledLoader,
      runner: designsRunner(this.pool, job),
      reps: g.reps,
      seed: g.seed ?? undefined,
      onStage: (text) => {
        stage = text;
        if (!job.cancelled) this.setGrid({ status: { kind: 'running', text: `${text[0].toUpperCase()}${text.slice(1)}…` } });
      },
      onProgress: (done, total) => {
        if (!job.cancelled) this.setGrid({ progress: { done, total }, status: { kind: 'running', text: `${stage[0].toUpperCase()}${stage.slice(1)}: ${done} / ${total} replications…` } });
      },
    }).then(
      (result) => {
        if (job.cancelled) return;
        this.gridJob = null;
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        const mechanism = result.mechanisms.some((m) => m.mechanism === this.d.grid.mechanism) ? this.d.grid.mechanism : result.mechanisms[0].mechanism;
        this.setGrid({ result, mechanism, status: { kind: 'done', text: `${result.designs.length} designs x ${result.mechanisms.length} mechanisms x ${result.reps} replications in ${seconds} s (seed ${result.seed} everywhere).` } });
      },
      (err: unknown) => {
        if (job.cancelled || err instanceof CancelledError) return;
        this.gridJob = null;
        this.setGrid({ status: { kind: 'error', text: `The grid run failed: ${someLines(problemLines(err, 'grid'))}` } });
      },
    );
  }

  cancelGrid(quiet = false): void {
    const job = this.gridJob;
    if (!job) return;
    this.gridJob = null;
    this.pool.cancel(job);
    if (!quiet) this.setGrid({ status: { kind: 'cancelled', text: 'Cancelled: nothing of the grid is shown until it runs to the end.' } });
  }

  setSideRun(patch: Partial<Pick<DesignsState['side'], 'setName' | 'includeCurrent' | 'reps' | 'seed' | 'metric'>>): void {
    this.setSide(patch);
  }

  /** The designs to compare: the design in the controls (if chosen), then the chosen set's. */
  sideDesigns(): SideDesign[] {
    const s = this.store.get();
    const out: SideDesign[] = [];
    if (s.designs.side.includeCurrent && s.design.scenario) out.push({ label: `In the controls: ${s.design.scenario.name}`, scenario: s.design.scenario });
    const set = s.sets.find((x) => x.name === s.designs.side.setName);
    for (const d of set?.designs ?? []) {
      const scenario = resolveDesign(openState(d)).scenario;
      if (scenario) out.push({ label: d.label, scenario });
    }
    return out;
  }

  /** Runs the designs one after another on one seed and compares them. */
  runSide(): void {
    const side = this.d.side;
    const chosen = this.sideDesigns();
    if (chosen.length < 2) return this.setSide({ status: { kind: 'invalid', text: `Pick at least two designs: a saved design set, and the design in the controls if you like (now ${chosen.length}).` } });
    if (!Number.isInteger(side.reps) || side.reps < 2 || side.reps > 5000) return this.setSide({ status: { kind: 'invalid', text: `replications: got ${side.reps}; must be a whole number from 2 to 5000` } });
    const designs = onOneSeed(chosen, { reps: side.reps, seed: side.seed ?? undefined });
    this.cancelSide(true);
    const job = this.pool.job();
    this.sideJob = job;
    const total = designs.length * side.reps;
    this.setSide({ result: null, progress: { done: 0, total }, status: { kind: 'running', text: `Running ${designs.length} designs x ${side.reps} replications on seed ${designs[0].scenario.seed}…` } });
    const runAll = async (): Promise<Aggregate[]> => {
      const out: Aggregate[] = [];
      for (const [i, d] of designs.entries()) {
        out.push(await aggregateOnPool(this.pool, job, d.scenario, (done) => {
          if (!job.cancelled) this.setSide({ progress: { done: i * side.reps + done, total }, status: { kind: 'running', text: `Running ${d.label}: ${done} / ${side.reps} replications (design ${i + 1} of ${designs.length})…` } });
        }));
      }
      return out;
    };
    runAll().then(
      (aggregates) => {
        if (job.cancelled) return;
        this.sideJob = null;
        this.setSide({ result: sideBySide(designs, aggregates), status: { kind: 'done', text: `${designs.length} designs x ${side.reps} replications on seed ${designs[0].scenario.seed}: differences are paired (common random numbers).` } });
      },
      (err: unknown) => {
        if (job.cancelled || err instanceof CancelledError) return;
        this.sideJob = null;
        this.setSide({ status: { kind: 'error', text: `The comparison failed: ${someLines(problemLines(err, 'designs'))}` } });
      },
    );
  }

  cancelSide(quiet = false): void {
    const job = this.sideJob;
    if (!job) return;
    this.sideJob = null;
    this.pool.cancel(job);
    if (!quiet) this.setSide({ status: { kind: 'cancelled', text: 'Cancelled: nothing is compared until every design has run.' } });
  }

  get running(): boolean {
    return this.gridJob !== null || this.sideJob !== null;
  }

  cancel(): void {
    this.cancelGrid();
    this.cancelSide();
  }
}

