import { bernoulli, clamp, hazardToProbability } from '../../engine/distributions.ts';
import { defineProcess } from '../../engine/process.ts';
import type { ModelState } from '../state.ts';

/** Helping experience lowers the hazard of problems to this share (assumption; [LitReview2021] §5.7.1). */
export const EXPERIENCED_PROBLEM_FACTOR = 0.6;

/**
 * Relationship quality (0-1). Contact moves it toward the quality the pair can attain, which deep
 * similarity sets: so deep fit surfaces only with contact over time ([Eby2013]). Missed contacts and
 * unresolved problems (boundaries, clashing expectations) erode it. Problems arise more with
 * unrealistic expectations and less with helping experience; pairs sometimes solve them themselves.
 */
export const relationship = defineProcess({
  name: 'relationship',
  streams: ['relationship.problem', 'relationship.repair'],
  params: [
    'behaviour.referenceHours', 'behaviour.qualityGrowth', 'behaviour.missedContactErosion', 'behaviour.problemErosion', 'behaviour.selfRepairPerYear',
    'behaviour.problemPerYear', 'behaviour.unrealisticProblemFactor', 'behaviour.failQuality', 'programme.contactsPerWeek',
  ],
  step(state: ModelState, week, rng) {
    const b = state.params.behaviour;
    const vt = state.volunteers;
    const selfRepair = hazardToProbability(b.selfRepairPerYear / 52);
    const weeksBetween = 1 / state.params.programme.contactsPerWeek;
    // The chance of a problem by the volunteer's (realistic, experienced): four values, computed once a week.
    const problemChance = [0, 1, 2, 3].map((k) =>
      hazardToProbability((b.problemPerYear / 52) * (k & 1 ? 1 : b.unrealisticProblemFactor) * (k & 2 ? EXPERIENCED_PROBLEM_FACTOR : 1)));
    for (const m of state.matches) {
      if (m.closing !== null) continue;
      const v = m.unit.volunteer;
      const dose = m.hoursThisWeek / b.referenceHours;
      const pull = Math.min(1, b.qualityGrowth * dose);
      let q = m.quality + pull * (m.attainableQuality - m.quality);
      // A missed meeting leaves a gap as long as the interval between meetings: a missed monthly
      // meeting means two months apart, a missed weekly one two weeks (time apart erodes trust).
      q -= b.missedContactErosion * m.missedThisWeek * weeksBetween;
      if (m.problem) {
        q -= b.problemErosion;
        if (bernoulli(rng['relationship.repair'].u(m.participant, week), selfRepair)) m.problem = false;
      } else {
        const chance = problemChance[(vt.realistic[v] ? 1 : 0) | (vt.experienced[v] ? 2 : 0)];
        if (bernoulli(rng['relationship.problem'].u(m.participant, week), chance)) m.problem = true;
      }
      m.quality = clamp(q, 0, 1);
      if (m.quality < b.failQuality) {
        if (m.failingSince < 0) m.failingSince = week;
      } else {
        m.failingSince = -1;
      }
    }
  },
});
