import { bernoulli, hazardToProbability } from '../../engine/distributions.ts';
import { defineProcess } from '../../engine/process.ts';
import { releaseMatchingReserve, spendTeam } from '../coordination.ts';
import { startUnit, type Pairing } from '../lifecycle.ts';
import type { Params } from '../params.ts';
import { PARTICIPANT_CLASSES, PARTICIPANT_CLASSES_FOR, VOLUNTEER_CLASSES, VOLUNTEER_CLASSES_FOR, participantClass, volunteerClass } from '../matchingClasses.ts';
import { deepSimilarity, surfaceSimilarity } from '../similarity.ts';
import type { AgentList } from '../../engine/agentList.ts';
import type { RandomStream } from '../../engine/random.ts';
import { V, type ModelState } from '../state.ts';

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
    /** Volunteers each participant has turned down, or been turned down by (not proposed again); by participant, undefined for none. */
    refused: (number[] | undefined)[];
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
    // By participant: looked up for every participant every week, so an index rather than a hash.
    state.refused = new Array<number[] | undefined>(state.participants.size).fill(undefined);
    state.candidatesWeighed = 0;
  },
  step(state: ModelState, week, rng) {
    const par = state.params;
    const vt = state.volunteers;
    const waiting = state.waitingList;
    const pool = state.available;
    const vLeave = hazardToProbability(par.volunteers.idleDropoutPerYear / 52);
    const idleLeave = rng['waiting.volunteer'];
    // Idle volunteers who give up, in pool order (a plain walk: no closure a week).
    for (let v = pool.first(); v >= 0; ) {
      const next = pool.after(v);
      if (week > vt.readyWeek[v] && bernoulli(idleLeave.u(v, week), vLeave)) {
        pool.remove(v);
        vt.status[v] = V.left;
        state.tally.left += 1;
        state.series.add('volunteerDropouts', week, 1);
      }
      v = next;
    }

    const method = par.programme.matching;
    const cost = matchingHours(par);
    const joiners = par.programme.format === 'group' ? new Joiners(state) : null;
    const draws: Draws = { state, perception: rng['matching.perception'], refusal: rng['matching.refusal'], noShow: rng['matching.noShow'], week };

    // Participants in list order. Nothing joins the lists during matching, so a participant who
    // leaves them still leads on to whoever came next (AgentList.after).
    let p = waiting.first();
    while (p >= 0 && pool.size > 0) {
      const next = waiting.after(p);
      const refused = state.refused[p];
      const candidates = shortlistFor(state, p, refused);
      if (candidates === 0 || (joiners !== null && !joiners.anyAfter(p, shortlist[0]))) {
        p = next;
        continue;
      }
      if (!spendTeam(state, 'matching', cost, week)) break;
      state.candidatesWeighed += candidates;
      const v = method === 'first-come' ? shortlist[0] : bestOf(draws, method, p, candidates);
      if (refuses(draws, p, v, 0) || refuses(draws, p, v, 1)) {
        if (refused === undefined) state.refused[p] = [v];
        else refused.push(v);
        state.series.add('refusals', week, 1);
        p = next;
        continue;
      }
      members.length = 0;
      join(draws, p, v);
      if (joiners !== null) {
        joiners.each(p, v, (q) => {
          if (members.length >= par.programme.groupSize) return false;
          if (!state.refused[q]?.includes(v) && !refuses(draws, q, v, 0)) join(draws, q, v);
          return true;
        });
        if (members.length < 2) {
          p = next;
          continue;
        }
      } else if (members.length === 0) {
        p = next;
        continue;
      }
      for (const m of members) waiting.remove(m.participant);
      pool.remove(v);
      startUnit(state, v, members, week);
      // A group may start without its first participant (who did not come to the first meeting);
      // they are then proposed again. Otherwise on with whoever came next and still waits.
      if (waiting.has(p)) continue;
      p = next;
      while (p >= 0 && !waiting.has(p)) p = waiting.after(p);
    }
    releaseMatchingReserve(state);
  },
});

/** What a week's matching draws from: its streams and the week (one object a week, not a closure per decision). */
interface Draws {
  readonly state: ModelState;
  readonly perception: RandomStream;
  readonly refusal: RandomStream;
  readonly noShow: RandomStream;
  readonly week: number;
}

/** The volunteer of the shortlist (its first `candidates`) the coordinator rates best for p (the first on ties). */
function bestOf(d: Draws, method: 'surface' | 'deep', p: number, candidates: number): number {
  const state = d.state;
  let v = shortlist[0];
  let best = -Infinity;
  for (let i = 0; i < candidates; i++) {
    const c = shortlist[i];
    const s = method === 'surface'
      ? surface(state, p, c)
      : deepSimilarity(state.participants.deep, p, state.volunteers.deep, c) + DEEP_PERCEPTION_NOISE * (d.perception.u(p, c) - 0.5) * 2;
    if (s > best) {
      best = s;
      v = c;
    }
  }
  return v;
}

