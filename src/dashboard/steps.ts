/**
 * The step of a number control (its arrows and arrow keys), derived from the parameter's unit:
 * a quarter contact, a whole hour, a whole week, a whole euro, a tenth of a referral a week.
 * A `step` declared on the parameter (src/model/params.ts) wins over the unit; where the model's
 * default is not on the unit's grid (1.5 hours), the step halves until it is, so the arrows step
 * from the default through round values.
 */
import type { NumberParam } from '../index.ts';

/** Steps by unit; units not listed keep the declared step (0.01 for shares and probabilities). */
const UNIT_STEPS: Readonly<Record<string, number>> = {
  'contacts/week': 0.25,
  'hours/contact': 0.25,
  hours: 1,
  'hours/week': 0.5,
  weeks: 1,
  years: 1,
  'referrals/week': 0.1,
  'applications/week': 0.1,
  'per year': 0.05,
  EUR: 1,
  'EUR/hour': 1,
  'EUR/week': 1,
  'EUR/year': 1,
  'SD/year': 0.05,
};

/** The step `num()` gives a parameter that declares none (src/model/paramSpec.ts). */
const defaultStep = (spec: NumberParam) => (spec.integer ? 1 : 0.01);

const onGrid = (x: number, step: number) => Math.abs(x / step - Math.round(x / step)) < 1e-9;

/**
 * The control step of a number parameter.
 *
 * @example
 *   controlStep(contactsPerWeekSpec); // 0.25
 *   controlStep(hoursPerIntakeSpec);  // 0.5 (hours, but the default 1.5 is not a whole hour)
 */
export function controlStep(spec: NumberParam): number {
  if (spec.integer) return Math.max(1, spec.step);
  if (spec.step !== defaultStep(spec)) return spec.step;
  let step = UNIT_STEPS[spec.unit];
  if (step === undefined) return spec.step;
  while (step > 0.01 && !onGrid(spec.default, step)) step = Number((step / 2).toPrecision(6));
  return step > 0.01 ? step : spec.step;
}

/**
 * The range a control's arrows move in: the declared range rounded inwards to the step's grid
 * (the browser counts steps from `min`, so 0.1 contacts as `min` would put the arrows on 0.35,
 * 0.6, ...). Values off the grid can still be typed; the scenario's validation has the last word.
 *
 * @example
 *   stepRange({ min: 0.1, max: 5, ... }, 0.25); // { min: 0.25, max: 5 }
 */
export function stepRange(spec: NumberParam, step: number): { min: number; max: number } {
  const min = Number((Math.ceil(spec.min / step - 1e-9) * step).toPrecision(12));
  const max = Number((Math.floor(spec.max / step + 1e-9) * step).toPrecision(12));
  return min <= max ? { min, max } : { min: spec.min, max: spec.max };
}
