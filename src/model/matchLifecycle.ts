import { bernoulli } from '../engine/distributions.ts';
import type { ClosureReason } from './results.ts';
import { N_DOMAINS, P, V, type Match, type ModelState } from './state.ts';

/** Matches that end within this many weeks harm the participant ([GrossmanRhodes2002]). */
export const HARM_WINDOW_WEEKS = 26;

/** The fading factor of gains `weeksSince` weeks after a closure. */
export function fadeFactor(state: ModelState, weeksSince: number): number {
  const b = state.params.behaviour;
  return b.retainedShare + (1 - b.retainedShare) * Math.pow(0.5, weeksSince / b.fadeHalfLifeWeeks);
}

/** Brings a participant's gains to `week`: they fade while the participant has no match. */
function settleGains(state: ModelState, p: number, week: number): void {
  const t = state.participants;
  if (t.lastClosure[p] < 0) return;
  const f = fadeFactor(state, week - t.lastClosure[p]);
  for (let d = 0; d < N_DOMAINS; d++) t.gain[p * N_DOMAINS + d] *= f;
  t.lastClosure[p] = -1;
}

/** Weeks the participant has spent in matches up to and including `week`. */
export function matchedWeeksAt(state: ModelState, p: number, week: number): number {
  const t = state.participants;
  return t.matchedWeeks[p] + (t.matchStart[p] >= 0 ? week - t.matchStart[p] + 1 : 0);
}

/** The participant's gain in one domain at `week` (fade applied if unmatched). */
export function gainAt(state: ModelState, p: number, d: number, week: number): number {
  const t = state.participants;
  const g = t.gain[p * N_DOMAINS + d];
  return t.lastClosure[p] < 0 ? g : g * fadeFactor(state, week - t.lastClosure[p]);
}

export function startMatch(
  state: ModelState, p: number, v: number, week: number,
  deepSimilarity: number, surfaceSimilarity: number,
): Match {
  const b = state.params.behaviour;
  const pt = state.participants;
  const vt = state.volunteers;
  settleGains(state, p, week);
  // Readiness of the pair: the volunteer's empathy and motivation, the participant's motivation.
  const readiness = (vt.empathy[v] + vt.motivation[v] + pt.motivation[p]) / 3 - 0.65;
  const attainable = 0.5 + b.deepWeight * (deepSimilarity - 0.4) + b.surfaceWeight * (surfaceSimilarity - 0.5)
    + b.readinessWeight * readiness + (vt.experienced[v] ? 0.05 : 0);
  const match: Match = {
    id: state.nextMatchId++,
    participant: p,
    volunteer: v,
    coordinator: state.vacantUntil.length > 0 ? p % state.vacantUntil.length : -1,
    startWeek: week,
    hours: 0,
    contacts: 0,
    missedContacts: 0,
    quality: b.startQuality,
    attainableQuality: Math.min(0.98, Math.max(0.02, attainable)),
    deepSimilarity,
    surfaceSimilarity,
    problem: false,
    lastFollowUp: week,
    followUpLate: false,
    plannedThisWeek: 0,
    contactsThisWeek: 0,
    missedThisWeek: 0,
    hoursThisWeek: 0,
    relationalGain: 0,
  };
  pt.status[p] = P.matched;
  pt.matchStart[p] = week;
  pt.matchCount[p] += 1;
  if (pt.firstMatchWeek[p] < 0) {
    pt.firstMatchWeek[p] = week;
    state.participantWaits.push(week - pt.referredWeek[p]);
  }
  if (vt.matchCount[v] === 0) state.volunteerWaits.push(week - vt.readyWeek[v]);
  vt.status[v] = V.matched;
  vt.matchCount[v] += 1;
  state.active.push(match);
  state.series.add('newMatches', week, 1);
  return match;
}

/** Who may take a new match after a closure, by reason. */
const PARTICIPANT_STAYS: Record<ClosureReason, boolean> = {
  planned: false, volunteer: true, participant: false, mismatch: true, coordinator: true, resources: false,
};
const VOLUNTEER_STAYS: Record<ClosureReason, boolean> = {
  planned: true, volunteer: false, participant: true, mismatch: true, coordinator: true, resources: false,
};

/**
 * Ends an active match with exactly one reason, in the week it ends. The participant and the
 * volunteer then go back to the lists or leave.
 */
export function closeMatch(state: ModelState, match: Match, reason: ClosureReason, week: number): void {
  const i = state.active.indexOf(match);
  if (i < 0) throw new Error(`match ${match.id} closed twice (second reason: ${reason})`);
  state.active.splice(i, 1);
  const b = state.params.behaviour;
  const pt = state.participants;
  const vt = state.volunteers;
  const { participant: p, volunteer: v } = match;
  const weeks = week - match.startWeek + 1;
  if (reason !== 'planned' && weeks < HARM_WINDOW_WEEKS) {
    const harm = b.earlyEndHarm * (1 - weeks / HARM_WINDOW_WEEKS);
    for (let d = 0; d < N_DOMAINS; d++) pt.gain[p * N_DOMAINS + d] -= harm;
  }
  pt.lastClosure[p] = week;
  pt.matchedWeeks[p] += weeks;
  pt.matchStart[p] = -1;
  state.closed.push({
    id: match.id,
    participant: p,
    volunteer: v,
    startWeek: match.startWeek,
    endWeek: week,
    weeks,
    hours: match.hours,
    contacts: match.contacts,
    missedContacts: match.missedContacts,
    reason,
    quality: match.quality,
    deepSimilarity: match.deepSimilarity,
    surfaceSimilarity: match.surfaceSimilarity,
    hoursPerWeek: match.hours / weeks,
    relationalGain: match.relationalGain,
  });
  state.closuresThisWeek[reason] += 1;

  const participantStays = PARTICIPANT_STAYS[reason]
    && bernoulli(state.rng['closure.rematchParticipant'].u(p, week), state.params.behaviour.rematchParticipant);
  if (participantStays) {
    pt.status[p] = P.waiting;
    pt.waitingSince[p] = week;
    state.waitingList.unshift(p); // back at the front: the programme owes them a match
  } else {
    pt.status[p] = reason === 'planned' ? P.finished : P.left;
  }

  const volunteerStays = VOLUNTEER_STAYS[reason]
    && bernoulli(state.rng['closure.rematchVolunteer'].u(v, week), state.params.volunteers.rematchWillingness * (vt.satisfaction[v] / 0.6));
  if (volunteerStays) {
    vt.status[v] = V.available;
    state.available.push(v);
  } else {
    vt.status[v] = V.left;
    state.tally.left += 1;
  }
}

/** A still-active match as a record, for the end of the run. */
export function ongoingRecord(match: Match, lastWeek: number) {
  const weeks = lastWeek - match.startWeek + 1;
  return {
    id: match.id,
    participant: match.participant,
    volunteer: match.volunteer,
    startWeek: match.startWeek,
    endWeek: null,
    weeks,
    hours: match.hours,
    contacts: match.contacts,
    missedContacts: match.missedContacts,
    reason: 'ongoing' as const,
    quality: match.quality,
    deepSimilarity: match.deepSimilarity,
    surfaceSimilarity: match.surfaceSimilarity,
    hoursPerWeek: match.hours / weeks,
    relationalGain: match.relationalGain,
  };
}
