import { describe, expect, it } from 'vitest';
import { createStreams, mix32 } from '../../src/engine/random.ts';

const TWO_POW_32 = 4294967296;

/** Wellons' lowbias32 written independently with BigInt arithmetic (no Math.imul). */
function lowbias32Reference(x: number): number {
  const mask = 0xffffffffn;
  let v = BigInt(x >>> 0);
  v ^= v >> 16n;
  v = (v * 0x7feb352dn) & mask;
  v ^= v >> 15n;
  v = (v * 0x846ca68bn) & mask;
  v ^= v >> 16n;
  return Number(v);
}

/** 50 draws of stream `name` at counters (i, 3). */
function draws(seed: number, rep: number, name: string, n = 50): number[] {
  const s = createStreams(seed, rep).stream(name);
  return Array.from({ length: n }, (_, i) => s.u(i, 3));
}

/** Pearson correlation, written out so the test does not lean on the code under test. */
function correlation(x: number[], y: number[]): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

describe('mix32', () => {
  it('agrees with an independent BigInt implementation of lowbias32', () => {
    for (const x of [0, 1, 2, 3, 7, 255, 65535, 65536, 123456789, 0x7fffffff, 0x80000000, 0xdeadbeef, 0xffffffff]) {
      expect(mix32(x)).toBe(lowbias32Reference(x));
    }
  });
  it('returns unsigned 32-bit integers and no collisions over 2^16 consecutive inputs (it is a bijection)', () => {
    const seen = new Set<number>();
    for (let x = 0; x < 65536; x++) {
      const h = mix32(x);
      expect(Number.isInteger(h) && h >= 0 && h < TWO_POW_32).toBe(true);
      seen.add(h);
    }
    expect(seen.size).toBe(65536);
  });
});

describe('createStreams: reproducibility', () => {
  it('gives the same draws for the same seed, replication and stream name', () => {
    expect(draws(42, 3, 'contact.missed')).toEqual(draws(42, 3, 'contact.missed'));
  });
  it('gives different draws for another seed, replication or name (no draw in common)', () => {
    const base = draws(42, 3, 'contact.missed');
    for (const other of [draws(43, 3, 'contact.missed'), draws(42, 4, 'contact.missed'), draws(42, 3, 'contact.missed2')]) {
      expect(other.some((x, i) => x === base[i])).toBe(false);
    }
  });
  it('does not confuse seed and replication (1, 11) with (11, 1)', () => {
    const a = draws(1, 11, 's');
    const b = draws(11, 1, 's');
    expect(a.some((x, i) => x === b[i])).toBe(false);
  });
});

describe('createStreams: counters', () => {
  it('draws uniforms strictly inside (0, 1), on the grid (h + 0.5) / 2^32', () => {
    const s = createStreams(7, 0).stream('grid');
    for (let i = 0; i < 2000; i++) {
      const u = s.u(i, i % 13, i % 5);
      expect(u).toBeGreaterThan(0);
      expect(u).toBeLessThan(1);
      const h = u * TWO_POW_32 - 0.5;
      expect(Number.isInteger(h)).toBe(true);
    }
  });
  it('defaults missing counters to 0, and every counter changes the draw', () => {
    const s = createStreams(5, 1).stream('c');
    expect(s.u(9)).toBe(s.u(9, 0));
    expect(s.u(9)).toBe(s.u(9, 0, 0));
    const values = [s.u(9, 0, 0), s.u(10, 0, 0), s.u(9, 1, 0), s.u(9, 0, 1)];
    expect(new Set(values).size).toBe(4);
  });
  it('is not symmetric in its counters: u(3, 7) differs from u(7, 3)', () => {
    const s = createStreams(5, 1).stream('c');
    expect(s.u(3, 7)).not.toBe(s.u(7, 3));
    expect(s.u(3, 0, 7)).not.toBe(s.u(3, 7, 0));
  });
  it('draws depend only on their counters, not on the order or number of other draws (common random numbers)', () => {
    const counters: [number, number][] = [];
    for (let i = 0; i < 20; i++) for (let j = 0; j < 10; j++) counters.push([i, j]);

    const first = createStreams(99, 2).stream('matching');
    const inOrder = counters.map(([i, j]) => first.u(i, j));

    // Another run: other streams taken first, draws in reverse order, interleaved with other draws.
    const streams = createStreams(99, 2);
    const noise = streams.stream('noise');
    const noise2 = streams.stream('noise2');
    const second = streams.stream('matching');
    const reversed: number[] = [];
    for (let n = counters.length - 1; n >= 0; n--) {
      noise.u(n, 1, 2);
      noise2.u(n);
      const [i, j] = counters[n];
      reversed.unshift(second.u(i, j));
      second.u(i + 1000, j); // an extra draw of the same stream in between
    }
    expect(reversed).toEqual(inOrder);
  });
});

