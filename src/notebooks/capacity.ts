/**
 * The programme managers' notebook: a programme's staffing in a manager's units (referrals and
 * volunteer applications a year, coordinators and their hours), its key figures with their
 * intervals, the weekly pipeline, what a second coordinator buys (paired), and capacity across
 * inflows as an experiment file run by the experiment layer. Platform-neutral.
 */
import type { Aggregate, Summary } from '../analysis/aggregate.ts';
import { comparePaired } from '../analysis/compare.ts';
import { METRICS, type MetricName } from '../analysis/metrics.ts';
import type { Scenario } from '../model/scenario.ts';
import { withParameters } from '../plan/levers.ts';
import { scenarioToFile } from '../scenario/resolve.ts';

/** The figures a manager reads first, in the order of the pipeline, then cost. */
export const MANAGER_FIGURES: readonly MetricName[] = [
  'referredPerYear', 'matchedWithin8Weeks', 'timeToMatchMedian', 'leftUnmatchedShare', 'participantsWaiting', 'waitingListGrowth',
  'volunteersWaiting', 'coordinatorUtilisation', 'followUpsMissedShare', 'prematureIncidence', 'costPerYear', 'costPerMatch',
];

/** A programme's staffing and inflow, in a manager's units. */
export interface Staffing {
  readonly referralsPerYear: number;
  readonly volunteerApplicationsPerYear: number;
  readonly coordinators: number;
  readonly hoursPerCoordinator: number;
}

const WEEKS_PER_YEAR = 52;
const round = (x: number, digits = 4) => Number(x.toFixed(digits));

/**
 * A scenario's staffing and inflow, in a year's numbers.
 *
 * @example
 *   staffingOf(flemishBefriending); // { referralsPerYear: 31.2, volunteerApplicationsPerYear: 93.6, coordinators: 1, hoursPerCoordinator: 19 }
 */
export function staffingOf(s: Scenario): Staffing {
  const { inflow, coordinators } = s.params;
  return {
    referralsPerYear: round(inflow.participantsPerWeek * WEEKS_PER_YEAR, 2),
    volunteerApplicationsPerYear: round(inflow.volunteersPerWeek * WEEKS_PER_YEAR, 2),
    coordinators: coordinators.count,
    hoursPerCoordinator: coordinators.hoursPerWeek,
  };
}

/**
 * The scenario with this staffing and inflow (each value checked against its parameter's range,
 * one clear line naming the field otherwise), run with `reps` replications.
 *
 * @example
 *   withStaffing(base, { ...staffingOf(base), coordinators: 2 }, 10).params.coordinators.count; // 2
 */
export function withStaffing(base: Scenario, staffing: Staffing, reps = base.reps): Scenario {
  return withParameters(base, {
    'inflow.participantsPerWeek': round(staffing.referralsPerYear / WEEKS_PER_YEAR),
    'inflow.volunteersPerWeek': round(staffing.volunteerApplicationsPerYear / WEEKS_PER_YEAR),
    'coordinators.count': staffing.coordinators,
    'coordinators.hoursPerWeek': staffing.hoursPerCoordinator,
  }, { reps });
}

/** One figure of a run, for a table: its value (pooled), 95% CI of the estimate, 95% range of single runs. */
export interface FigureRow {
  readonly name: MetricName;
  readonly label: string;
  readonly unit: string;
  readonly over: string;
  readonly value: number | null;
  readonly ci95: readonly [number | null, number | null];
  readonly pi95: readonly [number | null, number | null];
}

/**
 * The figures of a summary as rows (a figure that does not exist is null).
 *
 * @example
 *   figureRows(agg.summary).find((r) => r.name === 'matchedWithin8Weeks')?.ci95;
 */
export function figureRows(summary: Summary, names: readonly MetricName[] = MANAGER_FIGURES): FigureRow[] {
  return names.map((name) => {
    const m = summary.metrics[name];
    return { name, label: m.label, unit: m.unit, over: m.over, value: m.value, ci95: m.ci95, pi95: m.pi95 };
  });
}

