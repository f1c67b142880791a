import { clamp } from '../../engine/distributions.ts';
import type { Process } from '../../engine/process.ts';
import type { ModelState } from '../state.ts';

/** Planned contacts in week `age` of a match at `perWeek` contacts a week, spread evenly. */
export function plannedContacts(age: number, perWeek: number): number {
  return Math.floor((age + 1) * perWeek + 1e-9) - Math.floor(age * perWeek + 1e-9);
}

/**
 * The week's contacts of each pair. A planned contact is missed more often when the volunteer is
 * unstable or asked for more hours than they have, when the participant is less motivated, and
 * while an urgent need is unmet. Hours count toward the hours budget and stop when it is used.
 */
export const contact: Process<ModelState> = {
  name: 'contact',
  step(state, week) {
    const { programme, behaviour } = state.params;
    const pt = state.participants;
    const vt = state.volunteers;
    const asked = programme.contactsPerWeek * programme.hoursPerContact;
    for (const m of state.active) {
      const p = m.participant;
      const v = m.volunteer;
      const planned = plannedContacts(week - m.startWeek, programme.contactsPerWeek);
      const overload = Math.max(1, asked / vt.availability[v]);
      const urgent = pt.urgentUntil[p] > week ? 1.5 : 1;
      const pMiss = clamp(
        behaviour.missBase * (1 + 1.5 * (1 - vt.stability[v])) * (2 - pt.motivation[p]) * urgent * overload
          * (m.problem ? 1.5 : 1),
        0, 0.95,
      );
      let held = 0;
      for (let k = 0; k < planned; k++) {
        if (state.rng['contact.missed'].u(p, week, k) >= pMiss) held += 1;
      }
      let hours = held * programme.hoursPerContact;
      if (programme.hoursBudget > 0) hours = Math.min(hours, programme.hoursBudget - m.hours);
      m.plannedThisWeek = planned;
      m.contactsThisWeek = held;
      m.missedThisWeek = planned - held;
      m.hoursThisWeek = hours;
      m.contacts += held;
      m.missedContacts += planned - held;
      m.hours += hours;
    }
  },
};
