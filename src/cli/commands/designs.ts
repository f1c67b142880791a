import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gridDesigns } from '../../designs/design.ts';
import { DEFAULT_GRID, parseGrid, type Grid } from '../../designs/grid.ts';
import { exploreDesigns, pilotReps, type DesignsRunner } from '../../designs/explore.ts';
import { designsJson } from '../../designs/json.ts';
import { designsReport, designsTextBlocks } from '../../designs/report.ts';
import { OutputFolder } from '../../io/outputFolder.ts';
import { readGrid } from '../../io/readGrid.ts';
import { fileLoader } from '../../io/readScenario.ts';
import { parseScenario, scenarioToFile } from '../../scenario/resolve.ts';
import { UsageError } from '../errors.ts';
import { repsFlag, seedFlag, setFlag, workersFlag } from '../flags.ts';
import { blocksText } from '../format.ts';
import { ScenarioPool, defaultWorkers } from '../pool.ts';
import { createProgress } from '../progress.ts';
import { runSetOnPool } from './calibrate.ts';
import { announceCost, withOverrides } from './run.ts';

export interface DesignsFlags {
  reps?: string;
  seed?: string;
  workers?: string;
  json?: boolean;
  out?: string;
  grid?: string;
  quiet?: boolean;
  /** `--set path=value` texts: applied to the grid's base, so to every design (not to what the designs vary). */
  set?: readonly string[];
}

/** What the designs themselves vary: --set may not touch it (a grid file sets it). */
const DESIGNED = (path: string) => path.startsWith('programme.') || path.startsWith('volunteers.peer');

/**
 * The grid with the command line's --set applied to its base (the people, inflow, coordinators,
 * costs and run fields every design shares), validated again; --set on a design parameter is refused.
 */
function withBaseSet(grid: Grid, flags: DesignsFlags): Grid {
  const set = setFlag(flags.set);
  const designed = set.find((o) => DESIGNED(o.path));
  if (designed) throw new UsageError(`--set ${designed.path}: the designs vary programme.* and volunteers.peer*; set them per design in a grid file (--grid, docs/designs.md)`);
  if (set.length === 0) return grid;
  const base = withOverrides(parseScenario(grid.base), { set: flags.set, reps: flags.reps, seed: flags.seed });
  return { ...grid, base: scenarioToFile(base) as Record<string, unknown> };
}

/**
 * The explorer's runner on a long-lived worker pool: every design and mechanism, and the levelling
 * of the mechanisms, on the same threads.
 *
 * @example
 *   const pool = ScenarioPool.create({ workers: 4 });
 *   try {
 *     const result = await exploreDesigns(grid, { runner: poolDesignsRunner(pool), load: fileLoader, reps: 200 });
 *   } finally {
 *     await pool.destroy();
 *   }
 */
export function poolDesignsRunner(pool: ScenarioPool): DesignsRunner {
  return {
    run: (scenario, onProgress) => pool.runScenario(scenario, { onProgress: (done) => onProgress?.(done) }),
    runSet: runSetOnPool(pool),
  };
}

/**
 * `buddysim designs [--reps N] [--seed S] [--workers W] [--json] [--out DIR] [--grid FILE]`: every
 * way to spend the hours of the grid (default: the 40-hour trajectory's) and its alternatives,
 * under every contested mechanism, on the same people and seed; prints the tables, regret and the
 * robustness verdicts (or, with --json, the whole result), and writes designs.json and the report
 * (report.html, report.md and its charts) to DIR.
 */
export async function designsCommand(positionals: string[], flags: DesignsFlags): Promise<void> {
  if (positionals.length > 0) throw new UsageError(`designs takes no arguments, got "${positionals[0].slice(0, 80)}"; give a grid file with --grid FILE`);
  const workers = workersFlag(flags.workers, defaultWorkers());
  const reps = repsFlag(flags.reps);
  const seed = seedFlag(flags.seed);
  const grid = withBaseSet(flags.grid ? readGrid(flags.grid) : parseGrid(DEFAULT_GRID, { load: fileLoader }), flags);
  // The output folder is checked and locked before anything runs, and written as a whole.
  const folder = flags.out ? OutputFolder.open(flags.out) : undefined;
  const say = (line: string) => {
    if (!flags.quiet) process.stderr.write(`designs: ${line}\n`);
  };
  const progress = createProgress('designs', !flags.quiet);
  const pool = ScenarioPool.create({ workers });
  try {
    const base = parseScenario(grid.base);
    const n = reps ?? base.reps;
    announceCost(base, workers, gridDesigns(grid).length * (pilotReps(n) + grid.mechanisms.length * n), flags.quiet);
    const result = await exploreDesigns(grid, {
      runner: poolDesignsRunner(pool), load: fileLoader, reps, seed,
      onProgress: (done, total) => progress.update(done, total),
      onStage: say,
    });
    progress.stop();
    const command = `buddysim designs --reps ${result.reps} --seed ${result.seed}${flags.grid ? ` --grid ${flags.grid}` : ''}${(flags.set ?? []).map((x) => ` --set ${x}`).join('')}`;
    const json = JSON.stringify(designsJson(result), null, 1) + '\n';
    if (folder) {
      const { html, markdown, files } = designsReport(result, command);
      writeFileSync(folder.path('designs.json'), json);
      writeFileSync(folder.path('report.html'), html);
      writeFileSync(folder.path('report.md'), markdown);
      for (const [name, svg] of Object.entries(files)) writeFileSync(folder.path(name), svg);
      folder.commit();
    }
    if (flags.json) process.stdout.write(json);
    else {
      process.stdout.write(blocksText(designsTextBlocks(result)) + '\n');
      if (flags.out) process.stdout.write(`\nReport in ${join(flags.out, 'report.html')} and ${join(flags.out, 'report.md')}; every figure with its interval in ${join(flags.out, 'designs.json')}\n`);
    }
  } catch (e) {
    progress.stop();
    folder?.abort();
    throw e;
  } finally {
    await pool.destroy();
  }
}
