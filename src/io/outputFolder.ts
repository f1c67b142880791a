import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import lockfile from 'proper-lockfile';
import { FileError, describeCode, errorCode } from './errors.ts';
import { HOST, cleanPartials, processAlive } from './files.ts';
import { checkOutPath } from './outPath.ts';

/** Files a buddysim result folder may hold; a folder with anything else is never replaced. */
export const RESULT_FILE = /^(summary\.json|compare\.json|designs\.json|report\.(html|md)|[a-z]+\.csv|(grid|regret)-[A-Za-z0-9-]+\.svg)$/;
/** Inputs kept when a result folder is replaced: shard files merged into it. */
export const KEPT_FILE = /^shard-\d+-of-\d+\.jsonl$/;
const PARTIAL_FILE = /^\.\d+-\d+(@[A-Za-z0-9._-]+)?\.partial$/;

/** A lock older than this without a sign of life is taken over (a run killed on another machine). */
const STALE_MS = 10_000;

interface Owner {
  pid: number;
  host: string;
}

function readOwner(lockDir: string): Owner | null {
  try {
    return JSON.parse(readFileSync(join(lockDir, 'owner.json'), 'utf8')) as Owner;
  } catch {
    return null;
  }
}

/**
 * Takes the lock of a result folder (proper-lockfile: a lock folder beside it, kept fresh while
 * the run lives, stale after 10 s without refresh). A lock left by a killed process of this
 * machine is taken over at once.
 */
function takeLock(target: string, lockDir: string, shown: string): () => void {
  const options = { realpath: false, lockfilePath: lockDir, stale: STALE_MS, onCompromised: () => undefined };
  for (let attempt = 0; ; attempt++) {
    try {
      const release = lockfile.lockSync(target, options);
      try {
        writeFileSync(join(lockDir, 'owner.json'), JSON.stringify({ pid: process.pid, host: HOST } satisfies Owner));
      } catch {
        // The lock holds without its owner note; only the fast takeover after a kill is lost.
      }
      return () => {
        try {
          release();
        } catch {
          rmSync(lockDir, { recursive: true, force: true });
        }
      };
    } catch (e) {
      // A stale lock (no sign of life for 10 s) that the library could not remove because of our owner note.
      if (attempt === 0 && errorCode(e) === 'ENOTEMPTY') {
        rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (errorCode(e) !== 'ELOCKED') throw new FileError(`--out: cannot lock ${shown} (${describeCode(e)})`);
      const owner = readOwner(lockDir);
      if (attempt === 0 && owner && owner.host === HOST && owner.pid !== process.pid && !processAlive(owner.pid)) {
        rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      const who = owner ? `process ${owner.pid} on ${owner.host}` : 'another process';
      throw new FileError(`--out: ${shown} is being written by another buddysim run (${who}); wait for it to finish or choose another --out`);
    }
  }
}

/**
 * A result folder written as a whole: files go into a new folder beside the target, which
 * replaces the target in one step (two renames) when every file is complete, so a folder never
 * mixes two runs. A lock keeps two runs from writing one folder at once (the second refuses);
 * what a killed run left (temporary folders, a half-done swap, temporary files) is cleaned up
 * when the next run opens the folder. An existing folder is replaced only if it holds nothing but
 * buddysim results; shard files in it are kept.
 *
 * @example
 *   const folder = OutputFolder.open('out/run-1');   // checks, locks, cleans, makes the new folder
 *   writeFileSync(folder.path('summary.json'), text);
 *   folder.commit();                                  // out/run-1 now holds exactly the new files
 */
export class OutputFolder {
  private released = false;

  private constructor(
    readonly target: string,
    /** Where the files are written until `commit`. */
    readonly dir: string,
    private readonly old: string,
    private readonly release: () => void,
    private readonly shown: string,
  ) {}

  /** Checks the path, locks it, recovers or removes what killed runs left, and creates the new folder. */
  static open(path: string, flag = '--out'): OutputFolder {
    const target = checkOutPath(path, 'folder', flag);
    const parent = dirname(target);
    const name = basename(target);
    try {
      mkdirSync(parent, { recursive: true });
    } catch (e) {
      throw new FileError(`${flag}: cannot create ${dirname(path) || '.'} (${describeCode(e)})`);
    }
    const release = takeLock(target, join(parent, `.${name}.buddysim-lock`), path);
    try {
      recover(parent, name, target);
      if (existsSync(target)) checkReplaceable(target, path, flag);
      const dir = join(parent, `.${name}.buddysim-new-${process.pid}@${HOST}`);
      try {
        mkdirSync(dir);
      } catch (e) {
        throw new FileError(`${flag}: cannot create a folder beside ${path} (${describeCode(e)})`);
      }
      return new OutputFolder(target, dir, join(parent, `.${name}.buddysim-old-${process.pid}@${HOST}`), release, path);
    } catch (e) {
      release();
      throw e;
    }
  }

  /** The path of a result file in the new folder. */
  path(file: string): string {
    return join(this.dir, file);
  }

  /** Replaces the target with the new folder (keeping shard files of the old one) and unlocks. */
  commit(): void {
    let moved = false;
    try {
      if (existsSync(this.target)) {
        for (const f of readdirSync(this.target)) {
          if (KEPT_FILE.test(f) && !existsSync(this.path(f))) keep(join(this.target, f), this.path(f));
        }
        renameSync(this.target, this.old);
        moved = true;
      }
      renameSync(this.dir, this.target);
    } catch (e) {
      // Put the previous results back; the new folder is dropped.
      if (moved && !existsSync(this.target)) renameSync(this.old, this.target);
      rmSync(this.dir, { recursive: true, force: true });
      this.unlock();
      throw new FileError(`cannot move the results into ${this.shown} (${describeCode(e)}); the previous results, if any, are unchanged`);
    }
    rmSync(this.old, { recursive: true, force: true });
    this.unlock();
  }

  /** Drops the new folder: the target stays as it was. */
  abort(): void {
    rmSync(this.dir, { recursive: true, force: true });
    this.unlock();
  }

  private unlock(): void {
    if (this.released) return;
    this.released = true;
    this.release();
  }
}

/** A shard file carried over into the new folder: a hard link (no copy), or a copy across devices. */
function keep(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

/**
 * Under the lock, nobody else writes this target: what a killed run left beside it is a leftover.
 * A swap cut between its two renames left the previous folder under its old-name: put it back.
 */
function recover(parent: string, name: string, target: string): void {
  const prefix = `.${name}.buddysim-`;
  for (const entry of readdirSync(parent)) {
    if (!entry.startsWith(prefix) || entry === `${prefix}lock`) continue;
    const path = join(parent, entry);
    if (entry.startsWith(`${prefix}old-`) && !existsSync(target)) renameSync(path, target);
    else rmSync(path, { recursive: true, force: true });
  }
  if (existsSync(target)) cleanPartials(target);
}

/** Refuses to replace a folder that holds anything but buddysim results (a home folder, `.`, a project). */
function checkReplaceable(target: string, shown: string, flag: string): void {
  const foreign = readdirSync(target).filter((f) => !RESULT_FILE.test(f) && !KEPT_FILE.test(f) && !PARTIAL_FILE.test(f));
  if (foreign.length > 0) {
    const list = foreign.slice(0, 3).map((f) => JSON.stringify(f.slice(0, 40))).join(', ');
    throw new FileError(
      `${flag}: ${shown} holds files that are not buddysim results (${list}${foreign.length > 3 ? `, and ${foreign.length - 3} more` : ''}); results replace the whole folder, so name a new or empty folder or one of an earlier run`,
      2,
    );
  }
}
