import { describe, expect, it } from 'vitest';
import { runReplication, timeReplication } from '../../src/model/runReplication.ts';
import { WEEK } from '../../src/model/processes/index.ts';
import { testScenario } from '../support/scenario.ts';

describe('reproducibility', () => {
  it('gives identical results for the same scenario, seed and replication', () => {
    const s = testScenario();
    expect(runReplication(s, 2)).toEqual(runReplication(s, 2));
  });
  it('gives different results for another replication or seed', () => {
    const s = testScenario();
    expect(runReplication(s, 2).matches).not.toEqual(runReplication(s, 3).matches);
    expect(runReplication(testScenario({ seed: 12 }), 2).matches).not.toEqual(runReplication(s, 2).matches);
  });
});

describe('timeReplication', () => {
  it('gives runReplication\'s result, with the time of each part, processes in the order of the week', () => {
    const s = testScenario();
    const { result, timing } = timeReplication(s, 2);
    expect(result).toEqual(runReplication(s, 2));
    expect(timing.processes.map((p) => p.name)).toEqual(WEEK.map((p) => p.name));
    for (const ms of [timing.setUp, timing.record, timing.results, ...timing.processes.map((p) => p.ms)]) expect(ms).toBeGreaterThanOrEqual(0);
  });
});

describe('common random numbers', () => {
  it('keep the same participants, arrivals and counterfactual paths across designs', () => {
    const a = runReplication(testScenario({ programme: { followUpStyle: 'structured', matching: 'surface' } }), 1);
    const b = runReplication(testScenario({ programme: { followUpStyle: 'laissez-faire', matching: 'deep', contactsPerWeek: 0.5 } }), 1);
    expect(b.referred).toBe(a.referred);
    expect(b.assessed.map((p) => [p.id, p.group, p.referredWeek, p.counterfactual]))
      .toEqual(a.assessed.map((p) => [p.id, p.group, p.referredWeek, p.counterfactual]));
    // ...while the programme's own results do differ.
    expect(b.matches).not.toEqual(a.matches);
  });
});

describe('the mechanism changes only what contact achieves', () => {
  it('without feedback from gains and goal-directed endings, matches end the same way under every mechanism (common random numbers)', () => {
    const endings = (mechanism: string) => {
      const r = runReplication(testScenario({ programme: { mechanism, goalClosure: 'no' }, behaviour: { engagementFeedback: 0 } }), 1);
      return r.matches.map((m) => [m.id, m.reason, m.weeks, m.hours]);
    };
    expect(endings('frequency')).toEqual(endings('duration'));
    expect(endings('neither')).toEqual(endings('duration'));
  });
  it('with feedback, gains keep participants engaged, so endings differ with the mechanism', () => {
    const endings = (mechanism: string) => [1, 2, 3, 4].flatMap((r) =>
      runReplication(testScenario({ programme: { mechanism }, behaviour: { engagementFeedback: 3 } }), r).matches.map((m) => [m.reason, m.weeks]));
    expect(endings('neither')).not.toEqual(endings('duration'));
  });
});
