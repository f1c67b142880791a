import { bernoulli, categorical, clamp, clampedNormal, exponential, normal } from '../engine/distributions.ts';
import { oncePer } from '../engine/perScenario.ts';
import { float64, int32, uint8 } from '../engine/process.ts';
import type { RandomStream } from '../engine/random.ts';
import { GROUP_PROFILES, TARGET_GROUPS, type Params } from './params.ts';
import { N_DOMAINS, type ModelState } from './state.ts';
import { TIME_SLOTS } from './matchingClasses.ts';
import { DEEP_TRAITS } from './similarity.ts';

/**
 * The agents' traits, drawn when they arrive. Every trait takes its own counter on the agent's own
 * slot, so a participant is the same person in every scenario that shares the seed, whatever the
 * programme design (common random numbers).
 */

const BACKGROUNDS = 4; // 0 = majority background; 1-3 = other backgrounds

declare module './state.ts' {
  interface ParticipantColumns {
    referredWeek: Int32Array;
    group: Uint8Array;
    newcomer: Uint8Array;
    need: Float64Array;
    motivation: Float64Array;
    urgentUntil: Int32Array;
    /** The target group's multiplier on leaving a match, kept per participant for the hot loop. */
    leaveFactor: Float64Array;
    deep: Float64Array;
    age: Float64Array;
    female: Uint8Array;
    background: Uint8Array;
    /** The time slot the participant can meet in (0..TIME_SLOTS-1). */
    slot: Uint8Array;
    /** 1: accepts only a volunteer of the same gender. */
    sameGenderOnly: Uint8Array;
    baseline: Float64Array;
    /** A unit exponential: how soon the participant finds work without the programme (weeks x hazard). */
    workDraw: Float64Array;
    status: Uint8Array;
  }
  interface VolunteerColumns {
    appliedWeek: Int32Array;
    availability: Float64Array;
    stability: Float64Array;
    motivation: Float64Array;
    empathy: Float64Array;
    empathyAtStart: Float64Array;
    affinity: Float64Array;
    realistic: Uint8Array;
    experienced: Uint8Array;
    bridging: Float64Array;
    deep: Float64Array;
    age: Float64Array;
    female: Uint8Array;
    background: Uint8Array;
    /** Bit k set: free in time slot k. */
    slots: Uint8Array;
    /** 1: a former participant, volunteering as a peer buddy. */
    peer: Uint8Array;
    status: Uint8Array;
    readyWeek: Int32Array;
    satisfaction: Float64Array;
    matchCount: Int32Array;
    trainingHours: Float64Array;
  }
}

export const PARTICIPANT_CORE = {
  referredWeek: int32(), group: uint8(), newcomer: uint8(), need: float64(), motivation: float64(), urgentUntil: int32(),
  leaveFactor: float64(), deep: float64(0, DEEP_TRAITS), age: float64(), female: uint8(), background: uint8(), slot: uint8(),
  sameGenderOnly: uint8(), baseline: float64(0, N_DOMAINS), workDraw: float64(), status: uint8(),
} as const;

export const VOLUNTEER_CORE = {
  appliedWeek: int32(), availability: float64(), stability: float64(), motivation: float64(), empathy: float64(),
  empathyAtStart: float64(), affinity: float64(), realistic: uint8(), experienced: uint8(), bridging: float64(),
  deep: float64(0, DEEP_TRAITS), age: float64(), female: uint8(), background: uint8(), slots: uint8(), peer: uint8(),
  status: uint8(), readyWeek: int32(-1), satisfaction: float64(), matchCount: int32(), trainingHours: float64(),
} as const;

/**
 * Backgrounds (0 = majority) by relative weight: newcomers have one of the three others; other
 * participants and volunteers are mostly of the majority (assumption: Flemish programmes).
 */
const NEWCOMER_BACKGROUNDS = [1, 1, 1];
const PARTICIPANT_BACKGROUNDS = [6, 2, 1, 1];
const VOLUNTEER_BACKGROUNDS = [8, 1, 0.5, 0.5];

/** The target groups' shares of referrals, in TARGET_GROUPS order (once per scenario). */
const groupWeights = oncePer((params: Params): readonly number[] => {
  const par = params.participants;
  return [par.groupNewcomer, par.groupPsychological, par.groupPoverty, par.groupDisability, par.groupYouth];
});

