import seedrandom from 'seedrandom';

/**
 * A named random stream whose draws are addressed by counters instead of by position.
 *
 * Why counters: common random numbers. `u(agent, week)` is the same number in every scenario run
 * with the same seed and replication, whatever else happened in the run (how many other agents
 * drew, in which order). Two designs then differ only by mechanism, so comparisons can be paired
 * per participant. A positional generator would shift every later draw as soon as one scenario
 * draws once more than another.
 *
 * The stream's key comes from seedrandom (alea) seeded with (seed, replication, stream name);
 * each draw mixes the key with its counters through an integer hash (Wellons' lowbias32, a
 * full-avalanche 32-bit mixer), so a draw costs a few multiplications and no reseeding.
 *
 * @example
 *   const s = createStreams(42, 0).stream('contact.missed');
 *   s.u(7, 12);      // participant 7, week 12: a uniform in (0, 1)
 */
export interface RandomStream {
  readonly name: string;
  /** A uniform in the open interval (0, 1) addressed by up to three non-negative integer counters. */
  u(i: number, j?: number, k?: number): number;
}

/** Wellons' lowbias32: a bijective 32-bit mixer with near-ideal avalanche. */
export function mix32(x: number): number {
  return mixInt32(x) >>> 0;
}

/** lowbias32 with its result as a signed 32-bit integer: the same bits, kept in V8's int32 form between rounds. */
function mixInt32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  return x ^ (x >>> 16);
}

class CounterStream implements RandomStream {
  // The keys are kept as signed 32-bit integers (the same bits as alea's unsigned ones): every use
  // reduces them to 32 bits anyway (^, and a sum taken modulo 2^32 by the next ^), and V8 then needs
  // no conversion from a double on each draw.
  private readonly key1: number;
  private readonly key2: number;

  constructor(
    readonly name: string,
    key1: number,
    key2: number,
  ) {
    this.key1 = key1 | 0;
    this.key2 = key2 | 0;
  }

  u(i: number, j = 0, k = 0): number {
    // Each counter is folded in with an odd multiplier and followed by a full-avalanche mix, so
    // neighbouring counters (agent 7 and 8, week 12 and 13) give unrelated numbers.
    let h = mixInt32(i ^ this.key1);
    h = mixInt32(h ^ (Math.imul(j, 0x85ebca6b) + this.key2));
    h = mixInt32(h ^ Math.imul(k + 1, 0xc2b2ae35));
    // 2^-32 as a literal: scaling by a power of two is exact, so this is the division by 2^32 it
    // replaces, but cheaper (and a literal, unlike a module constant, needs no load in optimised code).
    return ((h >>> 0) + 0.5) * 2.3283064365386963e-10;
  }
}

/**
 * The streams of one replication. Each stream name may be taken once: two processes sharing
 * a stream would correlate decisions that the model treats as independent.
 */
export interface Streams {
  stream(name: string): RandomStream;
  readonly names: readonly string[];
}

export function createStreams(seed: number, replication: number): Streams {
  if (!Number.isInteger(seed) || seed < 0) throw new RangeError(`seed must be a non-negative integer, got ${seed}`);
  if (!Number.isInteger(replication) || replication < 0) {
    throw new RangeError(`replication must be a non-negative integer, got ${replication}`);
  }
  const taken = new Map<string, RandomStream>();
  return {
    get names() {
      return [...taken.keys()];
    },
    stream(name: string): RandomStream {
      if (taken.has(name)) throw new Error(`random stream "${name}" is already in use`);
      const alea = seedrandom.alea(`${seed}/${replication}/${name}`);
      const s = new CounterStream(name, alea.int32() >>> 0, alea.int32() >>> 0);
      taken.set(name, s);
      return s;
    },
  };
}
