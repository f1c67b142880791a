import { join } from 'node:path';
import { Aggregator } from '../../analysis/aggregate.ts';
import { ResultWriter } from '../../io/results.ts';
import { checkShards, readShard } from '../../io/shards.ts';
import { UsageError } from '../errors.ts';
import { formatSummary } from '../format.ts';
import { slug, type RunFlags } from './run.ts';

/** Merges shard files in replication order into the results a single run would have written. */
export function mergeCommand(paths: string[], flags: RunFlags): void {
  if (paths.length === 0) throw new UsageError('merge needs shard files: buddysim merge out/x/shard-*.jsonl [--out DIR]');
  const { scenario, ordered } = checkShards(paths.map(readShard));
  const aggregator = new Aggregator(scenario);
  for (const s of ordered) for (const stats of s.stats) aggregator.add(stats);
  const aggregate = aggregator.finish();
  const dir = flags.out ?? join('out', slug(scenario.name));
  const writer = new ResultWriter(dir, false);
  writer.finish(aggregate);
  if (flags.json) {
    process.stdout.write(JSON.stringify(aggregate.summary, null, 1) + '\n');
    return;
  }
  process.stdout.write(formatSummary(aggregate.summary) + '\n\n');
  process.stdout.write(`Merged ${ordered.length} shard${ordered.length === 1 ? '' : 's'}; results in ${dir}/: ${writer.files.join(', ')}\n`);
}
