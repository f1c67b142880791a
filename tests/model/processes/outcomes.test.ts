import { describe, expect, it } from 'vitest';
import { createStreams } from '../../../src/engine/random.ts';
import { DOMAINS } from '../../../src/model/domains.ts';
import { advanceWork, counterfactualAt, employedWithProgramme, employedWithout, fadeFactor, fadePower, fadePowerTable, fadeTable, gainAt, naturalSdTable, startPaths, WORK } from '../../../src/model/gains.ts';
import { finaliseClosure, requestClosure, startUnit } from '../../../src/model/lifecycle.ts';
import { domainFactors, durationRamp, measurementPoints, outcomes, styleFit, weeklyDose } from '../../../src/model/processes/outcomes.ts';
import type { Match, ModelState } from '../../../src/model/state.ts';
import { runReplication } from '../../../src/model/runReplication.ts';
import { runSerial } from '../../../src/runner/task.ts';
import { testScenario } from '../../support/scenario.ts';
import { duo, step, testState } from '../../support/state.ts';

const match = (m: Partial<Match>) => ({ plannedThisWeek: 1, contactsThisWeek: 1, hoursThisWeek: 1.5, ...m }) as Match;

describe('weeklyDose', () => {
  it('duration: ramps with the age of the relationship, counting held contacts', () => {
    const p = testScenario({ programme: { mechanism: 'duration' }, behaviour: { rampWeeks: 26 } }).params;
    // Week 12 of the match (age 12): 13 / 26.
    expect(weeklyDose(p, match({}), 12)).toBeCloseTo(0.5, 12);
    expect(weeklyDose(p, match({ contactsThisWeek: 0 }), 12)).toBe(0);
    expect(weeklyDose(p, match({ plannedThisWeek: 0, contactsThisWeek: 0 }), 40)).toBe(1);
  });
  it('frequency: contact hours over the reference dose, whatever the age', () => {
    const p = testScenario({ programme: { mechanism: 'frequency' }, behaviour: { referenceHours: 1.5 } }).params;
    expect(weeklyDose(p, match({ hoursThisWeek: 3 }), 0)).toBeCloseTo(2, 12);
    expect(weeklyDose(p, match({ hoursThisWeek: 3 }), 80)).toBeCloseTo(2, 12);
  });
  it('neither: front-loaded weights that sum to rampWeeks over an endless match', () => {
    const p = testScenario({ programme: { mechanism: 'neither' }, behaviour: { rampWeeks: 26 } }).params;
    let total = 0;
    for (let age = 0; age < 2000; age++) total += weeklyDose(p, match({ hoursThisWeek: 0 }), age);
    expect(total).toBeCloseTo(26, 6);
    expect(weeklyDose(p, match({}), 0)).toBeGreaterThan(weeklyDose(p, match({}), 10));
  });
});

describe('per-run tables', () => {
  it('hold exactly what the formulas give: the ramp, the natural spread, the powers of the fading ratio', () => {
    const state = testState({ programme: { mechanism: 'duration' }, behaviour: { rampWeeks: 8, fadeHalfLifeWeeks: 26, keepInTouchFadeFactor: 2 }, outcomes: { naturalChangeSdPerYear: 0.4 } });
    const b = state.params.behaviour;
    expect(durationRamp(b, 3)).toBe(0.5);
    expect(durationRamp(b, 20)).toBe(1);
    expect(naturalSdTable(0.4, 104)[52]).toBe(0.4);
    expect(fadePower(b, false, 26)).toBeCloseTo(0.5, 12);
    expect(fadePower(b, true, 52)).toBeCloseTo(0.5, 12);
    const size = state.weeks + 2;
    expect(state.fadePowers.length).toBe(2 * size);
    for (let w = 0; w <= state.weeks; w++) {
      expect(state.durationRamps?.[w]).toBe(durationRamp(b, w));
      expect(state.naturalSdTable[w]).toBe(0.4 * Math.sqrt(w / 52));
      expect(state.fadePowers[w]).toBe(fadePower(b, false, w));
      expect(state.fadePowers[size + w]).toBe(fadePower(b, true, w));
    }
    expect(fadePowerTable(b, 4)[6 + 1]).toBe(Math.pow(0.5, 1 / 52));
  });
  it('has no ramp table under the other mechanisms', () => {
    expect(testState({ programme: { mechanism: 'frequency' } }).durationRamps).toBeNull();
  });
});

