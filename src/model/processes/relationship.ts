import { bernoulli, clamp, hazardToProbability } from '../../engine/distributions.ts';
import type { Process } from '../../engine/process.ts';
import type { ModelState } from '../state.ts';

/**
 * Relationship quality (0-1). Contact moves it toward the quality the pair can attain, which deep
 * similarity sets: so deep fit surfaces only with contact over time ([Eby2013]). Missed contacts and
 * unresolved problems (boundaries, clashing expectations) erode it. Problems arise more with
 * unrealistic expectations and less with helping experience or recent intervision.
 */
export const relationship: Process<ModelState> = {
  name: 'relationship',
  step(state, week) {
    const b = state.params.behaviour;
    const vt = state.volunteers;
    const selfRepair = hazardToProbability(b.selfRepairPerYear / 52);
    const weeksBetween = 1 / state.params.programme.contactsPerWeek;
    for (const m of state.active) {
      const v = m.volunteer;
      const dose = m.hoursThisWeek / b.referenceHours;
      const pull = Math.min(1, b.qualityGrowth * dose);
      let q = m.quality + pull * (m.attainableQuality - m.quality);
      // A missed meeting leaves a gap as long as the interval between meetings: a missed monthly
      // meeting means two months apart, a missed weekly one two weeks (time apart erodes trust).
      q -= b.missedContactErosion * m.missedThisWeek * weeksBetween;
      if (m.problem) {
        q -= b.problemErosion;
        if (bernoulli(state.rng['relationship.repair'].u(m.participant, week), selfRepair)) m.problem = false;
      } else {
        const hazard = (b.problemPerYear / 52) * (vt.realistic[v] ? 1 : b.unrealisticProblemFactor) * (vt.experienced[v] ? 0.6 : 1);
        if (bernoulli(state.rng['relationship.problem'].u(m.participant, week), hazardToProbability(hazard))) m.problem = true;
      }
      m.quality = clamp(q, 0, 1);
    }
  },
};
