import { joinPool, joinWaitingList } from './matchingClasses.ts';
import { int32 } from '../engine/process.ts';
import { assignCoordinator, leastLoaded } from './coordination.ts';
import { DOMAINS } from './domains.ts';
import { advanceWork, settleGains } from './gains.ts';
import type { ClosureReason, MatchRecord } from './results.ts';
import { N_DOMAINS, P, V, pushSlotted, removeSlotted, type Match, type ModelState, type Unit } from './state.ts';

/**
 * How matches begin and end. Processes start units through `startUnit` and ask for closures through
 * `requestClosure`; only the closure process finalises them (`finaliseClosure`), so a match ends in
 * one place, with exactly one reason, once.
 */
declare module './state.ts' {
  interface ParticipantColumns {
    waitingSince: Int32Array;
    firstMatchWeek: Int32Array;
    /** Week the participant left before any match (-1: did not). */
    leftUnmatchedWeek: Int32Array;
    /** Weeks in closed matches; the running match, if any, started at `matchStart`. */
    matchedWeeks: Int32Array;
    matchStart: Int32Array;
    matchCount: Int32Array;
    /** Matches that ended prematurely: trust lost for the next one. */
    failedMatches: Int32Array;
  }
}

export const LIFECYCLE_COLUMNS = {
  waitingSince: int32(), firstMatchWeek: int32(-1), leftUnmatchedWeek: int32(-1), matchedWeeks: int32(), matchStart: int32(-1),
  matchCount: int32(), failedMatches: int32(),
} as const;

/** Matches that end prematurely within this many weeks harm the participant ([GrossmanRhodes2002]). */
export const HARM_WINDOW_WEEKS = 26;
/** The domains an early ending harms: well-being, network, skills, horizon (self-worth, competence). */
const HARMED = (['wellbeing', 'network', 'skills', 'horizon'] as const).map((d) => DOMAINS.indexOf(d));

/** Weeks the participant has spent in matches up to and including `week`. */
export function matchedWeeksAt(state: ModelState, p: number, week: number): number {
  const t = state.participants;
  return t.matchedWeeks[p] + (t.matchStart[p] >= 0 ? week - t.matchStart[p] + 1 : 0);
}

export interface Pairing {
  participant: number;
  deepSimilarity: number;
  surfaceSimilarity: number;
}

/**
 * Starts a duo (one pairing) or a group (several) with one volunteer. The quality a pair can attain
 * rises with deep similarity (strongly), surface similarity (weakly), the pair's readiness and the
 * volunteer's experience ([Eby2013]); a participant whose earlier matches failed starts with less trust.
 */
export function startUnit(state: ModelState, v: number, pairings: readonly Pairing[], week: number): Unit {
  const b = state.params.behaviour;
  const pt = state.participants;
  const vt = state.volunteers;
  const unit: Unit = {
    id: state.nextUnitId++, volunteer: v, coordinator: -1, members: [], size: pairings.length, startWeek: week, sessionHours: 0,
    plannedThisWeek: 0, sessionsThisWeek: 0, lastFollowUp: week, lastSupport: week, followUpLate: false, continuing: false, slot: -1,
    serviceRank: 0, leaveBound: -1,
  };
  assignCoordinator(state, unit, leastLoaded(state));
  for (const { participant: p, deepSimilarity, surfaceSimilarity } of pairings) {
    advanceWork(state, p, week);
    settleGains(state, p, week);
    const readiness = (vt.empathy[v] + vt.motivation[v] + pt.motivation[p]) / 3 - 0.65;
    const attainable = 0.5 + b.deepWeight * (deepSimilarity - 0.4) + b.surfaceWeight * (surfaceSimilarity - 0.5)
      + b.readinessWeight * readiness + (vt.experienced[v] ? 0.05 : 0);
    const match: Match = {
      id: state.nextMatchId++, participant: p, unit, startWeek: week, hours: 0, contacts: 0, missedContacts: 0,
      quality: Math.max(0, b.startQuality - b.failureTrustLoss * pt.failedMatches[p]),
      attainableQuality: Math.min(0.98, Math.max(0.02, attainable)),
      deepSimilarity, surfaceSimilarity, problem: false, failingSince: -1, plannedThisWeek: 0, contactsThisWeek: 0, missedThisWeek: 0,
      hoursThisWeek: 0, relationalGain: 0, closing: null, slot: -1, leaveBound: -1,
    };
    pt.status[p] = P.matched;
    pt.matchStart[p] = week;
    pt.matchCount[p] += 1;
    if (pt.firstMatchWeek[p] < 0) {
      pt.firstMatchWeek[p] = week;
      state.participantWaits.push(week - pt.referredWeek[p]);
    }
    unit.members.push(match);
    pushSlotted(state.matches, match);
    state.series.add('newMatches', week, 1);
  }
  if (vt.matchCount[v] === 0) state.volunteerWaits.push(week - vt.readyWeek[v]);
  vt.status[v] = V.matched;
  vt.matchCount[v] += 1;
  pushSlotted(state.units, unit);
  state.series.add('newUnits', week, 1);
  return unit;
}