describe('createStreams: names', () => {
  it('refuses to hand out the same stream name twice', () => {
    const streams = createStreams(1, 0);
    streams.stream('contact');
    expect(() => streams.stream('contact')).toThrow('random stream "contact" is already in use');
  });
  it('lists the names taken, in order', () => {
    const streams = createStreams(1, 0);
    expect(streams.names).toEqual([]);
    streams.stream('b');
    streams.stream('a');
    expect(streams.names).toEqual(['b', 'a']);
  });
  it('lets a new set of streams take a name again, with the same draws', () => {
    const a = createStreams(1, 0).stream('x');
    const b = createStreams(1, 0).stream('x');
    expect(b.name).toBe('x');
    expect([b.u(1), b.u(2, 3), b.u(4, 5, 6)]).toEqual([a.u(1), a.u(2, 3), a.u(4, 5, 6)]);
  });
});

describe('createStreams: validation', () => {
  it('rejects a seed that is negative, fractional or not a number, naming the value', () => {
    expect(() => createStreams(-1, 0)).toThrow('seed must be a non-negative integer, got -1');
    expect(() => createStreams(1.5, 0)).toThrow('seed must be a non-negative integer, got 1.5');
    expect(() => createStreams(Number.NaN, 0)).toThrow('seed must be a non-negative integer, got NaN');
    expect(() => createStreams(-1, 0)).toThrow(RangeError);
  });
  it('rejects a replication that is negative or fractional, naming the value', () => {
    expect(() => createStreams(0, -2)).toThrow('replication must be a non-negative integer, got -2');
    expect(() => createStreams(0, 0.5)).toThrow('replication must be a non-negative integer, got 0.5');
    expect(() => createStreams(0, Infinity)).toThrow('replication must be a non-negative integer, got Infinity');
  });
  it('accepts seed 0 and replication 0', () => {
    expect(() => createStreams(0, 0).stream('s').u(0)).not.toThrow();
  });
});

describe('createStreams: statistical sanity (100 000 draws over counters i = 0..999, j = 0..99)', () => {
  const s = createStreams(2024, 0).stream('sanity');
  const grid: number[][] = [];
  for (let i = 0; i < 1001; i++) {
    const row: number[] = [];
    for (let j = 0; j < 101; j++) row.push(s.u(i, j));
    grid.push(row);
  }
  const flat: number[] = [];
  for (let i = 0; i < 1000; i++) for (let j = 0; j < 100; j++) flat.push(grid[i][j]);

  it('has mean near 1/2 and variance near 1/12', () => {
    // SE of the mean = sqrt(1/12 / 100000) = 0.00091; the bound is 5.5 SE.
    const mean = flat.reduce((a, b) => a + b, 0) / flat.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005);
    const variance = flat.reduce((a, b) => a + (b - mean) ** 2, 0) / (flat.length - 1);
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.002);
  });
  it('passes a chi-square test of uniformity over 10 bins (chi2 < 40 with 9 df)', () => {
    // Expected 10 000 per bin; chi2 = sum (observed - 10000)^2 / 10000. P(chi2_9 > 40) is about 7e-6.
    const counts = new Array<number>(10).fill(0);
    for (const u of flat) counts[Math.floor(u * 10)] += 1;
    const chi2 = counts.reduce((a, c) => a + (c - 10000) ** 2 / 10000, 0);
    expect(chi2).toBeLessThan(40);
  });
  it('has near-zero correlation between neighbouring counters (i vs i + 1, j vs j + 1)', () => {
    // With 100 000 pairs the SE of r is about 0.003; the bound is about 6 SE.
    const x: number[] = [];
    const nextI: number[] = [];
    const nextJ: number[] = [];
    for (let i = 0; i < 1000; i++) {
      for (let j = 0; j < 100; j++) {
        x.push(grid[i][j]);
        nextI.push(grid[i + 1][j]);
        nextJ.push(grid[i][j + 1]);
      }
    }
    expect(Math.abs(correlation(x, nextI))).toBeLessThan(0.02);
    expect(Math.abs(correlation(x, nextJ))).toBeLessThan(0.02);
  });
  it('has near-zero correlation between two streams at the same counters', () => {
    const other = createStreams(2024, 0).stream('sanity.other');
    const y: number[] = [];
    for (let i = 0; i < 1000; i++) for (let j = 0; j < 100; j++) y.push(other.u(i, j));
    expect(Math.abs(correlation(flat, y))).toBeLessThan(0.02);
  });
});
