import { bernoulli, hazardToProbability } from '../../engine/distributions.ts';
import { defineProcess } from '../../engine/process.ts';
import { releaseMatchingReserve, spendTeam } from '../coordination.ts';
import { startUnit, type Pairing } from '../lifecycle.ts';
import type { Params } from '../params.ts';
import { compatible } from '../population.ts';
import { deepSimilarity, surfaceSimilarity } from '../similarity.ts';
import { V, keepInPlace, removeFrom, type ModelState } from '../state.ts';

/** How well the coordinator can read deep traits at intake: perceived = true + noise of this size (assumption). */
export const DEEP_PERCEPTION_NOISE = 0.1;
/**
 * A coordinator weighs a shortlist of the compatible volunteers who have waited longest, not the
 * whole pool (assumption: bounded effort, and fairness to waiting volunteers); so a match costs the
 * same whatever the size of the pool.
 */
export const SHORTLIST = 25;

export function matchingHours(params: Params): number {
  const c = params.coordinators;
  switch (params.programme.matching) {
    case 'first-come': return c.hoursPerMatchFirstCome;
    case 'surface': return c.hoursPerMatchSurface;
    case 'deep': return c.hoursPerMatchDeep;
  }
}

declare module '../state.ts' {
  interface ModelState {
    /** Volunteers each participant has turned down, or been turned down by (not proposed again). */
    refused: Map<number, number[]>;
    /** Candidate volunteers weighed so far in the run (for the operation-count test). */
    candidatesWeighed: number;
  }
}

/** The refusal chance of one side: twice the base for the poorest fit, none for a perfect one. */
export function refusalChance(base: number, fit: number): number {
  return Math.min(1, base * 2 * (1 - fit));
}

/**
 * Idle volunteers may give up; then, longest-waiting participant first, the coordinator proposes a
 * volunteer from the shortlist of compatible ones (free at the participant's time, of the gender
 * asked for), chosen by the programme's method: first-come (longest waiting), surface (age gap,
 * gender, background) or deep (interests, values, personality as read at intake, imperfectly). Either
 * side may turn the proposal down, more often for a poor fit; the first meeting may not happen. In
 * the group format the volunteer takes up to the group size of compatible people who wait (a group
 * needs two). Hard-to-match participants (few compatible volunteers) wait longer.
 */
export const matching = defineProcess({
  name: 'matching',
  streams: ['waiting.volunteer', 'matching.perception', 'matching.refusal', 'matching.noShow'],
  params: [
    'coordinators.hourlyCost', 'behaviour.deepWeight', 'behaviour.surfaceWeight', 'behaviour.readinessWeight', 'behaviour.startQuality', 'behaviour.failureTrustLoss', 'behaviour.employmentGainFactor', 'behaviour.fadeHalfLifeWeeks', 'behaviour.retainedShare', 'behaviour.keepInTouchFadeFactor',
    'volunteers.idleDropoutPerYear', 'programme.matching', 'programme.format', 'programme.groupSize', 'coordinators.hoursPerMatchFirstCome',
    'coordinators.hoursPerMatchSurface', 'coordinators.hoursPerMatchDeep', 'participants.matchRefusal', 'volunteers.matchRefusal',
    'participants.firstMeetingNoShow',
  ],
  series: ['volunteerDropouts', 'refusals', 'noShows', 'newMatches', 'newUnits'],
  init(state: ModelState) {
    state.refused = new Map();
    state.candidatesWeighed = 0;
  },
  step(state: ModelState, week, rng) {
    const par = state.params;
    const pt = state.participants;
    const vt = state.volunteers;
    const vLeave = hazardToProbability(par.volunteers.idleDropoutPerYear / 52);
    keepInPlace(state.available, (v) => {
      if (week <= vt.readyWeek[v] || !bernoulli(rng['waiting.volunteer'].u(v, week), vLeave)) return true;
      vt.status[v] = V.left;
      state.tally.left += 1;
      state.series.add('volunteerDropouts', week, 1);
      return false;
    });

    const method = par.programme.matching;
    const cost = matchingHours(par);
    const group = par.programme.format === 'group';
    const shortlist: number[] = [];
    const score = (p: number, v: number) => {
      if (method === 'surface') return surface(state, p, v);
      const noise = method === 'deep' ? DEEP_PERCEPTION_NOISE * (rng['matching.perception'].u(p, v) - 0.5) * 2 : 0;
      return deepSimilarity(pt.deep, p, vt.deep, v) + noise;
    };
    const fitOf = (p: number, v: number) => (method === 'deep' ? deepSimilarity(pt.deep, p, vt.deep, v) : surface(state, p, v));
    const refuses = (p: number, v: number, who: 0 | 1) =>
      bernoulli(rng['matching.refusal'].u(p, v, who), refusalChance(who === 0 ? par.participants.matchRefusal : par.volunteers.matchRefusal, fitOf(p, v)));

    let i = 0;
    while (i < state.waitingList.length && state.available.length > 0) {
      const p = state.waitingList[i];
      const refused = state.refused.get(p);
      shortlist.length = 0;
      for (let j = 0; j < state.available.length && shortlist.length < SHORTLIST; j++) {
        const v = state.available[j];
        if (compatible(state, p, v) && !refused?.includes(v)) shortlist.push(v);
      }
      if (shortlist.length === 0 || (group && !enoughForGroup(state, i, shortlist[0]))) {
        i += 1;
        continue;
      }
      if (!spendTeam(state, 'matching', cost, week)) break;
      state.candidatesWeighed += shortlist.length;
      let v = shortlist[0];
      if (method !== 'first-come') {
        let best = -Infinity;
        for (const c of shortlist) {
          const s = score(p, c);
          if (s > best) {
            best = s;
            v = c;
          }
        }
      }
      if (refuses(p, v, 0) || refuses(p, v, 1)) {
        state.refused.set(p, [...(refused ?? []), v]);
        state.series.add('refusals', week, 1);
        i += 1;
        continue;
      }
      const members: Pairing[] = [];
      const join = (q: number) => {
        if (bernoulli(rng['matching.noShow'].u(q, v, week), par.participants.firstMeetingNoShow)) {
          state.series.add('noShows', week, 1);
          return;
        }
        members.push({ participant: q, deepSimilarity: deepSimilarity(pt.deep, q, vt.deep, v), surfaceSimilarity: surface(state, q, v) });
      };
      join(p);
      if (group) {
        for (let j = i + 1; j < state.waitingList.length && members.length < par.programme.groupSize; j++) {
          const q = state.waitingList[j];
          if (compatible(state, q, v) && !state.refused.get(q)?.includes(v) && !refuses(q, v, 0)) join(q);
        }
        if (members.length < 2) {
          i += 1;
          continue;
        }
      } else if (members.length === 0) {
        i += 1;
        continue;
      }
      for (const m of members) removeFrom(state.waitingList, m.participant);
      removeFrom(state.available, v);
      startUnit(state, v, members, week);
      // The list shifted: the next participant to consider is now at position i.
    }
    releaseMatchingReserve(state);
  },
});

function surface(state: ModelState, p: number, v: number): number {
  const pt = state.participants;
  const vt = state.volunteers;
  return surfaceSimilarity(pt.age[p], vt.age[v], pt.female[p], vt.female[v], pt.background[p], vt.background[v]);
}

/** Whether at least one more compatible person waits after position i (a group needs two). */
function enoughForGroup(state: ModelState, i: number, v: number): boolean {
  for (let j = i + 1; j < state.waitingList.length; j++) if (compatible(state, state.waitingList[j], v)) return true;
  return false;
}

