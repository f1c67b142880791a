/**
 * A sweep in the Explore view: one or two levers over a range, around the design in the controls,
 * written as an experiment file (full factorial, the design's seed at every point: common random
 * numbers) and run by the same experiment code as `buddysim experiment run`, so the dashboard's
 * summary.csv equals the command line's for the same file. Pure: no DOM.
 */
import { METRIC_NAMES, ScenarioError, scenarioToFile, type Scenario } from '../../index.ts';
import { parseExperiment, type Experiment } from '../../experiment/experiment.ts';
import { parameterField } from '../../experiment/factors.ts';
import { FIELDS } from '../design.ts';
import { controlStep } from '../steps.ts';

/** One lever of a sweep: a number parameter from `from` to `to` in `steps` values, or every option of a choice. */
export interface LeverSetting {
  path: string;
  from: number;
  to: number;
  steps: number;
}

export interface SweepSettings {
  levers: LeverSetting[];
  /** Replications per point. */
  reps: number;
}

/** At most this many values per lever and points per sweep: a sweep runs in the browser. */
export const MAX_STEPS = 21;
export const MAX_POINTS = 441;

/** The parameters a sweep can move: every number and choice parameter of the model. */
export const SWEEPABLE = FIELDS.filter((f) => f.section !== 'run' && (f.spec.kind === 'number' || f.spec.kind === 'choice'));

/** Rounds to the control's step, without binary noise (0.75, not 0.7500000001). */
function onStep(x: number, step: number): number {
  return Number((Math.round(x / step) * step).toPrecision(12));
}

/**
 * A lever's first range: from half to twice the design's value, within the declared range, on the
 * control's step; from the minimum over a quarter of the range when the value is 0.
 *
 * @example
 *   defaultLever('programme.contactsPerWeek', 1); // { path, from: 0.5, to: 2, steps: 5 }
 */
export function defaultLever(path: string, value: unknown): LeverSetting {
  const spec = parameterField(path)?.spec;
  if (!spec || spec.kind !== 'number') return { path, from: 0, to: 0, steps: spec?.kind === 'choice' ? spec.options.length : 2 };
  const step = controlStep(spec);
  const v = typeof value === 'number' ? value : spec.default;
  const lo = v > 0 ? Math.max(spec.min, v / 2) : spec.min;
  const hi = v > 0 ? Math.min(spec.max, v * 2) : spec.min + (spec.max - spec.min) / 4;
  let from = Math.max(spec.min, onStep(lo, step));
  let to = Math.min(spec.max, onStep(hi, step));
  if (!(from < to)) [from, to] = [spec.min, spec.max];
  const span = Math.round((to - from) / step) + 1;
  return { path, from, to, steps: Math.max(2, Math.min(5, span)) };
}

/** The values a lever takes (for the cost estimate and the form); choices: every option. */
export function leverLevels(l: LeverSetting): (number | string)[] {
  const spec = parameterField(l.path)?.spec;
  if (spec?.kind === 'choice') return [...spec.options];
  const n = Math.max(1, Math.round(l.steps));
  return Array.from({ length: n }, (_, i) => (n === 1 ? l.from : l.from + (i * (l.to - l.from)) / (n - 1)));
}

/** Problems with the settings, one line each, naming the lever: empty when the sweep can run. */
export function sweepProblems(settings: SweepSettings): string[] {
  const problems: string[] = [];
  const levers = settings.levers;
  if (levers.length < 1 || levers.length > 2) problems.push(`levers: got ${levers.length}; pick one or two`);
  if (levers.length === 2 && levers[0].path === levers[1].path) problems.push(`lever 2: got ${levers[1].path} twice; pick two different levers`);
  levers.forEach((l, i) => {
    const at = `lever ${i + 1} (${l.path})`;
    const spec = parameterField(l.path)?.spec;
    if (!spec || (spec.kind !== 'number' && spec.kind !== 'choice')) {
      problems.push(`${at}: not a parameter a sweep can move; pick a number or a choice`);
      return;
    }
    if (spec.kind === 'choice') return;
    if (!Number.isFinite(l.from) || !Number.isFinite(l.to) || !(l.from < l.to)) problems.push(`${at}: got ${l.from} to ${l.to}; "from" must be below "to"`);
    if (l.from < spec.min || l.to > spec.max) problems.push(`${at}: got ${l.from} to ${l.to}; must be within ${spec.min} to ${spec.max} ${spec.unit}`);
    if (!Number.isInteger(l.steps) || l.steps < 2 || l.steps > MAX_STEPS) problems.push(`${at}: got ${l.steps} values; must be a whole number from 2 to ${MAX_STEPS}`);
    else if (spec.integer && l.steps > l.to - l.from + 1) problems.push(`${at}: got ${l.steps} values; a whole-number lever from ${l.from} to ${l.to} has at most ${l.to - l.from + 1}`);
  });
  const points = levers.reduce((a, l) => a * leverLevels(l).length, 1);
  if (points > MAX_POINTS) problems.push(`levers: ${points} points; at most ${MAX_POINTS} in the browser (use buddysim experiment run for more)`);
  if (!Number.isInteger(settings.reps) || settings.reps < 1 || settings.reps > 1000) problems.push(`replications per point: got ${settings.reps}; must be a whole number from 1 to 1000`);
  return problems;
}

/** How many design points the sweep has. */
export function sweepPoints(settings: SweepSettings): number {
  return settings.levers.reduce((a, l) => a * leverLevels(l).length, 1);
}

/**
 * The experiment file of a sweep around `base`: the base inlined (so the file runs anywhere with
 * `buddysim experiment run`), one factor per lever, a full factorial design, every summary metric.
 *
 * @example
 *   sweepFile(scenario, { levers: [{ path: 'programme.contactsPerWeek', from: 0.5, to: 2, steps: 4 }], reps: 20 }).design;
 *   // { type: 'full-factorial', steps: 4 }
 */
export function sweepFile(base: Scenario, settings: SweepSettings): Record<string, unknown> {
  const labels = settings.levers.map((l) => parameterField(l.path)?.spec.label ?? l.path);
  return {
    version: 1,
    name: `Explore: ${labels.join(' x ')}`.slice(0, 80),
    description: `A sweep from the dashboard around "${base.name}", the same seed at every point (common random numbers).`,
    scenario: scenarioToFile(base),
    factors: settings.levers.map((l) =>
      parameterField(l.path)?.spec.kind === 'choice' ? { path: l.path, levels: leverLevels(l) } : { path: l.path, range: [l.from, l.to], steps: l.steps },
    ),
    design: { type: 'full-factorial', steps: settings.levers[0]?.steps ?? 2 },
    replications: settings.reps,
    seed: base.seed,
    outputs: [...METRIC_NAMES],
  };
}

/** The sweep as an experiment, validated as the command line validates experiment files. */
export function sweepExperiment(base: Scenario, settings: SweepSettings): Experiment {
  const problems = sweepProblems(settings);
  if (problems.length > 0) throw new ScenarioError(problems);
  return parseExperiment(sweepFile(base, settings), { file: 'sweep' });
}
