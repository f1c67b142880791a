import { describe, expect, it } from 'vitest';
import { paramRows, type NumberParam } from '../../src/index.ts';
import { controlStep, stepRange } from '../../src/dashboard/steps.ts';

const spec = (path: string) => paramRows().find((r) => r.path === path)!.spec as NumberParam;

describe('number steps from the units', () => {
  it('a quarter contact, a whole hour, a whole week, a tenth of a referral a week', () => {
    expect(controlStep(spec('programme.contactsPerWeek'))).toBe(0.25);
    expect(controlStep(spec('programme.hoursPerContact'))).toBe(0.25);
    expect(controlStep(spec('programme.hoursBudget'))).toBe(1);
    expect(controlStep(spec('programme.preMatchTrainingHours'))).toBe(1);
    expect(controlStep(spec('programme.plannedWeeks'))).toBe(1);
    expect(controlStep(spec('participants.urgentNeedWeeks'))).toBe(1);
    expect(controlStep(spec('inflow.participantsPerWeek'))).toBe(0.1);
    expect(controlStep(spec('coordinators.hourlyCost'))).toBe(1);
  });

  it('halves until the default is on the grid (1.5 hours steps by half hours), and keeps 0.01 for shares', () => {
    expect(spec('coordinators.hoursPerIntake').default).toBe(1.5);
    expect(controlStep(spec('coordinators.hoursPerIntake'))).toBe(0.5);
    expect(controlStep(spec('participants.motivation'))).toBe(0.01);
    expect(controlStep(spec('behaviour.gainRate'))).toBe(0.01);
  });

  it('every number control steps from its default through values on its grid', () => {
    for (const r of paramRows()) {
      if (r.spec.kind !== 'number') continue;
      const step = controlStep(r.spec);
      expect(step, r.path).toBeGreaterThan(0);
      if (step > 0.01) expect(Math.abs(r.spec.default / step - Math.round(r.spec.default / step)), r.path).toBeLessThan(1e-9);
    }
  });

  it('moves the arrows\' range inwards onto the grid, so 0.1 contacts does not shift every step', () => {
    expect(stepRange(spec('programme.contactsPerWeek'), 0.25)).toEqual({ min: 0.25, max: 5 });
    expect(stepRange(spec('programme.hoursBudget'), 1)).toEqual({ min: 0, max: 1000 });
  });
});
