import { describe, expect, it } from 'vitest';
import { decide, monotoneViolations, searchSmallest, type SearchOptions } from '../../src/plan/search.ts';
import { halfWidth, nextReps, verdict, type StoppingRule } from '../../src/plan/sequential.ts';

const RULE: StoppingRule = { confidence: 0.95, firstReps: 10, maxReps: 400, margin: 0.005 };

/** Replication noise shared by every candidate (common random numbers): a fixed uniform in [-w, w] per replication. */
function noise(rep: number, width: number): number {
  let x = (rep + 1) * 2654435761;
  x = (x ^ (x >>> 15)) >>> 0;
  x = Math.imul(x, 2246822519) >>> 0;
  x = (x ^ (x >>> 13)) >>> 0;
  return width * (2 * (x / 2 ** 32) - 1);
}

/** A fake monotone model: the share rises smoothly with the lever index; each replication adds its noise. */
const rising = (i: number) => 0.5 + 0.45 / (1 + Math.exp(-(i - 50) / 6));

function fakeSearch(f: (i: number) => number, start: number, width = 0.1, rule = RULE, max = 200) {
  const reps = new Map<number, number>();
  const options: SearchOptions = {
    start, min: 0, max, direction: 'atLeast',
    evaluate: (i) => decide(async (a, b) => {
      reps.set(i, b);
      return Array.from({ length: b - a }, (_, k) => f(i) + noise(a + k, width));
    }, 0.85, 'atLeast', rule),
  };
  return { reps, result: searchSmallest(options) };
}

describe('sequential stopping', () => {
  it('half-width t(conf, n-1) s / sqrt(n)', () => {
    expect(halfWidth([1, 2, 3], 0.95)).toBeCloseTo(2.919986 / Math.sqrt(3), 5);
    expect(halfWidth([1], 0.95)).toBe(Infinity);
  });
  it('decides clearly far from the target, stops undecided within the margin, and errs toward not meeting', () => {
    expect(verdict([0.95, 0.96, 0.94, 0.95], 0.9, 'atLeast', RULE)).toMatchObject({ meets: true, clear: true, stop: true });
    expect(verdict([0.85, 0.86, 0.84, 0.85], 0.9, 'atLeast', RULE)).toMatchObject({ meets: false, clear: true, stop: true });
    expect(verdict([4, 5, 6], 10, 'atMost', RULE)).toMatchObject({ meets: true, clear: true });
    // Spread too wide to tell: go on.
    expect(verdict([0.8, 1.0, 0.85, 0.99], 0.9, 'atLeast', RULE)).toMatchObject({ meets: false, clear: false, stop: false });
    // 0.001 above the target, known to within 0.0033 < the margin 0.005: stop, not shown to meet.
    const close = Array.from({ length: 100 }, (_, k) => 0.901 + (k % 2 === 0 ? 0.02 : -0.02));
    expect(verdict(close, 0.9, 'atLeast', RULE)).toMatchObject({ meets: false, clear: false, stop: true });
    expect(halfWidth(close, 0.95)).toBeGreaterThan(0.001);
    expect(halfWidth(close, 0.95)).toBeLessThan(0.005);
  });
  it('asks for as many replications as the spread says, at least half again and at most twice as many, within the cap', () => {
    expect(nextReps(10, { mean: 0.95, halfWidth: 0.1, n: 10 }, 0.9, RULE)).toBe(20);
    expect(nextReps(10, { mean: 0.95, halfWidth: 0.051, n: 10 }, 0.9, RULE)).toBe(15);
    expect(nextReps(300, { mean: 0.95, halfWidth: 0.1, n: 300 }, 0.9, RULE)).toBe(400);
  });
  it('a clear candidate stops at the first look', async () => {
    let asked = 0;
    const v = await decide(async (a, b) => { asked = b; return Array.from({ length: b - a }, () => 0.99); }, 0.9, 'atLeast', RULE);
    expect(v).toMatchObject({ meets: true, clear: true, n: 10 });
    expect(asked).toBe(10);
  });
});

describe('the search on a fake monotone model', () => {
  // The true boundary: the smallest index whose mean reaches 0.85.
  const boundary = Array.from({ length: 201 }, (_, i) => i).find((i) => rising(i) >= 0.85)!;

  it('finds the boundary from a guess below or above, with the same answer (common random numbers)', async () => {
    const low = await fakeSearch(rising, 10).result;
    const high = await fakeSearch(rising, 150).result;
    for (const r of [low, high]) {
      expect(r.index).not.toBeNull();
      // At or just above the boundary: a candidate within the margin counts as not meeting.
      expect(r.index!).toBeGreaterThanOrEqual(boundary);
      expect(r.index!).toBeLessThanOrEqual(boundary + 3);
      expect(r.below).toBe(r.index! - 1);
      expect(r.nonMonotone).toEqual([]);
    }
    expect(high.index).toBe(low.index);
    // The bracket steps first, then bisection.
    expect(low.path[0].phase).toBe('bracket');
    expect(low.path.at(-1)!.phase).toBe('bisect');
  });
  it('stops sequentially: far candidates after the first look, near ones later, none beyond the cap', async () => {
    const { reps, result } = fakeSearch(rising, 10);
    const r = await result;
    for (const step of r.path) {
      const distance = Math.abs(rising(step.index) - 0.85);
      if (distance > 0.1) expect(reps.get(step.index)).toBe(10);
      expect(step.n).toBeLessThanOrEqual(RULE.maxReps);
    }
    expect(Math.max(...reps.values())).toBeGreaterThan(10);
  });
  it('says when the target is out of reach: at the limit, past a peak, or on a plateau', async () => {
    const capped = await fakeSearch((i) => Math.min(0.8, rising(i)), 10).result;
    expect(capped).toMatchObject({ index: null, outOfReach: 'limit', below: 200 });
    const peaked = await fakeSearch((i) => 0.8 - Math.abs(i - 30) / 100, 10, 0.02).result;
    expect(peaked).toMatchObject({ index: null, outOfReach: 'peak' });
    // Flat from the start: ten times the lever without a clear gain.
    const flat = await fakeSearch(() => 0.6, 10, 0.02).result;
    expect(flat).toMatchObject({ index: null, outOfReach: 'plateau' });
    expect(flat.below!).toBeGreaterThanOrEqual(100);
    expect(flat.below!).toBeLessThan(200);
  });
  it('reports candidates that contradict monotonicity, in one lever or several', () => {
    expect(monotoneViolations([
      { at: [3, 38], meets: true, clear: true },
      { at: [3.5, 38], meets: false, clear: true },
      { at: [3.5, 40], meets: false, clear: false }, // too close to tell: no contradiction
      { at: [2, 50], meets: false, clear: true }, // less of one lever: no contradiction
    ])).toEqual([[[3, 38], [3.5, 38]]]);
    expect(monotoneViolations([{ at: [1], meets: false, clear: true }, { at: [2], meets: true, clear: true }])).toEqual([]);
  });
});
