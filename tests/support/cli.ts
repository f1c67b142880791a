import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CLI = 'dist/cli/main.js';

/** Builds the bundled CLI once (what `npm run buddysim` and the bin run). */
export function buildCli(): void {
  const r = spawnSync(process.execPath, ['scripts/bundle.mjs', 'cli'], { encoding: 'utf8' });
  if (r.status !== 0 || !existsSync(CLI)) throw new Error(`building the CLI failed: ${r.stderr}`);
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function cli(args: string[], cwd = process.cwd()): CliRun {
  const r = spawnSync(process.execPath, [`${process.cwd()}/${CLI}`, ...args], { encoding: 'utf8', cwd, env: { ...process.env, BUDDYSIM_DEBUG: '' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export interface CliOptions {
  cwd?: string;
  /** Run as this user and group id (tests run as root in CI: an unprivileged user meets permissions). */
  uid?: number;
  nodeArgs?: string[];
  timeout?: number;
}

/** The CLI run to the end, with options (user, Node flags, a time limit after which it is killed). */
export function cliWith(args: string[], options: CliOptions = {}): CliRun {
  const r = spawnSync(process.execPath, [...(options.nodeArgs ?? []), `${process.cwd()}/${CLI}`, ...args], {
    encoding: 'utf8',
    cwd: options.cwd ?? process.cwd(),
    env: { ...process.env, BUDDYSIM_DEBUG: '' },
    timeout: options.timeout ?? 120_000,
    killSignal: 'SIGKILL',
    ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.uid }),
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The CLI started in the background; `waitFor` resolves when stderr shows the pattern. */
export function cliStart(args: string[], cwd = process.cwd()) {
  const child = spawn(process.execPath, [`${process.cwd()}/${CLI}`, ...args], { cwd, env: { ...process.env, BUDDYSIM_DEBUG: '' } });
  let stderr = '';
  let stdout = '';
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => {
    stderr += d;
    for (const w of waiters.filter((x) => x.pattern.test(stderr))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    get stderr() {
      return stderr;
    },
    get stdout() {
      return stdout;
    },
    exited,
    waitFor(pattern: RegExp): Promise<void> {
      if (pattern.test(stderr)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        waiters.push({ pattern, resolve });
        exited.then(() => reject(new Error(`exited before ${pattern}: ${stderr}`)));
      });
    },
  };
}
