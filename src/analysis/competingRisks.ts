/**
 * Competing risks: a match ends in one of several ways (planned completion, or a premature closure
 * for one reason); a participant on the waiting list is matched or leaves. Only observation ending
 * (the horizon) is censoring. The cumulative incidence of each cause is the Aalen-Johansen
 * estimator (Putter, Fiocco & Geskus 2007):
 *
 *   CIF_k(t) = sum over s <= t of S(s-) d_k(s) / n(s),   S the all-cause Kaplan-Meier survival,
 *
 * so the causes' incidences add up to 1 - S(t). Treating a competing cause as censoring (1 - KM)
 * would estimate a world without it and overstate the incidence ([Putter2007]; [Austin2016]).
 */

/**
 * Counts per integer duration t = 0..T: `events[k][t]` ended by cause k at t, `censored[t]` were
 * still going when observation ended after t. At t, events come before censoring (the censored
 * were at risk at t).
 */
export interface CompetingCounts {
  events: number[][];
  censored: number[];
}

export function emptyCounts(causes: number, maxTime: number): CompetingCounts {
  return {
    events: Array.from({ length: causes }, () => new Array<number>(maxTime + 1).fill(0)),
    censored: new Array<number>(maxTime + 1).fill(0),
  };
}

export interface CumulativeIncidence {
  time: number[];
  /** Number at risk at each t (durations >= t). */
  atRisk: number[];
  /** All-cause survival S(t): the chance to still be going after t. */
  survival: number[];
  /** incidence[k][t]: the chance to have ended by cause k by t. */
  incidence: number[][];
  /** Observations in all. */
  total: number;
}

/**
 * The Aalen-Johansen estimator from counts.
 *
 * @example
 *   // 4 matches: one premature at 1, one completed at 2, one premature at 2, one still running at 2
 *   aalenJohansen({ events: [[0, 1, 1], [0, 0, 1]], censored: [0, 0, 1] }).incidence[0]; // [0, 0.25, 0.5]
 */
export function aalenJohansen(counts: CompetingCounts): CumulativeIncidence {
  const { events, censored } = counts;
  const T = censored.length;
  const causes = events.length;
  let atRisk = 0;
  for (let t = 0; t < T; t++) {
    atRisk += censored[t];
    for (let k = 0; k < causes; k++) atRisk += events[k][t];
  }
  // Sized once and filled by index (every replication computes two of these curves).
  const filled = () => new Array<number>(T).fill(0);
  const out: CumulativeIncidence = { time: filled(), atRisk: filled(), survival: filled(), incidence: events.map(filled), total: atRisk };
  let s = 1;
  const cif = new Float64Array(causes);
  for (let t = 0; t < T; t++) {
    let d = 0;
    for (let k = 0; k < causes; k++) d += events[k][t];
    if (atRisk > 0 && d > 0) {
      for (let k = 0; k < causes; k++) cif[k] += (s * events[k][t]) / atRisk;
      s *= 1 - d / atRisk;
    }
    out.time[t] = t;
    out.atRisk[t] = atRisk;
    out.survival[t] = s;
    for (let k = 0; k < causes; k++) out.incidence[k][t] = cif[k];
    atRisk -= d + censored[t];
  }
  return out;
}

/**
 * A cause's cumulative incidence at t (the last value for t beyond the curve); NaN when there
 * was nothing to observe.
 */
export function incidenceAt(curve: CumulativeIncidence, cause: number, t: number): number {
  if (curve.total === 0) return NaN;
  const i = Math.max(0, Math.min(curve.time.length - 1, Math.floor(t)));
  return curve.incidence[cause][i];
}
