import { describe, expect, it } from 'vitest';
import { runSelfTest, SELF_TEST_RULES, SOBOL_FIRST_POINTS, withinInterval } from '../../src/sensitivity/selfTest.ts';

describe('withinInterval (the pass rule)', () => {
  it('passes an analytic value inside the interval widened by the tolerance, and misses one outside', () => {
    const iv = { value: 0.33, lower: 0.32, upper: 0.35 };
    expect(withinInterval(0.33, iv, 0)).toBe(true);
    expect(withinInterval(0.315, iv, 0.01)).toBe(true);
    expect(withinInterval(0.315, iv, 0)).toBe(false);
    expect(withinInterval(0.361, iv, 0.01)).toBe(false);
    expect(withinInterval(0.3, { value: NaN, lower: NaN, upper: NaN }, 0.01)).toBe(false);
  });
});

describe('runSelfTest', () => {
  const report = runSelfTest();

  it('runs every check and all pass', () => {
    const failed = report.checks.filter((c) => !c.pass).map((c) => c.check);
    expect(failed).toEqual([]);
    expect(report.passed).toBe(report.checks.length);
    expect(report.failed).toBe(0);
    const count = (group: string) => report.checks.filter((c) => c.group === group).length;
    expect(count('sobol sequence')).toBe(5);
    expect(count('sobol indices')).toBe(2 * 3 + 2 * 8);
    expect(count('morris linear')).toBe(8);
    expect(count('morris ishigami')).toBe(4);
    expect(Object.keys(report.rules)).toEqual(Object.keys(SELF_TEST_RULES));
  });

  it('reports each estimate with its interval and the analytic value', () => {
    const st1 = report.checks.find((c) => c.check === 'Ishigami ST1')!;
    expect(st1.analytic).toBeCloseTo(0.5576, 4);
    expect(st1.lower!).toBeLessThan(st1.estimate as number);
    expect(st1.upper!).toBeGreaterThan(st1.estimate as number);
    expect(st1.tolerance).toBe(0.01);
    expect(report.checks[1].analytic).toEqual(SOBOL_FIRST_POINTS[1]);
    expect(report.checks.find((c) => c.check === 'Morris, Ishigami: ranking by mu*')!.analytic).toBe('x1 > x3 > x2');
  });

  it('is deterministic', () => {
    expect(runSelfTest()).toEqual(report);
  });
});
