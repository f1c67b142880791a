import { nextReps, verdict, type StoppingRule, type Verdict } from './sequential.ts';

/**
 * The search for the smallest lever value that meets a target, on a grid of whole steps (index i
 * stands for i x step of the lever). Every candidate runs on the same seed and replications
 * (common random numbers), so neighbouring candidates differ by the lever and not by luck, and
 * replications are added to a candidate until its verdict is clear (sequential.ts). The search
 * brackets the answer from a starting guess (the queueing estimate) by geometric steps, then
 * bisects. It relies on the target's figure rising with the lever (monotone), checks that along
 * the way, and stops climbing when more of the lever clearly makes things worse (the lever alone
 * cannot reach the target).
 */

/** One candidate looked at by the search. */
export interface SearchStep extends Verdict {
  phase: 'bracket' | 'bisect';
  index: number;
}

export interface SearchResult {
  /** The smallest grid index that meets the target; null if none up to the limit (or past a peak). */
  index: number | null;
  /** The largest index shown not to meet it (the other side of the boundary), null if even the minimum meets. */
  below: number | null;
  /**
   * Why there is no answer: 'limit' (the largest index fails), 'peak' (more of the lever makes it
   * worse) or 'plateau' (ten times the lever since its last clear gain brought no other).
   */
  outOfReach?: 'limit' | 'peak' | 'plateau';
  /** Every candidate looked at, in order. */
  path: SearchStep[];
  /** Pairs along the path that contradict monotonicity: a smaller index met the target, a larger one clearly failed. */
  nonMonotone: { met: number; failed: number }[];
}

/**
 * Decides one candidate by sequential stopping: a first look, then more replications (of the same
 * seed, continuing the numbering) until the verdict is clear, the candidate is within the margin
 * of the target, or the cap is reached.
 *
 * @example
 *   await decide((start, end) => values(start, end), 0.9, 'atLeast', { confidence: 0.95, firstReps: 10, maxReps: 200, margin: 0.005 });
 */
export async function decide(
  sample: (start: number, end: number) => Promise<number[]>,
  target: number,
  direction: 'atLeast' | 'atMost',
  rule: StoppingRule,
): Promise<Verdict> {
  const values: number[] = [];
  let done = 0;
  let want = Math.min(rule.firstReps, rule.maxReps);
  while (true) {
    values.push(...(await sample(done, want)));
    done = want;
    const v = verdict(values, target, direction, rule);
    if (v.stop || done >= rule.maxReps) return { meets: v.meets, clear: v.clear, mean: v.mean, halfWidth: v.halfWidth, n: v.n };
    want = nextReps(done, v, target, rule);
  }
}

export interface SearchOptions {
  /** The first index to look at (the queueing estimate). */
  start: number;
  /** The smallest and largest index allowed (the lever's range). */
  min: number;
  max: number;
  /** Whether the figure must reach the target from below (a share) or stay under it (a waiting list). */
  direction: 'atLeast' | 'atMost';
  /** Decides the candidate at an index (decide() on that candidate's replications); phase says why it is looked at. */
  evaluate: (index: number, phase: SearchStep['phase']) => Promise<Verdict>;
  /** Factor of the geometric steps that bracket the answer (default 1.5). */
  growth?: number;
  /** Called after each candidate. */
  onStep?: (step: SearchStep) => void;
}

/**
 * Finds the smallest index in [min, max] whose candidate meets the target, assuming the figure
 * rises with the index. Candidates already decided are not run again.
 *
 * @example
 *   const r = await searchSmallest({ start: 40, min: 0, max: 400, direction: 'atLeast', evaluate: (i) => decide(sampleAt(i), 0.9, 'atLeast', rule) });
 *   r.index; // the smallest index that meets 90%, or null
 */
