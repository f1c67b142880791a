import { describe, expect, it } from 'vitest';
import { finaliseClosure, requestClosure, startUnit } from '../../../src/model/lifecycle.ts';
import { closure, expCeiling, hazardBound, hazardCeiling, lackOfSupportHazard, prematureHazards } from '../../../src/model/processes/closure.ts';
import { outcomes } from '../../../src/model/processes/outcomes.ts';
import { WORK, gainAt } from '../../../src/model/gains.ts';
import { N_DOMAINS } from '../../../src/model/state.ts';
import { createStreams } from '../../../src/engine/random.ts';
import { P, V } from '../../../src/model/state.ts';
import { duo, step, testState } from '../../support/state.ts';
import type { ScenarioOverrides } from '../../support/scenario.ts';

const quiet = { behaviour: { volunteerLeavePerYear: 0, participantLeavePerYear: 0, mismatchPerYear: 0, neglectPerYear: 0 }, programme: { continuationShare: 0, goalClosure: 'no' } };

function oneMatch(overrides: ScenarioOverrides = {}) {
  const state = testState(overrides, undefined, 10);
  state.participants.motivation[0] = 0.7;
  state.participants.leaveFactor[0] = 1;
  state.volunteers.stability[0] = 0.7;
  state.volunteers.satisfaction[0] = 0.6;
  const u = duo(state, 0, 0, 10);
  return { state, u, m: u.members[0] };
}

const reasons = (state: ReturnType<typeof oneMatch>['state']) => state.closed.map((r) => r.reason);

describe('completion', () => {
  it('closes as planned when the planned weeks are reached', () => {
    const { state } = oneMatch({ ...quiet, programme: { ...quiet.programme, plannedWeeks: 20 } });
    // A match started in week 10 has lasted 20 weeks at the end of week 29.
    step(closure, state, 28);
    expect(state.closed).toHaveLength(0);
    step(closure, state, 29);
    expect(reasons(state)).toEqual(['planned']);
  });
  it('with an hours budget: completes when the hours are used, ends incomplete at the time limit', () => {
    const a = oneMatch({ ...quiet, programme: { ...quiet.programme, hoursBudget: 40, plannedWeeks: 30 } });
    a.u.sessionHours = 40;
    step(closure, a.state, 12);
    expect(reasons(a.state)).toEqual(['planned']);
    const b = oneMatch({ ...quiet, programme: { ...quiet.programme, hoursBudget: 40, plannedWeeks: 30 } });
    b.u.sessionHours = 27;
    step(closure, b.state, 39); // 30 weeks in, 27 of 40 hours
    expect(reasons(b.state)).toEqual(['timeLimit']);
  });
  it('lets a good match continue past its commitment, then end as planned', () => {
    const { state, u, m } = oneMatch({ ...quiet, programme: { ...quiet.programme, plannedWeeks: 20, continuationShare: 1 }, behaviour: { ...quiet.behaviour, continuationEndPerYear: 20 } });
    m.quality = 1;
    step(closure, state, 29);
    expect(u.continuing).toBe(true);
    expect(state.closed).toHaveLength(0);
    // A hazard of 20 a year: the continued match ends within weeks, as planned.
    for (let w = 30; w < 120 && state.closed.length === 0; w++) step(closure, state, w);
    expect(reasons(state)).toEqual(['planned']);
    expect(state.closed[0].continued).toBe(true);
  });
  it('closes a goal-directed match early, as a success, once its goal is reached', () => {
    const { state } = oneMatch({ ...quiet, programme: { ...quiet.programme, goalClosure: 'yes', focus: 'integration' }, behaviour: { ...quiet.behaviour, goalGain: 0.2 } });
    state.participants.gain.fill(0.3, 0, 6); // every general and newcomer domain of participant 0
    step(closure, state, 12);
    expect(reasons(state)).toEqual(['goal']);
    expect(state.participants.status[0]).toBe(P.finished);
  });
  it('with a work focus, asks whether work was found by last week, so this week counts once toward finding work', () => {
    const { state } = oneMatch({ ...quiet, programme: { ...quiet.programme, goalClosure: 'yes', focus: 'work' }, behaviour: { ...quiet.behaviour, goalGain: 3, employmentGainFactor: 2 } });
    const pt = state.participants;
    pt.workDraw[0] = 1e6; // far from finding work
    pt.gain[0 * N_DOMAINS + WORK] = 0.25;
    pt.jobUpdated[0] = 12; // weeks before 12 are counted
    const before = pt.jobIntegral[0];
    step(closure, state, 12);
    step(outcomes, state, 12);
    // One week at the multiplier 1 + 2 x (the work gain after this week's growth), not two.
    expect(pt.jobIntegral[0] - before).toBeCloseTo(1 + 2 * pt.gain[WORK], 12);
    expect(pt.jobUpdated[0]).toBe(13);
  });
});

