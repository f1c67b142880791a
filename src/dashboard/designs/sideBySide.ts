/**
 * Designs side by side: two or more designs run on one seed and number of replications, each named
 * by what differs between them, their key figures with 95% intervals, and every design's paired
 * difference from the first (replication by replication: common random numbers). Pure: no DOM.
 */
import { comparePaired, diffUnit, differingParameters, fmt, fmtEstimate, fmtInterval, fmtSigned, parseScenario, roundDeep, scenarioToFile, type Aggregate, type MetricName, type Scenario } from '../../index.ts';
import { COMPARE_METRICS } from '../panels.ts';

export interface SideDesign {
  label: string;
  scenario: Scenario;
}

export interface SideBySide {
  /** Each design's label and what sets it apart: its value of every parameter that differs. */
  designs: { label: string; differs: string }[];
  /** The parameters that differ between the designs, with one value per design. */
  differing: { path: string; values: unknown[] }[];
  rows: {
    metric: MetricName;
    label: string;
    unit: string;
    /** value [95% CI] per design. */
    values: string[];
    /** Paired difference from the first design with its 95% CI (null for the first). */
    differences: (string | null)[];
    /** Whether that interval excludes zero. */
    clear: boolean[];
  }[];
  /** Each design's estimate and 95% CI of every compared figure (for charts). */
  estimates: Partial<Record<MetricName, { value: number; lo: number; hi: number }>>[];
  seed: number;
  reps: number;
}

const shown = (v: unknown) => (typeof v === 'number' ? fmt(v, '', Number.isInteger(v) ? 0 : undefined) : Array.isArray(v) ? v.join('+') : String(v));

/**
 * The same seed and replications for every design (the first design's, unless given), so their
 * replications pair up.
 *
 * @example
 *   onOneSeed([a, b], { reps: 40 }).map((d) => d.scenario.seed); // [a's seed, a's seed]
 */
export function onOneSeed(designs: readonly SideDesign[], run: { seed?: number; reps?: number } = {}): SideDesign[] {
  const seed = run.seed ?? designs[0].scenario.seed;
  const reps = run.reps ?? designs[0].scenario.reps;
  return designs.map((d) => ({ label: d.label, scenario: parseScenario({ ...scenarioToFile(d.scenario), seed, reps }) }));
}

/**
 * The comparison of designs run on one seed and number of replications.
 *
 * @example
 *   const t = sideBySide(designs, designs.map((d) => runSerial(d.scenario)));
 *   t.designs[1].differs; // 'programme.contactsPerWeek 2'
 */
export function sideBySide(designs: readonly SideDesign[], aggregates: readonly Aggregate[]): SideBySide {
  const differing = differingParameters(designs.map((d) => d.scenario)).filter((p) => p.path !== 'name');
  const diffs = aggregates.map((a, i) => (i === 0 ? null : roundDeep(comparePaired(aggregates[0], a))));
  return {
    designs: designs.map((d, i) => ({ label: d.label, differs: differing.map((p) => `${p.path} ${shown(p.values[i])}`).join(', ') || 'nothing: the same scenario' })),
    differing,
    rows: COMPARE_METRICS.map((metric) => {
      const m = aggregates[0].summary.metrics[metric];
      const unit = diffUnit(m.unit);
      return {
        metric,
        label: m.label,
        unit: m.unit,
        values: aggregates.map((a) => fmtEstimate(a.summary.metrics[metric].value, a.summary.metrics[metric].ci95, m.unit)),
        differences: diffs.map((d) => (d ? `${fmtSigned(d[metric].difference.value, unit)} ${fmtInterval(d[metric].difference.ci95[0], d[metric].difference.ci95[1], unit)}` : null)),
        clear: diffs.map((d) => !!d && (d[metric].difference.ci95[0] > 0 || d[metric].difference.ci95[1] < 0)),
      };
    }),
    estimates: aggregates.map((a) => Object.fromEntries(COMPARE_METRICS.map((k) => {
      const m = a.summary.metrics[k];
      return [k, { value: m.value, lo: m.ci95[0], hi: m.ci95[1] }];
    }))),
    seed: designs[0].scenario.seed,
    reps: designs[0].scenario.reps,
  };
}
