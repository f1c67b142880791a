import type { RepRange } from '../engine/tasks.ts';
import { shardRange } from '../engine/tasks.ts';
import { parseExperiment, type Experiment } from '../experiment/experiment.ts';
import { designPoints, type DesignPoints } from '../experiment/points.ts';
import { unitCount, type ReplicationRecord } from '../experiment/run.ts';
import { ScenarioError } from '../scenario/errors.ts';
import { logLine, parseLogLine } from './experimentLog.ts';
import { eachLineOf, writeFileAtomic } from './files.ts';

/**
 * Experiment shard files: one machine's block of an experiment's units of work (point,
 * replication), as a header line with the whole experiment, then one checksummed line per
 * replication in order. Written atomically when the shard is complete; merged they give the
 * result files of a single run, byte for byte.
 */
export const EXPERIMENT_SHARD_KIND = 'buddysim-experiment-shard';

export interface ExperimentShardHeader {
  kind: typeof EXPERIMENT_SHARD_KIND;
  format: 1;
  shard: number;
  shards: number;
  /** Units of work covered: point * replications + replication, [start, end). */
  range: RepRange;
  experimentHash: string;
  experiment: Record<string, unknown>;
}

export function experimentShardFileName(shard: number, shards: number): string {
  return `shard-${String(shard).padStart(4, '0')}-of-${String(shards).padStart(4, '0')}.jsonl`;
}

/** The log folder of a shard while it runs (a retried shard resumes from it). */
export function shardLogDir(shard: number, shards: number): string {
  return `log-shard-${String(shard).padStart(4, '0')}-of-${String(shards).padStart(4, '0')}`;
}

export function writeExperimentShard(path: string, experiment: Experiment, shard: number, shards: number, range: RepRange, records: readonly ReplicationRecord[]): void {
  const header: ExperimentShardHeader = { kind: EXPERIMENT_SHARD_KIND, format: 1, shard, shards, range, experimentHash: experiment.hash, experiment: experiment.file as Record<string, unknown> };
  writeFileAtomic(path, JSON.stringify(header) + '\n' + records.map(logLine).join(''));
}

export interface ExperimentShard {
  path: string;
  header: ExperimentShardHeader;
  records: ReplicationRecord[];
}

export function readExperimentShard(path: string): ExperimentShard {
  let header: ExperimentShardHeader | undefined;
  const records: ReplicationRecord[] = [];
  const notShard = () => new ScenarioError([`${path}: not a buddysim experiment shard file (experiment run --shard writes them)`]);
  eachLineOf(path, 'shard file', (line, n) => {
    if (line.length === 0) return;
    if (n === 1) {
      try {
        header = JSON.parse(line);
      } catch {
        throw notShard();
      }
      if (header?.kind !== EXPERIMENT_SHARD_KIND) throw notShard();
      return;
    }
    const r = parseLogLine(line);
    if (!r) throw new ScenarioError([`${path}: line ${n} is damaged (checksum fails); run this shard again`]);
    records.push(r);
  });
  if (header?.kind !== EXPERIMENT_SHARD_KIND) throw notShard();
  const expected = header.range.end - header.range.start;
  if (records.length !== expected) throw new ScenarioError([`${path}: incomplete shard: ${records.length} of ${expected} replications`]);
  return { path, header, records };
}

/**
 * Checks that shard files are exactly the N shards of one experiment: none foreign (another
 * experiment, or split into another number of shards), none twice, none missing; each error
 * names the file. Returns the experiment and every record in order.
 */
export function checkExperimentShards(shards: ExperimentShard[]): { experiment: Experiment; design: DesignPoints; records: ReplicationRecord[] } {
  if (shards.length === 0) throw new ScenarioError(['experiment merge needs at least one shard file']);
  const first = shards[0];
  const experiment = parseExperiment(first.header.experiment, { file: first.path });
  const seen = new Map<number, string>();
  for (const s of shards) {
    const h = s.header;
    if (h.experimentHash !== first.header.experimentHash) {
      throw new ScenarioError([`${s.path}: belongs to another experiment (hash ${h.experimentHash}) than ${first.path} (hash ${first.header.experimentHash})`]);
    }
    if (h.shards !== first.header.shards) throw new ScenarioError([`${s.path}: is shard ${h.shard} of ${h.shards}, but ${first.path} is one of ${first.header.shards}`]);
    if (seen.has(h.shard)) throw new ScenarioError([`${s.path}: shard ${h.shard} of ${h.shards} is given twice (also ${seen.get(h.shard)})`]);
    seen.set(h.shard, s.path);
  }
  const n = first.header.shards;
  const missing = Array.from({ length: n }, (_, k) => k).filter((k) => !seen.has(k));
  if (missing.length > 0) {
    throw new ScenarioError([`missing shard${missing.length > 1 ? 's' : ''} ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', ...' : ''} of ${n}: expected files such as ${experimentShardFileName(missing[0], n)}`]);
  }
  const design = designPoints(experiment);
  const units = unitCount(experiment, design);
  const ordered = [...shards].sort((a, b) => a.header.shard - b.header.shard);
  for (const s of ordered) {
    const want = shardRange(units, s.header.shard, n);
    if (s.header.range.start !== want.start || s.header.range.end !== want.end) {
      throw new ScenarioError([`${s.path}: covers units ${s.header.range.start} to ${s.header.range.end - 1}, but shard ${s.header.shard} of ${n} of this experiment is ${want.start} to ${want.end - 1}`]);
    }
  }
  for (const s of ordered) {
    s.records.forEach((r, i) => {
      if (r.point * experiment.replications + r.replication !== s.header.range.start + i) {
        throw new ScenarioError([`${s.path}: line ${i + 2} holds point ${r.point}, replication ${r.replication}, out of order; run this shard again`]);
      }
    });
  }
  const records = ordered.flatMap((s) => s.records);
  return { experiment, design, records };
}
