import { bernoulli } from '../../engine/distributions.ts';
import type { Process } from '../../engine/process.ts';
import { closeMatch } from '../matchLifecycle.ts';
import { spendHours, type ModelState } from '../state.ts';
import { realismChance } from './training.ts';

/** Quality restored when a coordinator repairs a problem. */
export const REPAIR_BOOST = 0.05;
/** Hours of one intervision or ongoing-training session, for its effect on expectations. */
export const INTERVISION_HOURS = 2;

/**
 * The professional's follow-up, as far as the hours reach. Every pair due a follow-up gets one
 * contact: it supports the volunteer (satisfaction, [Keller2020]); a structured follow-up also
 * finds and repairs problems and ends failing matches so both can be re-matched (Keller & DuBois
 * 2019), a laissez-faire one does not. Ongoing training or intervision reaches every active
 * volunteer at its interval.
 */
export const followUp: Process<ModelState> = {
  name: 'followUp',
  step(state, week) {
    const { programme, coordinators: c, behaviour: b } = state.params;
    const vt = state.volunteers;
    const every = programme.followUpEveryWeeks;
    if (every > 0) {
      for (let i = 0; i < state.active.length; i++) {
        const m = state.active[i];
        const since = week - m.lastFollowUp;
        if (since < every) continue;
        // A follow-up falls due `every` weeks after the last; if it is not done that week it counts
        // once as missed (late), however many weeks it then waits.
        if (since === every) state.series.add('followUpsDue', week, 1);
        if (!spendHours(state, c.hoursPerFollowUp)) {
          if (!m.followUpLate) state.series.add('followUpsMissed', week, 1);
          m.followUpLate = true;
          continue;
        }
        m.followUpLate = false;
        m.lastFollowUp = week;
        vt.satisfaction[m.volunteer] = Math.min(1, vt.satisfaction[m.volunteer] + b.satisfactionSupport);
        if (programme.followUpStyle !== 'structured') continue;
        if (!bernoulli(state.rng['followup.detection'].u(m.participant, week), b.structuredDetection)) continue;
        if (m.quality < b.failQuality) {
          closeMatch(state, m, 'mismatch', week);
          i -= 1; // the next match moved into slot i
        } else if (m.problem) {
          m.problem = false;
          m.quality = Math.min(1, m.quality + REPAIR_BOOST);
        }
      }
    }
    const interval = programme.ongoingTrainingEveryWeeks;
    if (interval > 0 && week % interval === interval - 1) {
      const realism = realismChance(b.trainingRealismPerHour, INTERVISION_HOURS);
      for (const m of state.active) {
        const v = m.volunteer;
        if (!spendHours(state, c.hoursPerIntervision)) break;
        vt.satisfaction[v] = Math.min(1, vt.satisfaction[v] + b.satisfactionSupport);
        if (!vt.realistic[v] && bernoulli(state.rng['intervision.realism'].u(v, week), realism)) vt.realistic[v] = 1;
        if (m.problem && bernoulli(state.rng['intervision.realism'].u(v, week, 1), 0.5)) m.problem = false;
      }
    }
  },
};
