import { bernoulli, hazardToProbability } from '../../engine/distributions.ts';
import { defineProcess } from '../../engine/process.ts';
import type { RandomStream } from '../../engine/random.ts';
import { DOMAINS, FOCUS_WEIGHTS } from '../domains.ts';
import { WORK, employedWithProgramme, gainAt } from '../gains.ts';
import { finaliseClosure, isPremature, requestClosure, requestUnitClosure } from '../lifecycle.ts';
import type { ClosureReason } from '../results.ts';
import { N_DOMAINS, type Match, type ModelState, type Unit } from '../state.ts';

/** The competing premature reasons of a duo, in the order of `prematureHazards`' slots. */
export const PREMATURE_ORDER: readonly ClosureReason[] = ['volunteer', 'resources', 'participant', 'mismatch'];
/** Slots 0-1 are the unit's (the volunteer, support), 2-3 each member's own. */
const UNIT_SLOTS = 2;

/**
 * The risk of ending for lack of support, weekly: zero while the pair has had contact from the
 * programme (a follow-up or intervision) within the grace weeks, then rising toward the full hazard
 * with the weeks without it. It depends on absolute weeks without support, whether follow-up was
 * promised or not, so more frequent follow-up can only lower it.
 */
export function lackOfSupportHazard(state: ModelState, unit: Unit, week: number): number {
  const b = state.params.behaviour;
  const without = week - unit.lastSupport - b.supportGraceWeeks;
  return without <= 0 ? 0 : (b.neglectPerYear / 52) * (1 - Math.exp(-without / b.supportRiskWeeks));
}

/**
 * The hazards of premature closure are kept as terms, one slot per reason in PREMATURE_ORDER:
 * slots 0 (the volunteer leaves) and 2 (the participant leaves) are factor × exp(exponent), slots 1
 * and 3 plain values in `factor`. Apart, because most weeks `compete` can decide without taking the
 * exponentials (see `ceilingOf`). Module scratch: no allocation in the hot loop.
 */
const factor = new Float64Array(PREMATURE_ORDER.length);
const exponent = new Float64Array(PREMATURE_ORDER.length);

/** The volunteer's leaving hazard before its exponential: instability, unrealistic expectations, inexperience. */
function volunteerLeaveFactor(state: ModelState, v: number): number {
  const b = state.params.behaviour;
  const vt = state.volunteers;
  return (b.volunteerLeavePerYear / 52)
    * (1 + 1.5 * (1 - vt.stability[v]))
    * (vt.realistic[v] ? 1 : Math.sqrt(b.unrealisticProblemFactor))
    * (vt.experienced[v] ? 0.7 : 1);
}

/** The participant's leaving hazard before its exponential: target group, low motivation, an unmet urgent need. */
function participantLeaveFactor(state: ModelState, p: number, week: number): number {
  const b = state.params.behaviour;
  const pt = state.participants;
  return (b.participantLeavePerYear / 52)
    * pt.leaveFactor[p]
    * (2 - pt.motivation[p])
    * (pt.urgentUntil[p] > week ? 1.5 : 1);
}

/**
 * The terms of a unit's premature closure, slots 0-1: the volunteer leaves (instability, unrealistic
 * expectations, inexperience, low satisfaction); lack of support.
 */
function unitTerms(state: ModelState, unit: Unit, week: number): void {
  factor[0] = volunteerLeaveFactor(state, unit.volunteer);
  exponent[0] = -3 * (state.volunteers.satisfaction[unit.volunteer] - 0.6);
  factor[1] = lackOfSupportHazard(state, unit, week);
}

/**
 * The terms of a member's own premature closure, slots 2-3: the participant leaves (target group,
 * low motivation, urgent need, low quality; less as they gain, [LitReview2021] §2.2); a failing
 * relationship ends by mutual give-up. Quality and gain enter through one exponential:
 * exp(-3 (quality - 0.5)) exp(-engagementFeedback gain).
 */
