import { normal } from '../../engine/distributions.ts';
import type { Process } from '../../engine/process.ts';
import { gainAt, matchedWeeksAt } from '../matchLifecycle.ts';
import { DOMAINS, DOMAIN_IS_INSTRUMENTAL, TARGET_GROUPS, type Params } from '../params.ts';
import type { DomainValues } from '../results.ts';
import { N_DOMAINS, type Match, type ModelState } from '../state.ts';

/** While an urgent need is unmet, a buddy achieves this share of the usual gain ([Griffiths2009]). */
export const URGENT_GAIN_SHARE = 0.4;
/** Under the 'neither' mechanism gains come early: this time constant, in weeks. */
export const NEITHER_TIME_CONSTANT = 8;

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
    case 'duration': {
      const held = m.plannedThisWeek === 0 ? 1 : m.contactsThisWeek / m.plannedThisWeek;
      return Math.min(1, (age + 1) / b.rampWeeks) * held;
    }
    case 'frequency':
      return m.hoursThisWeek / b.referenceHours;
    case 'neither':
      // Geometric weights summing to rampWeeks over an endless match.
      return b.rampWeeks * (1 - Math.exp(-1 / NEITHER_TIME_CONSTANT)) * Math.exp(-age / NEITHER_TIME_CONSTANT);
  }
}

/**
 * How support style feeds each domain: instrumental support feeds the instrumental domains
 * (faster: concrete goals), relational support the relational ones, and combining both styles
 * works best ([Thys2003]; [KarcherHansen2014]). Depends on the design only, so it is computed
 * once per week, not per pair.
 */
const factorCache = new WeakMap<Params, Float64Array>();
export function domainFactors(params: Params): Float64Array {
  const cached = factorCache.get(params);
  if (cached) return cached;
  const s = params.programme.supportStyle;
  const b = params.behaviour;
  const mix = 1 + b.mixBonus * 4 * s * (1 - s);
  const factors = Float64Array.from(DOMAINS, (d) => mix * (DOMAIN_IS_INSTRUMENTAL[d] ? s * b.instrumentalGainFactor : 1 - s));
  factorCache.set(params, factors);
  return factors;
}

const RELATIONAL = Uint8Array.from(DOMAINS, (d) => (DOMAIN_IS_INSTRUMENTAL[d] ? 0 : 1));

/** Support that fits the participant's need (instrumental share) works better. */
export function styleFit(supportStyle: number, need: number): number {
  return 1 - Math.abs(supportStyle - need);
}

/**
 * Outcomes of the week. Participants in a match gain per domain with relationship quality, style
 * fit and the week's dose; the social network grows beyond the pair only as far as the volunteer
 * bridges ([Austin2020]). Volunteers gain satisfaction from a good relationship and empathy.
 * Participants reaching their assessment point are measured, with and without the programme.
 */
export const outcomes: Process<ModelState> = {
  name: 'outcomes',
  step(state, week) {
    const { params } = state;
    const b = params.behaviour;
    const pt = state.participants;
    const vt = state.volunteers;
    const networkIndex = DOMAINS.indexOf('network');
    const asked = params.programme.contactsPerWeek * params.programme.hoursPerContact;
    const factors = domainFactors(params);
    for (const m of state.active) {
      const p = m.participant;
      const v = m.volunteer;
      const age = week - m.startWeek;
      const base = b.gainRate * m.quality * weeklyDose(params, m, age) * styleFit(params.programme.supportStyle, pt.need[p])
        * (pt.urgentUntil[p] > week ? URGENT_GAIN_SHARE : 1);
      for (let d = 0; d < N_DOMAINS; d++) {
        const g = base * factors[d] * (d === networkIndex ? 2 * vt.bridging[v] : 1);
        pt.gain[p * N_DOMAINS + d] += g;
        if (RELATIONAL[d]) m.relationalGain += g;
      }
      const overasked = asked > vt.availability[v] ? 0.01 : 0;
      vt.satisfaction[v] = Math.min(1, Math.max(0, vt.satisfaction[v] + 0.05 * (m.quality - vt.satisfaction[v]) - overasked));
      vt.empathy[v] = Math.min(1, vt.empathy[v] + b.empathyGain * m.quality);
    }
    state.expenses += state.active.length * params.programme.expensesPerMatchWeek;

    const referred = week - params.outcomes.assessmentWeeks;
    if (referred < 0) return;
    for (let p = state.participantsFrom[referred]; p < state.participantsFrom[referred + 1]; p++) {
      const programme = {} as DomainValues;
      const counterfactual = {} as DomainValues;
      DOMAINS.forEach((d, i) => {
        const natural = pt.baseline[p * N_DOMAINS + i]
          + normal(state.rng['outcome.change'].u(p, i), 0, params.outcomes.naturalChangeSd);
        counterfactual[d] = natural;
        programme[d] = natural + gainAt(state, p, i, week);
      });
      state.assessed.push({
        id: p,
        group: TARGET_GROUPS[pt.group[p]],
        referredWeek: pt.referredWeek[p],
        firstMatchWeek: pt.firstMatchWeek[p] >= 0 ? pt.firstMatchWeek[p] : null,
        matchedWeeks: matchedWeeksAt(state, p, week),
        matches: pt.matchCount[p],
        programme,
        counterfactual,
      });
    }
  },
};
