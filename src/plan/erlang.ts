import { errorFunction } from 'simple-statistics';

/**
 * Many-server queues, as a first estimate of capacity: participants arrive at rate lambda, each of
 * c servers (volunteers able to hold a match) serves one at rate mu (1 / the service time), and
 * waiting participants give up at rate theta each. theta = 0 is Erlang C (M/M/c, [Kleinrock1975]);
 * theta > 0 is Erlang A (M/M/c+M, Palm's model of impatient customers, [Garnett2002]). No npm
 * package computes these (checked), so they are written here, small and tested against textbook
 * values and identities (tests/plan/erlang.test.ts).
 */

export interface Queue {
  /** Arrivals per unit of time (lambda). */
  arrivalRate: number;
  /** Services one server completes per unit of time (mu = 1 / mean service time). */
  serviceRate: number;
  /** Servers (c), a whole number >= 0. */
  servers: number;
  /** Rate at which each waiting customer gives up (theta); 0 or absent: nobody gives up (Erlang C). */
  abandonRate?: number;
}

export interface QueueMeasures {
  /** Offered load A = lambda / mu: servers busy on average if nobody waited or left. */
  load: number;
  /** Chance an arrival has to wait (finds every server busy). */
  waitProbability: number;
  /** Mean wait of all arrivals, until service or giving up. */
  meanWait: number;
  /** Share of arrivals who give up before service. */
  abandonShare: number;
  /** Share of arrivals whose service starts within t (time units of the rates). */
  servedWithin(t: number): number;
  /** Share of arrivals who have given up unserved within t. */
  abandonedWithin(t: number): number;
}

/**
 * Erlang's loss formula B(c, A): the chance that all c servers are busy in a loss system with
 * offered load A, by the stable recursion B(k) = A B(k-1) / (k + A B(k-1)).
 *
 * @example
 *   erlangB(10, 10); // 0.2146 (the textbook table value)
 */
export function erlangB(servers: number, load: number): number {
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (load * b) / (k + load * b);
  return b;
}

/**
 * Erlang C: the chance to wait in M/M/c, C(c, A) = c B / (c - A (1 - B)); 1 when A >= c (the
 * queue grows without bound).
 *
 * @example
 *   erlangC(3, 2);  // 4/9
 *   erlangC(1, 0.5); // 0.5 (M/M/1: the utilisation)
 */
export function erlangC(servers: number, load: number): number {
  if (load <= 0) return 0;
  if (load >= servers) return 1;
  const b = erlangB(servers, load);
  return (servers * b) / (servers - load * (1 - b));
}

function checkQueue(q: Queue): void {
  const ok = (x: number) => Number.isFinite(x) && x >= 0;
  if (!ok(q.arrivalRate) || !(q.serviceRate > 0) || !ok(q.abandonRate ?? 0) || !Number.isInteger(q.servers) || q.servers < 0) {
    throw new RangeError(`a queue needs arrivals >= 0, a service rate > 0, whole servers >= 0 and abandonment >= 0; got ${JSON.stringify(q)}`);
  }
}

/**
 * M/M/c without abandonment. The wait of those who wait is exponential with rate c mu - lambda,
 * so P(served within t) = 1 - C e^{-(c mu - lambda) t}; an overloaded queue serves nobody in time
 * in the long run.
 *
 * @example
 *   erlangCQueue({ arrivalRate: 1, serviceRate: 1 / 52, servers: 60 }).servedWithin(8);
 */
export function erlangCQueue(q: Queue): QueueMeasures {
  checkQueue(q);
  const { arrivalRate: lambda, serviceRate: mu, servers: c } = q;
  const load = lambda / mu;
  const waitProbability = erlangC(c, load);
  const drain = c * mu - lambda;
  if (drain <= 0) return { load, waitProbability: 1, meanWait: Infinity, abandonShare: 0, servedWithin: () => 0, abandonedWithin: () => 0 };
  return {
    load,
    waitProbability,
    meanWait: waitProbability / drain,
    abandonShare: 0,
    servedWithin: (t) => (t < 0 ? 0 : 1 - waitProbability * Math.exp(-drain * t)),
    abandonedWithin: () => 0,
  };
}

/** Relative size below which a stationary probability is dropped. */
const NEGLIGIBLE = 1e-15;

/**
 * The stationary distribution of M/M/c+M (a birth-death chain: births lambda, deaths
 * min(n, c) mu + max(n - c, 0) theta), computed in logs and normalised, cut where the tail is
 * negligible. Needs theta > 0.
 */
function stationary(q: Queue): number[] {
  const { arrivalRate: lambda, serviceRate: mu, servers: c } = q;
  const theta = q.abandonRate ?? 0;
  const logs = [0];
  let max = 0;
  for (let n = 1; ; n++) {
    const death = Math.min(n, c) * mu + Math.max(n - c, 0) * theta;
    const next = logs[n - 1] + Math.log(lambda) - Math.log(death);
    logs.push(next);
    max = Math.max(max, next);
    if (death > lambda && next < max + Math.log(NEGLIGIBLE)) break;
  }
  const p = logs.map((l) => Math.exp(l - max));
  const total = p.reduce((a, b) => a + b, 0);
  return p.map((x) => x / total);
}

/**
 * M/M/c+M, Erlang A: participants give up while waiting at rate theta each. From the stationary
 * distribution (arrivals see it: PASTA): P(wait) = P(N >= c); E[queue] = sum (n - c)+ P(n); the
 * share giving up = theta E[queue] / lambda; mean wait = E[queue] / lambda (Little). P(served
 * within t) follows an arrival who finds j people ahead: the line ahead shortens at rate
 * c mu + j theta, the arrival is served at rate c mu once first, and gives up at rate theta
 * throughout; solved by uniformisation.
 *
 * @example
 *   erlangAQueue({ arrivalRate: 1, serviceRate: 1 / 52, servers: 60, abandonRate: 0.3 / 52 }).servedWithin(8);
 */
