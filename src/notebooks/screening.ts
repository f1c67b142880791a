/**
 * The researchers' notebook: lever sensitivity in two steps, small enough to run in a page. Morris
 * screening of the levers of a shipped experiment file (experiments/levers-morris.json), then
 * Sobol indices on the levers the screening put on top, each under every contested mechanism, and
 * how the ranking moves with the mechanism. The experiment files are written here as data and run
 * by the experiment layer (parseExperiment, runExperiment, analyseSensitivity), exactly as
 * `buddysim sensitivity <file>` runs them. Platform-neutral.
 */
import type { MetricName } from '../analysis/metrics.ts';
import { ScenarioError } from '../scenario/errors.ts';
import type { SensitivityAnalysis } from '../experiment/sensitivity.ts';
import { againstFloor, rankedFactors } from '../experiment/report/sensitivityBlocks.ts';

/** An experiment file as parsed JSON. */
export type ExperimentFile = Readonly<Record<string, unknown>>;

interface FactorJson {
  name?: string;
  path?: string;
  dummy?: boolean;
}

interface VariantJson {
  label: string;
}

const factorName = (f: FactorJson) => f.name ?? f.path ?? '';
const factorsOf = (file: ExperimentFile) => (file.factors ?? []) as FactorJson[];

/** The names of a file's levers (every factor but the dummy), in the file's order. */
export function leverNames(file: ExperimentFile): string[] {
  return factorsOf(file).filter((f) => !f.dummy).map(factorName);
}

/** The levels of a file's `across` factor (the mechanisms), in the file's order. */
export function blockNames(file: ExperimentFile): string[] {
  const across = file.across as { variants?: VariantJson[]; levels?: unknown[] } | undefined;
  return across?.variants?.map((v) => v.label) ?? across?.levels?.map(String) ?? [];
}

/** Keeps the named levers (and the dummy, always) and the named blocks; one line per unknown name. */
function trimmed(file: ExperimentFile, levers: readonly string[] | undefined, blocks: readonly string[] | undefined): Record<string, unknown> {
  const known = leverNames(file);
  const knownBlocks = blockNames(file);
  const problems = [
    ...(levers ?? []).filter((l) => !known.includes(l)).map((l) => `levers: got ${JSON.stringify(l)}; the file's levers are ${known.join(', ')}`),
    ...(blocks ?? []).filter((b) => !knownBlocks.includes(b)).map((b) => `mechanisms: got ${JSON.stringify(b)}; the file's are ${knownBlocks.join(', ')}`),
  ];
  if (levers && levers.length === 0) problems.push('levers: got none; pick at least one');
  if (blocks && blocks.length === 0) problems.push('mechanisms: got none; pick at least one');
  if (problems.length > 0) throw new ScenarioError(problems);
  const { $schema: _schema, ...rest } = file as Record<string, unknown>;
  const out: Record<string, unknown> = { ...rest, factors: factorsOf(file).filter((f) => f.dummy || !levers || levers.includes(factorName(f))) };
  const across = file.across as { variants?: VariantJson[] } | undefined;
  if (across?.variants && blocks) out.across = { ...across, variants: across.variants.filter((v) => blocks.includes(v.label)) };
  return out;
}

export interface ScreeningSettings {
  /** Levers to screen (names in the file); default all. */
  levers?: readonly string[];
  /** Levels of the `across` factor to keep (the mechanisms); default all. */
  mechanisms?: readonly string[];
  /** Morris trajectories r: (k + 1) r points per mechanism for k factors with the dummy. */
  trajectories: number;
  /** Replications per point. */
  replications: number;
  /** Candidate trajectories to choose the r most spread out from (default 10 r). */
  candidates?: number;
  outputs?: readonly MetricName[];
}