function memberTerms(state: ModelState, m: Match, week: number): void {
  const b = state.params.behaviour;
  const p = m.participant;
  const gain = Math.max(0, gainAt(state, p, state.primaryDomain, week));
  factor[2] = participantLeaveFactor(state, p, week);
  exponent[2] = -3 * (m.quality - 0.5) - b.engagementFeedback * gain;
  factor[3] = m.quality < b.failQuality ? b.mismatchPerYear / 52 : 0;
}

/** The weekly hazard of slot k from its terms. */
function hazardOf(k: number): number {
  return k === 0 || k === 2 ? factor[k] * Math.exp(exponent[k]) : factor[k];
}

/** Math.exp at the integers -EXP_TABLE_HALF..EXP_TABLE_HALF, raised by far more than its rounding. */
const EXP_TABLE_HALF = 64;
const EXP_AT_INTEGER = Float64Array.from({ length: 2 * EXP_TABLE_HALF + 1 }, (_, i) => Math.exp(i - EXP_TABLE_HALF) * (1 + 1e-12));

/**
 * An upper bound of Math.exp(x), at a table lookup instead of an exponential: exp at the integer
 * above x (raised by 1e-12, far above the under-one-ulp error of V8's exp, so it bounds the computed
 * value too); outside the table, Math.exp(x) itself.
 *
 * @example
 *   expCeiling(0.3); // 2.718281828462..., e: at least Math.exp(0.3)
 */
export function expCeiling(x: number): number {
  const k = Math.ceil(x);
  return k >= -EXP_TABLE_HALF && k <= EXP_TABLE_HALF ? EXP_AT_INTEGER[k + EXP_TABLE_HALF] : Math.exp(x);
}

/**
 * At least the hazard of exponential slot k (0 or 2) as `hazardOf` computes it, bit for bit: the
 * same product with the exponential replaced by a larger number (rounding is monotone, the factor
 * not negative).
 */
function exponentialCeiling(k: number): number {
  return factor[k] >= 0 ? factor[k] * expCeiling(exponent[k]) : factor[k] * Math.exp(exponent[k]);
}

/**
 * Bounds that hold for every week of a match, so that most weeks need none of the terms: the
 * closure hazards of a match are drawn against its bound first, and the terms and their ceiling
 * are computed only for a draw below it (3% to 9% of the draws in the bundled scenarios measured). Each bound is at least its slot's
 * ceiling bit for bit: the same factor, computed the same way, times an exponential ceiling at least
 * as large, added in the same order (rounding is monotone). They rest on these facts of the model:
 * - slot 0's exponent, -3 (satisfaction - 0.6), is at most 1.8 (satisfaction stays in [0, 1]), and the
 *   factor's traits do not change during a unit but for realistic expectations, which training and
 *   intervision only ever gain (a smaller factor: unrealisticProblemFactor >= 1);
 * - slot 1, lack of support, is at most its full hazard, neglectPerYear / 52;
 * - slot 2's exponent, -3 (quality - 0.5) - engagementFeedback x gain, is at most 1.5 (quality >= 0,
 *   gain >= 0, engagementFeedback >= 0); motivation and the target group do not change during a
 *   match (trust is lost when it ends), and an urgent need only ever passes;
 * - slot 3 is 0 or mismatchPerYear / 52.
 * The hazards' parameters are never negative (their schema). tests/model/processes/closure.test.ts
 * checks the bounds against the ceilings over the whole range of the state.
 */
const EXP_CEILING_UP_TO_TWO = EXP_AT_INTEGER[EXP_TABLE_HALF + 2];

/** At least slot 0's ceiling in every week of the unit (computed the first week it is needed). */
function volunteerLeaveBound(state: ModelState, unit: Unit): number {
  if (unit.leaveBound < 0) unit.leaveBound = volunteerLeaveFactor(state, unit.volunteer) * EXP_CEILING_UP_TO_TWO;
  return unit.leaveBound;
}