/** Whether one side (0: the participant, 1: the volunteer) turns the proposal down. */
function refuses(d: Draws, p: number, v: number, who: 0 | 1): boolean {
  const state = d.state;
  const par = state.params;
  const fit = par.programme.matching === 'deep' ? deepSimilarity(state.participants.deep, p, state.volunteers.deep, v) : surface(state, p, v);
  return bernoulli(d.refusal.u(p, v, who), refusalChance(who === 0 ? par.participants.matchRefusal : par.volunteers.matchRefusal, fit));
}

/** The participants of the unit being formed (reused: startUnit copies what it needs). */
const members: Pairing[] = [];

/** Participant q joins the unit of volunteer v, unless they do not come to the first meeting. */
function join(d: Draws, q: number, v: number): void {
  const state = d.state;
  if (bernoulli(d.noShow.u(q, v, d.week), state.params.participants.firstMeetingNoShow)) {
    state.series.add('noShows', d.week, 1);
    return;
  }
  members.push({ participant: q, deepSimilarity: deepSimilarity(state.participants.deep, q, state.volunteers.deep, v), surfaceSimilarity: surface(state, q, v) });
}

/** The shortlist, filled from the front (a buffer reused for every participant). */
const shortlist = new Int32Array(SHORTLIST);
/** Per class still being walked: its next volunteer and that volunteer's position in the pool. */
const cursors = new Int32Array(VOLUNTEER_CLASSES);
const cursorPositions = new Float64Array(VOLUNTEER_CLASSES);
/**
 * Fills `shortlist` with the first SHORTLIST volunteers in the pool, in the order they joined it,
 * who are compatible with participant p and have not refused them (or been refused), and says how
 * many: the pool's compatible classes merged in order, so only compatible volunteers are looked at.
 * Only classes with someone in them get a cursor, and a class that runs out gives its slot to the
 * last cursor: the pool is small and most classes are empty, so the merge mostly walks one class.
 */
function shortlistFor(state: ModelState, p: number, refused: readonly number[] | undefined): number {
  const pool = state.available;
  const classes = VOLUNTEER_CLASSES_FOR[participantClass(state, p)];
  let n = 0;
  let length = 0;
  for (let k = 0; k < classes.length; k++) {
    const v = pool.classFirst(classes[k]);
    if (v < 0) continue;
    cursors[n] = v;
    cursorPositions[n++] = pool.position(v);
  }
  while (n > 0 && length < SHORTLIST) {
    // Positions in the pool are distinct, so the cursors' order among themselves decides nothing.
    let k = 0;
    for (let j = 1; j < n; j++) if (cursorPositions[j] < cursorPositions[k]) k = j;
    const v = cursors[k];
    const after = pool.classAfter(v);
    if (after >= 0) {
      cursors[k] = after;
      cursorPositions[k] = pool.position(after);
    } else {
      n -= 1;
      cursors[k] = cursors[n];
      cursorPositions[k] = cursorPositions[n];
    }
    if (refused === undefined || !refused.includes(v)) shortlist[length++] = v;
  }
  return length;
}

/**
 * Participants who may join a group after participant p, compatible with volunteer v, in list
 * order. One cursor per participant class moves forward only as matching moves down the list, so
 * a week's search for joiners costs about the length of the list however many groups form.
 */
class Joiners {
  private readonly cursor: Int32Array;

  private readonly waiting: AgentList;

  constructor(private readonly state: ModelState) {
    const waiting = (this.waiting = state.waitingList);
    this.cursor = new Int32Array(PARTICIPANT_CLASSES);
    for (let c = 0; c < PARTICIPANT_CLASSES; c++) this.cursor[c] = waiting.classFirst(c);
  }

  /** The first member of class c still waiting and after p, moving the class's cursor there. */
  private head(c: number, p: number): number {
    const w = this.waiting;
    let q = this.cursor[c];
    while (q >= 0 && (!w.has(q) || w.position(q) <= w.position(p))) q = w.classAfter(q);
    this.cursor[c] = q;
    return q;
  }

  /** Whether anyone compatible with v waits after p (a group needs two). */
  anyAfter(p: number, v: number): boolean {
    for (const c of PARTICIPANT_CLASSES_FOR[volunteerClass(this.state, v)]) if (this.head(c, p) >= 0) return true;
    return false;
  }

  /** Calls `visit` for each participant compatible with v after p, in list order, until it returns false. */
  each(p: number, v: number, visit: (q: number) => boolean): void {
    const w = this.waiting;
    const classes = PARTICIPANT_CLASSES_FOR[volunteerClass(this.state, v)];
    const at = classes.map((c) => this.head(c, p));
    for (;;) {
      let k = -1;
      for (let j = 0; j < at.length; j++) if (at[j] >= 0 && (k < 0 || w.position(at[j]) < w.position(at[k]))) k = j;
      if (k < 0) return;
      const q = at[k];
      at[k] = w.classAfter(q);
      while (at[k] >= 0 && !w.has(at[k])) at[k] = w.classAfter(at[k]);
      if (!visit(q)) return;
    }
  }
}

function surface(state: ModelState, p: number, v: number): number {
  const pt = state.participants;
  const vt = state.volunteers;
  return surfaceSimilarity(pt.age[p], vt.age[v], pt.female[p], vt.female[v], pt.background[p], vt.background[v]);
}
