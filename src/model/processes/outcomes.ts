import { defineProcess } from '../../engine/process.ts';
import { oncePer, perScenario } from '../../engine/perScenario.ts';
import { DOMAINS, DOMAIN_IS_INSTRUMENTAL, FOCUS_WEIGHTS, IS_EVENT, RELEVANCE_TABLE } from '../domains.ts';
import type { RandomStream } from '../../engine/random.ts';
import { GAIN_COLUMNS, WORK, advanceWork, counterfactualAt, counterfactualValue, gainAt, fadePowerTable, fadeTable, naturalSdTable, programmeValue } from '../gains.ts';
import { matchedWeeksAt } from '../lifecycle.ts';
import { TARGET_GROUPS, type Params } from '../params.ts';
import { domainValues } from '../results.ts';
import { CURVE_STEP_WEEKS, N_DOMAINS, type Match, type ModelState } from '../state.ts';

declare module '../state.ts' {
  interface ModelState {
    /** The measurement points in weeks after referral, and the main outcome's domain index. */
    measurementWeeks: readonly number[];
    primaryDomain: number;
    /** A domain's share of the week's gain (focus, support style, relevance), by `newcomer * N + d`. */
    domainCoefficients: Float64Array;
    /** Under the duration mechanism, durationRamp by a match's age in weeks (0 to the run's weeks); otherwise null. */
    durationRamps: Float64Array | null;
  }
}

/** While an urgent need is unmet, a buddy achieves this share of the usual gain ([Griffiths2009]; value: assumption). */
export const URGENT_GAIN_SHARE = 0.4;
/** Under the 'neither' mechanism gains come early: this time constant, in weeks (assumption). */
export const NEITHER_TIME_CONSTANT = 8;
/** Measurements after the first one: this many weeks later (about 6 and 12 months). */
export const LATER_MEASUREMENTS = [26, 52] as const;

/**
 * The dose of one week under the chosen mechanism ([LitReview2021] §5.2):
 * - duration: a held relationship counts, and counts more as it matures (ramp over rampWeeks);
 * - frequency: contact hours count, relative to the reference dose, whatever the age;
 * - neither: gains come in the first weeks and then stop growing, whatever hours or length
 *   (total about rampWeeks weeks' worth).
 */
export function weeklyDose(params: Params, m: Match, age: number): number {
  const b = params.behaviour;
  switch (params.programme.mechanism) {
    case 'duration':
      return durationRamp(b, age) * heldShare(m);
    case 'frequency':
      return m.hoursThisWeek / b.referenceHours;
    case 'neither':
      // Geometric weights summing to rampWeeks over an endless match.
      return b.rampWeeks * (1 - Math.exp(-1 / NEITHER_TIME_CONSTANT)) * Math.exp(-age / NEITHER_TIME_CONSTANT);
  }
}

/**
 * Under the duration mechanism, how much a week of a relationship `age` weeks old counts: more as it matures.
 *
 * @example
 *   durationRamp({ ...behaviour, rampWeeks: 8 }, 3); // 0.5 (the fourth week of eight)
 */
export function durationRamp(b: Params['behaviour'], age: number): number {
  return Math.min(1, (age + 1) / b.rampWeeks);
}

/** The share of the week's planned contacts that took place (all of them when none were planned). */
function heldShare(m: Match): number {
  return m.plannedThisWeek === 0 ? 1 : m.contactsThisWeek / m.plannedThisWeek;
}

/**
 * How support style and focus feed each domain: instrumental support feeds the instrumental domains
 * (faster: concrete goals), relational support the relational ones, and combining both styles works
 * best ([Thys2003], [KarcherHansen2014]); the focus sets how much the newcomer and work domains gain.
 * Depends on the design only, so it is computed once per design.
 *
 * @example
 *   domainFactors(scenario.params)[DOMAINS.indexOf('network')]; // the network's share of a week's gain, before relevance
 */
export const domainFactors = oncePer((params: Params): Float64Array => {
  const s = params.programme.supportStyle;
  const b = params.behaviour;
  const mix = 1 + b.mixBonus * 4 * s * (1 - s);
  const focus = FOCUS_WEIGHTS[params.programme.focus];
  return Float64Array.from(DOMAINS, (d) => mix * (DOMAIN_IS_INSTRUMENTAL[d] ? s * b.instrumentalGainFactor : 1 - s) * focus[d]);
});

const RELATIONAL = Uint8Array.from(DOMAINS, (d) => (DOMAIN_IS_INSTRUMENTAL[d] ? 0 : 1));
const PEER_SUPPORTED = Uint8Array.from(DOMAINS, (d) => (d === 'wellbeing' || d === 'network' ? 1 : 0));
const NETWORK = DOMAINS.indexOf('network');

/** Support that fits the participant's need (instrumental share) works better. */
export function styleFit(supportStyle: number, need: number): number {
  return 1 - Math.abs(supportStyle - need);
}

/** A volunteer's satisfaction drifts toward the relationship's quality; being asked for more than they have costs this much a week (assumption). */
const OVERASKED_COST = 0.01;