describe('premature hazards', () => {
  it('never closes prematurely when every hazard is zero', () => {
    const { state } = oneMatch(quiet);
    for (let w = 10; w < 60; w++) step(closure, state, w);
    expect(state.closed).toHaveLength(0);
  });
  it('names the only non-zero hazard as the reason', () => {
    const { state, m } = oneMatch({ ...quiet, behaviour: { ...quiet.behaviour, mismatchPerYear: 20, failQuality: 0.5 } });
    m.quality = 0.1;
    for (let w = 11; w < 60 && state.closed.length === 0; w++) step(closure, state, w);
    expect(reasons(state)).toEqual(['mismatch']);
  });
  it('lowers volunteer leaving with satisfaction: exp(-3 * 0.2) between 0.6 and 0.8', () => {
    const { state, u, m } = oneMatch();
    const at = (sat: number) => {
      state.volunteers.satisfaction[0] = sat;
      return prematureHazards(state, u, m, 11, new Float64Array(4))[0];
    };
    expect(at(0.8) / at(0.6)).toBeCloseTo(Math.exp(-0.6), 12);
  });
  it('raises participant leaving while an urgent need is unmet (x 1.5), lowers it as they gain', () => {
    const { state, u, m } = oneMatch({ behaviour: { engagementFeedback: 0.5 } });
    const base = prematureHazards(state, u, m, 11, new Float64Array(4))[2];
    state.participants.urgentUntil[0] = 30;
    expect(prematureHazards(state, u, m, 11, new Float64Array(4))[2] / base).toBeCloseTo(1.5, 12);
    state.participants.urgentUntil[0] = -1;
    state.participants.gain[0] = 0.4; // wellbeing, the main outcome
    expect(prematureHazards(state, u, m, 11, new Float64Array(4))[2] / base).toBeCloseTo(Math.exp(-0.2), 12);
  });
});

describe('the bound of a match\'s closure hazards', () => {
  // Every week whose draw lies above the bound is decided without the hazards' terms, so the bound
  // must be at least the ceiling compete uses, bit for bit, in every week of the match: from the
  // worst traits the match starts with, over the whole range of what changes while it runs.
  const parameters = [
    {},
    { behaviour: { unrealisticProblemFactor: 10, engagementFeedback: 5, volunteerLeavePerYear: 5, participantLeavePerYear: 5, neglectPerYear: 10, mismatchPerYear: 20 } },
    { behaviour: { unrealisticProblemFactor: 1, engagementFeedback: 0, volunteerLeavePerYear: 0, participantLeavePerYear: 0, neglectPerYear: 0, mismatchPerYear: 0 } },
  ];
  const ranges = { satisfaction: [0, 0.013, 0.6, 1], quality: [0, 0.01, 0.4, 1], gain: [-0.3, 0, 0.7, 3], lastSupport: [11, -40, -400] };
  it('is at least the ceiling of every slot group, whatever satisfaction, quality, gain, support and expectations become', () => {
    let checked = 0;
    for (const overrides of parameters) {
      for (const [stability, motivation, realistic, urgentUntil] of [[0, 0, 0, 60], [1, 1, 1, -1], [0.3, 0.7, 0, 20]]) {
        const { state, u, m } = oneMatch(overrides);
        state.volunteers.stability[0] = stability;
        state.volunteers.realistic[0] = realistic;
        state.participants.motivation[0] = motivation;
        state.participants.urgentUntil[0] = urgentUntil;
        // The bounds are fixed the first week they are asked for: at the start, with these traits.
        const bounds = [[0, 4], [0, 2], [2, 4]].map(([from, to]) => hazardBound(state, u, from === 0 && to === 2 ? null : m, from, to, 11));
        state.volunteers.realistic[0] = 1; // training and intervision only ever make expectations realistic
        for (const week of [11, 30, 90]) {
          for (const satisfaction of ranges.satisfaction) for (const quality of ranges.quality) for (const gain of ranges.gain) for (const lastSupport of ranges.lastSupport) {
            state.volunteers.satisfaction[0] = satisfaction;
            m.quality = quality;
            state.participants.gain[0] = gain; // well-being, the main outcome
            u.lastSupport = lastSupport;
            [[0, 4], [0, 2], [2, 4]].forEach(([from, to], i) => {
              const ceiling = hazardCeiling(state, u, from === 0 && to === 2 ? null : m, from, to, week);
              expect(bounds[i], `slots ${from}-${to}, week ${week}, satisfaction ${satisfaction}, quality ${quality}, gain ${gain}`).toBeGreaterThanOrEqual(ceiling);
              checked += 1;
            });
          }
        }
      }
    }
    expect(checked).toBe(3 * 3 * 3 * 4 * 4 * 4 * 3 * 3);
  });
  it('is tight enough to spare most weeks the terms: under a quarter at the defaults', () => {
    const { state, u, m } = oneMatch();
    expect(hazardBound(state, u, m, 0, 4, 11)).toBeGreaterThan(0);
    expect(hazardBound(state, u, m, 0, 4, 11)).toBeLessThan(0.25);
  });
  it('is zero when every hazard is: no draw is taken', () => {
    const { state, u, m } = oneMatch(quiet);
    expect(hazardBound(state, u, m, 0, 4, 11)).toBe(0);
  });
});

