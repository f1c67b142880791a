import { join } from 'node:path';
import type { Aggregate } from '../../analysis/aggregate.ts';
import { comparePaired } from '../../analysis/compare.ts';
import type { MetricName } from '../../analysis/metrics.ts';
import { writeFileAtomic } from '../../io/files.ts';
import { checkOutPath } from '../../io/outPath.ts';
import { readScenario } from '../../io/readScenario.ts';
import type { Scenario } from '../../model/scenario.ts';
import { differingParameters } from '../../scenario/differences.ts';
import { parseScenario, scenarioToFile } from '../../scenario/resolve.ts';
import { UsageError } from '../errors.ts';
import { setFlag, withSet, workersFlag } from '../flags.ts';
import { COMPARED_METRICS, assumedBy, formatComparison, formatWarnings, framing } from '../format.ts';
import { ScenarioPool, defaultWorkers } from '../pool.ts';
import { createProgress } from '../progress.ts';
import { slug, announceCost, withOverrides, type RunFlags } from './run.ts';

export { differingParameters };

/**
 * The figures to set side by side. Effects are differenced per domain: when designs have different
 * main outcomes, the main-outcome effects are replaced by the effects on each design's main domain.
 */
export function comparedMetrics(scenarios: readonly Scenario[]): MetricName[] {
  const mains = [...new Set(scenarios.map((s) => s.params.outcomes.primary))];
  if (mains.length === 1) return COMPARED_METRICS;
  const perDomain = mains.flatMap((d) => [`effectAllReferred.${d}`, `effectMatched.${d}`] as MetricName[]);
  return COMPARED_METRICS.flatMap((m) => (m === 'effectAllReferred' ? perDomain : m === 'effectMatched' ? [] : [m]));
}

/**
 * Runs every design with the first one's seed and replications (common random numbers: the same
 * participants and chance events), then sets them side by side with paired differences from the
 * first, after the list of parameters that differ.
 */
export async function compareCommand(refs: string[], flags: RunFlags): Promise<void> {
  if (refs.length < 2) throw new UsageError('compare needs at least two scenarios: buddysim compare <base> <other> [...]');
  const workers = workersFlag(flags.workers, defaultWorkers());
  // --out is checked before anything runs.
  if (flags.out) checkOutPath(flags.out, 'into');
  // --set applies to every scenario given; --reps and --seed set the base's, which every other one then runs with.
  const set = setFlag(flags.set);
  const read = (ref: string) => readScenario(ref, { extendsAnywhere: flags.extendsAnywhere });
  const base = withOverrides(read(refs[0]), flags);
  const scenarios = refs.map((ref, i) => {
    if (i === 0) return base;
    const s = withSet(read(ref), set);
    if (s.seed !== base.seed || s.reps !== base.reps) {
      process.stderr.write(`note: ${ref} runs with the base's seed ${base.seed} and ${base.reps} replications, so runs pair up\n`);
    }
    return parseScenario({ ...scenarioToFile(s), seed: base.seed, reps: base.reps });
  });
  const results: Aggregate[] = [];
  announceCost(scenarios[0], workers, base.reps * scenarios.length, flags.quiet);
  // One pool for every design: workers start once and stay warm.
  const pool = ScenarioPool.create({ workers: Math.min(workers, base.reps) });
  try {
    for (const [i, s] of scenarios.entries()) {
      const progress = createProgress(slug(refs[i]), !flags.quiet);
      results.push(await pool.runScenario(s, { onProgress: (d, t) => progress.update(d, t) }));
      progress.stop();
    }
  } finally {
    await pool.destroy();
  }
  const differing = differingParameters(scenarios);
  const designs = scenarios.map((s, i) => ({ name: s.name, summary: results[i].summary, diff: i > 0 ? comparePaired(results[0], results[i]) : undefined }));
  const metrics = comparedMetrics(scenarios);
  const L: string[] = [];
  L.push(`${base.reps} replications, seed ${base.seed}, ${framing(scenarios.map((s, i) => assumedBy(s, String.fromCharCode(65 + i))), 'design')}`);
  L.push('');
  L.push('Parameters that differ between the designs:');
  if (differing.length === 0) L.push('  none: the designs are the same scenario');
  for (const d of differing) L.push(`  ${d.path}: ${d.values.map((v) => JSON.stringify(v)).join(' | ')}`);
  if (differing.some((d) => d.path.startsWith('inflow.') || d.path.startsWith('participants.') || d.path === 'weeks')) {
    L.push('  note: the designs differ in who is referred, how many, or for how long: differences mix the design with its scale.');
  }
  if (new Set(scenarios.map((s) => s.params.outcomes.primary)).size > 1) {
    L.push('  note: the designs have different main outcomes: effects are compared domain by domain.');
  }
  L.push('');
  for (const d of designs) {
    const w = formatWarnings(d.summary);
    if (w.length > 0) L.push(`${d.name}:`, ...w);
  }
  L.push(formatComparison(designs, metrics));
  process.stdout.write(L.join('\n') + '\n');
  if (flags.out) {
    const json = {
      base: scenarios[0].name, seed: base.seed, reps: base.reps,
      differingParameters: differing,
      designs: designs.map((d) => ({ name: d.name, metrics: Object.fromEntries(metrics.map((m) => [m, d.summary.metrics[m]])), warnings: d.summary.warnings })),
      differences: designs.slice(1).map((d) => ({ name: d.name, against: scenarios[0].name, figures: Object.fromEntries(metrics.map((m) => [m, d.diff![m]])) })),
    };
    writeFileAtomic(join(flags.out, 'compare.json'), JSON.stringify(json, null, 1) + '\n');
    process.stdout.write(`Comparison in ${join(flags.out, 'compare.json')}\n`);
  }
}
