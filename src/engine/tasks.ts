/**
 * Splitting replications into units of work. A task is a contiguous range of replication
 * indices; results depend only on (scenario, seed, replication), so any split, on threads or
 * machines, merged in index order equals a serial run byte for byte.
 */
export interface RepRange {
  readonly start: number;
  readonly end: number; // exclusive
}

/** Contiguous chunks of at most `size` replications covering [0, reps). */
export function planTasks(reps: number, size: number): RepRange[] {
  if (!Number.isInteger(reps) || reps < 1) throw new RangeError(`reps must be a positive integer, got ${reps}`);
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`task size must be a positive integer, got ${size}`);
  const out: RepRange[] = [];
  for (let start = 0; start < reps; start += size) out.push({ start, end: Math.min(reps, start + size) });
  return out;
}

/** The replications of shard `index` of `count`: a contiguous, balanced block (0-based). */
export function shardRange(reps: number, index: number, count: number): RepRange {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`shard count must be a positive integer, got ${count}`);
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    throw new RangeError(`shard index must be an integer from 0 to ${count - 1}, got ${index}`);
  }
  const base = Math.floor(reps / count);
  const extra = reps % count;
  const start = index * base + Math.min(index, extra);
  return { start, end: start + base + (index < extra ? 1 : 0) };
}