describe('lack of support', () => {
  it('is zero within the grace weeks, then rises with the weeks without support, whether follow-up was promised or not', () => {
    for (const every of [0, 4, 52]) {
      const { state, u } = oneMatch({ programme: { followUpEveryWeeks: every }, behaviour: { neglectPerYear: 0.52, supportGraceWeeks: 6, supportRiskWeeks: 13 } });
      u.lastSupport = 10;
      expect(lackOfSupportHazard(state, u, 16)).toBe(0);
      // 13 weeks past the grace: 0.01 * (1 - e^-1)
      expect(lackOfSupportHazard(state, u, 29)).toBeCloseTo(0.01 * (1 - Math.exp(-1)), 12);
      expect(lackOfSupportHazard(state, u, 40)).toBeGreaterThan(lackOfSupportHazard(state, u, 29));
    }
  });
});

describe('finalising closures', () => {
  it('closes every due match once, with one reason, and frees the pair', () => {
    const { state } = oneMatch({ ...quiet, programme: { ...quiet.programme, plannedWeeks: 5 }, behaviour: { ...quiet.behaviour, rematchParticipant: 0 }, volunteers: { rematchWillingness: 1 } });
    step(closure, state, 14);
    expect(state.matches).toHaveLength(0);
    expect(state.units).toHaveLength(0);
    expect(state.closed.map((r) => [r.reason, r.weeks])).toEqual([['planned', 5]]);
    expect(state.participants.status[0]).toBe(P.finished);
    expect(state.volunteers.status[0]).toBe(V.available);
    expect(state.coordinators.caseload[0]).toBe(0);
  });
  it('keeps the first reason asked for', () => {
    const { state, m } = oneMatch(quiet);
    requestClosure(state, m, 'volunteer');
    requestClosure(state, m, 'mismatch');
    step(closure, state, 12);
    expect(reasons(state)).toEqual(['volunteer']);
  });
  it('harms the participant when a match ends early: harm * (1 - weeks / 26), and costs trust', () => {
    const { state, m } = oneMatch({ behaviour: { earlyEndHarm: 0.2, failureTrustLoss: 0.05 } });
    requestClosure(state, m, 'volunteer');
    finaliseClosure(state, m, 22, () => 1); // 13 weeks: half the harm window
    expect(state.participants.gain[0]).toBeCloseTo(-0.1, 12);
    expect(state.participants.motivation[0]).toBeCloseTo(0.65, 12);
    expect(state.participants.failedMatches[0]).toBe(1);
    // The next match starts with less trust.
    const next = duo(state, 0, 1, 30);
    expect(next.members[0].quality).toBeCloseTo(state.params.behaviour.startQuality - 0.05, 12);
  });
  it('lets the harm fade and last as gains do: (gain - harm) x fadeFactor, longer with a longer half-life', () => {
    const after = (fadeHalfLifeWeeks: number) => {
      const { state, m } = oneMatch({ behaviour: { earlyEndHarm: 0.2, fadeHalfLifeWeeks, retainedShare: 0.5 } });
      state.participants.gain[0] = 0.05; // wellbeing, a harmed domain
      requestClosure(state, m, 'volunteer');
      finaliseClosure(state, m, 22, () => 1); // 13 weeks: harm 0.1
      return gainAt(state, 0, 0, 22 + 26);
    };
    // 26 weeks later with a 26-week half-life: half of the fading half is gone, 0.75 of (0.05 - 0.1) is left.
    expect(after(26)).toBeCloseTo(-0.0375, 12);
    // A longer half-life keeps more of the harm too.
    expect(after(104)).toBeLessThan(after(26));
  });
  it('keeps a pair in touch after a planned ending with chance keepInTouchShare x quality', () => {
    const n = 200;
    const state = testState({ ...quiet, programme: { ...quiet.programme, plannedWeeks: 5, keepInTouchShare: 0.5 } }, { participants: n, volunteers: n });
    for (let p = 0; p < n; p++) duo(state, p, p, 10).members[0].quality = 0.6;
    step(closure, state, 14); // all complete: 5 weeks from week 10
    expect(reasons(state).every((r) => r === 'planned')).toBe(true);
    // The draw is the closure.keepInTouch stream's, keyed by participant and week: in touch below 0.5 x 0.6.
    const draw = createStreams(11, 0).stream('closure.keepInTouch');
    const inTouch = Array.from(state.participants.inTouch);
    expect(inTouch).toEqual(Array.from({ length: n }, (_, p) => (draw.u(p, 14) < 0.3 ? 1 : 0)));
    const share = inTouch.reduce((a, b) => a + b, 0) / n;
    expect(share).toBeGreaterThan(0.3 - 4 * Math.sqrt((0.3 * 0.7) / n));
    expect(share).toBeLessThan(0.3 + 4 * Math.sqrt((0.3 * 0.7) / n));
  });
  it('keeps no pair in touch after a premature ending, whatever the share and quality', () => {
    const { state, m } = oneMatch({ ...quiet, programme: { ...quiet.programme, keepInTouchShare: 1 } });
    m.quality = 1;
    requestClosure(state, m, 'volunteer');
    step(closure, state, 12);
    expect(reasons(state)).toEqual(['volunteer']);
    expect(state.participants.inTouch[0]).toBe(0);
    const done = oneMatch({ ...quiet, programme: { ...quiet.programme, plannedWeeks: 5, keepInTouchShare: 1 } });
    done.m.quality = 1;
    step(closure, done.state, 14);
    expect(done.state.participants.inTouch[0]).toBe(1);
  });
  it('schedules a peer buddy application after a completion', () => {
    const { state } = oneMatch({ ...quiet, programme: { ...quiet.programme, plannedWeeks: 5 }, volunteers: { peerShare: 1, peerDelayWeeks: 26 } });
    step(closure, state, 14);
    expect(state.peerQueue).toEqual([40, 0]);
  });
  it('ends a group member alone, and the unit with its volunteer', () => {
    const state = testState(quiet, undefined, 10);
    const pair = (p: number) => ({ participant: p, deepSimilarity: 0.5, surfaceSimilarity: 0.5 });
    const u = startUnit(state, 0, [pair(0), pair(1), pair(2)], 10);
    requestClosure(state, u.members[1], 'participant');
    step(closure, state, 12);
    expect(u.members.map((m) => m.participant)).toEqual([0, 2]);
    expect(state.units).toHaveLength(1);
  });
});

describe('expCeiling', () => {
  it('is at least Math.exp, also just below and above the integers and outside its table', () => {
    const xs = [-80, -64.5, -64, -3, -1e-300, 0, 1e-300, 0.3, 1.8, 64, 64.5, 80];
    for (let k = -70; k <= 70; k++) xs.push(k, k * (1 - 2 ** -52), k + 2 ** -40, k - 2 ** -40, k + 0.5);
    for (const x of xs) expect(expCeiling(x), `x=${x}`).toBeGreaterThanOrEqual(Math.exp(x));
  });
  it('is the exponential at the next integer up, so at most e times Math.exp', () => {
    expect(expCeiling(0.3)).toBeCloseTo(Math.E, 9);
    expect(expCeiling(-1.2)).toBeCloseTo(Math.exp(-1), 12);
  });
});
