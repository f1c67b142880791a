import { bernoulli } from '../../engine/distributions.ts';
import { defineProcess } from '../../engine/process.ts';
import { spendFollowUp, spendTeam } from '../coordination.ts';
import { requestClosure } from '../lifecycle.ts';
import type { ModelState, Unit } from '../state.ts';
import { realismChance } from './training.ts';

/** Quality restored when a coordinator repairs a problem (assumption). */
export const REPAIR_BOOST = 0.05;
/** Hours of one intervision or ongoing-training session, for its effect on expectations (assumption). */
export const INTERVISION_HOURS = 2;
/** A structured follow-up ends a match only after it has been failing this long (assumption: two months to recover). */
export const FAILING_WEEKS = 8;
/** New pairs come first in follow-up while younger than this (assumption: support matters most early, [Oberoi2016]). */
export const NEW_PAIR_WEEKS = 13;
/** An intervision session solves an open problem with this chance (assumption). */
const INTERVISION_SOLVES = 0.5;

declare module '../state.ts' {
  interface ModelState {
    /** Units due a follow-up this week, in the order they are served (reused week to week). */
    followUpOrder: Unit[];
  }
}

const byServiceRank = (x: Unit, y: Unit) => x.serviceRank - y.serviceRank;
/** Up to this many units due (a dozen in a typical week), insertion sort beats Array.prototype.sort. */
const INSERTION_SORT_MAX = 64;

/**
 * Sorts units by service rank in place. The ranks are distinct, so every correct sort gives the
 * same order. The lists are short: an insertion sort in place compares the ranks inline, where the
 * built-in sort copies the list and calls the comparator for each comparison.
 */
function sortByServiceRank(units: Unit[]): void {
  if (units.length > INSERTION_SORT_MAX) {
    units.sort(byServiceRank);
    return;
  }
  for (let i = 1; i < units.length; i++) {
    const u = units[i];
    const rank = u.serviceRank;
    let j = i - 1;
    while (j >= 0 && units[j].serviceRank > rank) {
      units[j + 1] = units[j];
      j -= 1;
    }
    units[j + 1] = u;
  }
}

/**
 * The professional's follow-up. Every duo or group due a follow-up gets one contact from its own
 * coordinator if that coordinator has the hours: it supports the volunteer (satisfaction;
 * [Keller2020]). A structured follow-up also finds and repairs problems, and ends a match that has
 * been failing for two months so both can be re-matched; laissez-faire only keeps in touch
 * ([KellerDuBois2021]). Under support-first the most overdue pairs are served first, new pairs
 * before others; under arrival-order the oldest pairs come first. Ongoing training or intervision
 * reaches every active volunteer at its interval. Both count as contact from the programme.
 */
export const followUp = defineProcess({
  name: 'followUp',
  streams: ['followup.detection', 'intervision.realism'],
  params: [
    'coordinators.hourlyCost',
    'programme.followUpEveryWeeks', 'programme.followUpStyle', 'programme.ongoingTrainingEveryWeeks', 'coordinators.hoursPerFollowUp',
    'coordinators.hoursPerIntervision', 'coordinators.policy', 'behaviour.structuredDetection', 'behaviour.satisfactionSupport',
    'behaviour.trainingRealismPerHour', 'behaviour.failQuality',
  ],
  series: ['followUpsDue', 'followUpsMissed'],
  init(state: ModelState) {
    state.followUpOrder = [];
  },
  step(state: ModelState, week, rng) {
    const { programme, coordinators: c, behaviour: b } = state.params;
    const vt = state.volunteers;
    const every = programme.followUpEveryWeeks;
    if (every > 0) {
      const order = state.followUpOrder;
      order.length = 0;
      for (const u of state.units) {
        const since = week - u.lastFollowUp;
        if (since < every) continue;
        if (since === every) state.series.add('followUpsDue', week, 1);
        order.push(u);
      }
      // The order as one exact integer per unit (weeks < 2^11, ids < 2^26), so the sort compares numbers.
      const supportFirst = c.policy === 'support-first';
      for (const u of order) {
        const key = supportFirst ? (week - u.startWeek < NEW_PAIR_WEEKS ? 0 : 2048) + u.lastFollowUp : u.startWeek;
        u.serviceRank = key * 2 ** 26 + u.id;
      }
      sortByServiceRank(order);
      for (const u of order) {
        if (!spendFollowUp(state, u, c.hoursPerFollowUp, week)) {
          if (!u.followUpLate) state.series.add('followUpsMissed', week, 1);
          u.followUpLate = true;
          continue;
        }
        u.followUpLate = false;
        u.lastFollowUp = week;
        u.lastSupport = week;
        vt.satisfaction[u.volunteer] = Math.min(1, vt.satisfaction[u.volunteer] + b.satisfactionSupport);
        if (programme.followUpStyle !== 'structured') continue;
        for (const m of u.members) {
          if (m.closing !== null || !bernoulli(rng['followup.detection'].u(m.participant, week), b.structuredDetection)) continue;
          if (m.failingSince >= 0 && week - m.failingSince >= FAILING_WEEKS) {
            requestClosure(state, m, 'mismatch');
          } else if (m.problem || m.quality < b.failQuality) {
            m.problem = false;
            m.quality = Math.min(1, m.quality + REPAIR_BOOST);
          }
        }
      }
    }
    const interval = programme.ongoingTrainingEveryWeeks;
    if (interval > 0 && week % interval === interval - 1) {
      const realism = realismChance(b.trainingRealismPerHour, INTERVISION_HOURS);
      for (const u of state.units) {
        const v = u.volunteer;
        if (!spendTeam(state, 'intervision', c.hoursPerIntervision, week)) break;
        u.lastSupport = week;
        vt.satisfaction[v] = Math.min(1, vt.satisfaction[v] + b.satisfactionSupport);
        if (!vt.realistic[v] && bernoulli(rng['intervision.realism'].u(v, week), realism)) vt.realistic[v] = 1;
        for (const m of u.members) if (m.problem && bernoulli(rng['intervision.realism'].u(v, week, 1 + m.participant), INTERVISION_SOLVES)) m.problem = false;
      }
    }
  },
});
