import { closeSync, existsSync, fdatasyncSync, mkdirSync, openSync, readdirSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import type { ExperimentStore, ReplicationRecord } from '../experiment/run.ts';
import { eachLineOf } from './files.ts';

/**
 * The crash-safe record of a running experiment: append-only files of one line per finished
 * replication, `JSON<TAB>crc32`. A process killed mid-write leaves at most one torn last line,
 * which fails its checksum and is run again; every session appends to a file of its own, so
 * nothing is ever written after a torn line.
 */
export function logLine(record: ReplicationRecord): string {
  const json = JSON.stringify(record.error === undefined ? { p: record.point, r: record.replication, v: record.values } : { p: record.point, r: record.replication, v: null, e: record.error });
  return `${json}\t${crc32(json).toString(16).padStart(8, '0')}\n`;
}

/** A line's record, or undefined when the line is torn or damaged (its checksum fails). */
export function parseLogLine(line: string): ReplicationRecord | undefined {
  const tab = line.lastIndexOf('\t');
  if (tab < 0) return undefined;
  const json = line.slice(0, tab);
  if (crc32(json).toString(16).padStart(8, '0') !== line.slice(tab + 1)) return undefined;
  const o = JSON.parse(json) as { p: number; r: number; v: (number | null)[] | null; e?: string };
  return o.e === undefined ? { point: o.p, replication: o.r, values: o.v } : { point: o.p, replication: o.r, values: null, error: o.e };
}

/** Every intact record of the log files in `dir`, and how many lines were torn. */
export function readLog(dir: string): { records: ReplicationRecord[]; torn: number } {
  const records: ReplicationRecord[] = [];
  let torn = 0;
  if (!existsSync(dir)) return { records, torn };
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.log')).sort()) {
    eachLineOf(join(dir, name), 'experiment log', (line) => {
      if (line.length === 0) return;
      const r = parseLogLine(line);
      if (r) records.push(r);
      else torn += 1;
    });
  }
  return { records, torn };
}

/** An experiment store in a folder of log files: resumable after a crash at any moment. */
export class LogStore implements ExperimentStore {
  private fd: number | undefined;
  private readonly existing: { records: ReplicationRecord[]; torn: number };

  constructor(readonly dir: string) {
    this.existing = readLog(dir);
  }

  /** Lines found torn when the store opened (an interrupted write; those replications run again). */
  get torn(): number {
    return this.existing.torn;
  }

  done(): Iterable<ReplicationRecord> {
    return this.existing.records;
  }

  add(record: ReplicationRecord): void {
    if (this.fd === undefined) {
      mkdirSync(this.dir, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}.log`;
      this.fd = openSync(join(this.dir, name), 'a');
    }
    writeSync(this.fd, logLine(record));
  }

  /** Flushes to disk after each point, so even a power cut loses at most the point in progress. */
  checkpoint(): void {
    if (this.fd !== undefined) fdatasyncSync(this.fd);
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
