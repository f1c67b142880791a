import { UsageError } from './errors.ts';

/**
 * --shard K/N (0-based K), or "auto": from a Slurm job array (SLURM_ARRAY_TASK_ID minus
 * SLURM_ARRAY_TASK_MIN of SLURM_ARRAY_TASK_COUNT) or a Kubernetes Indexed Job (JOB_COMPLETION_INDEX of SHARDS).
 */
export function shardFlag(raw: string | undefined, env: NodeJS.ProcessEnv = process.env): { shard: number; shards: number } | undefined {
  if (raw === undefined) return undefined;
  if (raw === 'auto') {
    if (env.SLURM_ARRAY_TASK_ID !== undefined && env.SLURM_ARRAY_TASK_COUNT !== undefined) {
      return check(`${Number(env.SLURM_ARRAY_TASK_ID) - Number(env.SLURM_ARRAY_TASK_MIN ?? 0)}/${env.SLURM_ARRAY_TASK_COUNT}`, 'the Slurm array variables');
    }
    if (env.JOB_COMPLETION_INDEX !== undefined && env.SHARDS !== undefined) return check(`${env.JOB_COMPLETION_INDEX}/${env.SHARDS}`, 'JOB_COMPLETION_INDEX and SHARDS');
    throw new UsageError('--shard auto: found neither SLURM_ARRAY_TASK_ID with SLURM_ARRAY_TASK_COUNT nor JOB_COMPLETION_INDEX with SHARDS');
  }
  return check(raw, '--shard');
}

function check(text: string, from: string) {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const shard = m ? Number(m[1]) : NaN;
  const shards = m ? Number(m[2]) : NaN;
  if (!m || shards < 1 || shard >= shards) {
    throw new UsageError(`--shard: got "${text}" (from ${from}); must be K/N with N at least 1 and K from 0 to N-1`);
  }
  return { shard, shards };
}