describe('support style and focus', () => {
  it('feeds instrumental domains with s * factor and relational ones with 1 - s, times the mix bonus and the focus weight', () => {
    const p = testScenario({ programme: { supportStyle: 0.5, focus: 'integration' }, behaviour: { mixBonus: 0.3, instrumentalGainFactor: 1.8 } }).params;
    // mix = 1 + 0.3 * 4 * 0.25 = 1.3; relational 1.3 * 0.5 = 0.65; instrumental 1.3 * 0.5 * 1.8 = 1.17; work at weight 0.3.
    expect(Array.from(domainFactors(p)).map((x) => Number(x.toFixed(6)))).toEqual([0.65, 0.65, 1.17, 1.17, 1.17, 1.17, 0.351]);
  });
  it('fits support to need: 1 - |style - need|', () => {
    expect(styleFit(0.3, 0.5)).toBeCloseTo(0.8, 12);
  });
});

describe('fading', () => {
  it('keeps the lasting share and halves the rest every half-life; slower for pairs in touch', () => {
    const state = testState({ behaviour: { retainedShare: 0.5, fadeHalfLifeWeeks: 26, earlyEndHarm: 0, keepInTouchFadeFactor: 2 } });
    // 0.5 + 0.5 * 0.5 = 0.75 after one half-life; in touch: 0.5 + 0.5 * 0.5^0.5.
    expect(fadeFactor(state, 26, false)).toBeCloseTo(0.75, 12);
    expect(fadeFactor(state, 26, true)).toBeCloseTo(0.5 + 0.5 * Math.SQRT1_2, 12);
    const m = duo(state, 0, 0, 0).members[0];
    state.participants.gain[0] = 0.4;
    requestClosure(state, m, 'planned');
    finaliseClosure(state, m, 51, () => 1);
    expect(gainAt(state, 0, 0, 51)).toBeCloseTo(0.4, 12);
    expect(gainAt(state, 0, 0, 77)).toBeCloseTo(0.3, 12);
  });
});

describe('paths with and without the programme', () => {
  it('the counterfactual is a random walk from the baseline with the natural spread, moving forward only', () => {
    const state = testState({ outcomes: { naturalChangeSdPerYear: 0.4 } });
    const natural = createStreams(1, 0).stream('outcome.natural');
    const values: number[] = [];
    for (let p = 0; p < 10; p++) {
      state.participants.baseline[p * DOMAINS.length] = 1;
      startPaths(state, p, 0);
      values.push(counterfactualAt(state, natural, p, 0, 52) - 1);
      expect(counterfactualAt(state, natural, p, 0, 52)).toBe(values[p] + 1); // same time: same value
    }
    expect(Math.max(...values.map(Math.abs))).toBeLessThan(4 * 0.4);
    expect(new Set(values).size).toBe(10);
  });
  it('finds work at the same draw with and without the programme: never later with gains', () => {
    const state = testState({ outcomes: { employmentPerYear: 0.52 } }); // 0.01 a week
    const pt = state.participants;
    pt.workDraw[0] = 0.3; // 30 weeks without the programme
    startPaths(state, 0, 0);
    expect(employedWithout(state, 0, 28)).toBe(false);
    expect(employedWithout(state, 0, 29)).toBe(true);
    // A gain of 1 SD in the work domain with factor 1.5 multiplies the hazard by 2.5: 12 weeks.
    pt.gain[WORK] = 1;
    expect(employedWithProgramme(state, 0, 10)).toBe(false);
    expect(employedWithProgramme(state, 0, 11)).toBe(true);
  });
  it('accumulates the work hazard of fading gains in closed form', () => {
    const state = testState({ behaviour: { employmentGainFactor: 1, retainedShare: 0.5, fadeHalfLifeWeeks: 10 } });
    const pt = state.participants;
    startPaths(state, 0, 0);
    pt.gain[WORK] = 1;
    pt.lastClosure[0] = 0;
    advanceWork(state, 0, 30);
    let expected = 0;
    for (let s = 0; s < 30; s++) expected += 1 + (0.5 + 0.5 * Math.pow(0.5, s / 10));
    expect(pt.jobIntegral[0]).toBeCloseTo(expected, 9);
  });
});