/**
 * A Morris screening file from a shipped one, trimmed to run in a page: fewer trajectories and
 * replications, optionally fewer levers and mechanisms, the dummy kept as the noise floor.
 *
 * @example
 *   const file = screeningFile(leversMorris, { trajectories: 3, replications: 1 });
 *   const experiment = parseExperiment(file, { load: bundledLoader });
 */
export function screeningFile(file: ExperimentFile, settings: ScreeningSettings): Record<string, unknown> {
  const out = trimmed(file, settings.levers, settings.mechanisms);
  const r = settings.trajectories;
  return {
    ...out,
    name: `Morris screening, ${r} trajectories, ${settings.replications} replications per point`,
    design: { ...(file.design as object), type: 'morris', trajectories: r, candidates: settings.candidates ?? 10 * r },
    replications: settings.replications,
    ...(settings.outputs ? { outputs: [...settings.outputs] } : {}),
  };
}

export interface FollowUpSettings {
  /** Base rows N of the Saltelli design (a power of two): N (k + 2) points per mechanism. */
  base: number;
  replications: number;
  mechanisms?: readonly string[];
  outputs?: readonly MetricName[];
  /** Bootstrap resamples for the intervals (default 500). */
  resamples?: number;
}

/**
 * A Sobol-Saltelli file on the given levers of a screening file (with its dummy): the second step.
 *
 * @example
 *   sobolFile(leversMorris, ['planned weeks', 'support style'], { base: 16, replications: 1 });
 */
export function sobolFile(file: ExperimentFile, levers: readonly string[], settings: FollowUpSettings): Record<string, unknown> {
  const out = trimmed(file, levers, settings.mechanisms);
  return {
    ...out,
    name: `Sobol indices, base ${settings.base}, ${settings.replications} replications per point`,
    design: { type: 'sobol', base: settings.base, resamples: settings.resamples ?? 500 },
    replications: settings.replications,
    ...(settings.outputs ? { outputs: [...settings.outputs] } : {}),
  };
}

/** One index of one lever, for a chart or a table. */
export interface IndexRow {
  /** The mechanism (the `across` level), or null. */
  readonly block: string | null;
  readonly metric: MetricName;
  readonly lever: string;
  /** mu* (Morris), or first and total (Sobol). */
  readonly measure: 'mu*' | 'first order' | 'total';
  readonly value: number;
  readonly lower: number;
  readonly upper: number;
  /** Morris sigma: non-linearity or interactions. */
  readonly sigma?: number;
  /** Rank within its block and metric by mu* or total, 1 the largest (the dummy ranked too). */
  readonly rank: number;
  /** Against the dummy's interval: above, below, not told apart, the dummy itself, or '' without one. */
  readonly floor: string;
}

/**
 * Every index of every analysis as flat rows: what Plot and Inputs.table take. Refused analyses
 * (failed points) give no rows; read their `refused` line instead.
 *
 * @example
 *   indexRows(analyseSensitivity(results)).filter((r) => r.metric === 'effectMatched');
 */
export function indexRows(analyses: readonly SensitivityAnalysis[]): IndexRow[] {
  const rows: IndexRow[] = [];
  for (const a of analyses) {
    const r = a.result;
    if (!r) continue;
    const rank = new Map(rankedFactors(a).map((x, i) => [x.name, i + 1]));
    const base = { block: a.block, metric: a.metric };
    if (r.method === 'morris') {
      for (const f of r.factors) {
        rows.push({ ...base, lever: f.name, measure: 'mu*', ...f.muStar, sigma: f.sigma, rank: rank.get(f.name)!, floor: againstFloor(f.name, f.muStar, r.dummy, r.noiseFloor) });
      }
    } else {
      for (const f of r.factors) {
        const floor = againstFloor(f.name, f.total, r.dummy, r.noiseFloor);
        rows.push({ ...base, lever: f.name, measure: 'total', ...f.total, rank: rank.get(f.name)!, floor });
        rows.push({ ...base, lever: f.name, measure: 'first order', ...f.first, rank: rank.get(f.name)!, floor });
      }
    }
  }
  return rows;
}

