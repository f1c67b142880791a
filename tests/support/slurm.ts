import { execFileSync, execSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

const DAEMONS = ['/usr/sbin/munged', '/usr/sbin/slurmctld', '/usr/sbin/slurmd', '/usr/bin/sbatch', '/usr/bin/sinfo'];

/**
 * Makes sure Debian's slurm-wlm and munge are installed: installs them with apt-get when missing
 * (as root, or with sudo), and throws otherwise, so a machine without them fails the test instead
 * of skipping it.
 */
export function ensureSlurm(): void {
  if (DAEMONS.every((p) => existsSync(p))) return;
  const sudo = process.getuid?.() === 0 ? '' : 'sudo -n ';
  try {
    execSync(`${sudo}apt-get update -qq && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slurm-wlm munge`, { stdio: 'ignore', timeout: 170_000 });
  } catch (e) {
    throw new Error(`slurm: could not install Debian's slurm-wlm and munge with apt-get (${(e as Error).message.split('\n')[0]}); install them (apt-get install -y --no-install-recommends slurm-wlm munge) to run the Slurm test`);
  }
  const missing = DAEMONS.filter((p) => !existsSync(p));
  if (missing.length > 0) throw new Error(`slurm: installed slurm-wlm and munge, but ${missing.join(', ')} is still missing`);
}

/** A free TCP port on localhost (the kernel's choice), for the daemons of this cluster only. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(what: string, check: () => boolean, ms: number, log: () => string): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`slurm: ${what} did not happen within ${ms / 1000} s\n${log()}`);
}

export interface Cluster {
  readonly dir: string;
  /** Environment for sbatch and friends: SLURM_CONF pointing at this cluster. */
  readonly env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

/**
 * A real single-node Slurm cluster on localhost in a temporary folder: its own munge key and
 * munged socket, a generated slurm.conf with free ports, slurmctld and slurmd in the foreground as
 * children of this process (so stop() ends exactly them).
 */
export async function startCluster(): Promise<Cluster> {
  const dir = mkdtempSync(join(tmpdir(), 'buddysim-slurm-'));
  chmodSync(dir, 0o755); // munged wants its socket's folder reachable by all
  for (const d of ['state', 'spool']) mkdirSync(join(dir, d));
  writeFileSync(join(dir, 'munge.key'), randomBytes(1024), { mode: 0o600 });
  const children: ChildProcess[] = [];
  const start = (cmd: string, args: string[]) => {
    const child = spawn(cmd, args, { stdio: 'ignore' });
    children.push(child);
    return child;
  };
  const socket = join(dir, 'munge.sock');
  start('/usr/sbin/munged', ['-F', `--key-file=${join(dir, 'munge.key')}`, `--socket=${socket}`, `--pid-file=${join(dir, 'munged.pid')}`, `--log-file=${join(dir, 'munged.log')}`, `--seed-file=${join(dir, 'munged.seed')}`]);
  const readLogs = () => ['munged.log', 'slurmctld.log', 'slurmd.log'].map((f) => (existsSync(join(dir, f)) ? `--- ${f}\n${execFileSync('tail', ['-n', '15', join(dir, f)], { encoding: 'utf8' })}` : '')).join('\n');
  await waitFor('munged start', () => existsSync(socket), 15_000, readLogs);
  const [ctldPort, slurmdPort] = [await freePort(), await freePort()];
  const conf = join(dir, 'slurm.conf');
  writeFileSync(conf, [
    'ClusterName=buddysimtest', 'SlurmctldHost=localhost', `SlurmctldPort=${ctldPort}`, `SlurmdPort=${slurmdPort}`,
    'SlurmUser=root', 'SlurmdUser=root', 'AuthType=auth/munge', 'CredType=cred/munge', `AuthInfo=socket=${socket}`,
    `StateSaveLocation=${join(dir, 'state')}`, `SlurmdSpoolDir=${join(dir, 'spool')}`,
    `SlurmctldPidFile=${join(dir, 'slurmctld.pid')}`, `SlurmdPidFile=${join(dir, 'slurmd.pid')}`,
    `SlurmctldLogFile=${join(dir, 'slurmctld.log')}`, `SlurmdLogFile=${join(dir, 'slurmd.log')}`,
    'ProctrackType=proctrack/linuxproc', 'TaskPlugin=task/none', 'SelectType=select/cons_tres', 'SelectTypeParameters=CR_CPU',
    'JobAcctGatherType=jobacct_gather/none', 'AccountingStorageType=accounting_storage/none', 'MpiDefault=none',
    'ReturnToService=2', 'SchedulerType=sched/builtin',
    `NodeName=localhost NodeAddr=127.0.0.1 CPUs=${availableParallelism()} State=UNKNOWN`,
    'PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP',
  ].join('\n') + '\n');
  const env = { ...process.env, SLURM_CONF: conf };
  start('/usr/sbin/slurmctld', ['-D', '-f', conf]);
  start('/usr/sbin/slurmd', ['-D', '-N', 'localhost', '-f', conf]);
  const idle = () => {
    try {
      return /idle/.test(execFileSync('/usr/bin/sinfo', ['-h', '-o', '%t'], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    } catch {
      return false;
    }
  };
  try {
    await waitFor('the node going idle', idle, 60_000, readLogs);
  } catch (e) {
    await stopAll(children);
    throw e;
  }
  return {
    dir, env,
    async stop() {
      await stopAll(children);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Ends the daemons this process started (slurmd first), waiting for each to exit. */
async function stopAll(children: ChildProcess[]): Promise<void> {
  for (const child of [...children].reverse()) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
