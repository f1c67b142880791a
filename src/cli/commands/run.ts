import { basename, join } from 'node:path';
import { shardRange } from '../../engine/tasks.ts';
import { checkOutPath } from '../../io/outPath.ts';
import { readScenario } from '../../io/readScenario.ts';
import { ResultWriter } from '../../io/results.ts';
import { ShardWriter, shardFileName } from '../../io/shards.ts';
import type { Scenario } from '../../model/scenario.ts';
import { describeCost, estimateCost } from '../../runner/cost.ts';
import { parseScenario, scenarioToFile } from '../../scenario/resolve.ts';
import { UsageError } from '../errors.ts';
import { recordsFlag, repsFlag, seedFlag, setFlag, withSet, workersFlag } from '../flags.ts';
import { formatSummary } from '../format.ts';
import { ScenarioPool, defaultWorkers, runScenario } from '../pool.ts';
import { createProgress } from '../progress.ts';
import { shardFlag } from '../shardFlag.ts';

export interface RunFlags {
  reps?: string;
  seed?: string;
  workers?: string;
  out?: string;
  records?: string;
  quiet?: boolean;
  json?: boolean;
  shard?: string;
  extendsAnywhere?: boolean;
  /** `--set path=value` texts, in the order given. */
  set?: readonly string[];
}

/**
 * A scenario with the command line's --set, then --reps and --seed applied, validated again as a
 * whole. --reps (or --seed) together with --set reps=... is refused: which one was meant?
 */
export function withOverrides(scenario: Scenario, flags: Pick<RunFlags, 'reps' | 'seed' | 'set'>): Scenario {
  const overrides = setFlag(flags.set);
  for (const flag of ['reps', 'seed'] as const) {
    if (flags[flag] !== undefined && overrides.some((o) => o.path === flag)) throw new UsageError(`--${flag} and --set ${flag}=... both set the ${flag}; give one`);
  }
  const set = withSet(scenario, overrides);
  const reps = repsFlag(flags.reps);
  const seed = seedFlag(flags.seed);
  if (reps === undefined && seed === undefined) return set;
  return parseScenario({ ...scenarioToFile(set), reps: reps ?? set.reps, seed: seed ?? set.seed });
}

export function slug(ref: string): string {
  return basename(ref).replace(/\.json$/i, '').replace(/[^a-zA-Z0-9_-]+/g, '-');
}

/** Before a run, on stderr: its estimated cost (replications x participant-weeks, time on these workers), as a warning if it is heavy (shown even with --quiet). */
export function announceCost(scenario: Scenario, workers: number, replications = scenario.reps, quiet = false): void {
  const cost = estimateCost(scenario, replications);
  if (cost.heavy) process.stderr.write(`warning: a heavy run: ${describeCost(cost, workers)}; stop it with Ctrl-C, or lower --reps\n`);
  else if (!quiet) process.stderr.write(`estimate: ${describeCost(cost, workers)}\n`);
}

export async function runCommand(ref: string, flags: RunFlags): Promise<void> {
  const shard = shardFlag(flags.shard);
  if (shard && flags.records !== undefined) throw new UsageError('--records does not go with --shard: shard files carry statistics, not records');
  if (shard && flags.json) throw new UsageError('--json does not go with --shard: a shard prints no summary (merge the shards for one)');
  const workers = workersFlag(flags.workers, defaultWorkers());
  const scenario = withOverrides(readScenario(ref, { extendsAnywhere: flags.extendsAnywhere }), flags);
  if (shard) return runShard(ref, scenario, shard, workers, flags);
  const records = recordsFlag(flags.records, scenario.reps, 10);
  const dir = flags.out ?? join('out', slug(ref));
  // The output folder is checked and locked before anything runs.
  const writer = ResultWriter.open(dir);
  const progress = createProgress(slug(ref), !flags.quiet);
  try {
    announceCost(scenario, workers, scenario.reps, flags.quiet);
    const aggregate = await runScenario(scenario, {
      workers,
      recordsBelow: records,
      onProgress: (done, total) => progress.update(done, total),
      onRecords: writer.onRecords,
    });
    progress.stop();
    writer.finish(aggregate);
    if (flags.json) {
      process.stdout.write(JSON.stringify(aggregate.summary, null, 1) + '\n');
    } else {
      process.stdout.write(formatSummary(aggregate.summary) + '\n\n');
      process.stdout.write(`Results in ${dir}/: ${writer.files.join(', ')} (records of ${records} replication${records === 1 ? '' : 's'}; see docs/outputs.md)\n`);
    }
  } catch (e) {
    progress.stop();
    writer.abort();
    throw e;
  }
}

/** One machine's share of a run: its replications' statistics as a shard file for `buddysim merge`. */
async function runShard(ref: string, scenario: Scenario, { shard, shards }: { shard: number; shards: number }, workers: number, flags: RunFlags) {
  const range = shardRange(scenario.reps, shard, shards);
  const dir = flags.out ?? join('out', slug(ref));
  // Shards of one run share a folder (a cluster writes them at once): each file is written atomically, no folder lock.
  checkOutPath(dir, 'into');
  const path = join(dir, shardFileName(shard, shards));
  const writer = new ShardWriter(path, scenario, shard, shards, range);
  const progress = createProgress(`${slug(ref)} shard ${shard}/${shards}`, !flags.quiet);
  try {
    announceCost(scenario, workers, range.end - range.start, flags.quiet);
    if (range.end > range.start) {
      // Each replication's statistics go to the file in order; the shard builds no summary of its own.
      const pool = ScenarioPool.create({ workers: Math.min(workers, range.end - range.start) });
      try {
        await pool.runEach(scenario, range, 'stats', (o) => writer.add(o.stats), (d, t) => progress.update(d, t));
      } finally {
        await pool.destroy();
      }
    }
    progress.stop();
    writer.commit();
  } catch (e) {
    progress.stop();
    writer.abort();
    throw e;
  }
  process.stdout.write(`Shard ${shard} of ${shards}: replications ${range.start} to ${range.end - 1} in ${path}\nMerge all shards with: buddysim merge ${join(dir, 'shard-*.jsonl')} --out ${dir}\n`);
}