export function erlangAQueue(q: Queue): QueueMeasures {
  checkQueue(q);
  const theta = q.abandonRate ?? 0;
  if (theta === 0) return erlangCQueue(q);
  const { arrivalRate: lambda, serviceRate: mu, servers: c } = q;
  const load = lambda / mu;
  if (lambda === 0) return { load, waitProbability: 0, meanWait: 0, abandonShare: 0, servedWithin: (t) => (t < 0 ? 0 : 1), abandonedWithin: () => 0 };
  const p = stationary(q);
  let waitProbability = 0;
  let queue = 0;
  for (let n = c; n < p.length; n++) {
    waitProbability += p[n];
    queue += (n - c) * p[n];
  }
  const ahead = p.slice(c);
  return {
    load,
    waitProbability,
    meanWait: queue / lambda,
    abandonShare: (theta * queue) / lambda,
    servedWithin: (t) => (t < 0 ? 0 : 1 - waitProbability + fromLine(ahead, c * mu, theta, t).served),
    abandonedWithin: (t) => (t < 0 ? 0 : fromLine(ahead, c * mu, theta, t).abandoned),
  };
}

/**
 * What becomes of an arrival who finds j people ahead (with probability start[j]) within t: the
 * chance to have started service, and to have given up. States: j ahead (j >= 0); from j >= 1 the
 * line ahead shortens at rate cmu + j theta; from 0 service starts at rate cmu; giving up at rate
 * theta from every state. Uniformisation with rate L: P(t) = sum_k Poisson(k; L t) start M^k,
 * M = I + Q / L.
 */
function fromLine(start: readonly number[], cmu: number, theta: number, t: number): { served: number; abandoned: number } {
  const J = start.length;
  if (J === 0 || t === 0) return { served: 0, abandoned: 0 };
  const L = cmu + J * theta;
  const lt = L * t;
  const last = Math.ceil(lt + 10 * Math.sqrt(lt) + 10);
  let state = Float64Array.from(start);
  let next = new Float64Array(J);
  let served = 0;
  let abandoned = 0;
  // Mass absorbed after k uniformised steps, in service and given up.
  let inService = 0;
  let gaveUp = 0;
  let logFactorial = 0;
  for (let k = 0; k <= last; k++) {
    if (k > 0) logFactorial += Math.log(k);
    const weight = Math.exp(-lt + k * Math.log(lt) - logFactorial);
    served += weight * inService;
    abandoned += weight * gaveUp;
    next.fill(0);
    for (let j = 0; j < J; j++) {
      const x = state[j];
      if (x === 0) continue;
      const move = (cmu + j * theta) / L;
      next[j] += x * (1 - move - theta / L);
      gaveUp += x * (theta / L);
      if (j === 0) inService += x * (cmu / L);
      else next[j - 1] += x * move;
    }
    [state, next] = [next, state];
  }
  return { served, abandoned };
}

/**
 * Square-root staffing: c = A + beta sqrt(A) servers for offered load A; within about one server of
 * the optimum over a wide range of loads ([Borst2004]).
 *
 * @example
 *   squareRootStaffing(100, 1); // 110
 */
export function squareRootStaffing(load: number, beta: number): number {
  return load + beta * Math.sqrt(load);
}

const phi = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
const Phi = (x: number) => 0.5 * (1 + errorFunction(x / Math.SQRT2));

/**
 * The Halfin-Whitt chance of waiting for square-root staffing with beta > 0 in a large M/M/c:
 * P(wait) -> 1 / (1 + beta Phi(beta) / phi(beta)) ([HalfinWhitt1981]).
 *
 * @example
 *   halfinWhittWait(0.5); // about 0.5
 */
export function halfinWhittWait(beta: number): number {
  return 1 / (1 + (beta * Phi(beta)) / phi(beta));
}

/**
 * The beta whose Halfin-Whitt chance of waiting is `waitProbability` (0 < p < 1), by bisection.
 *
 * @example
 *   halfinWhittBeta(halfinWhittWait(1.2)); // 1.2
 */
export function halfinWhittBeta(waitProbability: number): number {
  if (!(waitProbability > 0 && waitProbability < 1)) throw new RangeError(`a chance of waiting must lie strictly between 0 and 1; got ${waitProbability}`);
  let lo = 0;
  let hi = 10;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (halfinWhittWait(mid) > waitProbability) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * The fewest servers for which `meets` holds, given that more servers never hurt: from a starting
 * guess (square-root staffing), step down while it still holds, else up until it does. At most
 * `limit` servers; undefined if even that is not enough.
 *
 * @example
 *   fewestServers((c) => erlangAQueue({ arrivalRate: 1, serviceRate: 1 / 52, servers: c, abandonRate: 0.006 }).servedWithin(8) >= 0.9, 55);
 */
export function fewestServers(meets: (servers: number) => boolean, start: number, limit = 1_000_000): number | undefined {
  let c = Math.max(0, Math.min(limit, Math.round(start)));
  if (meets(c)) {
    while (c > 0 && meets(c - 1)) c -= 1;
    return c;
  }
  let step = 1;
  let lo = c;
  while (true) {
    const hi = Math.min(limit, lo + step);
    if (meets(hi)) {
      // The answer is in (lo, hi]: bisect.
      let a = lo;
      let b = hi;
      while (b - a > 1) {
        const m = Math.floor((a + b) / 2);
        if (meets(m)) b = m;
        else a = m;
      }
      return b;
    }
    if (hi === limit) return undefined;
    lo = hi;
    step *= 2;
  }
}
