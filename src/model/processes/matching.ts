import { bernoulli, hazardToProbability } from '../../engine/distributions.ts';
import type { Process } from '../../engine/process.ts';
import { startMatch } from '../matchLifecycle.ts';
import type { Params } from '../params.ts';
import { deepSimilarity, surfaceSimilarity } from '../similarity.ts';
import { P, V, removeFrom, spendHours, type ModelState } from '../state.ts';

/** How well the coordinator can read deep traits at intake: perceived = true + noise of this size. */
export const DEEP_PERCEPTION_NOISE = 0.1;

export function matchingHours(params: Params): number {
  const c = params.coordinators;
  switch (params.programme.matching) {
    case 'first-come': return c.hoursPerMatchFirstCome;
    case 'surface': return c.hoursPerMatchSurface;
    case 'deep': return c.hoursPerMatchDeep;
  }
}

/**
 * The waiting lists, then matching. People who wait too long give up; then, longest-waiting
 * participant first, the coordinator picks a volunteer by the programme's method for as long as
 * there are volunteers and hours. Surface matching uses what is visible; deep matching reads
 * interests, values and personality at intake, imperfectly.
 */
export const matching: Process<ModelState> = {
  name: 'matching',
  step(state, week) {
    const pt = state.participants;
    const vt = state.volunteers;
    const pLeave = hazardToProbability(state.params.participants.waitingDropoutPerYear / 52);
    for (const p of [...state.waitingList]) {
      if (week > pt.waitingSince[p] && bernoulli(state.rng['waiting.participant'].u(p, week), pLeave)) {
        removeFrom(state.waitingList, p);
        pt.status[p] = P.left;
        if (pt.firstMatchWeek[p] < 0) pt.leftUnmatchedWeek[p] = week;
      }
    }
    const vLeave = hazardToProbability(state.params.volunteers.idleDropoutPerYear / 52);
    for (const v of [...state.available]) {
      if (week > vt.readyWeek[v] && bernoulli(state.rng['waiting.volunteer'].u(v, week), vLeave)) {
        removeFrom(state.available, v);
        vt.status[v] = V.left;
        state.tally.left += 1;
      }
    }

    const method = state.params.programme.matching;
    const cost = matchingHours(state.params);
    while (state.waitingList.length > 0 && state.available.length > 0 && spendHours(state, cost)) {
      const p = state.waitingList.shift()!;
      let best = 0;
      if (method !== 'first-come') {
        let bestScore = -Infinity;
        for (let i = 0; i < state.available.length; i++) {
          const v = state.available[i];
          const score = method === 'surface'
            ? surfaceSimilarity(pt.age[p], vt.age[v], pt.female[p], vt.female[v], pt.background[p], vt.background[v])
            : deepSimilarity(pt.deep, p, vt.deep, v)
              + DEEP_PERCEPTION_NOISE * (state.rng['matching.perception'].u(p, v) - 0.5) * 2;
          if (score > bestScore) {
            bestScore = score;
            best = i;
          }
        }
      }
      const v = state.available.splice(best, 1)[0];
      startMatch(
        state, p, v, week,
        deepSimilarity(pt.deep, p, vt.deep, v),
        surfaceSimilarity(pt.age[p], vt.age[v], pt.female[p], vt.female[v], pt.background[p], vt.background[v]),
      );
    }
  },
};
