/**
 * A failure of the user's files or of the machine's file system (a refused or unwritable path, a
 * corrupt input, a full disk): one line naming the file, what happened and what is allowed.
 * `exitCode` 2 when the command line named an impossible path (a system folder, a file where a
 * folder is needed), 1 otherwise (see the exit codes in the README).
 */
export class FileError extends Error {
  constructor(message: string, readonly exitCode: 1 | 2 = 1) {
    super(message);
    this.name = 'FileError';
  }
}

/** The error code of a failed system call (`EACCES`), or `error`. */
export const errorCode = (e: unknown): string => (e as NodeJS.ErrnoException)?.code ?? 'error';

/** Words for the codes people meet; the code itself is always shown too. */
const MEANINGS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  ENOENT: 'not found',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'a folder, not a file',
  EROFS: 'read-only file system',
  ENOSPC: 'the disk is full',
  EDQUOT: 'disk quota exceeded',
  EEXIST: 'already exists',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links',
  EMFILE: 'too many open files',
  EIO: 'input/output error',
};

/** `EACCES: permission denied` for an error from the file system. */
export function describeCode(e: unknown): string {
  const code = errorCode(e);
  return MEANINGS[code] ? `${code}: ${MEANINGS[code]}` : code;
}
