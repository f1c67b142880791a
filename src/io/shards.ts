import { createHash, type Hash } from 'node:crypto';
import { closeSync, readSync } from 'node:fs';
import { checkPacked } from '../analysis/packed.ts';
import type { RepStats } from '../analysis/repStats.ts';
import { shardRange, type RepRange } from '../engine/tasks.ts';
import type { Scenario } from '../model/scenario.ts';
import { ScenarioError } from '../scenario/errors.ts';
import { scenarioHash } from '../scenario/hash.ts';
import { parseScenario, scenarioToFile } from '../scenario/resolve.ts';
import { AtomicFile, eachLine, openRegular } from './files.ts';

/**
 * Shard files: one machine's share of a run, as JSON lines: a header with the scenario and its
 * fingerprint, one line of replication statistics per replication in order, and an end line
 * with the count and the SHA-256 of everything before it. `merge` checks both fingerprints, so an
 * edited, truncated or corrupted shard is named and refused; merged in replication order, shards
 * give the same summary as a single run, byte for byte.
 */
export const SHARD_KIND = 'buddysim-shard';
const END_KIND = 'buddysim-shard-end';
/**
 * 3: statistics packed in one array; 4: with first-match counts by referral quarter (warm-up cuts);
 * 5: with the first point's effect moments over those also measured a year later (retained effect);
 * 6: with the peer buddies' weekly series.
 */
export const SHARD_FORMAT = 6;

export interface ShardHeader {
  kind: typeof SHARD_KIND;
  format: number;
  shard: number;
  shards: number;
  range: RepRange;
  /** scenarioHash of the scenario below: a change to either is detected. */
  hash: string;
  scenario: Record<string, unknown>;
}

interface ShardEnd {
  kind: typeof END_KIND;
  replications: number;
  sha256: string;
}

export function shardFileName(shard: number, shards: number): string {
  return `shard-${String(shard).padStart(4, '0')}-of-${String(shards).padStart(4, '0')}.jsonl`;
}

/** Writes a shard file atomically, hashing its lines as they go (memory stays flat). */
export class ShardWriter {
  private readonly file: AtomicFile;
  private readonly sha: Hash = createHash('sha256');
  private count = 0;

  constructor(path: string, scenario: Scenario, shard: number, shards: number, range: RepRange) {
    this.file = new AtomicFile(path);
    const header: ShardHeader = { kind: SHARD_KIND, format: SHARD_FORMAT, shard, shards, range, hash: scenarioHash(scenario), scenario: scenarioToFile(scenario) as Record<string, unknown> };
    this.line(JSON.stringify(header));
  }

  private line(text: string): void {
    const l = text + '\n';
    this.sha.update(l);
    this.file.write(l);
  }

  add(stats: RepStats): void {
    // The packed statistics as a plain list (JSON has no typed arrays; NaN is written as null).
    this.line(JSON.stringify({ ...stats, packed: Array.from(stats.packed) }));
    this.count += 1;
  }

  commit(): void {
    const end: ShardEnd = { kind: END_KIND, replications: this.count, sha256: this.sha.digest('hex') };
    this.file.write(JSON.stringify(end) + '\n');
    this.file.commit();
  }

  abort(): void {
    this.file.abort();
  }
}

const fail = (path: string, problem: string) => new ScenarioError([`${path}: ${problem}`]);

function parseLine<T>(line: string, path: string, n: number, what: string): T {
  try {
    return JSON.parse(line) as T;
  } catch {
    throw fail(path, `line ${n}: ${what} is not valid JSON (the file was cut short or edited)`);
  }
}

const isCount = (x: unknown): x is number => Number.isInteger(x) && (x as number) >= 0;

/** A shard file whose header has been read and checked, ready to verify and stream. */
export interface Shard {
  path: string;
  header: ShardHeader;
  scenario: Scenario;
}

/**
 * Reads and checks a shard's header: its kind and format, its scenario (valid, and matching the
 * fingerprint beside it), and that its range is shard K of N of that scenario's replications.
 */
export function readShardHeader(path: string): Shard {
  const { fd, size } = openRegular(path, 'shard file');
  let first: string | undefined;
  try {
    eachLine(fd, path, 0, Math.min(size, 4 * 1024 * 1024), 1, (line) => {
      first = line;
      return false;
    });
  } finally {
    closeSync(fd);
  }
  if (first === undefined || first.trim() === '') throw fail(path, 'empty; not a buddysim shard file');
  let header: ShardHeader;
  try {
    header = JSON.parse(first) as ShardHeader;
  } catch {
    throw fail(path, 'not a buddysim shard file (its first line is not a shard header)');
  }
  if (header?.kind !== SHARD_KIND) throw fail(path, 'not a buddysim shard file');
  if (header.format !== SHARD_FORMAT) {
    throw fail(path, `shard format ${JSON.stringify(header.format)}; this buddysim reads format ${SHARD_FORMAT}: run the shard again`);
  }
  const { shard, shards, range } = header;
  if (!isCount(shard) || !isCount(shards) || shard >= shards || !isCount(range?.start) || !isCount(range?.end)) {
    throw fail(path, 'the header does not say which shard this is (edited?)');
  }
  let scenario: Scenario;
  try {
    scenario = parseScenario(header.scenario);
  } catch {
    throw fail(path, 'the scenario in the header is not valid (edited?)');
  }
  if (scenarioHash(scenario) !== header.hash) throw fail(path, 'the scenario in the header does not match its fingerprint (the header was edited)');
  const expected = shardRange(scenario.reps, shard, shards);
  if (expected.start !== range.start || expected.end !== range.end) {
    throw fail(path, `the header's replications ${range.start} to ${range.end - 1} are not shard ${shard} of ${shards} of ${scenario.reps} (edited?)`);
  }
  return { path, header, scenario };
}

