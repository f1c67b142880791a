import { JOE_KUO_DIMENSIONS, JOE_KUO_TABLE } from './directionNumbers.ts';
import { SensitivityError } from './errors.ts';

/** The most dimensions the stored direction numbers support. */
export const SOBOL_MAX_DIMENSIONS = JOE_KUO_DIMENSIONS;

/** Bits per coordinate: points are multiples of 2^-32, exact in a double. */
const BITS = 32;
const TWO_POW_32 = 2 ** BITS;

let cache: Uint32Array | undefined;

/**
 * The 32 direction numbers v_1 ... v_32 of every dimension (scaled to 32-bit integers), built once
 * from Joe & Kuo's initial numbers [JoeKuo2008] by the recurrence of Bratley & Fox [BratleyFox1988]
 * (Algorithm 659): for j > s,
 *   v_j = a_1 v_(j-1) xor ... xor a_(s-1) v_(j-s+1) xor v_(j-s) xor (v_(j-s) >> s).
 */
function directionNumbers(): Uint32Array {
  if (cache) return cache;
  const v = new Uint32Array(SOBOL_MAX_DIMENSIONS * BITS);
  // Dimension 1: m_i = 1 for every i, so v_j = 2^(32 - j): the van der Corput sequence in base 2.
  for (let j = 0; j < BITS; j++) v[j] = 2 ** (BITS - 1 - j);
  const rows = JOE_KUO_TABLE.trim().split('\n');
  for (const row of rows) {
    const [d, s, a, ...m] = row.split(' ').map(Number);
    const base = (d - 1) * BITS;
    for (let j = 0; j < BITS; j++) {
      if (j < s) {
        v[base + j] = m[j] * 2 ** (BITS - 1 - j);
        continue;
      }
      let x = v[base + j - s] ^ (v[base + j - s] >>> s);
      for (let l = 1; l < s; l++) if ((a >>> (s - 1 - l)) & 1) x ^= v[base + j - l];
      v[base + j] = x;
    }
  }
  cache = v;
  return v;
}

/** How many 1 bits end i: the Gray-code bit that flips between point i and point i + 1. */
function trailingOnes(i: number): number {
  const zeros = ~i; // the lowest 0 bit of i is the lowest 1 bit of ~i
  return 31 - Math.clz32(zeros & -zeros);
}

/**
 * Points skip ... skip + n - 1 of the Sobol' low-discrepancy sequence in `dims` dimensions, with
 * the direction numbers of Joe & Kuo [JoeKuo2008] (the new-joe-kuo-6.21201 set), 32 bits per
 * coordinate, built by Antonov and Saleev's Gray-code order as in [BratleyFox1988]: each point differs from the previous one by one xor per dimension.
 * The default skip of 1 leaves out the origin, a corner of the cube that a factor mapping may not
 * accept (a log scale, an inverse distribution function).
 *
 * @example
 *   sobolPoints(3, 2); // [[0.5, 0.5], [0.75, 0.25], [0.25, 0.75]]
 */
export function sobolPoints(n: number, dims: number, skip = 1): number[][] {
  if (!Number.isInteger(n) || n < 0) throw new SensitivityError(`points must be a non-negative integer, got ${n}`);
  if (!Number.isInteger(dims) || dims < 1 || dims > SOBOL_MAX_DIMENSIONS) {
    throw new SensitivityError(`dimensions must be an integer from 1 to ${SOBOL_MAX_DIMENSIONS} (the stored Joe & Kuo direction numbers), got ${dims}`);
  }
  if (!Number.isInteger(skip) || skip < 0) throw new SensitivityError(`skip must be a non-negative integer, got ${skip}`);
  if (skip + n > TWO_POW_32) throw new SensitivityError(`a 32-bit Sobol' sequence has 2^32 points; skip + points is ${skip + n}`);
  const v = directionNumbers();
  // The point at index `skip`: the xor of the direction numbers at the set bits of its Gray code.
  const gray = (skip ^ Math.floor(skip / 2)) >>> 0;
  const x = new Uint32Array(dims);
  for (let b = 0; b < BITS; b++) {
    if (!((gray >>> b) & 1)) continue;
    for (let d = 0; d < dims; d++) x[d] ^= v[d * BITS + b];
  }
  const points: number[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    const p = new Array<number>(dims);
    for (let d = 0; d < dims; d++) p[d] = x[d] / TWO_POW_32;
    points[i] = p;
    if (i + 1 === n) break;
    const c = trailingOnes(skip + i);
    for (let d = 0; d < dims; d++) x[d] ^= v[d * BITS + c];
  }
  return points;
}
