import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { matchedWithin } from '../../src/analysis/metrics.ts';
import { readScenario } from '../../src/io/readScenario.ts';
import { paramRows } from '../../src/model/params.ts';
import { withParameters } from '../../src/plan/levers.ts';
import { Tally } from '../../src/plan/tally.ts';
import { targetValue } from '../../src/plan/target.ts';
import { runRange } from '../../src/runner/task.ts';
import { buildCli, cli, cliWith } from '../support/cli.ts';

beforeAll(buildCli);

const PATHS = new Set(paramRows().map((r) => r.path));

describe('buddysim plan: the done-when check', () => {
  it('answers for 60 and 120 referrals a year, and the recommended overrides meet the target when re-run on another seed', () => {
    const out = mkdtempSync(join(tmpdir(), 'buddysim-plan-'));
    const r = cliWith(
      ['plan', 'community-mentoring', '--referrals-per-year', '60', '--within-weeks', '8', '--target-share', '0.9', '--json',
        '--inflows', '60,120', '--reps', '40', '--workers', '2', '--out', out],
      { timeout: 600_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    const answer = JSON.parse(r.stdout);
    expect(JSON.parse(readFileSync(join(out, 'plan.json'), 'utf8'))).toEqual(answer);
    expect(answer.scenario).toMatchObject({ name: 'Community mentoring (12-month commitment)', years: 3, mechanism: 'duration', referralsPerYear: 60 });
    expect(answer.target).toMatchObject({ kind: 'matchedWithin', weeks: 8, share: 0.9, among: 'seeking', warmUpWeeks: 26 });
    expect(answer.plan.path.length).toBeGreaterThan(3);
    expect(answer.plan.path.at(-1).phase).toBe('verify');
    expect(answer.plan.now.pipeline.stages.map((s: { stage: string }) => s.stage)).toEqual(['intake', 'screening', 'training', 'matching', 'followUp']);
    expect(answer.plan.costPerYear.value).toBeGreaterThan(0);
    expect(answer.recommended).toEqual(answer.plan.recommended);
    expect(answer.inflows.map((x: { referralsPerYear: number }) => x.referralsPerYear)).toEqual([60, 120]);
    // Progress with time left on stderr.
    expect(r.stderr).toMatch(/progress \d+\/\d+ replications .*about \d+ s left/);

    const base = readScenario('community-mentoring');
    const reps = 200;
    const otherSeed = base.seed + 7919;
    for (const row of answer.inflows) {
      expect(row.met).toBe(true);
      const recommended = row.recommended as Record<string, number>;
      expect(recommended['inflow.participantsPerWeek']).toBeCloseTo(row.referralsPerYear / 52, 4);
      // Every key is a parameter path (what run --set path=value takes) and every value is in its range.
      for (const path of Object.keys(recommended)) expect(PATHS.has(path), path).toBe(true);
      const scenario = withParameters(base, recommended, { seed: otherSeed, reps });
      const target = answer.target;
      const tally = new Tally(scenario);
      for (const o of runRange(scenario, { start: 0, end: reps })) tally.add(o.stats, targetValue(o.stats, target, scenario.weeks));
      // Among participants referred after the first half-year who were still seeking a match.
      const pooled = matchedWithin(tally.pool, 8, { referredFromWeek: 26, among: 'seeking' });
      const mean = tally.values.reduce((a, b) => a + b, 0) / tally.values.length;
      expect(pooled, `${row.referralsPerYear} referrals a year, pooled`).toBeGreaterThanOrEqual(0.9);
      expect(mean, `${row.referralsPerYear} referrals a year, mean over replications`).toBeGreaterThanOrEqual(0.9);
    }
  }, 900_000);
});

describe('buddysim plan: text, targets and mistakes', () => {
  it('prints the frame, the answer, where it breaks, the table and the search path', () => {
    const r = cliWith(['plan', 'flemish-befriending', '--max-waiting', '4', '--vary', 'hours', '--inflows', '31', '--reps', '20', '--workers', '1', '--quiet'], { timeout: 300_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Capacity plan: /);
    expect(r.stdout).toMatch(/horizon 156 weeks \(3\.0 years\); assumed dose mechanism: duration/);
    expect(r.stdout).toMatch(/target: at most 4 people waiting for intake or a match on average \(from week 26 on\)/);
    expect(r.stdout).toMatch(/Where the pipeline breaks first, now:/);
    expect(r.stdout).toMatch(/Across inflows/);
    expect(r.stdout).toMatch(/Search path at /);
    expect(r.stdout).toMatch(/ verify /);
  }, 300_000);
  it.each([
    [['--target-share', '1.5'], /--target-share: got "1.5"; must be above 0 and below 1/],
    [['--vary', 'money'], /--vary: got "money"; must be volunteers, hours, both/],
    [['--max-waiting', '5', '--target-share', '0.8'], /--max-waiting is a target of its own; it does not go with --target-share/],
    [['--warm-up-weeks', '20'], /--warm-up-weeks: got "20"; must be a whole number of quarters/],
    [['--inflows', '30,zero'], /--inflows: got "zero"/],
    [['--among', 'all'], /--among: got "all"; must be seeking .* or referred/],
    [['--within-weeks', '-3'], /--within-weeks: got "-3"/],
    [['--confidence', '1'], /--confidence: got "1"/],
  ])('refuses %j with one line and exit code 2', (args, message) => {
    const r = cli(['plan', 'flemish-befriending', ...args]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
  });
});