/** At least slot 2's ceiling in this and every later week of the match (computed the first week it is needed). */
function participantLeaveBound(state: ModelState, m: Match, week: number): number {
  if (m.leaveBound < 0) m.leaveBound = participantLeaveFactor(state, m.participant, week) * EXP_CEILING_UP_TO_TWO;
  return m.leaveBound;
}

/**
 * At least the ceiling of slots [from, to) (the unit's 0-2, the member's 2-4, or all) in this and
 * every later week of the match, in ceilingOf's order.
 *
 * @example
 *   hazardBound(state, unit, null, 0, 2, week) >= ceiling of the unit's slots, whatever its satisfaction
 */
export function hazardBound(state: ModelState, unit: Unit, m: Match | null, from: number, to: number, week: number): number {
  const b = state.params.behaviour;
  let bound = 0;
  if (from === 0) {
    bound += volunteerLeaveBound(state, unit);
    bound += b.neglectPerYear / 52;
  }
  if (to === PREMATURE_ORDER.length && m !== null) {
    bound += participantLeaveBound(state, m, week);
    bound += b.mismatchPerYear / 52;
  }
  return bound;
}

/**
 * At least the sum of the hazards in slots [from, to) (the unit's 0-2, the member's 2-4, or all),
 * bit for bit: term by term at least each hazard, added in the same order. Written out, not looped:
 * it runs for every match every week.
 */
function ceilingOf(from: number, to: number): number {
  let ceiling = 0;
  if (from === 0) {
    ceiling += exponentialCeiling(0);
    ceiling += factor[1];
  }
  if (to === PREMATURE_ORDER.length) {
    ceiling += exponentialCeiling(2);
    ceiling += factor[3];
  }
  return ceiling;
}

/**
 * The ceiling `compete` tests a draw against, of slots [from, to), from the state of this week: what
 * hazardBound must never be below.
 */
export function hazardCeiling(state: ModelState, unit: Unit, m: Match | null, from: number, to: number, week: number): number {
  if (from === 0) unitTerms(state, unit, week);
  if (m !== null) memberTerms(state, m, week);
  return ceilingOf(from, to);
}

/**
 * Weekly hazards of premature closure, one slot per reason in PREMATURE_ORDER, written into `out`:
 * the unit's and, for a member, the member's own (zero without one).
 */
export function prematureHazards(state: ModelState, unit: Unit, m: Match | null, week: number, out: Float64Array): Float64Array {
  unitTerms(state, unit, week);
  if (m === null) {
    factor[2] = 0;
    exponent[2] = 0;
    factor[3] = 0;
  } else {
    memberTerms(state, m, week);
  }
  for (let k = 0; k < PREMATURE_ORDER.length; k++) out[k] = hazardOf(k);
  return out;
}

/** Well above the rounding of 1 - exp(-h) (a few units of 2^-53), far below a chance that matters. */
const STRIKE_MARGIN = 1e-12;
const hazards = new Float64Array(PREMATURE_ORDER.length);

/**
 * One draw decides whether any of the hazards in slots [from, to) strikes, with the chance
 * 1 - exp(-total), a second which one, in proportion; null if none does. The first draw, `u`, is
 * taken by the caller and tested against the match's bound (hazardBound) before the terms are
 * computed. Most of the rest are decided here without an exponential: 1 - exp(-total) <= total <=
 * the sum of the hazards' ceilings, so a draw at or above that sum (plus a rounding margin) cannot
 * strike; only below it are the hazards and the chance computed, exactly as ever. Same decisions,
 * bit for bit.
 */
