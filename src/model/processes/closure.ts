import { bernoulli, hazardToProbability } from '../../engine/distributions.ts';
import type { Process } from '../../engine/process.ts';
import { closeMatch } from '../matchLifecycle.ts';
import { GROUP_PROFILES, TARGET_GROUPS } from '../params.ts';
import type { ClosureReason } from '../results.ts';
import type { Match, ModelState } from '../state.ts';

const PREMATURE: readonly ClosureReason[] = ['volunteer', 'participant', 'mismatch', 'resources'];

/**
 * Weekly hazards of premature closure of one active match, per reason (competing risks).
 * Exported so tests and docs can show how each lever moves them.
 */
export function closureHazards(state: ModelState, m: Match, week: number): [number, number, number, number] {
  const { behaviour: b, programme } = state.params;
  const pt = state.participants;
  const vt = state.volunteers;
  const p = m.participant;
  const v = m.volunteer;
  const volunteer = (b.volunteerLeavePerYear / 52)
    * (1 + 1.5 * (1 - vt.stability[v]))
    * (vt.realistic[v] ? 1 : Math.sqrt(b.unrealisticProblemFactor))
    * (vt.experienced[v] ? 0.7 : 1)
    * Math.exp(-3 * (vt.satisfaction[v] - 0.6));
  const participant = (b.participantLeavePerYear / 52)
    * GROUP_PROFILES[TARGET_GROUPS[pt.group[p]]].leaveFactor
    * (2 - pt.motivation[p])
    * (pt.urgentUntil[p] > week ? 1.5 : 1)
    * Math.exp(-3 * (m.quality - 0.5));
  const mismatch = m.quality < b.failQuality ? b.mismatchPerYear / 52 : 0;
  const overdue = programme.followUpEveryWeeks > 0 && week - m.lastFollowUp > 2 * programme.followUpEveryWeeks + 4;
  const resources = overdue ? b.neglectPerYear / 52 : 0;
  return [volunteer, participant, mismatch, resources];
}

/**
 * Closure: planned when the duration or the hours budget is reached; otherwise the competing
 * hazards above, one draw for whether the match ends and one for the reason, so every closed
 * match has exactly one reason.
 */
export const closure: Process<ModelState> = {
  name: 'closure',
  step(state, week) {
    const { programme } = state.params;
    for (const m of [...state.active]) {
      const weeks = week - m.startWeek + 1;
      const budgetUsed = programme.hoursBudget > 0 && m.hours >= programme.hoursBudget - 1e-9;
      if (weeks >= programme.plannedWeeks || budgetUsed) {
        closeMatch(state, m, 'planned', week);
        continue;
      }
      const h = closureHazards(state, m, week);
      const total = h[0] + h[1] + h[2] + h[3];
      if (!bernoulli(state.rng['closure.hazard'].u(m.participant, week), hazardToProbability(total))) continue;
      let target = state.rng['closure.reason'].u(m.participant, week) * total;
      let reason = PREMATURE[PREMATURE.length - 1];
      for (let i = 0; i < h.length; i++) {
        if (target < h[i]) {
          reason = PREMATURE[i];
          break;
        }
        target -= h[i];
      }
      closeMatch(state, m, reason, week);
    }
  },
};
