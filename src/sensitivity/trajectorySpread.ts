/**
 * Campolongo, Cariboni & Saltelli [Campolongo2007]: Morris trajectories explore
 * the input space better when they are spread out. The distance between trajectories m and l is
 * the sum of the Euclidean distances between all their points,
 *   d_ml = sum_i sum_j || X_i(m) - X_j(l) ||,
 * and a set of trajectories is as spread out as D = sqrt(sum over its pairs of d_ml^2).
 */

/** d_ml for every pair of trajectories (each a list of points), as a symmetric matrix of squares. */
function squaredDistances(trajectories: readonly (readonly number[])[][]): Float64Array[] {
  const m = trajectories.length;
  const d2 = Array.from({ length: m }, () => new Float64Array(m));
  for (let a = 0; a < m; a++) {
    for (let b = a + 1; b < m; b++) {
      let d = 0;
      for (const p of trajectories[a]) {
        for (const q of trajectories[b]) {
          let s = 0;
          for (let z = 0; z < p.length; z++) s += (p[z] - q[z]) ** 2;
          d += Math.sqrt(s);
        }
      }
      d2[a][b] = d2[b][a] = d * d;
    }
  }
  return d2;
}

/**
 * D, Campolongo's spread of a set of trajectories.
 *
 * @example
 *   trajectorySpread([[[0], [1]], [[0], [1]]]); // d = 0 + 1 + 1 + 0 = 2, so D = 2
 */
export function trajectorySpread(trajectories: readonly (readonly number[])[][]): number {
  const d2 = squaredDistances(trajectories);
  let sum = 0;
  for (let a = 0; a < d2.length; a++) for (let b = a + 1; b < d2.length; b++) sum += d2[a][b];
  return Math.sqrt(sum);
}

/** Swap passes after the greedy start; each pass that improves D is followed by another, up to this many. */
const MAX_PASSES = 100;

/**
 * The indices (ascending) of r trajectories out of the candidates with a large spread D.
 * Campolongo et al. maximise D over all subsets, which is combinatorial (C(M, r) subsets); this
 * finds a local maximum instead: start from the farthest pair, add the candidate that raises D^2
 * most until r are chosen, then swap a chosen for an unchosen candidate while that raises D^2.
 * Costs M^2 (k + 1)^2 k / 2 operations for the distances: keep M in the hundreds for many factors.
 *
 * @example
 *   campolongoSelection(trajectories, 10); // e.g. [3, 17, 22, ...]
 */
export function campolongoSelection(trajectories: readonly (readonly number[])[][], r: number): number[] {
  const m = trajectories.length;
  if (r >= m) return trajectories.map((_, i) => i);
  const d2 = squaredDistances(trajectories);
  const chosen = new Uint8Array(m);
  // contribution[c]: sum of d^2 from candidate c to the chosen ones; D^2 gains by it when c joins.
  const contribution = new Float64Array(m);
  const choose = (c: number, sign: 1 | -1) => {
    chosen[c] = sign > 0 ? 1 : 0;
    for (let x = 0; x < m; x++) contribution[x] += sign * d2[c][x];
  };

  let first = 0;
  let second = Math.min(1, m - 1);
  for (let a = 0; a < m; a++) for (let b = a + 1; b < m; b++) if (d2[a][b] > d2[first][second]) [first, second] = [a, b];
  choose(first, 1);
  if (r > 1) choose(second, 1);
  for (let size = 2; size < r; size++) {
    let best = -1;
    for (let c = 0; c < m; c++) if (!chosen[c] && (best < 0 || contribution[c] > contribution[best])) best = c;
    choose(best, 1);
  }

  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let gain = 0;
    let out = -1;
    let into = -1;
    for (let s = 0; s < m; s++) {
      if (!chosen[s]) continue;
      for (let c = 0; c < m; c++) {
        if (chosen[c]) continue;
        // Replacing s by c: c's distances to the others in, s's distances out.
        const g = contribution[c] - d2[c][s] - contribution[s];
        if (g > gain * (1 + 1e-12) + 1e-12) [gain, out, into] = [g, s, c];
      }
    }
    if (out < 0) break;
    choose(out, -1);
    choose(into, 1);
  }
  return [...chosen.keys()].filter((c) => chosen[c]);
}