describe('outcomes process', () => {
  it('grows the gains of matched participants and measures everyone at the measurement points', () => {
    const state = testState({ outcomes: { assessmentWeeks: 10 } });
    expect(measurementPoints(state.params)).toEqual([10, 36, 62]);
    for (let p = 0; p < 10; p++) startPaths(state, p, 0);
    const m = duo(state, 0, 0, 0).members[0];
    m.quality = 0.8;
    state.participants.need[0] = 0.4;
    for (let w = 0; w <= 10; w++) step(outcomes, state, w);
    expect(state.participants.gain[0]).toBeGreaterThan(0);
    expect(state.participants.gain[DOMAINS.length]).toBe(0); // participant 1 was never matched
    const measured = state.assessed.filter((a) => a.point === 10);
    expect(measured.map((a) => a.id)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(measured[1].programme).toEqual(measured[1].counterfactual);
    expect(measured[0].programme.wellbeing).toBeGreaterThan(measured[0].counterfactual.wellbeing);
  });
});

describe('groups: shared attention and peer support', () => {
  it('divides a member\'s gain by 1 + attention x (members - 1) and multiplies well-being and network by 1 + peer support x (members - 1)', () => {
    const state = testState({
      programme: { mechanism: 'frequency', supportStyle: 0.5, focus: 'integration' },
      behaviour: { gainRate: 0.01, mixBonus: 0.3, instrumentalGainFactor: 1.8, referenceHours: 1.5, groupAttention: 0.5, groupPeerSupport: 0.25 },
    });
    const pt = state.participants;
    state.volunteers.bridging.fill(0.5); // the network gain's bridging factor 2 x 0.5 = 1
    const pair = (p: number) => ({ participant: p, deepSimilarity: 0.5, surfaceSimilarity: 0.5 });
    const alone = duo(state, 0, 0, 0);
    const group = startUnit(state, 1, [pair(1), pair(2), pair(3)], 0);
    for (const m of [...alone.members, ...group.members]) {
      m.quality = 0.8;
      m.hoursThisWeek = 1.5; // a full dose under the frequency mechanism
    }
    step(outcomes, state, 0);
    // Need 0 against style 0.5: fit 0.5. Duo: 0.01 x 0.8 x 1 x 0.5 = 0.004 a week before the domain
    // factors (0.65 relational, 1.17 instrumental: see 'support style and focus').
    const gain = (p: number, d: string) => pt.gain[p * DOMAINS.length + DOMAINS.indexOf(d as (typeof DOMAINS)[number])];
    expect(gain(0, 'wellbeing')).toBeCloseTo(0.0026, 12);
    expect(gain(0, 'network')).toBeCloseTo(0.0026, 12);
    expect(gain(0, 'skills')).toBeCloseTo(0.00468, 12);
    // A group of three: 0.004 / (1 + 0.5 x 2) = 0.002; well-being and network x (1 + 0.25 x 2) = 1.5.
    for (const p of [1, 2, 3]) {
      expect(gain(p, 'wellbeing')).toBeCloseTo(0.00195, 12);
      expect(gain(p, 'network')).toBeCloseTo(0.00195, 12);
      expect(gain(p, 'skills')).toBeCloseTo(0.00234, 12);
    }
    expect(gain(1, 'wellbeing') / gain(0, 'wellbeing')).toBeCloseTo(0.75, 12);
    expect(gain(1, 'skills') / gain(0, 'skills')).toBeCloseTo(0.5, 12);
  });
});

describe('peer buddies in a match', () => {
  it('counts the units whose volunteer is a former participant, at the end of the week', () => {
    const state = testState();
    state.volunteers.peer[1] = 1;
    state.volunteers.peer[3] = 1; // a peer buddy not in a match
    duo(state, 0, 0, 0);
    duo(state, 1, 1, 0);
    duo(state, 2, 2, 0);
    step(outcomes, state, 0);
    expect(state.series.toTable().peerBuddiesMatched[0]).toBe(1);
  });
});

describe('domains that share their drivers (docs/model.md)', () => {
  it('gain exactly alike: skills and horizon for everyone, language and know-how for newcomers', () => {
    const r = runReplication(testScenario({ participants: { groupNewcomer: 0.5, groupPsychological: 0.5, groupPoverty: 0, groupDisability: 0, groupYouth: 0 } }), 0);
    const gain = (a: (typeof r.assessed)[number], d: keyof typeof a.programme) => a.programme[d] - a.counterfactual[d];
    const matched = r.assessed.filter((a) => a.matchedWeeks > 0);
    expect(matched.length).toBeGreaterThan(10);
    for (const a of matched) {
      expect(gain(a, 'horizon')).toBeCloseTo(gain(a, 'skills'), 12);
      if (a.group === 'newcomer') expect(gain(a, 'knowHow')).toBeCloseTo(gain(a, 'language'), 12);
      else expect(gain(a, 'language')).toBe(0);
    }
    expect(matched.some((a) => gain(a, 'skills') !== 0)).toBe(true);
  });
});

describe('the outcome tables a replication reads', () => {
  const scenario = testScenario({});
  it('are built once per scenario, shared by its replications, and equal to their formulas', () => {
    const first = { params: scenario.params, weeks: scenario.weeks } as unknown as ModelState;
    const second = { params: scenario.params, weeks: scenario.weeks } as unknown as ModelState;
    outcomes.init!(first);
    outcomes.init!(second);
    expect(second.fadeTable).toBe(first.fadeTable);
    expect(second.durationRamps).toBe(first.durationRamps);
    expect(Array.from(first.fadeTable)).toEqual(Array.from(fadeTable(scenario.params.behaviour, scenario.weeks)));
    expect(Array.from(first.naturalSdTable)).toEqual(Array.from(naturalSdTable(scenario.params.outcomes.naturalChangeSdPerYear, scenario.weeks)));
    const other = { params: scenario.params, weeks: 52 } as unknown as ModelState;
    outcomes.init!(other);
    expect(other.fadeTable.length).toBe(2 * 53);
  });
  it('follow a changed parameter: a scenario parsed anew gets tables of its own', () => {
    const slower = testScenario({ behaviour: { fadeHalfLifeWeeks: scenario.params.behaviour.fadeHalfLifeWeeks * 4 } });
    const base = { params: scenario.params, weeks: scenario.weeks } as unknown as ModelState;
    const changed = { params: slower.params, weeks: slower.weeks } as unknown as ModelState;
    outcomes.init!(base);
    outcomes.init!(changed);
    expect(changed.fadeTable).not.toBe(base.fadeTable);
    expect(Array.from(changed.fadeTable)).toEqual(Array.from(fadeTable(slower.params.behaviour, slower.weeks)));
    // Slower fading keeps more of a gain 10 weeks after a closure.
    expect(changed.fadeTable[10]).toBeGreaterThan(base.fadeTable[10]);
  });
});

describe('the fade half-life, a lever', () => {
  it('raises the effect after the programme when early endings do no harm (paired replications)', () => {
    // With harm, a longer half-life also keeps the harm of early endings longer (closure.test.ts), so
    // its effect can go either way early on; without it, keeping gains longer can only raise the effect.
    const effectAt26 = (fadeHalfLifeWeeks: number) => {
      const summary = runSerial(testScenario({ reps: 12, behaviour: { earlyEndHarm: 0, fadeHalfLifeWeeks } })).summary;
      return summary.effects.points[1].groups.allReferred[summary.effects.primary].value;
    };
    expect(effectAt26(104)).toBeGreaterThan(effectAt26(8));
  });
});
