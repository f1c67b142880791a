import { describe, expect, it } from 'vitest';
import { FIELD_KINDS } from '../../src/dashboard/design.ts';
import { decodeState, encodeState, isSafePath, readLink, sameState, type UrlState } from '../../src/dashboard/state.ts';

const kinds = FIELD_KINDS;

describe('URL state', () => {
  it('round-trips a scenario with overrides, numbers and choices', () => {
    const state: UrlState = {
      scenario: 'flemish-befriending',
      overrides: { 'programme.plannedWeeks': 26, 'programme.matching': 'deep', reps: 40, 'participants.motivation': 0.725 },
      baseline: null,
    };
    const hash = encodeState(state, kinds);
    expect(decodeState(`#${hash}`, kinds)).toEqual(state);
    expect(decodeState(hash, kinds)).toEqual(state);
  });

  it('encodes deterministically: scenario first, then fields in display order', () => {
    const a = encodeState({ scenario: 'duo-for-a-job', overrides: { 'programme.matching': 'deep', reps: 40, seed: 3 } }, kinds);
    const b = encodeState({ scenario: 'duo-for-a-job', overrides: { seed: 3, reps: 40, 'programme.matching': 'deep' } }, kinds);
    expect(a).toBe(b);
    expect(a).toBe('scenario=duo-for-a-job&seed=3&reps=40&programme.matching=deep');
  });

  it('keeps names and other text as text, also when they look like numbers', () => {
    const state = { scenario: null, overrides: { name: '2026 pilot & more', 'outcomes.primary': 'skills' }, baseline: null };
    const hash = encodeState(state, kinds);
    expect(hash).not.toContain(' ');
    expect(decodeState(hash, kinds)).toEqual(state);
    expect(decodeState('name=123', kinds).overrides.name).toBe('123');
  });

  it('keeps text typed into a numeric field as text, for the validator to reject', () => {
    expect(decodeState('programme.plannedWeeks=abc', kinds).overrides['programme.plannedWeeks']).toBe('abc');
    expect(decodeState('programme.plannedWeeks=', kinds).overrides['programme.plannedWeeks']).toBe('');
    expect(decodeState('programme.plannedWeeks=1e2', kinds).overrides['programme.plannedWeeks']).toBe(100);
    expect(decodeState('programme.plannedWeeks=.5', kinds).overrides['programme.plannedWeeks']).toBe(0.5);
    expect(decodeState('programme.plannedWeeks=Infinity', kinds).overrides['programme.plannedWeeks']).toBe('Infinity');
  });

  it('no scenario means the model defaults; an empty hash decodes to nothing', () => {
    expect(decodeState('', kinds)).toEqual({ scenario: null, overrides: {}, baseline: null });
    expect(decodeState('#scenario=&reps=5', kinds)).toEqual({ scenario: null, overrides: { reps: 5 }, baseline: null });
  });

  it('drops keys that could reach the prototype, keeps unknown ones for validation to name', () => {
    const s = decodeState('__proto__=1&programme.constructor=2&a.b.c=3&programme.nope=4&bogus=x', kinds);
    expect(s.overrides).toEqual({ 'programme.nope': 4, bogus: 'x' });
    expect(isSafePath('programme.plannedWeeks')).toBe(true);
    expect(isSafePath('programme.__proto__')).toBe(false);
  });

  it('carries a pinned baseline in `vs`', () => {
    const state: UrlState = {
      scenario: 'flemish-befriending',
      overrides: { 'programme.followUpStyle': 'laissez-faire' },
      baseline: { scenario: 'flemish-befriending', overrides: { reps: 40 } },
    };
    const hash = encodeState(state, kinds);
    expect(hash).toContain('vs=');
    expect(decodeState(hash, kinds)).toEqual(state);
  });

  it('compares states regardless of key order', () => {
    expect(sameState({ scenario: 'x', overrides: { a: 1, b: 'c' } }, { scenario: 'x', overrides: { b: 'c', a: 1 } })).toBe(true);
    expect(sameState({ scenario: 'x', overrides: { a: 1 } }, { scenario: 'x', overrides: { a: 2 } })).toBe(false);
    expect(sameState(null, null)).toBe(true);
    expect(sameState(null, { scenario: null, overrides: {} })).toBe(false);
  });
});

describe('URL state: views, sweeps and anchors', () => {
  it('keeps the view and the sweep apart from the design\'s fields', () => {
    const hash = encodeState({ scenario: 'duo-for-a-job', overrides: { reps: 40 }, baseline: null, view: 'explore', sweep: 'x=programme.contactsPerWeek&reps=5' }, kinds);
    expect(hash).toBe('scenario=duo-for-a-job&reps=40&view=explore&sweep=x%3Dprogramme.contactsPerWeek%26reps%3D5');
    expect(decodeState(hash, kinds)).toEqual({ scenario: 'duo-for-a-job', overrides: { reps: 40 }, baseline: null, view: 'explore', sweep: 'x=programme.contactsPerWeek&reps=5' });
  });

  it('reads a hash without "=" as an anchor in the page (the skip link), never as state', () => {
    expect(readLink('#results', kinds)).toEqual({ state: { scenario: null, overrides: {}, baseline: null }, notes: [] });
  });
});
