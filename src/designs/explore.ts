import type { Aggregate } from '../analysis/aggregate.ts';
import { batchCount } from '../analysis/interval.ts';
import { levelMechanisms, type Mechanism } from '../calibration/mechanisms.ts';
import { serialRunner, type ScenarioRunner } from '../calibration/runSet.ts';
import type { Domain } from '../model/domains.ts';
import type { Scenario } from '../model/scenario.ts';
import { runSerial } from '../runner/task.ts';
import { differingParameters } from '../scenario/differences.ts';
import { ScenarioError } from '../scenario/errors.ts';
import type { ScenarioLoader } from '../scenario/resolve.ts';
import { conclude, type Conclusion } from './conclusions.ts';
import { designScenario, gridDesigns, type Design } from './design.ts';
import { FIGURES, measure, type FigureKey, type Measurement } from './figures.ts';
import { valueAt, type Grid } from './grid.ts';
import { regretTable, type RegretTable, type Tolerance } from './regret.ts';
import { plainSummary } from './summary.ts';

/**
 * The design explorer: runs every design of a grid under every contested mechanism, all with the
 * same seed and replications (common random numbers), each measured at its own end and 12 months
 * later, and sets them side by side: figures, regret, conclusions against the reference, and a
 * summary in plain words. Platform-neutral: the caller brings the runner (serial here, the worker
 * pool in Node, Web Workers in a browser) and the scenario loader.
 */

/** Runs scenarios: all replications of one, aggregated in replication order. */
export interface DesignsRunner {
  run(scenario: Scenario, onProgress?: (done: number) => void): Promise<Aggregate>;
  /** Runs the reference scenario in batches with extras, for levelling the mechanisms; not needed when the grid gives every gain rate. */
  readonly runSet?: ScenarioRunner;
}

/** Every replication in this thread: the reference the parallel runners equal. */
export const serialDesignsRunner: DesignsRunner = {
  run: async (scenario, onProgress) => runSerial(scenario, scenario.reps, onProgress),
  runSet: serialRunner,
};

/** A figure of merit for regret: what "best" means, and how close to the best is "not far". */
export interface MeritFigure {
  readonly figure: FigureKey;
  readonly tolerance: Tolerance;
  /** Why this tolerance, for the report. */
  readonly why: string;
}

/**
 * The default figures of merit: what a funder buys for participants (the effect on the main outcome
 * over all referred, 12 months after the end, so that a design's gains must last) and what it pays
 * for a trajectory completed.
 */
export const MERIT_FIGURES: readonly MeritFigure[] = [
  {
    figure: 'effectLater', tolerance: { absolute: 0.02 },
    why: 'assumption: 0.02 on the effect-size scale, a tenth of the average effect of mentoring (g = 0.21, [Raposa2019])',
  },
  { figure: 'costPerCompleted', tolerance: { relative: 0.1 }, why: 'assumption: a tenth of the best design\'s cost' },
];

/** The conclusions drawn against the reference: one per design and figure. */
export const VERDICT_FIGURES: readonly FigureKey[] = ['completion', 'premature', 'effectEnd', 'effectLater', 'costPerYear', 'costPerCompleted'];

/** Replications of the pilot run that measures each design's typical wait. */
export const pilotReps = (reps: number) => Math.min(reps, Math.max(5, Math.min(20, Math.ceil(reps / 10))));

/** Fewer weeks than this of referrals measured 12 months after the end is worth a warning. */
const FEW_COHORT_WEEKS = 26;

export interface DesignResult extends Design {
  /** This design's value of every parameter that differs between the designs. */
  readonly parameters: Readonly<Record<string, unknown>>;
  /**
   * Where it is measured, in weeks after referral: its expected end (the weeks its hours take at
   * its pace, within the limit, or its planned weeks) plus its typical wait for a match, and 52
   * weeks later.
   */
  readonly assessment: { readonly waitWeeks: number; readonly endWeeks: number; readonly laterWeeks: number };
  /** Its results under each mechanism. */
  readonly mechanisms: Readonly<Record<Mechanism, Measurement>>;
}

export interface MechanismRun {
  readonly mechanism: Mechanism;
  /** The gain rate it runs with (SD/week). */
  readonly gainRate: number;
  /** Levelled to the reference's average effect; false: as the grid gave it. */
  readonly levelled: boolean;
}

export interface RegretResult extends RegretTable<Mechanism> {
  readonly figure: FigureKey;
  readonly label: string;
  readonly unit: string;
  readonly better: 'higher' | 'lower';
  readonly tolerance: Tolerance;
  readonly why: string;
}

