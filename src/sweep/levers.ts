import { comparePaired } from '../analysis/compare.ts';
import type { Aggregate } from '../analysis/aggregate.ts';
import type { MetricName } from '../analysis/metrics.ts';
import type { Scenario } from '../model/scenario.ts';
import type { NumberParam } from '../model/paramSpec.ts';
import { declaredField } from '../scenario/overrides.ts';
import { parseScenario, scenarioToFile } from '../scenario/resolve.ts';

/** Which way a figure must go when a lever goes up, other things equal: what the domain guarantees. */
export type Direction = 'up' | 'down';

/**
 * A lever swept one level at a time: a parameter, its levels (ascending), and the figures whose
 * direction the domain guarantees as it rises.
 */
export interface Lever {
  path: string;
  label: string;
  levels: number[];
  expect: Partial<Record<MetricName, Direction>>;
}

/** The figures a sweep reports for every level. */
export const SWEEP_METRICS: readonly MetricName[] = [
  'matchedShare', 'matchedWithin13Weeks', 'participantsWaiting', 'matchesStartedPerYear', 'prematureIncidence', 'coordinatorUtilisation', 'effectAllReferred',
];

/** `x` to a whole number of `step`s (at least one), without binary noise: 0.6, not 0.6000000000000001. */
const round = (x: number, step: number) => {
  const steps = Math.max(1, Math.round(x / step));
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  return Number((steps * step).toFixed(decimals));
};

/**
 * The capacity levers of programme planning, with levels around the scenario's own values:
 * volunteer applications, coordinator hours, the follow-up interval and referrals. Each names the
 * directions any programme must show: more volunteers or coordinator hours never match fewer
 * people or lengthen the list; follow-up less often never lowers premature closure; more referrals
 * never shorten the list.
 *
 * @example
 *   capacityLevers(readScenario('community-mentoring')).map((l) => l.path);
 */
export function capacityLevers(s: Scenario): Lever[] {
  const p = s.params;
  const levers: Lever[] = [
    {
      path: 'inflow.volunteersPerWeek', label: 'Volunteer applications a week',
      levels: [0.5, 1, 2, 4].map((k) => round(p.inflow.volunteersPerWeek * k, 0.1)),
      expect: { matchedShare: 'up', matchedWithin13Weeks: 'up', participantsWaiting: 'down' },
    },
    {
      path: 'coordinators.hoursPerWeek', label: 'Coordinator hours a week (each)',
      levels: [0.5, 1, 2].map((k) => round(p.coordinators.hoursPerWeek * k, 1)),
      expect: { matchesStartedPerYear: 'up', matchedWithin13Weeks: 'up', participantsWaiting: 'down' },
    },
    {
      path: 'programme.followUpEveryWeeks', label: 'Weeks between follow-ups',
      levels: [1, 2, 4, 8, 13],
      expect: { prematureIncidence: 'up' },
    },
    {
      path: 'inflow.participantsPerWeek', label: 'Referrals a week',
      levels: [0.5, 1, 1.5].map((k) => round(p.inflow.participantsPerWeek * k, 0.1)),
      expect: { matchedWithin13Weeks: 'down', participantsWaiting: 'up' },
    },
  ];
  // Levels beyond a parameter's range are held at its bound (civic-integration-40h's 38 coordinator
  // hours double to 76, above the 40 a contract allows), then duplicates dropped.
  for (const l of levers) {
    const spec = declaredField(l.path)!.spec as NumberParam;
    l.levels = [...new Set(l.levels.map((v) => Math.min(spec.max, Math.max(spec.min, v))))].sort((a, b) => a - b);
  }
  return levers;
}

/**
 * The scenario with one parameter (`section.field`) set, checked like any scenario file.
 *
 * @example
 *   withParameter(base, 'coordinators.hoursPerWeek', 16).params.coordinators.hoursPerWeek; // 16
 */
export function withParameter(s: Scenario, path: string, value: unknown): Scenario {
  const [section, field, ...rest] = path.split('.');
  const file = scenarioToFile(s) as Record<string, unknown>;
  const current = file[section];
  if (rest.length > 0 || field === undefined || typeof current !== 'object' || current === null) {
    throw new Error(`"${path}" is not a parameter: write section.field, e.g. coordinators.hoursPerWeek`);
  }
  return parseScenario({ ...file, [section]: { ...(current as Record<string, unknown>), [field]: value } });
}

export interface SweepStep {
  value: number;
  metrics: Record<MetricName, number>;
  /** Against the level before (none for the first): paired difference and its 95% interval. */
  change?: Partial<Record<MetricName, { value: number; ci95: [number, number] }>>;
  /** Figures that moved against the domain's direction, beyond the simulation's noise. */
  wrongWay: MetricName[];
}

export interface LeverSweep {
  lever: Lever;
  steps: SweepStep[];
}

/**
 * Whether a paired change goes against `direction` beyond the simulation's noise: its whole 95%
 * interval on the wrong side of zero.
 */
export function againstDirection(change: { ci95: [number, number] }, direction: Direction): boolean {
  const [lo, hi] = change.ci95;
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return false;
  return direction === 'up' ? hi < 0 : lo > 0;
}

/**
 * Sweeps levers one at a time from a base scenario: every level runs with the base's seed and
 * replications (common random numbers), and each level is compared, paired, with the one below.
 * `run` runs a scenario (a worker pool, or a serial runner in tests).
 *
 * @example
 *   const pool = ScenarioPool.create();
 *   const sweeps = await sweepLevers(base, capacityLevers(base), (s) => pool.runScenario(s));
 *   sweeps.flatMap((s) => s.steps.flatMap((step) => step.wrongWay)); // [] when every lever points the way the world does
 */
export async function sweepLevers(base: Scenario, levers: readonly Lever[], run: (s: Scenario) => Promise<Aggregate>, onLevel?: (lever: Lever, value: number) => void): Promise<LeverSweep[]> {
  const out: LeverSweep[] = [];
  for (const lever of levers) {
    const steps: SweepStep[] = [];
    let previous: Aggregate | undefined;
    for (const value of lever.levels) {
      onLevel?.(lever, value);
      const aggregate = await run(withParameter(base, lever.path, value));
      const metrics = Object.fromEntries(SWEEP_METRICS.map((m) => [m, aggregate.summary.metrics[m].value])) as Record<MetricName, number>;
      const step: SweepStep = { value, metrics, wrongWay: [] };
      if (previous) {
        const paired = comparePaired(previous, aggregate);
        step.change = Object.fromEntries(SWEEP_METRICS.map((m) => [m, { value: paired[m].difference.value, ci95: paired[m].difference.ci95 }]));
        for (const [m, direction] of Object.entries(lever.expect) as [MetricName, Direction][]) {
          const change = step.change[m];
          if (change && againstDirection(change, direction)) step.wrongWay.push(m);
        }
      }
      steps.push(step);
      previous = aggregate;
    }
    out.push({ lever, steps });
  }
  return out;
}
