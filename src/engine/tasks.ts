/**
 * Splitting replications into units of work. A task is a contiguous range of replication
 * indices; results depend only on (scenario, seed, replication), so any split, on threads or
 * machines, merged in index order equals a serial run byte for byte.
 */
export interface RepRange {
  readonly start: number;
  readonly end: number; // exclusive
}

/** With `workers`, a task holds at most this share of the replications still to plan, per worker. */
const GUIDED_SHARE = 4;

/**
 * Contiguous chunks of at most `size` replications covering [0, reps). Given the number of
 * `workers` that will run them, the chunks shrink toward the end (guided self-scheduling): each
 * holds at most 1 / (4 x workers) of the replications still to plan. With equal chunks, the
 * worker that takes the last one runs alone for up to a whole chunk while the others idle; with
 * shrinking ones they finish close together, and the early chunks stay large enough to amortise
 * the messages.
 *
 * @example
 *   planTasks(10, 4);          // [0, 4), [4, 8), [8, 10)
 *   planTasks(100, 10, 2).map((t) => t.end - t.start);
 *   // [10, 10, 10, 9, 8, 7, 6, 5, 5, 4, 4, 3, 3, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1]
 */
export function planTasks(reps: number, size: number, workers = 0): RepRange[] {
  if (!Number.isInteger(reps) || reps < 1) throw new RangeError(`reps must be a positive integer, got ${reps}`);
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`task size must be a positive integer, got ${size}`);
  if (!Number.isInteger(workers) || workers < 0) throw new RangeError(`workers must be a non-negative integer, got ${workers}`);
  const out: RepRange[] = [];
  for (let start = 0; start < reps; ) {
    const guided = workers > 0 ? Math.ceil((reps - start) / (GUIDED_SHARE * workers)) : size;
    const end = Math.min(reps, start + Math.min(size, guided));
    out.push({ start, end });
    start = end;
  }
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
