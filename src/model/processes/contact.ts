import { clamp } from '../../engine/distributions.ts';
import { perScenario } from '../../engine/perScenario.ts';
import { defineProcess } from '../../engine/process.ts';
import type { RandomStream } from '../../engine/random.ts';
import type { Params } from '../params.ts';
import type { Match, ModelState, Unit } from '../state.ts';

/** Planned contacts in week `age` of a match at `perWeek` contacts a week, spread evenly. */
export function plannedContacts(age: number, perWeek: number): number {
  return Math.floor((age + 1) * perWeek + 1e-9) - Math.floor(age * perWeek + 1e-9);
}

declare module '../state.ts' {
  interface ModelState {
    /** plannedContacts by the age of a match in weeks, for this run's contacts a week (read for every unit every week). */
    plannedByAge: Int32Array;
  }
}

/** plannedContacts by age for a run of `weeks` weeks (once per scenario). */
const plannedByAge = perScenario((programme: Params['programme'], weeks: number) =>
  Int32Array.from({ length: weeks }, (_, age) => plannedContacts(age, programme.contactsPerWeek)));

/** An open problem makes a missed contact this much more likely (assumption). */
const PROBLEM_MISS_FACTOR = 1.5;
/** While an urgent need is unmet, contacts are this much more often missed (assumption; [Griffiths2009]). */
const URGENT_MISS_FACTOR = 1.5;

/** The volunteer's side of missing: instability, and being asked for more hours than they have. */
function volunteerSide(state: ModelState, v: number, asked: number): number {
  const vt = state.volunteers;
  return (1 + 1.5 * (1 - vt.stability[v])) * Math.max(1, asked / vt.availability[v]);
}

/** The participant's side of missing: low motivation, an unmet urgent need, an open problem. */
function participantSide(state: ModelState, m: Match, week: number): number {
  const pt = state.participants;
  const p = m.participant;
  return (2 - pt.motivation[p]) * (pt.urgentUntil[p] > week ? URGENT_MISS_FACTOR : 1) * (m.problem ? PROBLEM_MISS_FACTOR : 1);
}

function record(m: Match, planned: number, held: number, hours: number): void {
  m.plannedThisWeek = planned;
  m.contactsThisWeek = held;
  m.missedThisWeek = planned - held;
  m.hoursThisWeek = hours;
  m.contacts += held;
  m.missedContacts += planned - held;
  m.hours += hours;
}

/** A duo: each planned contact is held unless missed, by either side. */
function duoWeek(state: ModelState, par: Params, missed: RandomStream, u: Unit, week: number, planned: number, room: number, vSide: number): void {
  const m = u.members[0];
  if (m.closing !== null) return;
  const pMiss = clamp(par.behaviour.missBase * vSide * participantSide(state, m, week), 0, 0.95);
  let held = 0;
  for (let k = 0; k < planned; k++) if (missed.u(m.participant, week, k) >= pMiss) held += 1;
  const hours = Math.min(held * par.programme.hoursPerContact, room);
  record(m, planned, held, hours);
  u.sessionsThisWeek = held;
  u.sessionHours += hours;
}

/** A group: a session takes place unless the volunteer misses it; each member attends unless they miss it. */
function groupWeek(state: ModelState, par: Params, missed: RandomStream, session: RandomStream, u: Unit, week: number, planned: number, room: number, vSide: number): void {
  const pVolunteer = clamp(par.behaviour.missBase * vSide, 0, 0.95);
  let sessions = 0;
  for (let k = 0; k < planned; k++) if (session.u(u.volunteer, week, k) >= pVolunteer) sessions += 1;
  const sessionHours = Math.min(sessions * par.programme.hoursPerContact, room);
  for (const m of u.members) {
    if (m.closing !== null) continue;
    const pMiss = clamp(par.behaviour.missBase * participantSide(state, m, week), 0, 0.95);
    let attended = 0;
    for (let k = 0; k < sessions; k++) if (missed.u(m.participant, week, k) >= pMiss) attended += 1;
    record(m, planned, attended, sessions > 0 ? (sessionHours * attended) / sessions : 0);
  }
  u.sessionsThisWeek = sessions;
  u.sessionHours += sessionHours;
}

/**
 * The week's contacts of each duo or group. In a duo a planned contact is missed more often when the
 * volunteer is unstable or asked for more hours than they have, when the participant is less
 * motivated, while an urgent need is unmet, and during an open problem. A group meets unless the
 * volunteer misses the session; each member attends unless they miss it themselves. Held hours count
 * toward the hours budget and stop when it is used.
 */
export const contact = defineProcess({
  name: 'contact',
  streams: ['contact.missed', 'contact.session'],
  params: ['programme.contactsPerWeek', 'programme.hoursPerContact', 'programme.hoursBudget', 'behaviour.missBase'],
  init(state: ModelState) {
    state.plannedByAge = plannedByAge(state.params.programme, state.weeks);
  },
  step(state: ModelState, week, rng) {
    const par = state.params;
    const { programme } = par;
    const asked = programme.contactsPerWeek * programme.hoursPerContact;
    const missed = rng['contact.missed'];
    const session = rng['contact.session'];
    for (const u of state.units) {
      const planned = state.plannedByAge[week - u.startWeek];
      u.plannedThisWeek = planned;
      const room = programme.hoursBudget > 0 ? Math.max(0, programme.hoursBudget - u.sessionHours) : Infinity;
      const vSide = volunteerSide(state, u.volunteer, asked);
      if (u.size === 1) duoWeek(state, par, missed, u, week, planned, room, vSide);
      else groupWeek(state, par, missed, session, u, week, planned, room, vSide);
    }
  },
});