/** Asks for a match to end this week with a reason; the first reason asked for stands. */
export function requestClosure(state: ModelState, m: Match, reason: ClosureReason): void {
  if (m.closing !== null) return;
  m.closing = reason;
  state.closing.push(m);
}

/** Asks for every member of a unit to end (the volunteer left, the coordinator left, the unit completed). */
export function requestUnitClosure(state: ModelState, unit: Unit, reason: ClosureReason): void {
  for (const m of unit.members) requestClosure(state, m, reason);
}

/** Who may take a new match after a closure, by reason. */
export const PARTICIPANT_STAYS: Record<ClosureReason, boolean> = {
  planned: false, goal: false, timeLimit: false, volunteer: true, participant: false, mismatch: true, coordinator: true, resources: false,
};
export const VOLUNTEER_STAYS: Record<ClosureReason, boolean> = {
  planned: true, goal: true, timeLimit: true, volunteer: false, participant: true, mismatch: true, coordinator: true, resources: false,
};
const PREMATURE: Record<ClosureReason, boolean> = {
  planned: false, goal: false, timeLimit: false, volunteer: true, participant: true, mismatch: true, coordinator: true, resources: true,
};

export function isPremature(reason: ClosureReason): boolean {
  return PREMATURE[reason];
}

/** A match as a record, closed in `endWeek` or still running at the horizon (null). */
export function matchRecord(m: Match, reason: ClosureReason | 'ongoing', lastWeek: number, endWeek: number | null): MatchRecord {
  const weeks = lastWeek - m.startWeek + 1;
  return {
    id: m.id, participant: m.participant, volunteer: m.unit.volunteer, unit: m.unit.id, unitSize: m.unit.size, startWeek: m.startWeek,
    endWeek, weeks, hours: m.hours, contacts: m.contacts, missedContacts: m.missedContacts, reason, continued: m.unit.continuing,
    quality: m.quality, deepSimilarity: m.deepSimilarity, surfaceSimilarity: m.surfaceSimilarity, hoursPerWeek: m.hours / weeks,
    relationalGain: m.relationalGain,
  };
}

/**
 * Ends a match that was asked to end: its record, the participant's harm from an early ending, and
 * the participant's next step (back to the waiting list, finished, or gone). The unit ends with its
 * last member; its volunteer then goes back to the pool or leaves. `chance(kind, agent)` is the
 * closure process's draw for who stays.
 */
export function finaliseClosure(state: ModelState, m: Match, week: number, chance: (kind: 'participant' | 'volunteer', agent: number) => number): void {
  const reason = m.closing!;
  const b = state.params.behaviour;
  const pt = state.participants;
  const p = m.participant;
  const unit = m.unit;
  removeSlotted(state.matches, m);
  unit.members.splice(unit.members.indexOf(m), 1);
  const weeks = week - m.startWeek + 1;
  if (isPremature(reason)) {
    pt.failedMatches[p] += 1;
    pt.motivation[p] = Math.max(0, pt.motivation[p] - b.failureTrustLoss);
    if (weeks < HARM_WINDOW_WEEKS) {
      // The harm is to self-worth and perceived competence ([GrossmanRhodes2002]): the general domains.
      const harm = b.earlyEndHarm * (1 - weeks / HARM_WINDOW_WEEKS);
      for (const d of HARMED) pt.gain[p * N_DOMAINS + d] -= harm;
    }
  }
  pt.lastClosure[p] = week;
  pt.matchedWeeks[p] += weeks;
  pt.matchStart[p] = -1;
  state.closed.push(matchRecord(m, reason, week, week));
  state.series.add('closures', week, 1);
  if (isPremature(reason)) state.series.add('prematureClosures', week, 1);

  if (PARTICIPANT_STAYS[reason] && chance('participant', p) < b.rematchParticipant) {
    pt.status[p] = P.waiting;
    pt.waitingSince[p] = week;
    joinWaitingList(state, p, true); // back at the front: the programme owes them a match
  } else {
    pt.status[p] = reason === 'planned' || reason === 'goal' ? P.finished : P.left;
  }
  if (unit.members.length === 0) endUnit(state, unit, reason, week, chance);
}

function endUnit(state: ModelState, unit: Unit, reason: ClosureReason, week: number, chance: (kind: 'participant' | 'volunteer', agent: number) => number): void {
  const vt = state.volunteers;
  const v = unit.volunteer;
  removeSlotted(state.units, unit);
  assignCoordinator(state, unit, -1);
  const willing = state.params.volunteers.rematchWillingness * (vt.satisfaction[v] / 0.6);
  if (VOLUNTEER_STAYS[reason] && chance('volunteer', v) < willing) {
    vt.status[v] = V.available;
    joinPool(state, v);
  } else {
    vt.status[v] = V.left;
    state.tally.left += 1;
  }
}
