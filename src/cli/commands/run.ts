import { basename, join } from 'node:path';
import { readScenario } from '../../io/readScenario.ts';
import { OUTPUT_FILES, ResultWriter } from '../../io/results.ts';
import type { Scenario } from '../../model/scenario.ts';
import { parseScenario, scenarioToFile } from '../../scenario/resolve.ts';
import { recordsFlag, repsFlag, seedFlag, workersFlag } from '../flags.ts';
import { formatSummary } from '../format.ts';
import { defaultWorkers, runScenario } from '../pool.ts';
import { createProgress } from '../progress.ts';

export interface RunFlags {
  reps?: string;
  seed?: string;
  workers?: string;
  out?: string;
  records?: string;
  quiet?: boolean;
  json?: boolean;
}

/** A scenario with the command line's --reps and --seed applied, validated again as a whole. */
export function withOverrides(scenario: Scenario, flags: Pick<RunFlags, 'reps' | 'seed'>): Scenario {
  const reps = repsFlag(flags.reps);
  const seed = seedFlag(flags.seed);
  if (reps === undefined && seed === undefined) return scenario;
  return parseScenario({ ...scenarioToFile(scenario), reps: reps ?? scenario.reps, seed: seed ?? scenario.seed });
}

export function slug(ref: string): string {
  return basename(ref).replace(/\.json$/i, '').replace(/[^a-zA-Z0-9_-]+/g, '-');
}

export async function runCommand(ref: string, flags: RunFlags): Promise<void> {
  const workers = workersFlag(flags.workers, defaultWorkers());
  const scenario = withOverrides(readScenario(ref), flags);
  const records = recordsFlag(flags.records, scenario.reps, 10);
  const dir = flags.out ?? join('out', slug(ref));
  const writer = new ResultWriter(dir);
  const progress = createProgress(slug(ref), !flags.quiet);
  try {
    const aggregate = await runScenario(scenario, {
      workers,
      recordsBelow: records,
      onProgress: (done, total) => progress.update(done, total),
      onOutput: writer.onOutput,
    });
    progress.stop();
    writer.finish(aggregate);
    if (flags.json) {
      process.stdout.write(JSON.stringify(aggregate.summary, null, 1) + '\n');
    } else {
      process.stdout.write(formatSummary(aggregate.summary) + '\n\n');
      process.stdout.write(`Results in ${dir}/: ${Object.values(OUTPUT_FILES).join(', ')} (records of ${records} replication${records === 1 ? '' : 's'}; see docs/outputs.md)\n`);
    }
  } catch (e) {
    progress.stop();
    writer.abort();
    throw e;
  }
}
