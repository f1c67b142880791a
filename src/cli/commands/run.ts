import { basename, join } from 'node:path';
import { readScenario } from '../../io/readScenario.ts';
import { ResultWriter } from '../../io/results.ts';
import { ShardWriter, shardFileName } from '../../io/shards.ts';
import { shardRange } from '../../engine/tasks.ts';
import { shardFlag } from '../shardFlag.ts';
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
  shard?: string;
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
  const shard = shardFlag(flags.shard);
  if (shard) return runShard(ref, scenario, shard, workers, flags);
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
  const path = join(dir, shardFileName(shard, shards));
  const writer = new ShardWriter(path, scenario, shard, shards, range);
  const progress = createProgress(`${slug(ref)} shard ${shard}/${shards}`, !flags.quiet);
  try {
    if (range.end > range.start) {
      await runScenario(scenario, { workers, range, onProgress: (d, t) => progress.update(d, t), onOutput: (o) => writer.add(o.stats) });
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
