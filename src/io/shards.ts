import type { RepStats } from '../analysis/repStats.ts';
import type { RepRange } from '../engine/tasks.ts';
import type { Scenario } from '../model/scenario.ts';
import { ScenarioError } from '../scenario/errors.ts';
import { scenarioHash } from '../scenario/hash.ts';
import { parseScenario, scenarioToFile } from '../scenario/resolve.ts';
import { AtomicFile, readText } from './files.ts';

/**
 * Shard files: one machine's share of a run, as JSON lines: a header with the scenario, then one
 * line of replication statistics per replication, in order. Merged in replication order they give
 * the same summary as a single run, byte for byte.
 */
export const SHARD_KIND = 'buddysim-shard';

interface ShardHeader {
  kind: typeof SHARD_KIND;
  format: 1;
  shard: number;
  shards: number;
  range: RepRange;
  hash: string;
  scenario: Record<string, unknown>;
}

export function shardFileName(shard: number, shards: number): string {
  return `shard-${String(shard).padStart(4, '0')}-of-${String(shards).padStart(4, '0')}.jsonl`;
}

export class ShardWriter {
  private readonly file: AtomicFile;

  constructor(path: string, scenario: Scenario, shard: number, shards: number, range: RepRange) {
    this.file = new AtomicFile(path);
    const header: ShardHeader = { kind: SHARD_KIND, format: 1, shard, shards, range, hash: scenarioHash(scenario), scenario: scenarioToFile(scenario) as Record<string, unknown> };
    this.file.write(JSON.stringify(header) + '\n');
  }

  add(stats: RepStats): void {
    this.file.write(JSON.stringify(stats) + '\n');
  }

  commit(): void {
    this.file.commit();
  }

  abort(): void {
    this.file.abort();
  }
}

export interface Shard {
  path: string;
  header: ShardHeader;
  stats: RepStats[];
}

export function readShard(path: string): Shard {
  const lines = readText(path, 'shard file').split('\n').filter((l) => l.length > 0);
  let header: ShardHeader;
  try {
    header = JSON.parse(lines[0] ?? '');
  } catch {
    throw new ScenarioError([`${path}: not a buddysim shard file (no header line)`]);
  }
  if (header?.kind !== SHARD_KIND) throw new ScenarioError([`${path}: not a buddysim shard file`]);
  const stats = lines.slice(1).map((l) => JSON.parse(l) as RepStats);
  const expected = header.range.end - header.range.start;
  if (stats.length !== expected) throw new ScenarioError([`${path}: incomplete shard: ${stats.length} of ${expected} replications`]);
  return { path, header, stats };
}

/** Checks that shards belong to one run and cover its replications exactly; returns them in order. */
export function checkShards(shards: Shard[]): { scenario: Scenario; ordered: Shard[] } {
  if (shards.length === 0) throw new ScenarioError(['merge needs at least one shard file']);
  const first = shards[0].header;
  for (const s of shards) {
    if (s.header.hash !== first.hash) throw new ScenarioError([`${s.path}: comes from another scenario or seed than ${shards[0].path}`]);
    if (s.header.shards !== first.shards) throw new ScenarioError([`${s.path}: is one of ${s.header.shards} shards, ${shards[0].path} one of ${first.shards}`]);
  }
  const ordered = [...shards].sort((a, b) => a.header.range.start - b.header.range.start);
  let next = 0;
  for (const s of ordered) {
    if (s.header.range.start !== next) throw new ScenarioError([`replications ${next} to ${s.header.range.start - 1} are missing (or a shard is given twice): ${ordered.length} of ${first.shards} shards given`]);
    next = s.header.range.end;
  }
  const scenario = parseScenario(first.scenario);
  if (next !== scenario.reps) throw new ScenarioError([`replications ${next} to ${scenario.reps - 1} are missing: ${ordered.length} of ${first.shards} shards given`]);
  return { scenario, ordered };
}
