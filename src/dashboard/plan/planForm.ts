/**
 * The Plan capacity view's form: the planner's inputs as the command line takes them
 * (`buddysim plan`), checked the same way, and turned into a PlanRequest. Pure: no DOM.
 */
import { COHORT_WEEKS, type Scenario } from '../../index.ts';
import { inflow } from '../../model/params.ts';
import { VARY, type PlanRequest, type Vary } from '../../plan/plan.ts';
import type { ServiceTarget } from '../../plan/target.ts';

export interface PlanForm {
  /** Empty: the scenario's own referrals a year. */
  referralsPerYear: number | null;
  target: 'matchedWithin' | 'maxWaiting';
  withinWeeks: number;
  share: number;
  among: 'seeking' | 'referred';
  maxWaiting: number;
  warmUpWeeks: number;
  vary: Vary;
  confidence: number;
  /** At most this many replications per candidate staffing. */
  reps: number;
  /** Referrals a year for the table across inflows; empty: half, the same, twice and four times the planned. */
  inflows: string;
  /** Empty: the scenario's seed. */
  seed: number | null;
}

/** The command line's defaults (docs/planning.md). */
export const DEFAULT_PLAN_FORM: PlanForm = {
  referralsPerYear: null,
  target: 'matchedWithin',
  withinWeeks: 8,
  share: 0.9,
  among: 'seeking',
  maxWaiting: 5,
  warmUpWeeks: 2 * COHORT_WEEKS,
  vary: 'both',
  confidence: 0.95,
  reps: 200,
  inflows: '',
  seed: null,
};

/** The largest referrals a year one programme can have: a year of the referral rate's declared maximum. */
const MAX_REFERRALS_PER_YEAR = inflow.fields.participantsPerWeek.spec.max * 52;

/**
 * The request the form makes for `scenario`, or the problems with it (one line each, naming the
 * field, as the command line's flags do).
 *
 * @example
 *   planRequest(DEFAULT_PLAN_FORM, scenario).request?.target; // { kind: 'matchedWithin', weeks: 8, share: 0.9, ... }
 */
export function planRequest(f: PlanForm, scenario: Scenario): { request: PlanRequest | null; problems: string[]; inflows: number[] } {
  const problems: string[] = [];
  const check = (ok: boolean, field: string, value: unknown, what: string) => {
    if (!ok) problems.push(`${field}: got ${value === null || Number.isNaN(value) ? 'nothing' : String(value)}; ${what}`);
  };
  const weeks = scenario.weeks;
  const planned = f.referralsPerYear ?? Number((scenario.params.inflow.participantsPerWeek * 52).toFixed(2));
  check(f.referralsPerYear === null || (f.referralsPerYear >= 1 && f.referralsPerYear <= MAX_REFERRALS_PER_YEAR), 'referrals a year', f.referralsPerYear, `must be at least 1 and at most ${MAX_REFERRALS_PER_YEAR}`);
  check(Number.isInteger(f.warmUpWeeks) && f.warmUpWeeks >= 0 && f.warmUpWeeks < weeks && f.warmUpWeeks % COHORT_WEEKS === 0, 'warm-up weeks', f.warmUpWeeks, `must be a whole number of quarters (0, 13, 26, ...) below the horizon of ${weeks} weeks`);
  let target: ServiceTarget;
  if (f.target === 'maxWaiting') {
    check(f.maxWaiting >= 0, 'most people waiting', f.maxWaiting, 'must be at least 0');
    target = { kind: 'maxWaiting', participants: f.maxWaiting, warmUpWeeks: f.warmUpWeeks };
  } else {
    check(f.withinWeeks >= 0 && f.withinWeeks <= weeks - f.warmUpWeeks - 1, 'within weeks', f.withinWeeks, `must be at least 0 and at most ${weeks - f.warmUpWeeks - 1} weeks (the horizon is ${weeks} weeks, the warm-up ${f.warmUpWeeks})`);
    check(f.share > 0 && f.share < 1, 'share', f.share, 'must be above 0 and below 1 (a share such as 0.9)');
    target = { kind: 'matchedWithin', weeks: f.withinWeeks, share: f.share, among: f.among, warmUpWeeks: f.warmUpWeeks };
  }
  check(VARY.includes(f.vary), 'vary', f.vary, `must be ${VARY.join(', ')}`);
  check(f.confidence > 0.5 && f.confidence < 1, 'confidence', f.confidence, 'must be above 0.5 and below 1 (a one-sided confidence such as 0.95)');
  check(Number.isInteger(f.reps) && f.reps >= 2 && f.reps <= 100_000, 'replications', f.reps, 'must be a whole number from 2 to 100000 (the most replications per candidate)');
  check(f.seed === null || (Number.isInteger(f.seed) && f.seed >= 0), 'seed', f.seed, 'must be a whole number from 0');
  let inflows: number[];
  if (f.inflows.trim() === '') {
    inflows = [0.5, 1, 2, 4].map((x) => Number((x * planned).toFixed(2))).filter((r) => r <= MAX_REFERRALS_PER_YEAR);
  } else {
    const parts = f.inflows.split(',').map((x) => x.trim());
    inflows = [...new Set(parts.map(Number))];
    check(parts.every((x) => x !== '' && Number.isFinite(Number(x)) && Number(x) >= 1 && Number(x) <= MAX_REFERRALS_PER_YEAR), 'inflows', f.inflows, `must be referrals a year from 1 to ${MAX_REFERRALS_PER_YEAR}, separated by commas (30,60,120,240)`);
  }
  if (problems.length > 0) return { request: null, problems, inflows };
  return {
    request: { scenario, target, vary: f.vary, referralsPerYear: f.referralsPerYear ?? undefined, confidence: f.confidence, maxReps: f.reps, inflows, seed: f.seed ?? undefined },
    problems,
    inflows,
  };
}
