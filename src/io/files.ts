import { closeSync, constants, fstatSync, fsyncSync, mkdirSync, openSync, readSync, readdirSync, renameSync, rmSync, writeSync, type Stats } from 'node:fs';
import type { Hash } from 'node:crypto';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { ScenarioError } from '../scenario/errors.ts';
import { MAX_INPUT_BYTES, parseJsonStrict } from '../scenario/strictJson.ts';
import { FileError, describeCode } from './errors.ts';


const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function kind(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a named pipe';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Opens a file for reading only if it is a regular file: a named pipe is opened without waiting
 * for a writer (O_NONBLOCK) and refused, as are devices (/dev/zero) and folders, before any byte
 * is read. The file is checked through the open descriptor, so it cannot be swapped in between.
 */
export function openRegular(path: string, what: string): { fd: number; size: number } {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw new ScenarioError([`${path}: cannot read the ${what} (${describeCode(e)})`]);
  }
  const st = fstatSync(fd);
  if (!st.isFile()) {
    closeSync(fd);
    throw new ScenarioError([`${path}: cannot read the ${what} (${kind(st)}); it must be a regular file`]);
  }
  return { fd, size: st.size };
}

/**
 * A file's text: a regular file of at most `maxBytes` (default 1 MB), UTF-8. Anything else is an
 * input error naming the path and what it was for, checked before reading, and never showing
 * the content.
 *
 * @example
 *   readText('scenarios/flemish-befriending.json', 'scenario file'); // the file's text
 *   readText('/dev/zero', 'scenario file'); // throws: /dev/zero: cannot read the scenario file (a device); ...
 */
export function readText(path: string, what: string, maxBytes = MAX_INPUT_BYTES): string {
  const { fd, size } = openRegular(path, what);
  try {
    if (size > maxBytes) throw new ScenarioError([`${path}: the ${what} is ${mb(size)}; at most ${mb(maxBytes)} is allowed`]);
    // One byte more than allowed tells a file that grew while we read it.
    const buffer = Buffer.alloc(Math.min(size, maxBytes) + 1);
    let length = 0;
    for (let n = 1; n > 0 && length < buffer.length; length += n) n = readSync(fd, buffer, length, buffer.length - length, null);
    if (length > maxBytes) throw new ScenarioError([`${path}: the ${what} is larger than ${mb(maxBytes)}; at most ${mb(maxBytes)} is allowed`]);
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(buffer.subarray(0, length));
    } catch {
      throw new ScenarioError([`${path}: the ${what} is not UTF-8 text`]);
    }
  } catch (e) {
    if (e instanceof ScenarioError) throw e;
    throw new ScenarioError([`${path}: cannot read the ${what} (${describeCode(e)})`]);
  } finally {
    closeSync(fd);
  }
}

/** The longest line a line-by-line file may hold (one replication's statistics in a shard are tens of kB). */
const MAX_LINE = 64 * 1024 * 1024;

/**
 * Reads an open file line by line in 1 MB pieces from `start` to `end` (bytes), so a shard or an
 * experiment log of any size is read in flat memory; `onLine` gets each line and its number
 * (1-based, counting from `firstLine`) and may stop by returning false. `sha` sees every byte read.
 *
 * @example
 *   const { fd, size } = openRegular('out/x/log/a.log', 'experiment log');
 *   eachLine(fd, 'out/x/log/a.log', 0, size, 1, (line, n) => console.log(n, line.length));
 */
export function eachLine(fd: number, path: string, start: number, end: number, firstLine: number, onLine: (line: string, n: number) => boolean | void, sha?: Hash): void {
  const buffer = Buffer.alloc(1024 * 1024);
  let carry = '';
  let n = firstLine;
  let pos = start;
  const decoder = new TextDecoder('utf-8');
  while (pos < end) {
    const got = readSync(fd, buffer, 0, Math.min(buffer.length, end - pos), pos);
    if (got === 0) break;
    sha?.update(buffer.subarray(0, got));
    pos += got;
    const parts = (carry + decoder.decode(buffer.subarray(0, got), { stream: true })).split('\n');
    carry = parts.pop()!;
    if (carry.length > MAX_LINE) throw new ScenarioError([`${path}: line ${n}: longer than ${MAX_LINE / 1024 / 1024} MB; not a file buddysim wrote`]);
    for (const line of parts) if (onLine(line, n++) === false) return;
  }
  carry += decoder.decode();
  if (carry.length > 0) onLine(carry, n);
}

/**
 * Every line of a regular file of any size, read in flat memory (see `eachLine`); for files
 * buddysim writes itself and that grow with a run (experiment logs and shards), where the 1 MB
 * bound on input files would refuse a large experiment's own results.
 *
 * @example
 *   eachLineOf('out/levers-sobol/log/a.log', 'experiment log', (line) => records.push(parseLogLine(line)));
 */