/**
 * Checks a shard's end line (the replication count and the SHA-256 of all before it) and then
 * streams its replication statistics, in order, to `onStats`. Nothing reaches `onStats` from a
 * shard whose checksum fails.
 */
export function streamShard(s: Shard, onStats: (stats: RepStats) => void): void {
  const { path } = s;
  const { fd, size } = openRegular(path, 'shard file');
  try {
    // The end line is short: find where it starts in the last few kB.
    const tailStart = Math.max(0, size - 4096);
    const tail = Buffer.alloc(size - tailStart);
    readSync(fd, tail, 0, tail.length, tailStart);
    const text = tail.toString('utf8').replace(/\n$/, '');
    const endStart = tailStart + Buffer.byteLength(text.slice(0, text.lastIndexOf('\n') + 1));
    let end: ShardEnd | undefined;
    try {
      end = JSON.parse(text.slice(text.lastIndexOf('\n') + 1)) as ShardEnd;
    } catch {
      // reported below
    }
    const expected = s.header.range.end - s.header.range.start;
    if (end?.kind !== END_KIND) throw fail(path, `incomplete: the end line with the checksum is missing (the file was cut short; ${expected} replications expected)`);
    const sha = createHash('sha256');
    eachLine(fd, path, 0, endStart, 1, () => undefined, sha);
    if (sha.digest('hex') !== end.sha256) throw fail(path, 'checksum mismatch: the file was changed or damaged after it was written; run this shard again');
    if (end.replications !== expected) throw fail(path, `holds ${end.replications} replications; its header says ${expected}`);
    let next = s.header.range.start;
    eachLine(fd, path, 0, endStart, 1, (line, n) => {
      if (n === 1) return;
      const parsed = parseLine<Omit<RepStats, 'packed'> & { packed: (number | null)[] }>(line, path, n, 'a replication line');
      if (parsed?.replication !== next) throw fail(path, `line ${n}: replication ${JSON.stringify(parsed?.replication)} where ${next} was expected`);
      if (!Array.isArray(parsed.packed) || !checkPacked(parsed.packed, s.scenario.weeks)) {
        throw fail(path, `line ${n}: the replication's statistics do not have the size of a ${s.scenario.weeks}-week run`);
      }
      next += 1;
      onStats({ ...parsed, packed: Float64Array.from(parsed.packed, (x) => x ?? NaN) });
    });
  } finally {
    closeSync(fd);
  }
}

/** Checks that shards belong to one run and cover its replications exactly once; returns them in order. */
export function checkShards(shards: Shard[]): { scenario: Scenario; ordered: Shard[] } {
  if (shards.length === 0) throw new ScenarioError(['merge needs at least one shard file']);
  const first = shards[0];
  for (const s of shards) {
    if (s.header.hash !== first.header.hash) throw fail(s.path, `comes from another scenario or seed than ${first.path}`);
    if (s.header.shards !== first.header.shards) throw fail(s.path, `is one of ${s.header.shards} shards, ${first.path} one of ${first.header.shards}`);
  }
  const ordered = [...shards].sort((a, b) => a.header.shard - b.header.shard);
  for (let i = 1; i < ordered.length; i++) {
    if (ordered[i].header.shard === ordered[i - 1].header.shard) {
      const { start, end } = ordered[i].header.range;
      throw fail(ordered[i].path, `holds the same replications (${start} to ${end - 1}, shard ${ordered[i].header.shard} of ${first.header.shards}) as ${ordered[i - 1].path}: give each shard once`);
    }
  }
  if (ordered.length < first.header.shards) {
    const given = new Set(ordered.map((s) => s.header.shard));
    const missing = [...Array(first.header.shards).keys()].filter((k) => !given.has(k));
    const { reps } = first.scenario;
    const ranges = missing.slice(0, 5).map((k) => {
      const r = shardRange(reps, k, first.header.shards);
      return `shard ${k} (replications ${r.start} to ${r.end - 1})`;
    });
    throw new ScenarioError([
      `${missing.length} of ${first.header.shards} shards missing: ${ranges.join(', ')}${missing.length > 5 ? `, and ${missing.length - 5} more` : ''}`,
    ]);
  }
  return { scenario: first.scenario, ordered };
}