/** The paired change of one figure from a base design to another. */
export interface DifferenceRow {
  readonly name: MetricName;
  readonly label: string;
  readonly unit: string;
  readonly base: number;
  readonly other: number;
  readonly difference: number;
  /** 95% interval of the paired difference (batch means of paired batches: same seed, same replications). */
  readonly lower: number;
  readonly upper: number;
  /** Whether the interval excludes zero: a change beyond the simulation's noise. */
  readonly clear: boolean;
}

/**
 * Paired differences (other minus base) of the given figures between two runs with the same seed
 * and replications, e.g. the programme as it is and with a second coordinator.
 *
 * @example
 *   differenceRows(await runScenario(pool, base), await runScenario(pool, withStaffing(base, { ...staffingOf(base), coordinators: 2 })));
 */
export function differenceRows(base: Aggregate, other: Aggregate, names: readonly MetricName[] = MANAGER_FIGURES): DifferenceRow[] {
  const paired = comparePaired(base, other);
  return names.map((name) => {
    const d = paired[name];
    const [lower, upper] = d.difference.ci95;
    return { name, label: d.label, unit: d.unit, base: d.base, other: d.other, difference: d.difference.value, lower, upper, clear: lower > 0 || upper < 0 };
  });
}

/** One week of a weekly series: the mean over replications and its band. */
export interface WeeklyRow {
  readonly week: number;
  readonly series: string;
  readonly mean: number;
  readonly lower: number;
  readonly upper: number;
}

/**
 * Weekly series of a summary as long rows for a chart (Plot's `z`/`stroke` by series).
 *
 * @example
 *   weeklyRows(agg.summary, ['participantsWaiting', 'volunteersWaiting']);
 */
export function weeklyRows(summary: Summary, series: readonly string[]): WeeklyRow[] {
  const rows: WeeklyRow[] = [];
  for (const name of series) {
    const band = summary.weekly[name];
    if (!band) throw new RangeError(`weekly series: got ${JSON.stringify(name)}; see docs/outputs.md for the series`);
    band.mean.forEach((mean, week) => rows.push({ week, series: name, mean, lower: band.lower[week], upper: band.upper[week] }));
  }
  return rows;
}

export interface InflowSweepSettings {
  /** Referrals a year, lowest and highest. */
  readonly from: number;
  readonly to: number;
  readonly steps: number;
  /** Coordinator counts to compare (levels). */
  readonly coordinators: readonly number[];
  readonly replications: number;
  readonly outputs?: readonly MetricName[];
}

/**
 * An experiment file that sweeps the inflow (referrals a year) for each coordinator count on a
 * base scenario (inline): a full factorial with common random numbers, so the lines are paired.
 *
 * @example
 *   const experiment = parseExperiment(inflowSweepFile(base, { from: 20, to: 120, steps: 6, coordinators: [1, 2], replications: 8 }));
 */
export function inflowSweepFile(base: Scenario, settings: InflowSweepSettings): Record<string, unknown> {
  return {
    version: 1,
    name: 'Capacity across inflows',
    scenario: scenarioToFile(base),
    factors: [
      { name: 'referrals per week', path: 'inflow.participantsPerWeek', range: [round(settings.from / WEEKS_PER_YEAR), round(settings.to / WEEKS_PER_YEAR)] },
      { name: 'coordinators', path: 'coordinators.count', levels: [...settings.coordinators] },
    ],
    design: { type: 'full-factorial', steps: settings.steps },
    replications: settings.replications,
    outputs: [...(settings.outputs ?? ['matchedWithin8Weeks', 'participantsWaiting', 'coordinatorUtilisation', 'costPerYear'])],
  };
}

/** The label and unit of a figure, for chart titles. */
export const figureLabel = (m: MetricName) => `${METRICS[m].label} (${METRICS[m].unit})`;
