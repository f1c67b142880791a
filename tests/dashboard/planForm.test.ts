import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/index.ts';
import { DEFAULT_PLAN_FORM, planRequest } from '../../src/dashboard/plan/planForm.ts';

const scenario = parseScenario({ version: 1, name: 'plan form', weeks: 156, reps: 4, seed: 5, inflow: { participantsPerWeek: 0.6 } });

describe('the Plan capacity form', () => {
  it('makes the command line\'s default request: 90% within 8 weeks, both levers, the inflows around the planned one', () => {
    const { request, problems, inflows } = planRequest(DEFAULT_PLAN_FORM, scenario);
    expect(problems).toEqual([]);
    expect(request).toMatchObject({ target: { kind: 'matchedWithin', weeks: 8, share: 0.9, among: 'seeking', warmUpWeeks: 26 }, vary: 'both', confidence: 0.95, maxReps: 200, seed: undefined, referralsPerYear: undefined });
    expect(inflows).toEqual([15.6, 31.2, 62.4, 124.8]);
  });

  it('names every problem with its field, as the command line\'s flags do', () => {
    const { request, problems } = planRequest({ ...DEFAULT_PLAN_FORM, share: 1.5, warmUpWeeks: 20, reps: 1, inflows: '30, lots', referralsPerYear: 0 }, scenario);
    expect(request).toBeNull();
    expect(problems).toEqual([
      'referrals a year: got 0; must be at least 1 and at most 10400',
      'warm-up weeks: got 20; must be a whole number of quarters (0, 13, 26, ...) below the horizon of 156 weeks',
      'share: got 1.5; must be above 0 and below 1 (a share such as 0.9)',
      'replications: got 1; must be a whole number from 2 to 100000 (the most replications per candidate)',
      'inflows: got 30, lots; must be referrals a year from 1 to 10400, separated by commas (30,60,120,240)',
    ]);
  });

  it('takes a waiting-list target instead of a share', () => {
    const { request } = planRequest({ ...DEFAULT_PLAN_FORM, target: 'maxWaiting', maxWaiting: 3, referralsPerYear: 60, inflows: '60' }, scenario);
    expect(request?.target).toEqual({ kind: 'maxWaiting', participants: 3, warmUpWeeks: 26 });
    expect(request?.inflows).toEqual([60]);
    expect(request?.referralsPerYear).toBe(60);
  });
});
