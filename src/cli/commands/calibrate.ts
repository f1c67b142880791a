import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RunCollector, type ScenarioRunner } from '../../calibration/runSet.ts';
import { calibrationText } from '../../calibration/report.ts';
import { calibrate, parseSearchParams } from '../../calibration/search.ts';
import { TargetsError, fitTargets, parseTargets, type TargetsFile } from '../../calibration/targets.ts';
import { readJson, writeFileAtomic } from '../../io/files.ts';
import { fileLoader } from '../../io/readScenario.ts';
import { checkOutPath } from '../../io/outPath.ts';
import { ScenarioError } from '../../scenario/errors.ts';
import { UsageError } from '../errors.ts';
import { countFlag, repsFlag, seedFlag, workersFlag } from '../flags.ts';
import { assumedBy, framing, type Assumed } from '../format.ts';
import { ScenarioPool, defaultWorkers } from '../pool.ts';

/** The bundled targets file, found from the source tree or from the built CLI in dist/cli. */
export const DEFAULT_TARGETS = [
  fileURLToPath(new URL('../../../calibration/targets.json', import.meta.url)),
  fileURLToPath(new URL('../../calibration/targets.json', import.meta.url)),
].find((p) => existsSync(p)) ?? resolve('calibration/targets.json');

/** Reads and validates a targets file; problems are input errors (exit code 1), one per line. */
export function readTargets(path: string): TargetsFile {
  const json = readJson(path, 'targets file');
  try {
    return parseTargets(json, path);
  } catch (e) {
    if (e instanceof TargetsError) throw new ScenarioError(e.problems);
    throw e;
  }
}

/**
 * A scenario runner on the worker pool, kept alive across scenarios and candidates (a calibration
 * runs hundreds). The workers run exactly the runner's task body; the records they return give
 * each replication's extras here, in replication order. `assumed` lists what the scenarios run so
 * far assume (mechanism, horizon), each distinct one once, for the output's frame.
 */
export function createRunner(workers: number): { run: ScenarioRunner; close: () => Promise<void>; assumed: () => Assumed[] } {
  const pool = ScenarioPool.create({ workers });
  const assumed = new Map<string, Assumed>();
  const onPool = runSetOnPool(pool);
  const run: ScenarioRunner = (scenario, reps, batches) => {
    const a = assumedBy(scenario);
    assumed.set(JSON.stringify(a), a);
    return onPool(scenario, reps, batches);
  };
  return { run, close: () => pool.destroy(), assumed: () => [...assumed.values()] };
}

/** The calibration's scenario runner on a pool that lives elsewhere (the design explorer's). */
export function runSetOnPool(pool: ScenarioPool): ScenarioRunner {
  return async (scenario, reps, batches) => {
    const collector = new RunCollector(scenario, reps, batches);
    await pool.runEach(scenario, { start: 0, end: reps }, 'extras', (o) => collector.add(o.stats, o.extras));
    return collector.finish();
  };
}

export interface CalibrateFlags {
  params?: string;
  reps?: string;
  candidates?: string;
  refine?: string;
  seed?: string;
  workers?: string;
  out?: string;
  quiet?: boolean;
}

/**
 * `buddysim calibrate <targets> --params a.b,c.d=lo:hi [--reps N] [--candidates N] [--refine N]`:
 * searches the named parameters (Latin hypercube, then Nelder-Mead) with common random numbers and
 * prints the best set and the fit per target; progress on stderr.
 */
export async function calibrateCommand(refs: string[], flags: CalibrateFlags): Promise<void> {
  if (refs.length > 1) throw new UsageError(`calibrate takes one targets file, got ${refs.length}`);
  if (!flags.params) throw new UsageError('calibrate needs --params section.key[=lo:hi],...; see buddysim params');
  let params;
  try {
    params = parseSearchParams(flags.params);
  } catch (e) {
    throw new UsageError(`--params: ${(e as Error).message}`);
  }
  const all = readTargets(refs[0] ?? DEFAULT_TARGETS);
  const file = fitTargets(all);
  if (file.targets.length === 0) throw new ScenarioError([`${refs[0] ?? DEFAULT_TARGETS}: no target has "use": "fit"; calibration has nothing to fit`]);
  const heldOut = all.targets.length - file.targets.length;
  if (heldOut > 0 && !flags.quiet) process.stderr.write(`calibrate: fitting ${file.targets.length} targets; ${heldOut} validation targets are held out and never used\n`);
  const reps = repsFlag(flags.reps) ?? 100;
  const candidates = flags.candidates === undefined ? Math.max(10, 10 * params.length) : countFlag('candidates', flags.candidates, 0, 100_000);
  const refine = flags.refine === undefined ? 15 * params.length : countFlag('refine', flags.refine, 0, 100_000);
  if (flags.out) checkOutPath(flags.out, 'file');
  const seed = seedFlag(flags.seed) ?? 1;
  const runner = createRunner(workersFlag(flags.workers, defaultWorkers()));
  const started = Date.now();
  try {
    const result = await calibrate(file, fileLoader, runner.run, params, {
      candidates,
      refine,
      reps,
      seed,
      onProgress: (p) => {
        if (flags.quiet) return;
        const values = Object.entries(p.values).map(([k, v]) => `${k.split('.').pop()}=${v}`).join(' ');
        const secs = ((Date.now() - started) / 1000).toFixed(0);
        process.stderr.write(`calibrate ${p.phase} ${p.evaluation}/${p.total}  loss ${p.loss.toFixed(3)}  best ${p.bestLoss.toFixed(3)}  ${secs}s  ${values}\n`);
      },
    });
    process.stdout.write(`${calibrationText(result)}\n\nScenarios run: ${framing(runner.assumed())}\n`);
    process.stdout.write(`\nCommand: buddysim calibrate ${refs[0] ?? ''} --params ${flags.params} --reps ${reps} --candidates ${candidates} --refine ${refine} --seed ${seed}\n`.replace('  ', ' '));
    if (flags.out) {
      const json = {
        params: result.params.map((p) => ({ path: p.path, start: p.start, value: p.value, min: p.min, max: p.max, unit: p.spec.unit })),
        loss: { start: result.start.loss, best: result.best.loss },
        evaluations: result.evaluations,
        reps,
        seed,
        fit: result.best.results.map((r) => ({ id: r.target.id, value: r.value, ci: r.ci, pass: r.pass, loss: r.loss })),
      };
      writeFileAtomic(flags.out, JSON.stringify(json, null, 1) + '\n');
      process.stdout.write(`Result in ${flags.out}\n`);
    }
  } finally {
    await runner.close();
  }
}
