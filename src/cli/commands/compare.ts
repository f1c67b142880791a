import { join } from 'node:path';
import type { Aggregate } from '../../analysis/aggregate.ts';
import { comparePaired } from '../../analysis/compare.ts';
import type { MetricName } from '../../analysis/metrics.ts';
import { writeFileAtomic, ensureDir } from '../../io/files.ts';
import { readScenario } from '../../io/readScenario.ts';
import { parseScenario, scenarioToFile } from '../../scenario/resolve.ts';
import { UsageError } from '../errors.ts';
import { workersFlag } from '../flags.ts';
import { formatComparison } from '../format.ts';
import { defaultWorkers, runScenario } from '../pool.ts';
import { createProgress } from '../progress.ts';
import { slug, withOverrides, type RunFlags } from './run.ts';

const COMPARED: MetricName[] = [
  'prematureShare', 'matchesStarted', 'matchesCompleted', 'meanMatchWeeks', 'meanMatchHours', 'participantWait',
  'participantsWaiting', 'coordinatorUtilisation', 'effectPrimary', 'effectOverall', 'costPerMatch', 'costPerCompletedMatch',
];

/**
 * Runs every scenario with the first one's seed and replications (common random numbers: the
 * same participants and chance events), then reports each against the first, paired by replication.
 */
export async function compareCommand(refs: string[], flags: RunFlags): Promise<void> {
  if (refs.length < 2) throw new UsageError('compare needs at least two scenarios: buddysim compare <base> <other> [...]');
  const workers = workersFlag(flags.workers, defaultWorkers());
  const base = withOverrides(readScenario(refs[0]), flags);
  const scenarios = refs.map((ref, i) => {
    const s = i === 0 ? base : readScenario(ref);
    if (i > 0 && (s.seed !== base.seed || s.reps !== base.reps)) {
      process.stderr.write(`note: ${ref} runs with the base's seed ${base.seed} and ${base.reps} replications, so runs pair up\n`);
    }
    return i === 0 ? s : parseScenario({ ...scenarioToFile(s), seed: base.seed, reps: base.reps });
  });
  const results: Aggregate[] = [];
  for (const [i, s] of scenarios.entries()) {
    const progress = createProgress(slug(refs[i]), !flags.quiet);
    results.push(await runScenario(s, { workers, onProgress: (d, t) => progress.update(d, t) }));
    progress.stop();
  }
  const others = results.slice(1).map((r, i) => ({ name: scenarios[i + 1].name, diff: comparePaired(results[0], r) }));
  process.stdout.write(formatComparison(scenarios[0].name, others, COMPARED) + '\n');
  if (flags.out) {
    ensureDir(flags.out);
    const json = { base: scenarios[0].name, seed: base.seed, reps: base.reps, comparisons: others };
    writeFileAtomic(join(flags.out, 'compare.json'), JSON.stringify(json, null, 1) + '\n');
    process.stdout.write(`Comparison in ${join(flags.out, 'compare.json')}\n`);
  }
}
