import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fitTargets, inRange, parseTargets, targetCentre, TargetsError } from '../../src/calibration/targets.ts';
import { STATISTIC_NAMES } from '../../src/calibration/statistics.ts';

const bundled = JSON.parse(readFileSync('calibration/targets.json', 'utf8'));
const one = (over: Record<string, unknown> = {}) => ({
  version: 1,
  validationSeed: 99,
  targets: [{ id: 'a', fact: 1, use: 'fit', title: 'A', source: 'S', scenario: { ref: 'community-mentoring' }, statistic: { name: 'prematureIncidence' }, target: { min: 0.1, max: 0.2 }, ...over }],
});

describe('calibration/targets.json', () => {
  it('parses, with defaults for reps, batches, pass rule and weight', () => {
    const f = parseTargets(bundled);
    expect(f.reps).toBeGreaterThanOrEqual(100);
    expect(f.targets.length).toBeGreaterThanOrEqual(10);
    for (const t of f.targets) expect(['estimate', 'interval']).toContain(t.pass);
  });
  it('covers stylized facts 1 to 6, each with a source of docs/domain.md (fact 7 would be a parameter read back: see docs/calibration.md)', () => {
    const f = parseTargets(bundled);
    expect(new Set(f.targets.map((t) => t.fact))).toEqual(new Set([1, 2, 3, 4, 5, 6]));
    for (const t of f.targets) expect(t.source.length).toBeGreaterThan(5);
  });
  it('holds out at least a third of the targets for validation, on a seed of its own', () => {
    const f = parseTargets(bundled);
    const held = f.targets.filter((t) => t.use === 'validation');
    expect(held.length * 3).toBeGreaterThanOrEqual(f.targets.length);
    // held-out facts span several facts, not one
    expect(new Set(held.map((t) => t.fact)).size).toBeGreaterThanOrEqual(4);
    expect(fitTargets(f).targets.every((t) => t.use === 'fit')).toBe(true);
    expect(fitTargets(f).targets.length + held.length).toBe(f.targets.length);
    expect(f.validationSeed).not.toBe(20261121);
  });
  it('names only statistics that exist', () => {
    for (const t of parseTargets(bundled).targets) expect(STATISTIC_NAMES).toContain(t.statistic.name);
  });
});

describe('parseTargets', () => {
  it('accepts a minimal file', () => {
    expect(parseTargets(one()).targets[0]).toMatchObject({ pass: 'estimate', weight: 1 });
  });
  it.each([
    ['an unknown statistic', { statistic: { name: 'nope' } }, /statistic.name/],
    ['both scenario and paired', { paired: { base: { ref: 'a' }, other: { ref: 'b' } } }, /exactly one of scenario or paired/],
    ['a target without bounds', { target: { value: 1 } }, /needs min, max or both/],
    ['min above max', { target: { min: 2, max: 1 } }, /min must not exceed max/],
    ['an unknown field', { tolerance: 3 }, /tolerance/],
    ['a bad id', { id: 'Not OK' }, /id/],
    ['no use', { use: undefined }, /use/],
    ['an unknown use', { use: 'both' }, /use/],
  ])('rejects %s, one line per problem', (_what, over, message) => {
    expect(() => parseTargets(one(over))).toThrow(TargetsError);
    expect(() => parseTargets(one(over))).toThrow(message);
  });
  it('rejects duplicate ids', () => {
    const f = one();
    expect(() => parseTargets({ ...f, targets: [...f.targets, ...f.targets] })).toThrow(/unique/);
  });
});

describe('targetCentre and inRange', () => {
  it('takes the value, else the middle, else the one bound', () => {
    expect(targetCentre({ value: 0.35, min: 0.28, max: 0.42 })).toBe(0.35);
    expect(targetCentre({ min: 0.18, max: 0.28 })).toBeCloseTo(0.23, 12);
    expect(targetCentre({ min: 0 })).toBe(0);
  });
  it('includes the bounds and rejects NaN', () => {
    expect(inRange({ min: 0, max: 1 }, 1)).toBe(true);
    expect(inRange({ min: 0 }, -1e-9)).toBe(false);
    expect(inRange({ max: 0 }, NaN)).toBe(false);
  });
});
