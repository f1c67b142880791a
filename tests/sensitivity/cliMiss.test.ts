import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SelfTestReport } from '../../src/sensitivity/selfTest.ts';

// A self-test whose Ishigami S1 misses: the command must say MISS and exit 3. The real estimators
// pass (cli.test.ts), so the miss is made here by replacing runSelfTest.
const missing: SelfTestReport = {
  checks: [
    { group: 'sobol indices', check: 'Ishigami S1', estimate: 0.4, lower: 0.38, upper: 0.42, analytic: 0.3139, tolerance: 0.01, pass: false },
    { group: 'sobol indices', check: 'Ishigami S2', estimate: 0.44, lower: 0.43, upper: 0.45, analytic: 0.4424, tolerance: 0.01, pass: true },
  ],
  passed: 1,
  failed: 1,
  rules: { 'sobol indices': 'inside the interval widened by 0.01' },
};
vi.mock('../../src/sensitivity/selfTest.ts', () => ({ runSelfTest: () => missing }));

const { sensitivityCommand, CHECK_MISSED_EXIT } = await import('../../src/cli/commands/sensitivity.ts');

describe('buddysim sensitivity --self-test with a check that misses', () => {
  afterEach(() => {
    process.exitCode = undefined;
    vi.restoreAllMocks();
  });

  it('marks the check MISS, counts it and sets exit code 3', () => {
    let out = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => {
      out += String(s);
      return true;
    });
    sensitivityCommand([], { selfTest: true });
    expect(CHECK_MISSED_EXIT).toBe(3);
    expect(process.exitCode).toBe(3);
    expect(out).toMatch(/Ishigami S1\s+0\.4000 \[0\.3800, 0\.4200\]\s+0\.3139\s+MISS/);
    expect(out).toMatch(/Ishigami S2\s+0\.4400 \[0\.4300, 0\.4500\]\s+0\.4424\s+pass/);
    expect(out).toMatch(/1 of 2 checks pass\./);
  });
});
