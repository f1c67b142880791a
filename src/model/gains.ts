import { normal } from '../engine/distributions.ts';
import { float64, int32, uint8 } from '../engine/process.ts';
import type { RandomStream } from '../engine/random.ts';
import { DOMAINS, DRIFT_TABLE, IS_EVENT } from './domains.ts';
import type { Params } from './params.ts';
import { N_DOMAINS, type ModelState } from './state.ts';

/**
 * A participant's outcomes over time. Without the programme each domain follows a path of its own
 * from the baseline: a random walk with the domain's natural drift and the scenario's spread of
 * natural change, sampled exactly at the weeks it is observed (an increment over d weeks is
 * drift d/52 + sd sqrt(d/52) Z). With the programme the same path plus the participant's gains:
 * gains accrue in matches, fade after a match toward a lasting share ([Goodkind2005]), slower for
 * pairs that keep in touch, and an early ending takes some away ([GrossmanRhodes2002]). Work is an
 * event: without the programme a participant finds work after `workDraw / hazard` weeks; with it,
 * the hazard is raised by the gain in the work domain, and work is found once the accumulated hazard
 * reaches the same draw (one uniform per participant for both paths: common random numbers).
 */
declare module './state.ts' {
  interface ModelState {
    /** fadeFactor by weeks since the closure, for pairs apart (first half) and in touch (second half). */
    fadeTable: Float64Array;
    /** fadePower by exponent 0 to the run's weeks + 1, for pairs apart (first half) and in touch (second half). */
    fadePowers: Float64Array;
    /** The spread of natural change over n weeks, by n (0 to the run's weeks): a square root spared per draw. */
    naturalSdTable: Float64Array;
  }
  interface ParticipantColumns {
    /** Accrued gain per domain; while unmatched it fades from `lastClosure`. */
    gain: Float64Array;
    lastClosure: Int32Array;
    inTouch: Uint8Array;
    /** The counterfactual path per domain: its value at `cfTime` weeks after referral. */
    cfValue: Float64Array;
    cfTime: Int32Array;
    /** Accumulated hazard multiplier of finding work (weeks), up to week `jobUpdated` (exclusive). */
    jobIntegral: Float64Array;
    jobUpdated: Int32Array;
  }
}

export const GAIN_COLUMNS = {
  gain: float64(0, N_DOMAINS), lastClosure: int32(-1), inTouch: uint8(), cfValue: float64(0, N_DOMAINS), cfTime: int32(0, N_DOMAINS),
  jobIntegral: float64(), jobUpdated: int32(),
} as const;

export const WORK = DOMAINS.indexOf('employment');

/** The half-life of a gain's fading part, longer for pairs that keep in touch. */
function fadeHalfLife(b: Params['behaviour'], inTouch: boolean): number {
  return b.fadeHalfLifeWeeks * (inTouch ? b.keepInTouchFadeFactor : 1);
}

/** The share of a gain left `weeksSince` weeks after a closure. */
export function fadeShare(b: Params['behaviour'], weeksSince: number, inTouch: boolean): number {
  return b.retainedShare + (1 - b.retainedShare) * Math.pow(0.5, weeksSince / fadeHalfLife(b, inTouch));
}

/** fadeShare for every week of a run, apart and in touch: read for every unmatched participant's gain. */
export function fadeTable(b: Params['behaviour'], weeks: number): Float64Array {
  const t = new Float64Array(2 * (weeks + 1));
  for (let w = 0; w <= weeks; w++) {
    t[w] = fadeShare(b, w, false);
    t[weeks + 1 + w] = fadeShare(b, w, true);
  }
  return t;
}

/**
 * The standard deviation of a counterfactual increment over n weeks, for n = 0 to `weeks`: sd sqrt(n/52).
 *
 * @example
 *   naturalSdTable(0.4, 104)[52]; // 0.4 (one year)
 */
export function naturalSdTable(sdPerYear: number, weeks: number): Float64Array {
  const t = new Float64Array(weeks + 1);
  for (let n = 0; n <= weeks; n++) t[n] = sdPerYear * Math.sqrt(n / 52);
  return t;
}

/**
 * The weekly ratio of a fading gain's fading part, q = 2^(-1/half), raised to `j`.
 *
 * @example
 *   fadePower(behaviour, false, 26); // 0.5 with a half-life of 26 weeks
 */
export function fadePower(b: Params['behaviour'], inTouch: boolean, j: number): number {
  const q = Math.pow(0.5, 1 / fadeHalfLife(b, inTouch));
  return Math.pow(q, j);
}

/**
 * fadePower for every exponent of a run, apart and in touch: read whenever the work hazard catches up with a fading gain.
 *
 * @example
 *   fadePowerTable(behaviour, 156)[158 + 1]; // q for pairs in touch (each half holds weeks + 2 exponents)
 */
export function fadePowerTable(b: Params['behaviour'], weeks: number): Float64Array {
  const n = weeks + 2;
  const t = new Float64Array(2 * n);
  for (let j = 0; j < n; j++) {
    t[j] = fadePower(b, false, j);
    t[n + j] = fadePower(b, true, j);
  }
  return t;
}

/** fadePower from the run's table (computed beyond it). */
function fadePowerAt(state: ModelState, inTouch: boolean, j: number): number {
  const t = state.fadePowers;
  const size = t.length >> 1;
  return j >= 0 && j < size ? t[(inTouch ? size : 0) + j] : fadePower(state.params.behaviour, inTouch, j);
}

