import { accessSync, constants, existsSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { FileError, describeCode } from './errors.ts';
import { BUNDLED_DIR, isInside } from './readScenario.ts';

/** Folders of the operating system that are never a place for results (writing there can hang). */
const SYSTEM_DIRS = ['/proc', '/sys', '/dev'];

/** The path with symbolic links resolved as far as it exists; the part that does not exist yet appended. */
function realish(path: string): { real: string; existing: string } {
  let existing = path;
  const rest: string[] = [];
  while (!existsSync(existing) && dirname(existing) !== existing) {
    rest.unshift(basename(existing));
    existing = dirname(existing);
  }
  let real = existing;
  try {
    real = realpathSync(existing);
  } catch {
    // unreadable: checked below
  }
  return { real: join(real, ...rest), existing };
}

/**
 * What is written: a `folder` replaced as a whole (its parent must be writable), files written
 * `into` a folder (shards, compare.json), or one `file`.
 */
export type OutKind = 'folder' | 'into' | 'file';

/**
 * Checks an output path before anything runs, without creating it: not under /proc, /sys or
 * /dev, not in the bundled scenarios folder, a folder (or file) where one is expected, and
 * inside a folder this user may write. Returns the absolute path with symbolic links resolved.
 * A path that can never work is a command-line error (exit 2); one the file system refuses is 1.
 *
 * @example
 *   checkOutPath('out/run-1', 'folder', '--out'); // '/home/me/buddysim/out/run-1'
 *   checkOutPath('/proc/self/x', 'folder', '--out'); // throws FileError (exit code 2)
 */
export function checkOutPath(path: string, kind: OutKind, flag = '--out'): string {
  if (path.trim() === '') throw new FileError(`${flag}: got an empty path; name a ${kind === 'file' ? 'file' : 'folder'}`, 2);
  const { real, existing } = realish(resolve(path));
  for (const dir of SYSTEM_DIRS) {
    if (isInside(real, dir)) throw new FileError(`${flag}: got "${path}", inside ${dir}, a folder of the operating system; choose a folder of your own`, 2);
  }
  const bundled = existsSync(BUNDLED_DIR) ? realpathSync(BUNDLED_DIR) : BUNDLED_DIR;
  if (isInside(real, bundled) || isInside(bundled, real)) {
    throw new FileError(`${flag}: got "${path}", which holds the bundled scenarios (${BUNDLED_DIR}); results there would be listed as scenarios: choose another folder`, 2);
  }
  if (existing === resolve(path)) {
    const isDir = statSync(real).isDirectory();
    if (kind !== 'file' && !isDir) throw new FileError(`${flag}: ${path} exists and is not a directory; name a folder`, 2);
    if (kind === 'file' && isDir) throw new FileError(`${flag}: ${path} is a folder; name a file`, 2);
  } else if (!statSync(existing).isDirectory()) {
    throw new FileError(`${flag}: cannot create ${path}: ${existing} is a file, not a folder`, 2);
  }
  // A folder replaced whole is renamed in its parent; files are written beside their name.
  const exists = existing === resolve(path);
  const places = !exists ? [existing] : kind === 'folder' ? [dirname(real), real] : kind === 'into' ? [real] : [dirname(real)];
  for (const place of places) {
    try {
      accessSync(place, constants.W_OK | constants.X_OK);
    } catch (e) {
      throw new FileError(`${flag}: cannot write in ${place} (${describeCode(e)}); choose a folder you may write`);
    }
  }
  return real;
}
