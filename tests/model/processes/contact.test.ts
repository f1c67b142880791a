import { describe, expect, it } from 'vitest';
import { plannedContacts } from '../../../src/model/processes/contact.ts';

describe('plannedContacts', () => {
  it('spreads monthly contact over every fourth week', () => {
    // floor((age + 1) / 4) - floor(age / 4): 1 at ages 3, 7, 11.
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((a) => plannedContacts(a, 0.25))).toEqual([0, 0, 0, 1, 0, 0, 0, 1]);
  });
  it('gives 1.5 contacts a week as 1, 2, 1, 2', () => {
    // floor(1.5) - 0 = 1, floor(3) - floor(1.5) = 2, floor(4.5) - 3 = 1, floor(6) - 4 = 2.
    expect([0, 1, 2, 3].map((a) => plannedContacts(a, 1.5))).toEqual([1, 2, 1, 2]);
  });
  it('sums to the planned total over a year', () => {
    let total = 0;
    for (let a = 0; a < 52; a++) total += plannedContacts(a, 0.75);
    expect(total).toBe(39);
  });
});

describe('contact process', () => {
  const quiet = { behaviour: { missBase: 0 }, programme: { contactsPerWeek: 2, hoursPerContact: 1.5 } };
  it('counts held contacts toward the hours budget and stops when it is used', async () => {
    const { contact } = await import('../../../src/model/processes/contact.ts');
    const { duo, step, testState } = await import('../../support/state.ts');
    const state = testState({ ...quiet, programme: { ...quiet.programme, hoursBudget: 4 } });
    state.volunteers.availability[0] = 5;
    const u = duo(state, 0, 0, 0);
    step(contact, state, 0);
    expect(u.sessionHours).toBe(3);
    step(contact, state, 1);
    expect(u.sessionHours).toBe(4);
    expect(u.members[0].hours).toBe(4);
  });
  it('in a group, one session for all; a member who misses it gets no hours', async () => {
    const { contact } = await import('../../../src/model/processes/contact.ts');
    const { startUnit } = await import('../../../src/model/lifecycle.ts');
    const { step, testState } = await import('../../support/state.ts');
    const state = testState(quiet);
    state.volunteers.availability[0] = 5;
    const pair = (p: number) => ({ participant: p, deepSimilarity: 0.5, surfaceSimilarity: 0.5 });
    const u = startUnit(state, 0, [pair(0), pair(1)], 0);
    step(contact, state, 0);
    expect(u.sessionHours).toBe(3);
    expect(u.members.map((m) => m.hours)).toEqual([3, 3]);
    // A volunteer who always misses: no session, nobody gets hours.
    const missing = testState({ ...quiet, behaviour: { missBase: 1 } });
    missing.volunteers.stability[0] = 0;
    missing.volunteers.availability[0] = 5;
    const g = startUnit(missing, 0, [pair(0), pair(1)], 0);
    step(contact, missing, 0);
    expect(g.sessionHours).toBe(0);
    expect(g.members.map((m) => m.hours)).toEqual([0, 0]);
  });
});
