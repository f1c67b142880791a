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
 * Weekly hazards of premature closure of a unit, in slots 0-1 of `out`: the volunteer leaves
 * (instability, unrealistic expectations, inexperience, low satisfaction); lack of support.
 */
export function unitHazards(state: ModelState, unit: Unit, week: number, out: Float64Array): void {
  const b = state.params.behaviour;
  const vt = state.volunteers;
  const v = unit.volunteer;
  out[0] = (b.volunteerLeavePerYear / 52)
    * (1 + 1.5 * (1 - vt.stability[v]))
    * (vt.realistic[v] ? 1 : Math.sqrt(b.unrealisticProblemFactor))
    * (vt.experienced[v] ? 0.7 : 1)
    * Math.exp(-3 * (vt.satisfaction[v] - 0.6));
  out[1] = lackOfSupportHazard(state, unit, week);
}

/**
 * Weekly hazards of a member's own premature closure, in slots 2-3 of `out`: the participant leaves
 * (target group, low motivation, urgent need, low quality; less as they gain, [LitReview2021]
 * §2.2); a failing relationship ends by mutual give-up. Quality and gain enter through one
 * exponential: exp(-3 (quality - 0.5)) exp(-engagementFeedback gain).
 */
export function memberHazards(state: ModelState, m: Match, week: number, out: Float64Array): void {
  const b = state.params.behaviour;
  const pt = state.participants;
  const p = m.participant;
  const gain = Math.max(0, gainAt(state, p, state.primaryDomain, week));
  out[2] = (b.participantLeavePerYear / 52)
    * pt.leaveFactor[p]
    * (2 - pt.motivation[p])
    * (pt.urgentUntil[p] > week ? 1.5 : 1)
    * Math.exp(-3 * (m.quality - 0.5) - b.engagementFeedback * gain);
  out[3] = m.quality < b.failQuality ? b.mismatchPerYear / 52 : 0;
}

/**
 * Weekly hazards of premature closure, one slot per reason in PREMATURE_ORDER, written into `out`
 * (no allocation in the hot loop): the unit's (unitHazards) and, for a member, the member's own
 * (memberHazards; zero without one).
 */
export function prematureHazards(state: ModelState, unit: Unit, m: Match | null, week: number, out: Float64Array): Float64Array {
  unitHazards(state, unit, week, out);
  if (m === null) {
    out[2] = 0;
    out[3] = 0;
  } else {
    memberHazards(state, m, week, out);
  }
  return out;
}

const scratch = new Float64Array(PREMATURE_ORDER.length);

/**
 * Well above the rounding of 1 - exp(-h) (a few units of 2^-53; V8's exp errs by under one ulp),
 * well below any uniform's spacing that matters: see `strikes`.
 */
const STRIKE_MARGIN = 1e-12;

/**
 * bernoulli(u, hazardToProbability(hazard)), the same decision for every u, mostly without the
 * exponential: 1 - exp(-h) <= h, so a uniform at or above h (plus rounding margin) cannot strike.
 * A weekly hazard is small, so nearly every match-week is decided by that comparison alone.
 *
 * @example
 *   strikes(0.5, 0.01); // false, without Math.exp
 *   strikes(0.005, 0.01); // true: 0.005 < 1 - exp(-0.01)
 */
export function strikes(u: number, hazard: number): boolean {
  return u < hazard + STRIKE_MARGIN && bernoulli(u, hazardToProbability(hazard));
}

/**
 * One draw decides whether any of the hazards in slots [from, to) strikes, a second which one, in
 * proportion; null if none does.
 */
function compete(h: Float64Array, from: number, to: number, hazard: RandomStream, reason: RandomStream, key: number, week: number): ClosureReason | null {
  let total = 0;
  for (let k = from; k < to; k++) total += h[k];
  if (total <= 0 || !strikes(hazard.u(key, week), total)) return null;
  let target = reason.u(key, week) * total;
  for (let k = from; k < to; k++) {
    if (target < h[k]) return PREMATURE_ORDER[k];
    target -= h[k];
  }
  return PREMATURE_ORDER[to - 1];
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
          const reached = focusGain(state, m.participant, week) >= b.goalGain || (programme.focus === 'work' && employedWithProgramme(state, m.participant, week));
          if (reached) requestClosure(state, m, 'goal');
        }
      }
      if (u.size === 1) {
        const m = u.members[0];
        if (m.closing !== null) continue;
        const h = prematureHazards(state, u, m, week, scratch);
        const reason = compete(h, 0, PREMATURE_ORDER.length, rng['closure.hazard'], rng['closure.reason'], m.participant, week);
        if (reason) requestClosure(state, m, reason);
      } else {
        const h = prematureHazards(state, u, null, week, scratch);
        const unitReason = compete(h, 0, UNIT_SLOTS, rng['closure.unitHazard'], rng['closure.unitReason'], u.volunteer, week);
        if (unitReason) {
          requestUnitClosure(state, u, unitReason);
          continue;
        }
        for (const m of u.members) {
          if (m.closing !== null) continue;
          memberHazards(state, m, week, scratch);
          const reason = compete(scratch, UNIT_SLOTS, PREMATURE_ORDER.length, rng['closure.hazard'], rng['closure.reason'], m.participant, week);
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
