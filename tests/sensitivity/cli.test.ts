import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, cli } from '../support/cli.ts';

beforeAll(buildCli);

describe('buddysim sensitivity --self-test', () => {
  it('prints check, estimate [interval], analytic and pass for every check, and exits 0', () => {
    const r = cli(['sensitivity', '--self-test']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/check\s+estimate \[95% interval\]\s+analytic\s+pass/);
    expect(r.stdout).toMatch(/Sobol' sequence, point 2\s+\(0\.75, 0\.25, 0\.25\)\s+\(0\.75, 0\.25, 0\.25\)\s+pass/);
    expect(r.stdout).toMatch(/Ishigami ST1\s+0\.55\d\d \[0\.5\d{3}, 0\.5\d{3}\]\s+0\.5576\s+pass/);
    expect(r.stdout).toMatch(/G-function S1\s+0\.71\d\d \[.*\]\s+0\.7162\s+pass/);
    expect(r.stdout).toMatch(/Morris, Ishigami: ranking by mu\*\s+x1 > x3 > x2\s+x1 > x3 > x2\s+pass/);
    expect(r.stdout).toMatch(/Pass rules:\n {2}sobol sequence: /);
    expect(r.stdout).toMatch(/\n39 of 39 checks pass\.\n$/);
    expect(r.stdout).not.toMatch(/MISS/);
  });

  it('prints the same checks as JSON with --json', () => {
    const r = cli(['sensitivity', '--self-test', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.failed).toBe(0);
    expect(report.checks).toHaveLength(39);
    expect(report.checks[0]).toEqual({ group: 'sobol sequence', check: "Sobol' sequence, point 1", estimate: [0.5, 0.5, 0.5], analytic: [0.5, 0.5, 0.5], tolerance: 0, pass: true });
    const s1 = report.checks.find((c: { check: string }) => c.check === 'Ishigami S1');
    expect(Object.keys(s1)).toEqual(['group', 'check', 'estimate', 'lower', 'upper', 'analytic', 'tolerance', 'pass']);
  });

  it('is a usage error without --self-test, with an argument, or with another flag', () => {
    for (const args of [['sensitivity'], ['sensitivity', '--self-test', 'extra.json'], ['sensitivity', '--self-test', '--reps', '3']]) {
      const r = cli(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^buddysim: .*\n$/);
    }
    expect(cli(['sensitivity', '--reps', '3']).stderr).toMatch(/sensitivity does not take --reps; it takes --self-test, --json/);
  });

  it('lists the command in the help, and shows its usage in its own help', () => {
    expect(cli(['--help']).stdout).toMatch(/^  sensitivity +\S/m);
    expect(cli(['sensitivity', '--help']).stdout).toMatch(/buddysim sensitivity --self-test \[--json\]/);
  });
});