function compete(from: number, to: number, u: number, reason: RandomStream, key: number, week: number): ClosureReason | null {
  const ceiling = ceilingOf(from, to);
  if (ceiling <= 0 || u >= ceiling + STRIKE_MARGIN) return null;
  let total = 0;
  for (let k = from; k < to; k++) {
    hazards[k] = hazardOf(k);
    total += hazards[k];
  }
  if (total <= 0 || !bernoulli(u, hazardToProbability(total))) return null;
  let target = reason.u(key, week) * total;
  for (let k = from; k < to; k++) {
    if (target < hazards[k]) return PREMATURE_ORDER[k];
    target -= hazards[k];
  }
  return PREMATURE_ORDER[to - 1];
}

/**
 * The first draw of `compete` if it may strike: below the bound of the hazards in this and every
 * later week (plus the rounding margin); NaN, which fails every comparison, if it cannot.
 */
function drawBelow(bound: number, hazard: RandomStream, key: number, week: number): number {
  if (bound <= 0) return NaN;
  const u = hazard.u(key, week);
  return u < bound + STRIKE_MARGIN ? u : NaN;
}

/** Whether every member of a unit is already asked to end this week. */
function allClosing(u: Unit): boolean {
  for (const m of u.members) if (m.closing === null) return false;
  return true;
}

/** The mean gain over the domains a programme's focus aims at (weighted), for goal-directed closure. */
function focusGain(state: ModelState, p: number, week: number): number {
  const w = FOCUS_WEIGHTS[state.params.programme.focus];
  let sum = 0;
  let weight = 0;
  for (let d = 0; d < N_DOMAINS; d++) {
    if (d === WORK) continue;
    sum += w[DOMAINS[d]] * gainAt(state, p, d, week);
    weight += w[DOMAINS[d]];
  }
  return sum / weight;
}

/**
 * Whether matches end this week, and why, then the one place where matches close. A unit completes
 * as planned when its commitment is reached, or its hours budget used; with a budget, reaching the
 * last week first ends it incomplete (time limit). A good match may continue past its commitment
 * (with a chance that rises with its quality) and ends later, as planned. A goal-directed match ends
 * early, as a success, once its goal is reached. Otherwise competing weekly hazards: in a duo one
 * draw decides whether any strikes and a second which; in a group the unit's hazards (the volunteer,
 * support) are drawn for the group and each member's own for the member. Then every closure asked
 * for this week (here, by follow-up or by staffing) is finalised: after a planned ending a pair may
 * keep in touch, and a participant who completed may later volunteer as a peer buddy.
 */