/** The share of a gain left `weeksSince` weeks after a closure (from the run's table). */
export function fadeFactor(state: ModelState, weeksSince: number, inTouch: boolean): number {
  const t = state.fadeTable;
  const half = t.length >> 1;
  return weeksSince < half ? t[(inTouch ? half : 0) + weeksSince] : fadeShare(state.params.behaviour, weeksSince, inTouch);
}

/** The participant's gain in one domain at `week` (fade applied if unmatched). */
export function gainAt(state: ModelState, p: number, d: number, week: number): number {
  const t = state.participants;
  const g = t.gain[p * N_DOMAINS + d];
  return t.lastClosure[p] < 0 ? g : g * fadeFactor(state, week - t.lastClosure[p], t.inTouch[p] === 1);
}

/** The hazard multiplier of finding work at a gain in the work domain. */
function workMultiplier(state: ModelState, gain: number): number {
  return Math.max(0, 1 + state.params.behaviour.employmentGainFactor * gain);
}

/**
 * Brings the accumulated work hazard to `week` (exclusive): weeks without a match add their multiplier
 * in closed form (a fading gain sums as a geometric series); matched weeks are added by the outcomes
 * process as they pass.
 */
export function advanceWork(state: ModelState, p: number, week: number): void {
  const t = state.participants;
  const from = t.jobUpdated[p];
  if (week <= from) return;
  const n = week - from;
  const g0 = t.gain[p * N_DOMAINS + WORK];
  const c = t.lastClosure[p];
  const f = state.params.behaviour.employmentGainFactor;
  if (c < 0 || g0 === 0 || f === 0) {
    t.jobIntegral[p] += n * workMultiplier(state, c < 0 ? g0 : 0);
  } else {
    // sum over s = from..week-1 of 1 + f g0 (r + (1 - r) q^(s - c)), q = 2^(-1/half); powers of q from the run's table
    const b = state.params.behaviour;
    const inTouch = t.inTouch[p] === 1;
    const geometric = (fadePowerAt(state, inTouch, from - c) * (1 - fadePowerAt(state, inTouch, n))) / (1 - fadePowerAt(state, inTouch, 1));
    t.jobIntegral[p] += Math.max(0, n + f * g0 * (b.retainedShare * n + (1 - b.retainedShare) * geometric));
  }
  t.jobUpdated[p] = week;
}

/** Whether the participant has found work by `week` (inclusive), with the programme. */
export function employedWithProgramme(state: ModelState, p: number, week: number): boolean {
  advanceWork(state, p, week + 1);
  return state.participants.jobIntegral[p] >= workThreshold(state, p);
}

/** Whether the participant would have found work by `week` (inclusive) without the programme. */
export function employedWithout(state: ModelState, p: number, week: number): boolean {
  return week - state.participants.referredWeek[p] + 1 >= workThreshold(state, p);
}

function workThreshold(state: ModelState, p: number): number {
  const weekly = state.params.outcomes.employmentPerYear / 52;
  return weekly > 0 ? state.participants.workDraw[p] / weekly : Infinity;
}

/** The counterfactual value of a score domain `weeks` after referral (the path moves forward only). */
export function counterfactualAt(state: ModelState, natural: RandomStream, p: number, d: number, weeks: number): number {
  const t = state.participants;
  const i = p * N_DOMAINS + d;
  const from = t.cfTime[i];
  if (weeks > from) {
    const years = (weeks - from) / 52;
    const drift = DRIFT_TABLE[t.newcomer[p] * N_DOMAINS + d];
    t.cfValue[i] += drift * years + normal(natural.u(p, d, weeks), 0, state.naturalSdTable[weeks - from]);
    t.cfTime[i] = weeks;
  }
  return t.cfValue[i];
}

/**
 * A domain's value with the programme at `week`, given `without`, its counterfactualValue at the same week:
 * that path plus gains, or work found (1/0). Taking the counterfactual as given spares a second look-up
 * of the path for every measurement and curve point.
 */
export function programmeValue(state: ModelState, p: number, d: number, week: number, without: number): number {
  if (IS_EVENT[d] === 1) return employedWithProgramme(state, p, week) ? 1 : 0;
  return without + gainAt(state, p, d, week);
}

/** A domain's value without the programme at `week`: the counterfactual path, or work found (1/0). */
export function counterfactualValue(state: ModelState, natural: RandomStream, p: number, d: number, week: number): number {
  if (IS_EVENT[d] === 1) return employedWithout(state, p, week) ? 1 : 0;
  return counterfactualAt(state, natural, p, d, week - state.participants.referredWeek[p]);
}

/** Applies fading up to `week` to the stored gains, before a new match adds to them. */
export function settleGains(state: ModelState, p: number, week: number): void {
  const t = state.participants;
  if (t.lastClosure[p] < 0) return;
  advanceWork(state, p, week);
  const f = fadeFactor(state, week - t.lastClosure[p], t.inTouch[p] === 1);
  for (let d = 0; d < N_DOMAINS; d++) t.gain[p * N_DOMAINS + d] *= f;
  t.lastClosure[p] = -1;
  t.inTouch[p] = 0;
}

/** Initial state of a referred participant's paths: the counterfactual starts at the baseline. */
export function startPaths(state: ModelState, p: number, week: number): void {
  const t = state.participants;
  for (let d = 0; d < N_DOMAINS; d++) {
    t.cfValue[p * N_DOMAINS + d] = t.baseline[p * N_DOMAINS + d];
    t.cfTime[p * N_DOMAINS + d] = 0;
  }
  t.jobUpdated[p] = week;
}