export interface DesignsResult {
  readonly grid: { readonly name: string; readonly description: string; readonly base: string; readonly hours: number };
  readonly seed: number;
  readonly reps: number;
  /** Batches of replications behind every 95% interval (batch means). */
  readonly batches: number;
  /** The horizon, the same for every design. */
  readonly weeks: number;
  readonly years: number;
  /** The main outcome and the reported domains (the base's). */
  readonly primary: Domain;
  readonly domains: readonly Domain[];
  readonly mechanisms: readonly MechanismRun[];
  /** The effect every levelled mechanism reproduces, and on which scenario; null when none is levelled. */
  readonly levelling: { readonly reference: string; readonly effect: number } | null;
  /** The key of the design every other is compared with. */
  readonly reference: string;
  readonly designs: readonly DesignResult[];
  /** Every parameter whose value differs between the designs, with one value per design. */
  readonly differingParameters: readonly { readonly path: string; readonly values: readonly unknown[] }[];
  readonly regret: readonly RegretResult[];
  readonly conclusions: readonly Conclusion<Mechanism>[];
  /** The findings in short sentences for a policymaker. */
  readonly summary: readonly string[];
  readonly warnings: readonly string[];
}

export interface ExploreOptions {
  readonly runner?: DesignsRunner;
  /** Reads the scenario the mechanisms are levelled on (community-mentoring). */
  readonly load: ScenarioLoader;
  /** Default: the base scenario's. */
  readonly reps?: number;
  readonly seed?: number;
  readonly merit?: readonly MeritFigure[];
  /** Replications done of all the design runs (pilots included). */
  readonly onProgress?: (done: number, total: number) => void;
  /** What is being done, in words (levelling a mechanism, measuring waits, running a mechanism). */
  readonly onStage?: (text: string) => void;
}

/**
 * Runs every design of the grid under every mechanism and compares them.
 *
 * @example
 *   const grid = parseGrid(DEFAULT_GRID, { load: fileLoader });
 *   const result = await exploreDesigns(grid, { load: fileLoader, reps: 50 });   // serial; pass a pool runner in Node
 *   result.designs[0].mechanisms.duration.figures.effectLater; // { value, ci95 }
 *   result.regret[0].neverFar;                                 // designs never far from the best
 *   result.summary.join(' ');                                  // in plain words
 */