/**
 * Outcomes of the week. Participants in a match gain per domain with relationship quality, style
 * fit and the week's dose; gains saturate toward a ceiling; the social network grows beyond the pair
 * only as far as the volunteer bridges ([Austin2020]). In a group a participant's personal gain is
 * shared attention, and members support each other in well-being and network ([Haddock2020]). The
 * work domain raises the hazard of finding work. Volunteers gain satisfaction from a good
 * relationship and empathy; the peer buddies among them, in a unit at the end of the week, are
 * counted (`peerBuddiesMatched`: the week's closures are done, so it is at most `activeUnits`).
 * Participants are measured at the scenario's measurement points, with and without the programme,
 * and the effect on the main outcome is followed by weeks since referral.
 */
export const outcomes = defineProcess({
  name: 'outcomes',
  streams: ['outcome.natural'],
  params: [
    'behaviour.gainRate', 'behaviour.instrumentalGainFactor', 'behaviour.mixBonus', 'behaviour.rampWeeks', 'behaviour.referenceHours',
    'behaviour.gainCeiling', 'behaviour.groupAttention', 'behaviour.groupPeerSupport', 'behaviour.employmentGainFactor', 'behaviour.empathyGain',
    'behaviour.fadeHalfLifeWeeks', 'behaviour.retainedShare', 'behaviour.keepInTouchFadeFactor', 'programme.supportStyle', 'programme.mechanism',
    'programme.focus', 'programme.contactsPerWeek', 'programme.hoursPerContact', 'costs.expensesPerMatchWeek', 'costs.activitiesPerMatchYear',
    'outcomes.primary', 'outcomes.assessmentWeeks', 'outcomes.naturalChangeSdPerYear', 'outcomes.employmentPerYear',
  ],
  columns: { participants: GAIN_COLUMNS },
  series: ['peerBuddiesMatched'],
  init(state: ModelState) {
    const tables = outcomeTables(state.params, state.weeks);
    state.fadeTable = tables.fadeTable;
    state.fadePowers = tables.fadePowers;
    state.naturalSdTable = tables.naturalSdTable;
    state.measurementWeeks = tables.measurementWeeks;
    state.primaryDomain = tables.primaryDomain;
    state.domainCoefficients = tables.domainCoefficients;
    state.durationRamps = tables.durationRamps;
  },
  step(state: ModelState, week, rng) {
    const { params } = state;
    const b = params.behaviour;
    const pt = state.participants;
    const vt = state.volunteers;
    const asked = params.programme.contactsPerWeek * params.programme.hoursPerContact;
    const coefficients = state.domainCoefficients;
    const perCeiling = 1 / b.gainCeiling;
    const weeklyActivities = params.costs.activitiesPerMatchYear / 52;
    // Under the duration mechanism (the default) the dose's ramp comes from the run's table: the same values,
    // without a division and the mechanism's look-up for every match.
    const ramps = state.durationRamps;
    for (const m of state.matches) {
      if (m.closing !== null) continue;
      const p = m.participant;
      const u = m.unit;
      const v = u.volunteer;
      const members = u.members.length;
      const peers = 1 + b.groupPeerSupport * (members - 1);
      // The week's gain before domain: quality, dose, fit, an unmet urgent need, shared attention in a group.
      const age = week - m.startWeek;
      const dose = ramps !== null ? ramps[age] * heldShare(m) : weeklyDose(params, m, age);
      const base = b.gainRate * m.quality * dose * styleFit(params.programme.supportStyle, pt.need[p])
        * (pt.urgentUntil[p] > week ? URGENT_GAIN_SHARE : 1) / (1 + b.groupAttention * (members - 1));
      const row = p * N_DOMAINS;
      const coefficientRow = pt.newcomer[p] * N_DOMAINS;
      for (let d = 0; d < N_DOMAINS; d++) {
        const coefficient = coefficients[coefficientRow + d];
        if (coefficient === 0) continue;
        let g = base * coefficient;
        if (d === NETWORK) g *= 2 * vt.bridging[v];
        if (PEER_SUPPORTED[d] === 1) g *= peers;
        const gain = pt.gain[row + d];
        if (gain > 0) g *= Math.max(0, 1 - gain * perCeiling);
        pt.gain[row + d] = gain + g;
        if (RELATIONAL[d] === 1) m.relationalGain += g;
      }
      // This week in a match: the work hazard's multiplier at the gain reached (earlier weeks first: only
      // in a match's first week are they not yet counted, so that rare call stays out of this hot loop).
      if (pt.jobUpdated[p] < week) advanceWork(state, p, week);
      pt.jobIntegral[p] += Math.max(0, 1 + b.employmentGainFactor * pt.gain[row + WORK]);
      pt.jobUpdated[p] = week + 1;
      state.costs.groupActivities += weeklyActivities;
    }
    let peerBuddies = 0;
    for (const u of state.units) {
      const v = u.volunteer;
      peerBuddies += vt.peer[v];
      let quality = 0;
      for (const m of u.members) quality += m.quality;
      quality /= u.members.length;
      const overasked = asked > vt.availability[v] ? OVERASKED_COST : 0;
      vt.satisfaction[v] = Math.min(1, Math.max(0, vt.satisfaction[v] + 0.05 * (quality - vt.satisfaction[v]) - overasked));
      vt.empathy[v] = Math.min(1, vt.empathy[v] + b.empathyGain * quality);
      state.costs.volunteerExpenses += params.costs.expensesPerMatchWeek;
    }
    state.series.set('peerBuddiesMatched', week, peerBuddies);
    measurePoints(state, week, rng['outcome.natural']);
    followCurve(state, week, rng['outcome.natural']);
  },
});

