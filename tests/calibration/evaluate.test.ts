import { describe, expect, it } from 'vitest';
import { evaluateTarget, factPasses, misfit, resolveSpec, specLabel, targetScenarios, validate } from '../../src/calibration/evaluate.ts';
import { serialRunner } from '../../src/calibration/runSet.ts';
import { parseTargets, type Target } from '../../src/calibration/targets.ts';
import { fileLoader } from '../../src/io/readScenario.ts';

const target = (over: Record<string, unknown>): Target =>
  parseTargets({ version: 1, validationSeed: 99, targets: [{ id: 't', fact: 1, use: 'fit', title: 'T', source: 'S', scenario: { ref: 'community-mentoring' }, statistic: { name: 'prematureIncidence' }, target: { min: 0, max: 1 }, ...over }] }).targets[0];

describe('resolveSpec', () => {
  it('applies candidate values as new defaults: not where the scenario sets the parameter', () => {
    // community-mentoring sets programme.contactsPerWeek (0.75) but not behaviour.gainRate.
    const s = resolveSpec({ ref: 'community-mentoring' }, fileLoader, 7, { 'behaviour.gainRate': 0.05, 'programme.contactsPerWeek': 3 });
    expect(s.params.behaviour.gainRate).toBe(0.05);
    expect(s.params.programme.contactsPerWeek).toBe(0.75);
    expect(s.reps).toBe(7);
  });
  it('applies the target overrides last, and follows extends', () => {
    const s = resolveSpec({ ref: 'best-practice-mentoring', overrides: { programme: { contactsPerWeek: 0.25 } } }, fileLoader, 3);
    expect(s.params.programme.contactsPerWeek).toBe(0.25);
    expect(s.params.programme.matching).toBe('deep');
    expect(s.params.programme.plannedWeeks).toBe(52);
  });
  it('runs the other side of a comparison on the base seed', () => {
    const s = resolveSpec({ ref: 'flemish-befriending' }, fileLoader, 3, {}, 99);
    expect(s.seed).toBe(99);
  });
  it('labels a spec by its overrides', () => {
    expect(specLabel({ ref: 'x', overrides: { programme: { matching: 'deep' } } })).toBe('x (programme.matching="deep")');
    expect(specLabel({ ref: 'x', label: 'y' })).toBe('y');
  });
});

describe('misfit and pass rules', () => {
  it('measures two-sided misfit in half-ranges from the centre', () => {
    expect(misfit({ value: 0.35, min: 0.28, max: 0.42 }, 0.42)).toBeCloseTo(1, 12);
    expect(misfit({ min: 0.18, max: 0.28 }, 0.18)).toBeCloseTo(-1, 12);
  });
  it('gives one-sided targets no misfit once clear of the bound by one scale', () => {
    expect(misfit({ min: 0, scale: 0.05 }, 0.06)).toBe(0);
    expect(misfit({ min: 0, scale: 0.05 }, 0)).toBeCloseTo(1, 12);
    expect(misfit({ max: 0, scale: 0.03 }, -0.03)).toBe(0);
    expect(misfit({ max: 0 }, NaN)).toBe(10);
  });
  it('passes on the estimate, or on the whole interval when asked', () => {
    const est = target({ target: { min: 0 } });
    const int = target({ target: { min: 0 }, pass: 'interval' });
    expect(factPasses(est, 0.1, [-0.01, 0.2])).toBe(true);
    expect(factPasses(int, 0.1, [-0.01, 0.2])).toBe(false);
    expect(factPasses(int, 0.1, [0.01, 0.2])).toBe(true);
  });
});

describe('validate', () => {
  const file = parseTargets({
    version: 1,
    validationSeed: 99,
    targets: [
      { id: 'closure', fact: 1, use: 'fit', title: 'c', source: 's', scenario: { ref: 'community-mentoring' }, statistic: { name: 'prematureIncidence' }, target: { min: 0, max: 1 } },
      {
        id: 'monthly', fact: 6, use: 'fit', title: 'm', source: 's', statistic: { name: 'prematureIncidence' }, target: { min: -1, max: 1 },
        paired: { base: { ref: 'community-mentoring' }, other: { ref: 'community-mentoring', overrides: { programme: { contactsPerWeek: 0.25 } } } },
      },
      {
        id: 'ratio', fact: 7, use: 'fit', title: 'r', source: 's', statistic: { name: 'metric', args: { name: 'referredPerYear' } }, target: { min: 0.5, max: 2 },
        paired: { base: { ref: 'community-mentoring' }, other: { ref: 'community-mentoring', overrides: { programme: { matching: 'deep' } } }, contrast: 'ratio' },
      },
    ],
  });
  it('runs each scenario once and measures differences and ratios pairwise', async () => {
    const labels: string[] = [];
    const v = await validate(file, fileLoader, serialRunner, { reps: 4, batches: 2, onScenario: (l) => labels.push(l) });
    expect(labels).toHaveLength(3);
    expect(v.results.map((r) => r.target.id)).toEqual(['closure', 'monthly', 'ratio']);
    // Same seed, same referrals: the ratio of referrals is exactly 1, with no spread.
    expect(v.results[2].value).toBe(1);
    expect(v.results[2].ci[0]).toBeCloseTo(1, 12);
    expect(v.passed).toBe(3);
    expect(v.loss).toBeCloseTo(v.results.reduce((a, r) => a + r.loss, 0), 12);
  });
  it('evaluates a difference as other minus base', async () => {
    const scenarios = targetScenarios(file, fileLoader, 4);
    const runs = new Map(await Promise.all([...scenarios].map(async ([k, s]) => [k, await serialRunner(s, 4, 2)] as const)));
    const r = evaluateTarget(file.targets[1], runs);
    const base = runs.get('community-mentoring')!.whole.summary.survival.prematureIncidence.value;
    const other = runs.get('community-mentoring (programme.contactsPerWeek=0.25)')!.whole.summary.survival.prematureIncidence.value;
    expect(r.value).toBeCloseTo(other - base, 12);
  });
});