export async function exploreDesigns(grid: Grid, options: ExploreOptions): Promise<DesignsResult> {
  const runner = options.runner ?? serialDesignsRunner;
  const reps = options.reps ?? (grid.base.reps as number);
  const seed = options.seed ?? (grid.base.seed as number);
  const weeks = grid.base.weeks as number;
  const primary = valueAt(grid.base, 'outcomes.primary') as Domain;
  const designs = gridDesigns(grid);
  const stage = options.onStage ?? (() => {});

  // The gain rate of each mechanism: as the grid gives it, or levelled to the average effect.
  const toLevel = grid.mechanisms.filter((m) => grid.gainRates[m] === undefined);
  let levelling: DesignsResult['levelling'] = null;
  const gainRate = { ...grid.gainRates } as Record<Mechanism, number>;
  if (toLevel.length > 0) {
    if (!runner.runSet) throw new Error('levelling the mechanisms needs a runner with runSet (or give every gain rate in the grid)');
    const lv = await levelMechanisms(options.load, runner.runSet, { reps: Math.min(reps, 200), mechanisms: toLevel, onMechanism: (m) => stage(`levelling the gain rate of ${m}`) });
    for (const m of toLevel) gainRate[m] = lv.gainRate[m];
    levelling = { reference: lv.reference, effect: lv.effect };
  }
  const mechanisms: MechanismRun[] = grid.mechanisms.map((m) => ({ mechanism: m, gainRate: gainRate[m], levelled: toLevel.includes(m) }));

  const pilot = pilotReps(reps);
  const total = designs.length * (pilot + grid.mechanisms.length * reps);
  let done = 0;
  const run = async (scenario: Scenario) => {
    const before = done;
    const agg = await runner.run(scenario, (d) => options.onProgress?.((done = before + d), total));
    done = before + scenario.reps;
    return agg;
  };

  // Each design's typical wait, from a pilot under the base's own mechanism: where it ends.
  stage('measuring each design\'s wait for a match');
  const baseMechanism = valueAt(grid.base, 'programme.mechanism') as Mechanism;
  const baseGain = valueAt(grid.base, 'behaviour.gainRate') as number;
  const baseAssessment = valueAt(grid.base, 'outcomes.assessmentWeeks') as number;
  const warnings: string[] = [];
  const assessments: DesignResult['assessment'][] = [];
  for (const d of designs) {
    const agg = await run(designScenario(grid, d, { mechanism: baseMechanism, gainRate: baseGain, assessmentWeeks: baseAssessment, seed, reps: pilot }));
    const wait = agg.summary.metrics.participantWait.value;
    const waitWeeks = Number.isFinite(wait) ? Math.round(wait) : 0;
    if (!Number.isFinite(wait)) warnings.push(`${d.key} (${d.label}): nobody was matched in the pilot run; measured at its end without a wait`);
    const endWeeks = Math.min(520, Math.max(4, d.hours.endWeeks + waitWeeks));
    const laterWeeks = endWeeks + 52;
    if (laterWeeks >= weeks) {
      throw new ScenarioError([`design ${d.key} (${d.label}): 12 months after its end is ${laterWeeks} weeks after referral, beyond the horizon of ${weeks} weeks: nobody would be measured then; give the base scenario a longer horizon (weeks)`]);
    }
    if (weeks - laterWeeks < FEW_COHORT_WEEKS) {
      warnings.push(`${d.key} (${d.label}): measured 12 months after its end (${laterWeeks} weeks after referral) only on participants referred in the first ${weeks - laterWeeks} weeks of the horizon`);
    }
    assessments.push({ waitWeeks, endWeeks, laterWeeks });
  }

  const results = designs.map(() => ({}) as Record<Mechanism, Measurement>);
  for (const m of mechanisms) {
    stage(`running every design under ${m.mechanism}`);
    for (const [i, d] of designs.entries()) {
      const scenario = designScenario(grid, d, { mechanism: m.mechanism, gainRate: m.gainRate, assessmentWeeks: assessments[i].endWeeks, seed, reps });
      results[i][m.mechanism] = measure(await run(scenario), primary);
    }
  }

  // What differs between the designs (under one mechanism: the rest is the mechanism's own).
  const first = mechanisms[0];
  const scenarios = designs.map((d, i) => designScenario(grid, d, { mechanism: first.mechanism, gainRate: first.gainRate, assessmentWeeks: assessments[i].endWeeks, seed, reps }));
  const differing = differingParameters(scenarios).filter((p) => p.path !== 'name');
  const out: DesignResult[] = designs.map((d, i) => ({
    ...d,
    parameters: Object.fromEntries(differing.map((p) => [p.path, p.values[i]])),
    assessment: assessments[i],
    mechanisms: results[i],
  }));

  const keys = designs.map((d) => d.key);
  const byKey = new Map(out.map((d) => [d.key, d]));
  const measured = (figure: FigureKey) => (design: string, mechanism: Mechanism) => {
    const r = byKey.get(design)!.mechanisms[mechanism];
    return { value: r.figures[figure].value, batches: r.batches[figure] };
  };
  const names = grid.mechanisms;
  const regret: RegretResult[] = (options.merit ?? MERIT_FIGURES).map((f) => {
    const def = FIGURES[f.figure];
    const better = def.better === 'lower' ? 'lower' : 'higher';
    const table = regretTable({ designs: keys, mechanisms: names, better, tolerance: f.tolerance, measured: measured(f.figure) });
    return { ...table, figure: f.figure, label: def.label, unit: def.unit(primary), better, tolerance: f.tolerance, why: f.why };
  });
  const reference = designs[0].key;
  const conclusions = designs.slice(1).flatMap((d) =>
    VERDICT_FIGURES.map((f) => conclude({ design: d.key, against: reference, figure: f, better: FIGURES[f].better === 'lower' ? 'lower' : 'higher', mechanisms: names, measured: measured(f) })),
  );
  // A run's warnings are about the design (its queue, its coordinator), alike under every mechanism: those of the first.
  for (const d of out) for (const w of d.mechanisms[first.mechanism].warnings) warnings.push(`${d.key} (${d.label}): ${w}`);

  const result: Omit<DesignsResult, 'summary'> = {
    grid: { name: grid.name, description: grid.description, base: grid.baseRef, hours: grid.hours },
    seed, reps, batches: batchCount(reps), weeks, years: weeks / 52,
    primary, domains: valueAt(grid.base, 'outcomes.domains') as Domain[],
    mechanisms, levelling, reference, designs: out, differingParameters: differing, regret, conclusions, warnings,
  };
  return { ...result, summary: plainSummary(result, grid) };
}