export function eachLineOf(path: string, what: string, onLine: (line: string, n: number) => boolean | void): void {
  const { fd, size } = openRegular(path, what);
  try {
    eachLine(fd, path, 0, size, 1, onLine);
  } catch (e) {
    if (e instanceof ScenarioError) throw e;
    throw new ScenarioError([`${path}: cannot read the ${what} (${describeCode(e)})`]);
  } finally {
    closeSync(fd);
  }
}

/** A file's JSON, parsed strictly (no duplicate keys, no out-of-range numbers); problems name the file. */
export function readJson(path: string, what: string): unknown {
  return parseJsonStrict(readText(path, what), path);
}

/** True while a process with this id runs on this machine (EPERM: it runs, as another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** This machine's name as it appears in temporary file names (folders may be shared by a cluster). */
export const HOST = hostname().replace(/[^A-Za-z0-9.-]/g, '_') || 'host';

/** `.PID-N.partial` (older buddysim) or `.PID-N@HOST.partial`: a file being written. */
const PARTIAL = /^\.(\d+)-\d+(?:@([A-Za-z0-9._-]+))?\.partial$/;

/**
 * Removes temporary files left in `dir` by buddysim processes of this machine that no longer
 * run (killed while writing). Files of running processes and of other machines stay.
 */
export function cleanPartials(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = PARTIAL.exec(name);
    if (!m || (m[2] !== undefined && m[2] !== HOST) || processAlive(Number(m[1]))) continue;
    rmSync(join(dir, name), { force: true });
    removed.push(name);
  }
  return removed;
}

/**
 * Creates a folder and its parents; a refusal is an input error naming the folder. Check the path
 * first (checkOutPath): creating folders under /proc never ends.
 */
export function makeDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new FileError(`cannot create ${dir} (${describeCode(e)})`);
  }
}

/** A text file written through one descriptor; `close` flushes it to disk. Errors name the path. */
export class TextSink {
  private fd: number | undefined;

  constructor(readonly path: string, private readonly shown = path) {
    try {
      this.fd = openSync(path, 'w');
    } catch (e) {
      throw new FileError(`cannot write ${shown} (${describeCode(e)})`);
    }
  }

  write(data: string | Uint8Array): void {
    try {
      if (typeof data === 'string') writeSync(this.fd!, data);
      else writeSync(this.fd!, data);
    } catch (e) {
      throw new FileError(`cannot write ${this.shown} (${describeCode(e)})`);
    }
  }

  close(): void {
    if (this.fd === undefined) return;
    const fd = this.fd;
    this.fd = undefined;
    try {
      fsyncSync(fd);
    } catch (e) {
      closeSync(fd);
      throw new FileError(`cannot write ${this.shown} (${describeCode(e)})`);
    }
    closeSync(fd);
  }

  /** Closes without flushing (the file is about to be removed). */
  discard(): void {
    if (this.fd === undefined) return;
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
    this.fd = undefined;
  }
}

let counter = 0;
const cleaned = new Set<string>();

/**
 * One file written in pieces under a temporary name in its folder and renamed into place only
 * when complete, so a failed or killed run never leaves a half-written file under the real name.
 * Temporary files of killed runs in that folder are removed first. Check the path first
 * (checkOutPath): creating folders under /proc never ends.
 */
export class AtomicFile {
  private readonly sink: TextSink;
  private readonly temp: string;

  constructor(readonly path: string) {
    const dir = dirname(path);
    try {
      mkdirSync(dir, { recursive: true });
    } catch (e) {
      throw new FileError(`cannot create ${dir} (${describeCode(e)})`);
    }
    if (!cleaned.has(dir)) {
      cleanPartials(dir);
      cleaned.add(dir);
    }
    this.temp = join(dir, `.${process.pid}-${(counter += 1)}@${HOST}.partial`);
    this.sink = new TextSink(this.temp, path);
  }

  write(data: string | Uint8Array): void {
    this.sink.write(data);
  }

  commit(): void {
    this.sink.close();
    try {
      renameSync(this.temp, this.path);
    } catch (e) {
      rmSync(this.temp, { force: true });
      throw new FileError(`cannot write ${this.path} (${describeCode(e)})`);
    }
  }

  abort(): void {
    this.sink.discard();
    rmSync(this.temp, { force: true });
  }
}

/** Writes a whole file atomically (temporary name, then rename). */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const f = new AtomicFile(path);
  try {
    f.write(data);
    f.commit();
  } catch (e) {
    f.abort();
    throw e;
  }
}