/** How one lever ranks for one output under each mechanism. */
export interface LeverAcrossMechanisms {
  readonly lever: string;
  /** Rank (1 the largest; dummy excluded) by block. */
  readonly ranks: Readonly<Record<string, number>>;
  /** Whether its interval lies above the noise floor, by block. */
  readonly aboveFloor: Readonly<Record<string, boolean>>;
  /** Among the top `top` levers, above the noise floor, under every block / under some / under none. */
  readonly verdict: 'top under every mechanism' | 'top under some mechanisms' | 'never top';
}

/**
 * How the ranking of levers for one output moves with the mechanism: each lever's rank per block
 * (dummy left out), whether it clears the noise floor, and whether it is among the `top` levers
 * (and above the floor) under every mechanism, which is the conclusion that does not depend on the
 * contested mechanism. Levers are ordered by their best rank, then their mean rank.
 *
 * @example
 *   rankAcrossMechanisms(analyseSensitivity(results), 'effectMatched', 3)
 *     .filter((l) => l.verdict === 'top under every mechanism').map((l) => l.lever);
 */
export function rankAcrossMechanisms(analyses: readonly SensitivityAnalysis[], metric: MetricName, top = 3): LeverAcrossMechanisms[] {
  const rows = indexRows(analyses).filter((r) => r.metric === metric && r.measure !== 'first order' && r.floor !== 'the dummy');
  const blocks = [...new Set(rows.map((r) => r.block ?? ''))];
  const byLever = new Map<string, { ranks: Record<string, number>; aboveFloor: Record<string, boolean> }>();
  for (const block of blocks) {
    const inBlock = rows.filter((r) => (r.block ?? '') === block).sort((a, b) => a.rank - b.rank);
    inBlock.forEach((r, i) => {
      const entry = byLever.get(r.lever) ?? { ranks: {}, aboveFloor: {} };
      entry.ranks[block] = i + 1;
      entry.aboveFloor[block] = r.floor === 'above' || r.floor === '';
      byLever.set(r.lever, entry);
    });
  }
  const out = [...byLever].map(([lever, e]) => {
    const topIn = blocks.filter((b) => e.ranks[b] <= top && e.aboveFloor[b]).length;
    const verdict: LeverAcrossMechanisms['verdict'] = topIn === blocks.length ? 'top under every mechanism' : topIn > 0 ? 'top under some mechanisms' : 'never top';
    return { lever, ranks: e.ranks, aboveFloor: e.aboveFloor, verdict };
  });
  const ranksOf = (l: LeverAcrossMechanisms) => Object.values(l.ranks);
  const meanRank = (l: LeverAcrossMechanisms) => ranksOf(l).reduce((a, b) => a + b, 0) / Math.max(1, ranksOf(l).length);
  return out.sort((a, b) => Math.min(...ranksOf(a)) - Math.min(...ranksOf(b)) || meanRank(a) - meanRank(b) || a.lever.localeCompare(b.lever));
}

/**
 * The levers to follow up with Sobol: the `count` with the best mean rank for the output over the
 * mechanisms screened, among those above the noise floor under at least one mechanism.
 *
 * @example
 *   topLevers(analyseSensitivity(screening), 'effectMatched', 3); // e.g. ['support style', 'planned weeks', ...]
 */
export function topLevers(analyses: readonly SensitivityAnalysis[], metric: MetricName, count: number): string[] {
  const ranked = rankAcrossMechanisms(analyses, metric, count);
  const meanRank = (l: LeverAcrossMechanisms) => Object.values(l.ranks).reduce((a, b) => a + b, 0) / Math.max(1, Object.values(l.ranks).length);
  return ranked
    .filter((l) => Object.values(l.aboveFloor).some(Boolean))
    .sort((a, b) => meanRank(a) - meanRank(b) || a.lever.localeCompare(b.lever))
    .slice(0, count)
    .map((l) => l.lever);
}