export async function searchSmallest(options: SearchOptions): Promise<SearchResult> {
  const { min, max } = options;
  const growth = options.growth ?? 1.5;
  const path: SearchStep[] = [];
  const seen = new Map<number, Verdict>();
  const look = async (index: number, phase: SearchStep['phase']): Promise<Verdict> => {
    const known = seen.get(index);
    if (known) return known;
    const v = await options.evaluate(index, phase);
    seen.set(index, v);
    const step = { phase, index, ...v };
    path.push(step);
    options.onStep?.(step);
    return v;
  };
  const done = (result: Omit<SearchResult, 'path' | 'nonMonotone'>): SearchResult => ({ ...result, path, nonMonotone: contradictions(path) });

  let lo: number | null = null;
  let hi: number | null = null;
  const i = Math.max(min, Math.min(max, Math.round(options.start)));
  const first = await look(i, 'bracket');
  if (first.meets) {
    hi = i;
    while (lo === null) {
      if (hi === min) return done({ index: min, below: null });
      const j = Math.max(min, Math.min(hi - 1, Math.floor(min + (hi - min) / growth)));
      if ((await look(j, 'bracket')).meets) hi = j;
      else lo = j;
    }
  } else {
    lo = i;
    // The best candidate so far: one clearly worse than it is past a peak.
    let best = first;
    let previous = first;
    // The index of the last clear gain: ten times as much of the lever without another is a plateau.
    let gained = i;
    while (hi === null) {
      if (lo === max) return done({ index: null, below: max, outOfReach: 'limit' });
      const j = Math.min(max, Math.max(lo + 1, Math.ceil(min + (lo - min) * growth)));
      const v = await look(j, 'bracket');
      if (v.meets) {
        hi = j;
      } else if (clearlyWorse(v, best, options.direction)) {
        return done({ index: null, below: lo, outOfReach: 'peak' });
      } else {
        if (clearlyWorse(previous, v, options.direction)) gained = j;
        if (j - min >= 10 * Math.max(1, gained - min)) return done({ index: null, below: j, outOfReach: 'plateau' });
        if ((options.direction === 'atLeast' ? v.mean - best.mean : best.mean - v.mean) > 0) best = v;
        lo = j;
        previous = v;
      }
    }
  }
  while (hi - lo > 1) {
    const m = Math.floor((lo + hi) / 2);
    if ((await look(m, 'bisect')).meets) hi = m;
    else lo = m;
  }
  return done({ index: hi, below: lo });
}

/** `now` is clearly worse than `before`: further from the target by more than both half-widths. */
function clearlyWorse(now: Verdict, before: Verdict, direction: 'atLeast' | 'atMost'): boolean {
  if (!Number.isFinite(now.halfWidth) || !Number.isFinite(before.halfWidth)) return false;
  const change = direction === 'atLeast' ? now.mean - before.mean : before.mean - now.mean;
  return change < -(now.halfWidth + before.halfWidth);
}

/** Pairs (smaller index met, larger index clearly failed): the figure did not rise with the lever there. */
function contradictions(path: readonly SearchStep[]): { met: number; failed: number }[] {
  return monotoneViolations(path.map((s) => ({ at: [s.index], meets: s.meets, clear: s.clear }))).map(([a, b]) => ({ met: a[0], failed: b[0] }));
}

/**
 * Candidates that contradict monotonicity in several levers at once: a candidate met the target
 * while one with at least as much of every lever (and more of one) clearly missed it. Returns the
 * pairs' lever values [met, missed].
 *
 * @example
 *   monotoneViolations([{ at: [3, 38], meets: true, clear: true }, { at: [3.5, 38], meets: false, clear: true }]); // [[[3, 38], [3.5, 38]]]
 */
export function monotoneViolations(steps: readonly { at: readonly number[]; meets: boolean; clear: boolean }[]): [number[], number[]][] {
  const out: [number[], number[]][] = [];
  for (const a of steps) {
    if (!a.meets) continue;
    for (const b of steps) {
      if (b.meets || !b.clear) continue;
      const more = b.at.every((x, k) => x >= a.at[k]) && b.at.some((x, k) => x > a.at[k]);
      if (more) out.push([[...a.at], [...b.at]]);
    }
  }
  return out;
}
