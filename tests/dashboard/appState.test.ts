import { describe, expect, it } from 'vitest';
import { ASSUMED_SPEED, parseScenario, runSerial, type Aggregate } from '../../src/index.ts';
import { initialState, resultsTruth, type AppState } from '../../src/dashboard/app/appState.ts';
import { resolveDesign } from '../../src/dashboard/design.ts';
import { canPin } from '../../src/dashboard/run/actions.ts';

const small = (over: Record<string, unknown> = {}) => parseScenario({ version: 1, name: 'truth test', seed: 3, reps: 4, weeks: 40, outcomes: { assessmentWeeks: 20 }, ...over });
const a = small();
const b = small({ programme: { contactsPerWeek: 2 } });
const runA = runSerial(a);
const partialB: Aggregate = runSerial(b, 2);

/** A state whose controls hold `design` and whose screen shows `shown`. */
function state(design: Record<string, unknown> | null, patch: Partial<AppState>): AppState {
  const s = initialState(ASSUMED_SPEED);
  const dash = { scenario: null, overrides: (design ?? { reps: 'many' }) as Record<string, number | string> };
  return { ...s, dash, design: resolveDesign(dash), ...patch };
}
const designA = { name: 'truth test', seed: 3, reps: 4, weeks: 40, 'outcomes.assessmentWeeks': 20 };
const designB = { ...designA, 'programme.contactsPerWeek': 2 };

describe('which results are on screen (issue 7: dashboard truth)', () => {
  it('the design resolves to the scenario the tests run', () => {
    expect(resolveDesign({ scenario: null, overrides: designA }).scenario?.seed).toBe(3);
  });

  it('nothing shown: nothing to say', () => {
    expect(resultsTruth(state(designA, {}))).toEqual({ showing: 'nothing', previousLabel: null, partialLabel: null });
  });

  it('the complete run of the design in the controls is current, with no label', () => {
    const t = resultsTruth(state(designA, { shown: { aggregate: runA, scenario: a, complete: true } }));
    expect(t).toEqual({ showing: 'current', previousLabel: null, partialLabel: null });
  });

  it('while a new design runs, before its first replication, the figures are the previous design\'s', () => {
    const s = state(designB, { shown: { aggregate: runA, scenario: a, complete: true }, run: { purpose: 'current', scenario: b, started: 0 } });
    expect(resultsTruth(s)).toEqual({
      showing: 'previous',
      previousLabel: 'Previous design: truth test (4 replications). Not the design in the controls: the new design is running.',
      partialLabel: null,
    });
    expect(canPin(s)).toBe(false);
  });

  it('after a cancel before any replication, they stay the previous design\'s, and say why', () => {
    const s = state(designB, { shown: { aggregate: runA, scenario: a, complete: true }, cancelled: { done: 0, total: 4 } });
    expect(resultsTruth(s).previousLabel).toMatch(/Not the design in the controls: the new run was cancelled before any replication finished\.$/);
    expect(canPin(s)).toBe(false);
  });

  it('after a lever moved, with an invalid design, or waiting for a click on a heavy run', () => {
    const shown = { aggregate: runA, scenario: a, complete: true };
    expect(resultsTruth(state(designB, { shown })).previousLabel).toMatch(/the levers have changed since; press Run\.$/);
    expect(resultsTruth(state(null, { shown })).previousLabel).toMatch(/the design in the controls has problems\.$/);
    expect(resultsTruth(state(designB, { shown, awaitingClick: true })).previousLabel).toMatch(/heavy run and waits for a click on Run\.$/);
  });

  it('the new design\'s first replications are current but labelled partial; a cancel after some says how many', () => {
    const shown = { aggregate: partialB, scenario: b, complete: false };
    const running = state(designB, { shown, run: { purpose: 'current', scenario: b, started: 0 } });
    expect(resultsTruth(running)).toEqual({ showing: 'current', previousLabel: null, partialLabel: 'Partial results: 2 of 4 replications of this design so far.' });
    expect(canPin(running)).toBe(false);
    expect(resultsTruth(state(designB, { shown, cancelled: { done: 2, total: 4 } })).partialLabel).toBe('Cancelled: these figures come from 2 of 4 replications only.');
  });

  it('a partial run of a previous design says how many of its replications it holds', () => {
    const s = state(designA, { shown: { aggregate: partialB, scenario: b, complete: false } });
    expect(resultsTruth(s).previousLabel).toBe('Previous design: truth test (2 of 4 replications). Not the design in the controls: the levers have changed since; press Run.');
  });

  it('only the complete run of the design in the controls can be pinned', () => {
    expect(canPin(state(designA, { shown: { aggregate: runA, scenario: a, complete: true } }))).toBe(true);
    expect(canPin(state(designB, { shown: { aggregate: runA, scenario: a, complete: true } }))).toBe(false);
  });
});
