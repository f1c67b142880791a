import type { RandomStream } from '../engine/random.ts';

/**
 * A Latin hypercube design [McKay1979] of n points in the unit cube [0, 1)^d: each dimension is cut into n
 * equal strata and every stratum holds exactly one point, so even a small design spreads over
 * every parameter's whole range. Every draw comes from the given seeded stream, addressed by
 * (dimension, point), so the design depends only on the stream's seed.
 *
 * @example
 *   const u = createStreams(1, 0).stream('calibration.design');
 *   latinHypercube(10, 3, u); // 10 points; in each of 3 columns, one point in each tenth
 */
export function latinHypercube(n: number, d: number, stream: RandomStream): number[][] {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`points must be a positive integer, got ${n}`);
  if (!Number.isInteger(d) || d < 1) throw new RangeError(`dimensions must be a positive integer, got ${d}`);
  const points = Array.from({ length: n }, () => new Array<number>(d));
  for (let j = 0; j < d; j++) {
    // Fisher-Yates shuffle of the strata, one draw per position.
    const strata = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const k = Math.floor(stream.u(j, i, 0) * (i + 1));
      [strata[i], strata[k]] = [strata[k], strata[i]];
    }
    for (let i = 0; i < n; i++) points[i][j] = (strata[i] + stream.u(j, i, 1)) / n;
  }
  return points;
}
