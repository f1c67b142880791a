import { describe, expect, it } from 'vitest';
import { createStreams } from '../../src/engine/random.ts';
import { drawParticipant, drawPeerVolunteer, drawVolunteer } from '../../src/model/population.ts';
import { DEEP_TRAITS } from '../../src/model/similarity.ts';
import { testState } from '../support/state.ts';

describe('drawPeerVolunteer', () => {
  // A former participant (participant 3, referred in week 10) applies as volunteer 5 in week 114.
  const overrides = { participants: { groupNewcomer: 1, groupPsychological: 0, groupPoverty: 0, groupDisability: 0, groupYouth: 0 }, volunteers: { affinity: 0.6 } };
  const streams = createStreams(11, 0);
  const state = testState(overrides);
  drawParticipant(state, streams.stream('participant.traits'), 3, 10);
  drawPeerVolunteer(state, streams.stream('volunteer.traits'), 5, 3, 114);
  // The same applicant drawn as an ordinary volunteer, for the traits a peer does not change.
  const plain = testState(overrides);
  drawVolunteer(plain, createStreams(11, 0).stream('volunteer.traits'), 5, 114);
  const pt = state.participants;
  const vt = state.volunteers;

  it('is the same person: two years older, same gender, background and deep traits', () => {
    expect(vt.age[5]).toBeCloseTo(pt.age[3] + 2, 12);
    expect(vt.female[5]).toBe(pt.female[3]);
    expect(vt.background[5]).toBe(pt.background[3]);
    expect(vt.background[5]).toBeGreaterThan(0); // a newcomer: not of the majority background
    for (let k = 0; k < DEEP_TRAITS; k++) expect(vt.deep[5 * DEEP_TRAITS + k]).toBe(pt.deep[3 * DEEP_TRAITS + k]);
  });

  it('brings lived experience and 0.2 more affinity (capped at 1), and is marked a peer', () => {
    expect(vt.peer[5]).toBe(1);
    expect(plain.volunteers.peer[5]).toBe(0);
    expect(vt.experienced[5]).toBe(1);
    expect(vt.affinity[5]).toBeCloseTo(Math.min(1, plain.volunteers.affinity[5] + 0.2), 12);
    expect(vt.affinity[5]).toBeGreaterThan(plain.volunteers.affinity[5]);
  });

  it('has every other trait of an ordinary applicant, from the same draws', () => {
    for (const col of ['appliedWeek', 'availability', 'stability', 'motivation', 'empathy', 'empathyAtStart', 'realistic', 'bridging', 'slots', 'satisfaction'] as const) {
      expect(vt[col][5], col).toBe(plain.volunteers[col][5]);
    }
  });
});
