import { join } from 'node:path';
import { diffUnit, fmt, fmtEstimate } from '../../analysis/format.ts';
import { METRICS, type MetricName } from '../../analysis/metrics.ts';
import { writeFileAtomic } from '../../io/files.ts';
import { checkOutPath } from '../../io/outPath.ts';
import { readScenario } from '../../io/readScenario.ts';
import { SWEEP_METRICS, capacityLevers, sweepLevers, type Lever, type LeverSweep } from '../../sweep/levers.ts';
import { OverrideError, declaredField, parseOverride } from '../../scenario/overrides.ts';
import { UsageError } from '../errors.ts';
import { workersFlag } from '../flags.ts';
import { assumedBy, framing, table } from '../format.ts';
import { ScenarioPool, defaultWorkers } from '../pool.ts';
import { createProgress } from '../progress.ts';
import { slug, announceCost, withOverrides, type RunFlags } from './run.ts';
import { FACT_FAILS_EXIT } from './validateModel.ts';

export interface SweepFlags extends RunFlags {
  /** `section.field=v1,v2,...`, repeatable; default: the capacity levers around the scenario's values. */
  lever?: string[];
}

/**
 * A lever given on the command line: `coordinators.hoursPerWeek=8,16,24`. Each level is read and
 * checked as `--set` reads a value (decimal digits, the parameter's range; a misspelt path gets the
 * closest known ones); the parameter must be a number.
 */
export function parseLeverFlag(raw: string): Lever {
  const eq = raw.indexOf('=');
  if (eq < 0) throw new UsageError(`--lever ${JSON.stringify(raw)}: write section.field=value,value,... e.g. --lever coordinators.hoursPerWeek=8,16,24`);
  const path = raw.slice(0, eq).trim();
  const texts = raw.slice(eq + 1).split(',').map((v) => v.trim());
  const field = declaredField(path);
  if (field && (field.spec.kind !== 'number' || !path.includes('.'))) throw new UsageError(`--lever ${path}: a lever must be a numeric parameter (section.field); see buddysim params`);
  let levels: number[];
  try {
    levels = texts.map((v) => parseOverride(`${path}=${v}`).value as number);
  } catch (e) {
    if (e instanceof OverrideError) throw new UsageError(`--lever ${e.message}`);
    throw e;
  }
  if (new Set(levels).size < 2) throw new UsageError(`--lever ${path}: give at least two different levels separated by commas, got ${JSON.stringify(raw.slice(eq + 1))}`);
  return { path, label: path, levels: [...new Set(levels)].sort((a, b) => a - b), expect: {} };
}

/**
 * The sweep as text: per lever, a row per level with the figures; then, for every step up, the paired
 * change of each figure whose direction the domain guarantees, with its 95% interval.
 */
export function formatSweep(sweeps: readonly LeverSweep[]): string {
  const out: string[] = [];
  for (const { lever, steps } of sweeps) {
    out.push('', `${lever.label} (${lever.path})`);
    const rows: string[][] = [['level', ...SWEEP_METRICS]];
    for (const step of steps) rows.push([String(step.value), ...SWEEP_METRICS.map((m) => fmt(step.metrics[m], METRICS[m].unit))]);
    out.push(table(rows));
    const expected = Object.entries(lever.expect) as [MetricName, 'up' | 'down'][];
    if (expected.length === 0) continue;
    out.push(`  as it rises, the domain guarantees: ${expected.map(([m, d]) => `${m} ${d === 'up' ? 'rises or stays' : 'falls or stays'}`).join('; ')}`);
    steps.forEach((step, i) => {
      if (!step.change) return;
      const changes = expected.map(([m]) => `${m} ${fmtEstimate(step.change![m]!.value, step.change![m]!.ci95, diffUnit(METRICS[m].unit), true)}`);
      out.push(`  ${steps[i - 1].value} -> ${step.value}: ${changes.join('; ')}: ${step.wrongWay.length > 0 ? `WRONG WAY (${step.wrongWay.join(', ')})` : 'as expected'}`);
    });
  }
  const wrong = sweeps.flatMap(({ lever, steps }) => steps.flatMap((s) => s.wrongWay.map((m) => `${lever.path} = ${s.value}: ${m}`)));
  out.push('', wrong.length === 0
    ? 'No lever moved a figure the wrong way beyond the simulation\'s noise (changes paired on common random numbers, with 95% intervals from batch means).'
    : `Moved the wrong way beyond the simulation's noise: ${wrong.join('; ')}.`);
  return out.join('\n');
}

/**
 * `buddysim sweep <scenario>`: levers one at a time around a scenario, every level on the same
 * seed and replications, each compared (paired) with the level below; flags a figure that moves
 * against the direction the domain guarantees. Default levers: volunteer applications, coordinator
 * hours, the follow-up interval and referrals.
 */
export async function sweepCommand(ref: string, flags: SweepFlags): Promise<void> {
  const workers = workersFlag(flags.workers, defaultWorkers());
  if (flags.out) checkOutPath(flags.out, 'into');
  const base = withOverrides(readScenario(ref, { extendsAnywhere: flags.extendsAnywhere }), flags);
  const defaults = capacityLevers(base);
  const levers = flags.lever && flags.lever.length > 0
    ? flags.lever.map((raw) => {
      const lever = parseLeverFlag(raw);
      const known = defaults.find((d) => d.path === lever.path);
      return known ? { ...lever, label: known.label, expect: known.expect } : lever;
    })
    : defaults;
  const levels = levers.reduce((n, l) => n + l.levels.length, 0);
  announceCost(base, workers, base.reps * levels, flags.quiet);
  const pool = ScenarioPool.create({ workers: Math.min(workers, base.reps) });
  let done = 0;
  let sweeps: LeverSweep[];
  try {
    sweeps = await sweepLevers(base, levers, async (s) => {
      const progress = createProgress(`${slug(ref)} ${++done}/${levels}`, !flags.quiet);
      try {
        return await pool.runScenario(s, { onProgress: (d, t) => progress.update(d, t) });
      } finally {
        progress.stop();
      }
    });
  } finally {
    await pool.destroy();
  }
  if (flags.json) {
    process.stdout.write(JSON.stringify({ scenario: base.name, seed: base.seed, reps: base.reps, sweeps }, null, 1) + '\n');
  } else {
    const frame = `${base.name}: levers one at a time, ${base.reps} replications a level on seed ${base.seed} (common random numbers); ${framing([assumedBy(base)])}`;
    process.stdout.write(`${frame}\n${formatSweep(sweeps)}\n`);
  }
  // A lever moving a figure the wrong way is a failed check, like a failed stylized fact.
  if (sweeps.some((s) => s.steps.some((step) => step.wrongWay.length > 0))) process.exitCode = FACT_FAILS_EXIT;
  if (flags.out) {
    writeFileAtomic(join(flags.out, 'sweep.json'), JSON.stringify({ scenario: base.name, seed: base.seed, reps: base.reps, sweeps }, null, 1) + '\n');
    if (!flags.json) process.stdout.write(`Sweep in ${join(flags.out, 'sweep.json')}\n`);
  }
}
