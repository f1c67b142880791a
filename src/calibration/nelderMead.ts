/**
 * Nelder-Mead simplex search [NelderMead1965] for the minimum of a function on the unit cube [0, 1]^d, for the
 * local refinement after a space-filling design. Points are clamped into the cube. The objective
 * may be asynchronous (it runs a simulation) and is evaluated one point at a time, at most
 * `maxEvaluations` times. Deterministic: no random draws.
 *
 * @example
 *   await nelderMead(async ([x, y]) => (x - 0.3) ** 2 + (y - 0.6) ** 2, [0.5, 0.5], { maxEvaluations: 200 });
 *   // { x: [~0.3, ~0.6], value: ~0 }
 */
export interface NelderMeadOptions {
  maxEvaluations: number;
  /** Initial step along each axis, in unit-cube coordinates. */
  step?: number;
  /** Stop when every vertex is within this distance of the best (per coordinate) and values agree. */
  tolerance?: number;
}

export interface NelderMeadResult {
  x: number[];
  value: number;
  evaluations: number;
}

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);

export async function nelderMead(
  f: (x: number[]) => Promise<number>,
  start: readonly number[],
  options: NelderMeadOptions,
  startValue?: number,
): Promise<NelderMeadResult> {
  const d = start.length;
  const step = options.step ?? 0.1;
  const tol = options.tolerance ?? 1e-3;
  let evaluations = 0;
  const evaluate = async (x: number[]) => {
    evaluations += 1;
    return f(x);
  };
  const x0 = start.map(clamp01);
  const simplex: { x: number[]; v: number }[] = [{ x: x0, v: startValue ?? (await evaluate(x0)) }];
  for (let j = 0; j < d && evaluations < options.maxEvaluations; j++) {
    const x = [...x0];
    // Step inward when the start sits on the upper bound.
    x[j] = x0[j] + step <= 1 ? x0[j] + step : x0[j] - step;
    simplex.push({ x: x.map(clamp01), v: await evaluate(x.map(clamp01)) });
  }
  const best = () => simplex.reduce((a, b) => (b.v < a.v ? b : a));
  if (simplex.length < d + 1) return { x: best().x, value: best().v, evaluations };

  while (evaluations < options.maxEvaluations) {
    simplex.sort((a, b) => a.v - b.v);
    const spread = Math.max(...simplex.slice(1).map((s) => Math.max(...s.x.map((xi, i) => Math.abs(xi - simplex[0].x[i])))));
    if (spread < tol) break;
    const centroid = new Array<number>(d).fill(0);
    for (let k = 0; k < d; k++) for (let i = 0; i < d; i++) centroid[i] += simplex[k].x[i] / d;
    const worst = simplex[d];
    const along = (t: number) => centroid.map((c, i) => clamp01(c + t * (worst.x[i] - c)));
    const xr = along(-1);
    const vr = await evaluate(xr);
    if (vr < simplex[0].v) {
      if (evaluations >= options.maxEvaluations) {
        simplex[d] = { x: xr, v: vr };
        break;
      }
      const xe = along(-2);
      const ve = await evaluate(xe);
      simplex[d] = ve < vr ? { x: xe, v: ve } : { x: xr, v: vr };
    } else if (vr < simplex[d - 1].v) {
      simplex[d] = { x: xr, v: vr };
    } else {
      if (evaluations >= options.maxEvaluations) break;
      // Contract toward the better of the worst point and its reflection.
      const outside = vr < worst.v;
      const xc = along(outside ? -0.5 : 0.5);
      const vc = await evaluate(xc);
      if (vc < (outside ? vr : worst.v)) {
        simplex[d] = { x: xc, v: vc };
      } else {
        // Shrink every vertex toward the best.
        for (let k = 1; k <= d && evaluations < options.maxEvaluations; k++) {
          const x = simplex[k].x.map((xi, i) => clamp01(simplex[0].x[i] + 0.5 * (xi - simplex[0].x[i])));
          simplex[k] = { x, v: await evaluate(x) };
        }
      }
    }
  }
  const b = best();
  return { x: b.x, value: b.v, evaluations };
}
