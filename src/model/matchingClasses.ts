import type { ModelState } from './state.ts';

/**
 * Who can be matched with whom, as classes. A meeting needs a time slot both are free in and, for a
 * participant who asks for it, a volunteer of the same gender. A participant's class is their time
 * slot and whom they accept (anyone, a woman, a man); a volunteer's, the slots they are free in and
 * their gender. The waiting list and the pool keep each class in order (AgentList), so the search
 * for a compatible agent walks compatible classes only and costs the same however long the lists.
 */

/** Time slots a meeting can take place in: weekday daytime, evenings, weekends. */
export const TIME_SLOTS = 3;

/** Whether a volunteer can meet a participant: free at the participant's time, of the gender asked for. */
export function compatible(state: ModelState, p: number, v: number): boolean {
  const pt = state.participants;
  const vt = state.volunteers;
  if ((vt.slots[v] & (1 << pt.slot[p])) === 0) return false;
  return pt.sameGenderOnly[p] === 0 || pt.female[p] === vt.female[v];
}

/**
 * Classes for matching: everything `compatible` looks at. A participant's class is their time
 * slot and whom they accept (anyone, a woman, a man); a volunteer's, the slots they are free in
 * and their gender. Waiting lists keep each class in order, so the search for a compatible agent
 * walks compatible classes only.
 */
export const PARTICIPANT_CLASSES = TIME_SLOTS * 3;
export const VOLUNTEER_CLASSES = 2 << TIME_SLOTS;

export function participantClass(state: ModelState, p: number): number {
  const t = state.participants;
  return t.slot[p] * 3 + (t.sameGenderOnly[p] === 0 ? 0 : t.female[p] === 1 ? 1 : 2);
}

export function volunteerClass(state: ModelState, v: number): number {
  const t = state.volunteers;
  return t.slots[v] | (t.female[v] << TIME_SLOTS);
}

/** Whether the volunteers of class `vc` can meet the participants of class `pc` (as `compatible`). */
export function classesCompatible(pc: number, vc: number): boolean {
  const slot = Math.floor(pc / 3);
  const accepts = pc % 3;
  const female = vc >> TIME_SLOTS;
  if ((vc & (1 << slot)) === 0) return false;
  return accepts === 0 || (accepts === 1) === (female === 1);
}

/** For each participant class, the volunteer classes compatible with it; and the reverse. */
export const VOLUNTEER_CLASSES_FOR: readonly (readonly number[])[] = Array.from({ length: PARTICIPANT_CLASSES }, (_, pc) =>
  Array.from({ length: VOLUNTEER_CLASSES }, (_, vc) => vc).filter((vc) => classesCompatible(pc, vc)));
export const PARTICIPANT_CLASSES_FOR: readonly (readonly number[])[] = Array.from({ length: VOLUNTEER_CLASSES }, (_, vc) =>
  Array.from({ length: PARTICIPANT_CLASSES }, (_, pc) => pc).filter((pc) => classesCompatible(pc, vc)));

/** Puts a participant on the waiting list: at the back, or at the front when the programme owes them a match. */
export function joinWaitingList(state: ModelState, p: number, front = false): void {
  if (front) state.waitingList.pushFront(p, participantClass(state, p));
  else state.waitingList.pushBack(p, participantClass(state, p));
}

/** Puts a volunteer in the pool of those free to match, at the back. */
export function joinPool(state: ModelState, v: number): void {
  state.available.pushBack(v, volunteerClass(state, v));
}
