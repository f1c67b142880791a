import { join } from 'node:path';
import { ResultWriter } from '../../io/results.ts';
import { checkShards, readShardHeader, streamShard } from '../../io/shards.ts';
import { UsageError } from '../errors.ts';
import { formatSummary } from '../format.ts';
import { collectInOrder } from '../pool.ts';
import { createProgress } from '../progress.ts';
import { slug, type RunFlags } from './run.ts';

/**
 * Merges shard files in replication order into the results a single run would have written.
 * Headers are checked first (one scenario, every shard once), then each shard's checksum before
 * its statistics are read; shards stream, so memory stays flat whatever their size.
 */
export function mergeCommand(paths: string[], flags: RunFlags): void {
  if (paths.length === 0) throw new UsageError('merge needs shard files: buddysim merge out/x/shard-*.jsonl [--out DIR]');
  const { scenario, ordered } = checkShards(paths.map(readShardHeader));
  const dir = flags.out ?? join('out', slug(scenario.name));
  const writer = ResultWriter.open(dir, false);
  const progress = createProgress('merge', !flags.quiet);
  try {
    const collector = collectInOrder(scenario, { start: 0, end: scenario.reps }, { onProgress: (d, t) => progress.update(d, t) });
    for (const shard of ordered) {
      streamShard(shard, (stats) => collector.accept({ start: stats.replication, end: stats.replication + 1 }, [{ stats }]));
    }
    progress.stop();
    const aggregate = collector.finish();
    writer.finish(aggregate);
    if (flags.json) {
      process.stdout.write(JSON.stringify(aggregate.summary, null, 1) + '\n');
      return;
    }
    process.stdout.write(formatSummary(aggregate.summary) + '\n\n');
    process.stdout.write(`Merged ${ordered.length} shard${ordered.length === 1 ? '' : 's'}; results in ${dir}/: ${writer.files.join(', ')}\n`);
  } catch (e) {
    progress.stop();
    writer.abort();
    throw e;
  }
}
