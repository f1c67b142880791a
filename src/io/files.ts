import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ScenarioError } from '../scenario/errors.ts';

/** A file's text; a missing or unreadable file is an input error naming the path and what it was for. */
export function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new ScenarioError([`${path}: cannot read the ${what} (${(e as NodeJS.ErrnoException).code ?? 'error'})`]);
  }
}

/** A file's JSON; bad JSON is an input error with the parser's reason. */
export function readJson(path: string, what: string): unknown {
  const text = readText(path, what);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ScenarioError([`${path}: not valid JSON: ${(e as Error).message}`]);
  }
}

/** Makes sure `dir` is a directory we can write into; a clear error otherwise. */
export function ensureDir(dir: string): void {
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new ScenarioError([`--out: ${dir} exists and is not a directory`]);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new ScenarioError([`--out: cannot create ${dir} (${(e as NodeJS.ErrnoException).code ?? 'error'})`]);
  }
}

/**
 * A file written in pieces under a temporary name and renamed into place only when complete, so
 * a failed or interrupted run never leaves a half-written result.
 */
let counter = 0;

export class AtomicFile {
  private fd: number;
  private readonly temp: string;

  constructor(readonly path: string) {
    ensureDir(dirname(path));
    this.temp = join(dirname(path), `.${process.pid}-${(counter += 1)}.partial`);
    this.fd = openSync(this.temp, 'w');
  }

  write(data: string | Uint8Array): void {
    if (typeof data === 'string') writeSync(this.fd, data);
    else writeSync(this.fd, data);
  }

  commit(): void {
    closeSync(this.fd);
    renameSync(this.temp, this.path);
  }

  abort(): void {
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
    rmSync(this.temp, { force: true });
  }
}

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
