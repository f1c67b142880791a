import { describe, expect, it } from 'vitest';
import {
  erlangAQueue, erlangB, erlangC, erlangCQueue, fewestServers, halfinWhittBeta, halfinWhittWait, squareRootStaffing,
} from '../../src/plan/erlang.ts';

/** P(N >= c) and E[(N - c)+] for N ~ Poisson(a), by direct summation. */
function poissonTail(a: number, c: number): { tail: number; excess: number } {
  let term = Math.exp(-a);
  let below = 0;
  let meanBelow = 0;
  for (let n = 0; n < c; n++) {
    below += term;
    meanBelow += (n - c) * term;
    term *= a / (n + 1);
  }
  // E[(N - c)+] = E[N - c] - E[(N - c) 1{N < c}].
  return { tail: 1 - below, excess: a - c - meanBelow };
}

describe('Erlang B and C against textbook values', () => {
  it('Erlang B: the loss table', () => {
    expect(erlangB(1, 1)).toBeCloseTo(0.5, 12);
    expect(erlangB(2, 2)).toBeCloseTo(0.4, 12);
    expect(erlangB(10, 10)).toBeCloseTo(0.21458, 5); // the classic table value
    expect(erlangB(0, 3)).toBe(1);
  });
  it('Erlang C: M/M/1 waits with the utilisation, M/M/2 with A^2 / (2 + A), C(3, 2) = 4/9', () => {
    expect(erlangC(1, 0.7)).toBeCloseTo(0.7, 12);
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 12);
    expect(erlangC(2, 1.5)).toBeCloseTo(1.5 ** 2 / 3.5, 12);
    expect(erlangC(3, 2)).toBeCloseTo(4 / 9, 12);
    expect(erlangC(11, 10)).toBeCloseTo(0.6821, 4);
    expect(erlangC(5, 5)).toBe(1);
    expect(erlangC(5, 0)).toBe(0);
  });
  it('M/M/1: mean wait rho / (mu - lambda), the wait of those who wait exponential', () => {
    const q = erlangCQueue({ arrivalRate: 0.5, serviceRate: 1, servers: 1 });
    expect(q.meanWait).toBeCloseTo(1, 12);
    expect(q.servedWithin(0)).toBeCloseTo(0.5, 12);
    expect(q.servedWithin(2)).toBeCloseTo(1 - 0.5 * Math.exp(-1), 12);
    expect(q.abandonedWithin(5)).toBe(0);
    const over = erlangCQueue({ arrivalRate: 2, serviceRate: 1, servers: 1 });
    expect(over.meanWait).toBe(Infinity);
    expect(over.servedWithin(100)).toBe(0);
  });
});

describe('Erlang A (M/M/c+M)', () => {
  it('with patience equal to service (theta = mu) the number present is Poisson(A): a textbook identity', () => {
    const a = 5;
    const c = 4;
    const q = erlangAQueue({ arrivalRate: a, serviceRate: 1, servers: c, abandonRate: 1 });
    const { tail, excess } = poissonTail(a, c);
    expect(q.waitProbability).toBeCloseTo(tail, 10);
    expect(q.meanWait).toBeCloseTo(excess / a, 10);
    expect(q.abandonShare).toBeCloseTo(excess / a, 10);
  });
  it('approaches Erlang C as patience grows without bound', () => {
    const base = { arrivalRate: 1, serviceRate: 1 / 52, servers: 60 };
    const c = erlangCQueue(base);
    const a = erlangAQueue({ ...base, abandonRate: 1e-9 });
    expect(a.waitProbability).toBeCloseTo(c.waitProbability, 6);
    for (const t of [0, 4, 8, 26]) expect(a.servedWithin(t)).toBeCloseTo(c.servedWithin(t), 6);
  });
  it('in the long run everyone is served or has given up; over time both only grow', () => {
    const q = erlangAQueue({ arrivalRate: 2, serviceRate: 1 / 20, servers: 38, abandonRate: 0.05 });
    expect(q.servedWithin(2000) + q.abandonedWithin(2000)).toBeCloseTo(1, 6);
    expect(q.abandonedWithin(2000)).toBeCloseTo(q.abandonShare, 6);
    let last = { s: 0, a: 0 };
    for (const t of [0, 1, 2, 4, 8, 16, 52]) {
      const now = { s: q.servedWithin(t), a: q.abandonedWithin(t) };
      expect(now.s).toBeGreaterThanOrEqual(last.s - 1e-12);
      expect(now.a).toBeGreaterThanOrEqual(last.a - 1e-12);
      expect(now.s + now.a).toBeLessThanOrEqual(1 + 1e-12);
      last = now;
    }
    expect(q.servedWithin(0)).toBeCloseTo(1 - q.waitProbability, 12);
  });
  it('stays stable when overloaded: impatience empties the line', () => {
    const q = erlangAQueue({ arrivalRate: 10, serviceRate: 1, servers: 5, abandonRate: 0.5 });
    // Served at most at the servers' rate: 5 of 10 a unit of time, the rest give up.
    expect(q.abandonShare).toBeGreaterThan(0.45);
    expect(q.abandonShare).toBeLessThan(0.55);
  });
  it('refuses impossible queues', () => {
    expect(() => erlangAQueue({ arrivalRate: 1, serviceRate: 0, servers: 1 })).toThrow(/service rate/);
    expect(() => erlangAQueue({ arrivalRate: 1, serviceRate: 1, servers: 1.5 })).toThrow(/whole servers/);
  });
});

describe('square-root staffing', () => {
  it('c = A + beta sqrt(A); the Halfin-Whitt chance of waiting and its inverse', () => {
    expect(squareRootStaffing(100, 1)).toBe(110);
    expect(halfinWhittWait(0)).toBe(1);
    expect(halfinWhittBeta(halfinWhittWait(1.2))).toBeCloseTo(1.2, 6);
    expect(() => halfinWhittBeta(1)).toThrow(/strictly between/);
  });
  it('matches Erlang C in a large system, and the exact optimum is within a server or two of it', () => {
    const load = 400;
    const beta = 1;
    const c = Math.round(squareRootStaffing(load, beta));
    expect(erlangC(c, load)).toBeCloseTo(halfinWhittWait(beta), 1);
    const best = fewestServers((n) => erlangC(n, load) <= halfinWhittWait(beta), c)!;
    expect(Math.abs(best - c)).toBeLessThanOrEqual(2);
  });
  it('fewestServers finds the smallest count from above or below, or none within the limit', () => {
    const meets = (n: number) => n >= 37;
    expect(fewestServers(meets, 10)).toBe(37);
    expect(fewestServers(meets, 80)).toBe(37);
    expect(fewestServers(meets, 37)).toBe(37);
    expect(fewestServers(meets, 5, 30)).toBeUndefined();
  });
});