/** Draws a referred participant's traits from the 'participant.traits' stream. */
export function drawParticipant(state: ModelState, traits: RandomStream, p: number, week: number): void {
  const t = state.participants;
  const par = state.params.participants;
  const group = categorical(traits.u(p, 0), groupWeights(state.params));
  const name = TARGET_GROUPS[group];
  const profile = GROUP_PROFILES[name];
  t.referredWeek[p] = week;
  t.group[p] = group;
  t.newcomer[p] = name === 'newcomer' ? 1 : 0;
  t.leaveFactor[p] = profile.leaveFactor;
  t.need[p] = clampedNormal(traits.u(p, 1), par.instrumentalNeed + profile.instrumentalShift, 0.15);
  t.motivation[p] = clampedNormal(traits.u(p, 2), par.motivation, 0.15);
  const urgent = bernoulli(traits.u(p, 3), clamp(par.urgentNeedShare * profile.urgentFactor, 0, 1));
  t.urgentUntil[p] = urgent ? week + 1 + Math.floor(exponential(traits.u(p, 4), 1 / par.urgentNeedWeeks)) : -1;
  // Youth at risk are about 19 (assumption: BBBS-type youth programmes); adults follow the scenario.
  const age = name === 'youth' ? normal(traits.u(p, 5), 19, 2.5) : normal(traits.u(p, 5), par.meanAge, par.ageSd);
  t.age[p] = clamp(age, par.minAge, par.maxAge);
  // Participants are mostly men ([VanRobaeys2018]).
  t.female[p] = bernoulli(traits.u(p, 6), 0.4) ? 1 : 0;
  t.background[p] = name === 'newcomer' ? 1 + categorical(traits.u(p, 7), NEWCOMER_BACKGROUNDS) : categorical(traits.u(p, 7), PARTICIPANT_BACKGROUNDS);
  t.slot[p] = Math.min(TIME_SLOTS - 1, Math.floor(traits.u(p, 8) * TIME_SLOTS));
  t.sameGenderOnly[p] = bernoulli(traits.u(p, 9), par.sameGenderShare) ? 1 : 0;
  for (let k = 0; k < DEEP_TRAITS; k++) t.deep[p * DEEP_TRAITS + k] = normal(traits.u(p, 10 + k), 0, 1);
  for (let d = 0; d < N_DOMAINS; d++) t.baseline[p * N_DOMAINS + d] = normal(traits.u(p, 20 + d), 0, 1);
  t.workDraw[p] = exponential(traits.u(p, 40), 1);
}

/** Time slots a volunteer is free in: each with the scenario's chance, at least one. */
function drawSlots(traits: RandomStream, v: number, chance: number): number {
  let bits = 0;
  for (let k = 0; k < TIME_SLOTS; k++) if (bernoulli(traits.u(v, 30 + k), chance)) bits |= 1 << k;
  return bits === 0 ? 1 << Math.min(TIME_SLOTS - 1, Math.floor(traits.u(v, 33) * TIME_SLOTS)) : bits;
}

/** Draws an applicant's traits from the 'volunteer.traits' stream. */
export function drawVolunteer(state: ModelState, traits: RandomStream, v: number, week: number): void {
  const t = state.volunteers;
  const par = state.params.volunteers;
  t.appliedWeek[v] = week;
  t.availability[v] = Math.max(0.5, normal(traits.u(v, 0), par.availabilityHours, par.availabilityHours * 0.35));
  t.stability[v] = clampedNormal(traits.u(v, 1), par.stability, 0.18);
  t.motivation[v] = clampedNormal(traits.u(v, 2), par.motivation, 0.15);
  t.empathy[v] = clampedNormal(traits.u(v, 3), par.empathy, 0.15);
  t.empathyAtStart[v] = t.empathy[v];
  t.affinity[v] = clampedNormal(traits.u(v, 4), par.affinity, 0.18);
  t.realistic[v] = bernoulli(traits.u(v, 5), par.realisticShare) ? 1 : 0;
  t.experienced[v] = bernoulli(traits.u(v, 6), par.experiencedShare) ? 1 : 0;
  t.bridging[v] = clampedNormal(traits.u(v, 7), par.bridging, 0.2);
  t.age[v] = clamp(normal(traits.u(v, 8), par.meanAge, par.ageSd), par.minAge, par.maxAge);
  t.female[v] = bernoulli(traits.u(v, 9), par.womenShare) ? 1 : 0;
  t.background[v] = categorical(traits.u(v, 11), VOLUNTEER_BACKGROUNDS) % BACKGROUNDS;
  for (let k = 0; k < DEEP_TRAITS; k++) t.deep[v * DEEP_TRAITS + k] = normal(traits.u(v, 12 + k), 0, 1);
  t.slots[v] = drawSlots(traits, v, par.slotAvailability);
  t.satisfaction[v] = 0.6;
}

/**
 * A former participant applying as a peer buddy: their own age, gender, background and deep
 * traits; lived experience (counted as helping experience, [Paloma2020]), and affinity with the
 * target group above that of other applicants ([Eby2013]: shared background); other traits are
 * drawn as for any applicant (assumption).
 */
export function drawPeerVolunteer(state: ModelState, traits: RandomStream, v: number, p: number, week: number): void {
  drawVolunteer(state, traits, v, week);
  const t = state.volunteers;
  const pt = state.participants;
  t.age[v] = pt.age[p] + (week - pt.referredWeek[p]) / 52;
  t.female[v] = pt.female[p];
  t.background[v] = pt.background[p];
  for (let k = 0; k < DEEP_TRAITS; k++) t.deep[v * DEEP_TRAITS + k] = pt.deep[p * DEEP_TRAITS + k];
  t.experienced[v] = 1;
  t.affinity[v] = Math.min(1, t.affinity[v] + 0.2);
  t.peer[v] = 1;
}

/** Screening suitability: the criteria of [ArmenTeKort2017] (motivation, stability, empathy, affinity). */
export function suitability(state: ModelState, v: number): number {
  const t = state.volunteers;
  return (t.motivation[v] + t.stability[v] + t.empathy[v] + t.affinity[v]) / 4;
}
