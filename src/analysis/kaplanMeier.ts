import { zCritical } from '../engine/distributions.ts';

/** A Kaplan-Meier curve at integer times 0..T with a pointwise confidence band. */
export interface SurvivalCurve {
  /** Time points (weeks of duration): S(t) is the chance to last beyond t. */
  time: number[];
  survival: number[];
  lower: number[];
  upper: number[];
  atRisk: number[];
  events: number[];
}

/**
 * Kaplan-Meier [KaplanMeier1958] from counts per integer time: `events[t]` ended (the event) at t, `censored[t]`
 * left observation at t without the event. Band: Greenwood's variance on the log(-log) scale,
 * which keeps it inside [0, 1] ([KalbfleischPrentice2002]).
 *
 * @example
 *   kaplanMeierFromCounts([0, 1, 1], [0, 0, 1]).survival; // [1, 2/3, 1/3]
 */
export function kaplanMeierFromCounts(events: readonly number[], censored: readonly number[], level = 0.95): SurvivalCurve {
  if (events.length !== censored.length) throw new RangeError('events and censored must have the same length');
  const z = zCritical(level);
  let atRisk = 0;
  for (let t = 0; t < events.length; t++) atRisk += events[t] + censored[t];
  const out: SurvivalCurve = { time: [], survival: [], lower: [], upper: [], atRisk: [], events: [] };
  let s = 1;
  let greenwood = 0;
  for (let t = 0; t < events.length; t++) {
    const d = events[t];
    if (atRisk > 0 && d > 0) {
      s *= 1 - d / atRisk;
      if (atRisk > d) greenwood += d / (atRisk * (atRisk - d));
    }
    let lo = s;
    let hi = s;
    if (s > 0 && s < 1 && greenwood > 0) {
      const se = Math.sqrt(greenwood) / Math.abs(Math.log(s));
      lo = Math.pow(s, Math.exp(z * se));
      hi = Math.pow(s, Math.exp(-z * se));
    }
    out.time.push(t);
    out.survival.push(s);
    out.lower.push(lo);
    out.upper.push(hi);
    out.atRisk.push(atRisk);
    out.events.push(d);
    atRisk -= d + censored[t];
  }
  return out;
}

/** Counts per integer time from individual durations; `event[i]` false = censored. */
export function survivalCounts(durations: readonly number[], event: readonly boolean[], maxTime: number) {
  const events = new Array<number>(maxTime + 1).fill(0);
  const censored = new Array<number>(maxTime + 1).fill(0);
  durations.forEach((d, i) => {
    const t = Math.min(maxTime, Math.max(0, Math.round(d)));
    if (event[i]) events[t] += 1;
    else censored[t] += 1;
  });
  return { events, censored };
}

/** Kaplan-Meier from individual integer durations. */
export function kaplanMeier(durations: readonly number[], event: readonly boolean[], level = 0.95): SurvivalCurve {
  const maxTime = Math.round(durations.reduce((m, d) => Math.max(m, d), 0));
  const { events, censored } = survivalCounts(durations, event, maxTime);
  return kaplanMeierFromCounts(events, censored, level);
}

/** S(t) read off a curve: the survival after time t (the last point if t is beyond it). */
export function survivalAt(curve: SurvivalCurve, t: number): { survival: number; lower: number; upper: number } {
  const i = Math.max(0, Math.min(curve.time.length - 1, t));
  return { survival: curve.survival[i], lower: curve.lower[i], upper: curve.upper[i] };
}