/**
 * The outcome tables of a scenario's runs, the same for every replication: built once per scenario
 * (perScenario), where building them for every replication took about 2% of its time (hundreds of
 * powers and square roots).
 */
const outcomeTables = perScenario((params: Params, weeks: number) => {
  const b = params.behaviour;
  const factors = domainFactors(params);
  return {
    fadeTable: fadeTable(b, weeks),
    fadePowers: fadePowerTable(b, weeks),
    naturalSdTable: naturalSdTable(params.outcomes.naturalChangeSdPerYear, weeks),
    measurementWeeks: measurementPoints(params),
    primaryDomain: DOMAINS.indexOf(params.outcomes.primary),
    domainCoefficients: RELEVANCE_TABLE.map((relevance, i) => factors[i % N_DOMAINS] * relevance),
    durationRamps: params.programme.mechanism === 'duration' ? Float64Array.from({ length: weeks + 1 }, (_, age) => durationRamp(b, age)) : null,
  };
});

/** The measurement points of a scenario, in weeks after referral. */
export function measurementPoints(params: Params): number[] {
  const first = params.outcomes.assessmentWeeks;
  return [first, ...LATER_MEASUREMENTS.map((w) => first + w)];
}

/** Scratch for one participant's values: with the programme, then without (one per domain each). */
const values = new Float64Array(2 * N_DOMAINS);

function measurePoints(state: ModelState, week: number, natural: RandomStream): void {
  const pt = state.participants;
  for (const point of state.measurementWeeks) {
    const referred = week - point;
    if (referred < 0) continue;
    for (let p = state.participantsFrom[referred]; p < state.participantsFrom[referred + 1]; p++) {
      for (let d = 0; d < N_DOMAINS; d++) {
        const without = counterfactualValue(state, natural, p, d, week);
        values[N_DOMAINS + d] = without;
        values[d] = programmeValue(state, p, d, week, without);
      }
      state.assessed.push({
        id: p,
        group: TARGET_GROUPS[pt.group[p]],
        referredWeek: pt.referredWeek[p],
        point,
        firstMatchWeek: pt.firstMatchWeek[p] >= 0 ? pt.firstMatchWeek[p] : null,
        matchedWeeks: matchedWeeksAt(state, p, week),
        matches: pt.matchCount[p],
        programme: domainValues(values),
        counterfactual: domainValues(values, N_DOMAINS),
      });
    }
  }
}

/**
 * The main outcome every CURVE_STEP_WEEKS weeks since referral: sums of the difference and of the counterfactual.
 * A cohort (the participants referred in one week) is at the same point of the curve, so its sums are carried
 * in locals and stored once (added in the same order). For a score domain (the usual main outcome) the values
 * are read straight from the path at that point, plus the gain, as counterfactualValue and programmeValue do.
 */
function followCurve(state: ModelState, week: number, natural: RandomStream): void {
  const d = state.primaryDomain;
  const event = IS_EVENT[d] === 1;
  const c = state.curve;
  const from = state.participantsFrom;
  for (let k = 0; k * CURVE_STEP_WEEKS <= week; k++) {
    const weeks = k * CURVE_STEP_WEEKS;
    const referred = week - weeks;
    const end = from[referred + 1];
    if (from[referred] === end) continue;
    let n = c.n[k];
    let sumDifference = c.sumDifference[k];
    let sumDifferenceSq = c.sumDifferenceSq[k];
    let sumCounterfactual = c.sumCounterfactual[k];
    let sumCounterfactualSq = c.sumCounterfactualSq[k];
    for (let p = from[referred]; p < end; p++) {
      const cf = event ? counterfactualValue(state, natural, p, d, week) : counterfactualAt(state, natural, p, d, weeks);
      const diff = (event ? programmeValue(state, p, d, week, cf) : cf + gainAt(state, p, d, week)) - cf;
      n += 1;
      sumDifference += diff;
      sumDifferenceSq += diff * diff;
      sumCounterfactual += cf;
      sumCounterfactualSq += cf * cf;
    }
    c.n[k] = n;
    c.sumDifference[k] = sumDifference;
    c.sumDifferenceSq[k] = sumDifferenceSq;
    c.sumCounterfactual[k] = sumCounterfactual;
    c.sumCounterfactualSq[k] = sumCounterfactualSq;
  }
}

