import { bernoulli, hazardToProbability } from '../../engine/distributions.ts';
import type { Process } from '../../engine/process.ts';
import { closeMatch } from '../matchLifecycle.ts';
import type { ClosureReason } from '../results.ts';
import type { Match, ModelState } from '../state.ts';

/** The competing premature reasons, in the order of `closureHazards`' slots. */
export const PREMATURE_ORDER: readonly ClosureReason[] = ['volunteer', 'participant', 'mismatch', 'resources'];

/**
 * Weekly hazards of premature closure of one active match, one slot per reason in
 * PREMATURE_ORDER, written into `out` (no allocation in the hot loop).
 */
export function closureHazards(state: ModelState, m: Match, week: number, out: Float64Array): Float64Array {
  const { behaviour: b, programme } = state.params;
  const pt = state.participants;
  const vt = state.volunteers;
  const p = m.participant;
  const v = m.volunteer;
  out[0] = (b.volunteerLeavePerYear / 52)
    * (1 + 1.5 * (1 - vt.stability[v]))
    * (vt.realistic[v] ? 1 : Math.sqrt(b.unrealisticProblemFactor))
    * (vt.experienced[v] ? 0.7 : 1)
    * Math.exp(-3 * (vt.satisfaction[v] - 0.6));
  out[1] = (b.participantLeavePerYear / 52)
    * pt.leaveFactor[p]
    * (2 - pt.motivation[p])
    * (pt.urgentUntil[p] > week ? 1.5 : 1)
    * Math.exp(-3 * (m.quality - 0.5));
  out[2] = m.quality < b.failQuality ? b.mismatchPerYear / 52 : 0;
  const overdue = programme.followUpEveryWeeks > 0 && week - m.lastFollowUp > 2 * programme.followUpEveryWeeks + 4;
  out[3] = overdue ? b.neglectPerYear / 52 : 0;
  return out;
}

const scratch = new Float64Array(PREMATURE_ORDER.length);

/**
 * Whether a match ends this week, and why: planned when the duration or the hours budget is
 * reached; otherwise one draw decides whether any competing hazard strikes and a second which
 * one, in proportion to the hazards. So a closed match has exactly one reason.
 */
export function closureReason(state: ModelState, m: Match, week: number): ClosureReason | null {
  const { programme } = state.params;
  const weeks = week - m.startWeek + 1;
  const budgetUsed = programme.hoursBudget > 0 && m.hours >= programme.hoursBudget - 1e-9;
  if (weeks >= programme.plannedWeeks || budgetUsed) return 'planned';
  const h = closureHazards(state, m, week, scratch);
  let total = 0;
  for (let k = 0; k < h.length; k++) total += h[k];
  if (!bernoulli(state.rng['closure.hazard'].u(m.participant, week), hazardToProbability(total))) return null;
  let target = state.rng['closure.reason'].u(m.participant, week) * total;
  for (let k = 0; k < h.length; k++) {
    if (target < h[k]) return PREMATURE_ORDER[k];
    target -= h[k];
  }
  return PREMATURE_ORDER[PREMATURE_ORDER.length - 1];
}

export const closure: Process<ModelState> = {
  name: 'closure',
  step(state, week) {
    let i = 0;
    while (i < state.active.length) {
      const m = state.active[i];
      const reason = closureReason(state, m, week);
      // Closing removes the match from slot i, which the next match then fills.
      if (reason) closeMatch(state, m, reason, week);
      else i += 1;
    }
  },
};
