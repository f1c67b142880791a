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
