import { describe, expect, it } from 'vitest';
import { acrossMechanisms, clearSide } from '../../src/analysis/robustness.ts';

const d = (value: number, lo: number, hi: number) => ({ value, ci: [lo, hi] as const });

describe('clearSide', () => {
  it('is the sign of a difference only when its interval excludes zero', () => {
    expect(clearSide(d(0.05, 0.02, 0.08))).toBe(1);
    expect(clearSide(d(-0.05, -0.08, -0.02))).toBe(-1);
    expect(clearSide(d(0.05, -0.01, 0.11))).toBe(0);
    expect(clearSide(d(0, 0, 0))).toBe(0);
    expect(clearSide(d(0.05, NaN, NaN))).toBe(0);
  });
});

describe('acrossMechanisms', () => {
  it('is robust when every mechanism gives the same side with margins within a factor of two', () => {
    const r = acrossMechanisms([d(0.1, 0.05, 0.15), d(0.15, 0.1, 0.2), d(0.2, 0.15, 0.25)]);
    expect(r).toEqual({ robustness: 'robust', sides: [1, 1, 1], side: 1 });
  });
  it('is robust in direction only when the margins differ more than twofold', () => {
    const r = acrossMechanisms([d(-0.1, -0.15, -0.05), d(-0.21, -0.3, -0.12)]);
    expect(r.robustness).toBe('direction');
    expect(r.side).toBe(-1);
  });
  it('keeps exactly twofold margins robust', () => {
    expect(acrossMechanisms([d(0.1, 0.05, 0.15), d(0.2, 0.15, 0.25)]).robustness).toBe('robust');
  });
  it('hinges when the side changes, or is clear under some mechanisms only', () => {
    expect(acrossMechanisms([d(0.1, 0.05, 0.15), d(-0.1, -0.15, -0.05)])).toEqual({ robustness: 'hinges', sides: [1, -1], side: 'mixed' });
    expect(acrossMechanisms([d(0.1, 0.05, 0.15), d(0.01, -0.02, 0.04)]).robustness).toBe('hinges');
  });
  it('is robust with no clear difference under any mechanism', () => {
    expect(acrossMechanisms([d(0.01, -0.02, 0.04), d(-0.01, -0.04, 0.02)])).toEqual({ robustness: 'robust', sides: [0, 0], side: 0 });
  });
});
