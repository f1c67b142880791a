import { describe, expect, it } from 'vitest';
import { comparePaired, fmtEstimate, parseScenario, runSerial } from '../../src/index.ts';
import { onOneSeed, sideBySide } from '../../src/dashboard/designs/sideBySide.ts';

const base = { version: 1, name: 'side', weeks: 40, reps: 4, seed: 9, outcomes: { assessmentWeeks: 20 } };
const designs = [
  { label: 'As it is', scenario: parseScenario(base) },
  { label: 'Twice a week', scenario: parseScenario({ ...base, seed: 3, programme: { contactsPerWeek: 2 } }) },
  { label: 'Deep matching', scenario: parseScenario({ ...base, reps: 2, programme: { matching: 'deep' } }) },
];

describe('designs side by side', () => {
  it('runs every design on the first one\'s seed and replications, or the ones given', () => {
    expect(onOneSeed(designs).map((d) => [d.scenario.seed, d.scenario.reps])).toEqual([[9, 4], [9, 4], [9, 4]]);
    expect(onOneSeed(designs, { seed: 1, reps: 6 }).map((d) => [d.scenario.seed, d.scenario.reps])).toEqual([[1, 6], [1, 6], [1, 6]]);
  });

  it('names each design by what differs, with figures and paired differences from the first', () => {
    const same = onOneSeed(designs);
    const aggregates = same.map((d) => runSerial(d.scenario));
    const t = sideBySide(same, aggregates);
    expect(t.differing.map((p) => p.path)).toEqual(['programme.contactsPerWeek', 'programme.matching']);
    expect(t.designs).toEqual([
      { label: 'As it is', differs: 'programme.contactsPerWeek 1, programme.matching surface' },
      { label: 'Twice a week', differs: 'programme.contactsPerWeek 2, programme.matching surface' },
      { label: 'Deep matching', differs: 'programme.contactsPerWeek 1, programme.matching deep' },
    ]);
    const row = t.rows.find((r) => r.metric === 'effectAllReferred')!;
    const m = aggregates[1].summary.metrics.effectAllReferred;
    expect(row.values[1]).toBe(fmtEstimate(m.value, m.ci95, 'g'));
    expect(row.differences[0]).toBeNull();
    const d = comparePaired(aggregates[0], aggregates[1]).effectAllReferred.difference;
    expect(row.differences[1]).toMatch(/^[+-]?\d/);
    expect(row.clear[1]).toBe(d.ci95[0] > 0 || d.ci95[1] < 0);
    expect(t.estimates[2].effectAllReferred?.value).toBe(aggregates[2].summary.metrics.effectAllReferred.value);
    expect([t.seed, t.reps]).toEqual([9, 4]);
  });
});