export const closure = defineProcess({
  name: 'closure',
  streams: [
    'closure.hazard', 'closure.reason', 'closure.unitHazard', 'closure.unitReason', 'closure.continue', 'closure.continuedEnd',
    'closure.rematchParticipant', 'closure.rematchVolunteer', 'closure.keepInTouch', 'closure.peer',
  ],
  params: [
    'behaviour.employmentGainFactor', 'outcomes.employmentPerYear',
    'programme.plannedWeeks', 'programme.hoursBudget', 'programme.continuationShare', 'programme.keepInTouchShare', 'programme.goalClosure',
    'programme.focus', 'behaviour.volunteerLeavePerYear', 'behaviour.participantLeavePerYear', 'behaviour.mismatchPerYear', 'behaviour.failQuality',
    'behaviour.neglectPerYear', 'behaviour.supportGraceWeeks', 'behaviour.supportRiskWeeks', 'behaviour.unrealisticProblemFactor',
    'behaviour.engagementFeedback', 'behaviour.continuationEndPerYear', 'behaviour.goalGain', 'behaviour.rematchParticipant',
    'behaviour.earlyEndHarm', 'behaviour.failureTrustLoss', 'volunteers.rematchWillingness', 'volunteers.peerShare', 'volunteers.peerDelayWeeks',
    'outcomes.primary',
  ],
  series: ['closures', 'prematureClosures', 'continued'],
  step(state: ModelState, week, rng) {
    const { programme, behaviour: b, volunteers: vpar } = state.params;
    const budget = programme.hoursBudget;
    const continuedEnd = hazardToProbability(b.continuationEndPerYear / 52);
    for (const u of state.units) {
      if (allClosing(u)) continue;
      const first = u.members[0].participant;
      const age = week - u.startWeek + 1;
      if (u.continuing) {
        if (bernoulli(rng['closure.continuedEnd'].u(first, week), continuedEnd)) {
          requestUnitClosure(state, u, 'planned');
          continue;
        }
      } else {
        const budgetUsed = budget > 0 && u.sessionHours >= budget - 1e-9;
        if (budgetUsed || (budget === 0 && age >= programme.plannedWeeks)) {
          let quality = 0;
          for (const m of u.members) quality += m.quality;
          quality /= u.members.length;
          if (bernoulli(rng['closure.continue'].u(first, week), programme.continuationShare * quality)) {
            u.continuing = true;
            state.series.add('continued', week, 1);
          } else {
            requestUnitClosure(state, u, 'planned');
          }
          continue;
        }
        if (budget > 0 && age >= programme.plannedWeeks) {
          requestUnitClosure(state, u, 'timeLimit');
          continue;
        }
      }
      if (programme.goalClosure === 'yes') {
        for (const m of u.members) {
          if (m.closing !== null) continue;
          // Work found by last week: this week is added to the work hazard by the outcomes process,
          // after closure; counting it here as well would count the week twice.
          const reached = focusGain(state, m.participant, week) >= b.goalGain || (programme.focus === 'work' && employedWithProgramme(state, m.participant, week - 1));
          if (reached) requestClosure(state, m, 'goal');
        }
      }
      if (u.size === 1) {
        const m = u.members[0];
        if (m.closing !== null) continue;
        const draw = drawBelow(hazardBound(state, u, m, 0, PREMATURE_ORDER.length, week), rng['closure.hazard'], m.participant, week);
        if (Number.isNaN(draw)) continue;
        unitTerms(state, u, week);
        memberTerms(state, m, week);
        const reason = compete(0, PREMATURE_ORDER.length, draw, rng['closure.reason'], m.participant, week);
        if (reason) requestClosure(state, m, reason);
      } else {
        const unitDraw = drawBelow(hazardBound(state, u, null, 0, UNIT_SLOTS, week), rng['closure.unitHazard'], u.volunteer, week);
        if (!Number.isNaN(unitDraw)) {
          unitTerms(state, u, week);
          const unitReason = compete(0, UNIT_SLOTS, unitDraw, rng['closure.unitReason'], u.volunteer, week);
          if (unitReason) {
            requestUnitClosure(state, u, unitReason);
            continue;
          }
        }
        for (const m of u.members) {
          if (m.closing !== null) continue;
          const draw = drawBelow(hazardBound(state, u, m, UNIT_SLOTS, PREMATURE_ORDER.length, week), rng['closure.hazard'], m.participant, week);
          if (Number.isNaN(draw)) continue;
          memberTerms(state, m, week);
          const reason = compete(UNIT_SLOTS, PREMATURE_ORDER.length, draw, rng['closure.reason'], m.participant, week);
          if (reason) requestClosure(state, m, reason);
        }
      }
    }

    const stay = (kind: 'participant' | 'volunteer', agent: number) =>
      (kind === 'participant' ? rng['closure.rematchParticipant'] : rng['closure.rematchVolunteer']).u(agent, week);
    const pt = state.participants;
    for (const m of state.closing) {
      const reason = m.closing!;
      const quality = m.quality;
      finaliseClosure(state, m, week, stay);
      if (isPremature(reason) || reason === 'timeLimit') continue;
      const p = m.participant;
      if (bernoulli(rng['closure.keepInTouch'].u(p, week), programme.keepInTouchShare * quality)) pt.inTouch[p] = 1;
      if (vpar.peerShare > 0 && bernoulli(rng['closure.peer'].u(p), vpar.peerShare)) state.peerQueue.push(week + vpar.peerDelayWeeks, p);
    }
    state.closing.length = 0;
  },
});
