import { describe, expect, it } from 'vitest';
import { readScenario } from '../../src/io/readScenario.ts';
import type { ReplicationResult } from '../../src/model/results.ts';
import { runReplication } from '../../src/model/runReplication.ts';
import { runSerial } from '../../src/runner/task.ts';

/**
 * The bundled civic-integration-40h runs the 40 hours in three formats (-group and -peer extend the
 * duo): on the same seed they share the inflow, so the formats compare on one population.
 */
describe('the 40-hour trajectory in a duo, a group and with peer buddies', () => {
  const formats = ['civic-integration-40h', 'civic-integration-40h-group', 'civic-integration-40h-peer'] as const;
  const reps = [0, 1];
  const runs = Object.fromEntries(formats.map((name) => [name, reps.map((r) => runReplication(readScenario(name), r))])) as Record<
    (typeof formats)[number],
    ReplicationResult[]
  >;
  const duo = runs['civic-integration-40h'];
  const group = runs['civic-integration-40h-group'];
  const peer = runs['civic-integration-40h-peer'];
  const total = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

  it('share the seed and the inflow: the same referrals week by week, the same scheduled applicants', () => {
    const [d, g, p] = formats.map((name) => readScenario(name));
    expect(g.seed).toBe(d.seed);
    expect(p.seed).toBe(d.seed);
    expect(g.params.inflow).toEqual(d.params.inflow);
    expect(p.params.inflow).toEqual(d.params.inflow);
    reps.forEach((r) => {
      expect(total(duo[r].weekly.referrals)).toBeGreaterThan(0);
      expect(group[r].weekly.referrals).toEqual(duo[r].weekly.referrals);
      expect(peer[r].weekly.referrals).toEqual(duo[r].weekly.referrals);
      expect(group[r].referrals.referredWeek).toEqual(duo[r].referrals.referredWeek);
      expect(group[r].weekly.volunteerApplications).toEqual(duo[r].weekly.volunteerApplications);
      // Peers apply on top of the scheduled applicants: exactly the peer applications more.
      expect(peer[r].volunteers.applied - duo[r].volunteers.applied).toBe(peer[r].volunteers.peers);
    });
  });

  it('differ in the format: groups of more than one member (at most four) with fewer volunteers, duos of one', () => {
    reps.forEach((r) => {
      expect(duo[r].matches.every((m) => m.unitSize === 1)).toBe(true);
      expect(peer[r].matches.every((m) => m.unitSize === 1)).toBe(true);
      expect(group[r].matches.some((m) => m.unitSize > 1)).toBe(true);
      expect(Math.max(...group[r].matches.map((m) => m.unitSize))).toBeLessThanOrEqual(4);
      // A volunteer serves a whole group: fewer units a week than a duo programme on the same inflow.
      expect(total(group[r].weekly.activeUnits)).toBeLessThan(total(duo[r].weekly.activeUnits));
      expect(total(group[r].weekly.activeMatches)).toBeGreaterThan(total(group[r].weekly.activeUnits));
    });
  });

  it('only the peer version has peer applications', () => {
    reps.forEach((r) => {
      expect(total(peer[r].weekly.peerApplications)).toBeGreaterThan(0);
      expect(peer[r].volunteers.peers).toBe(total(peer[r].weekly.peerApplications));
      expect(total(duo[r].weekly.peerApplications)).toBe(0);
      expect(total(group[r].weekly.peerApplications)).toBe(0);
    });
  });

  it('shows peer buddies as volunteers: trained, then matched once their delay is over', () => {
    const delay = readScenario('civic-integration-40h-peer').params.volunteers.peerDelayWeeks;
    reps.forEach((r) => {
      const w = peer[r].weekly;
      const firstApplication = w.peerApplications.findIndex((x) => x > 0);
      // A participant completes at the earliest after a week in a match, then waits the delay.
      expect(firstApplication).toBeGreaterThan(delay);
      for (let k = 0; k < firstApplication; k++) {
        expect(w.peerBuddiesTrained[k]).toBe(0);
        expect(w.peerBuddiesMatched[k]).toBe(0);
      }
      expect(total(w.peerBuddiesTrained)).toBeGreaterThan(0);
      expect(total(w.peerBuddiesTrained)).toBeLessThanOrEqual(total(w.peerApplications));
      expect(Math.max(...w.peerBuddiesMatched)).toBeGreaterThan(0);
      // One volunteer per unit: peer buddies in a match are at most the volunteers in a match.
      w.peerBuddiesMatched.forEach((n, k) => expect(n).toBeLessThanOrEqual(w.activeUnits[k]));
      // Without peers the series stay at zero.
      for (const name of ['civic-integration-40h', 'civic-integration-40h-group'] as const) {
        expect(runs[name][r].weekly.peerBuddiesMatched.every((x) => x === 0)).toBe(true);
        expect(runs[name][r].weekly.peerBuddiesTrained.every((x) => x === 0)).toBe(true);
      }
    });
  });
});

describe('work as an outcome: job mentoring against befriending for newcomers', () => {
  const summaryOf = (name: string) => runSerial(readScenario(name), 40).summary;
  const job = summaryOf('duo-for-a-job');
  const befriending = summaryOf('newcomer-befriending');

  it('both report the effect on work', () => {
    for (const s of [job, befriending]) {
      expect(s.effects.domains).toContain('employment');
      expect(s.effects.groups.allReferred.employment.participants).toBeGreaterThan(0);
      expect(Number.isFinite(s.metrics['effectAllReferred.employment'].value)).toBe(true);
      expect(Number.isFinite(s.metrics['effectMatched.employment'].value)).toBe(true);
    }
  });

  it('job mentoring (focus on work) raises the share in work clearly more: the intervals over 40 replications do not overlap', () => {
    for (const metric of ['effectAllReferred.employment', 'effectMatched.employment'] as const) {
      const a = job.metrics[metric];
      const b = befriending.metrics[metric];
      expect(a.ci95[0], metric).toBeGreaterThan(b.ci95[1]);
      expect(a.value, metric).toBeGreaterThan(3 * Math.max(0, b.value));
    }
  });
});
