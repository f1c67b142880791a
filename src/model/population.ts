import { bernoulli, categorical, clamp, clampedNormal, exponential, normal } from '../engine/distributions.ts';
import { GROUP_PROFILES, TARGET_GROUPS } from './params.ts';
import { N_DOMAINS, type ModelState } from './state.ts';
import { DEEP_TRAITS } from './similarity.ts';

/**
 * Drawing an agent's traits when it arrives. Every trait takes its own counter (the second
 * argument) on the agent's own slot, so a participant is the same person in every scenario
 * that shares the seed, whatever the programme design.
 */

const BACKGROUNDS = 4; // 0 = majority background; 1-3 = other backgrounds

export function drawParticipant(state: ModelState, p: number, week: number): void {
  const t = state.participants;
  const par = state.params.participants;
  const u = (k: number) => state.rng['participant.traits'].u(p, k);
  const weights = [par.groupNewcomer, par.groupPsychological, par.groupPoverty, par.groupDisability, par.groupYouth];
  const group = categorical(u(0), weights);
  const profile = GROUP_PROFILES[TARGET_GROUPS[group]];
  t.referredWeek[p] = week;
  t.group[p] = group;
  t.leaveFactor[p] = profile.leaveFactor;
  t.need[p] = clampedNormal(u(1), par.instrumentalNeed + profile.instrumentalShift, 0.15);
  t.motivation[p] = clampedNormal(u(2), par.motivation, 0.15);
  const urgent = bernoulli(u(3), clamp(par.urgentNeedShare * profile.urgentFactor, 0, 1));
  t.urgentUntil[p] = urgent ? week + 1 + Math.floor(exponential(u(4), 1 / par.urgentNeedWeeks)) : -1;
  const youth = TARGET_GROUPS[group] === 'youth';
  t.age[p] = youth ? clamp(normal(u(5), 19, 2.5), 12, 25) : clamp(normal(u(5), 38, 12), 18, 85);
  // Participants are mostly men ([VanRobaeys2018]).
  t.female[p] = bernoulli(u(6), 0.4) ? 1 : 0;
  t.background[p] = TARGET_GROUPS[group] === 'newcomer' ? 1 + categorical(u(7), [1, 1, 1]) : categorical(u(7), [6, 2, 1, 1]);
  for (let k = 0; k < DEEP_TRAITS; k++) t.deep[p * DEEP_TRAITS + k] = normal(u(10 + k), 0, 1);
  for (let d = 0; d < N_DOMAINS; d++) t.baseline[p * N_DOMAINS + d] = normal(u(20 + d), 0, 1);
}

export function drawVolunteer(state: ModelState, v: number, week: number): void {
  const t = state.volunteers;
  const par = state.params.volunteers;
  const u = (k: number) => state.rng['volunteer.traits'].u(v, k);
  t.appliedWeek[v] = week;
  t.availability[v] = Math.max(0.5, normal(u(0), par.availabilityHours, par.availabilityHours * 0.35));
  t.stability[v] = clampedNormal(u(1), par.stability, 0.18);
  t.motivation[v] = clampedNormal(u(2), par.motivation, 0.15);
  t.empathy[v] = clampedNormal(u(3), par.empathy, 0.15);
  t.empathyAtStart[v] = t.empathy[v];
  t.affinity[v] = clampedNormal(u(4), par.affinity, 0.18);
  t.realistic[v] = bernoulli(u(5), par.realisticShare) ? 1 : 0;
  t.experienced[v] = bernoulli(u(6), par.experiencedShare) ? 1 : 0;
  t.bridging[v] = clampedNormal(u(7), par.bridging, 0.2);
  t.age[v] = clamp(normal(u(8), par.meanAge, 13), 18, 85);
  t.female[v] = bernoulli(u(9), par.womenShare) ? 1 : 0;
  t.background[v] = categorical(u(11), [8, 1, 0.5, 0.5]) % BACKGROUNDS;
  for (let k = 0; k < DEEP_TRAITS; k++) t.deep[v * DEEP_TRAITS + k] = normal(u(12 + k), 0, 1);
  t.satisfaction[v] = 0.6;
}

/** Screening suitability: the criteria of [ArmenTeKort2017] (motivation, stability, empathy, affinity). */
export function suitability(state: ModelState, v: number): number {
  const t = state.volunteers;
  return (t.motivation[v] + t.stability[v] + t.empathy[v] + t.affinity[v]) / 4;
}
