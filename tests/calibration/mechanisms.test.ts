import { beforeAll, describe, expect, it } from 'vitest';
import { resolveSpec } from '../../src/calibration/evaluate.ts';
import { FIGURES, LEVEL_REFERENCE, MECHANISMS, levelGainRate, mechanismsMarkdown, studyMechanisms, verdicts, type MechanismStudy } from '../../src/calibration/mechanisms.ts';
import { serialRunner } from '../../src/calibration/runSet.ts';
import { pooledEffect } from '../../src/calibration/statistics.ts';
import { fileLoader } from '../../src/io/readScenario.ts';

let study: MechanismStudy;
beforeAll(async () => {
  study = await studyMechanisms(fileLoader, serialRunner, { reps: 30, batches: 5 });
});

describe('the mechanisms study', () => {
  it('runs both programmes under every mechanism on one seed, measuring every figure', () => {
    expect(study.rows.map((r) => r.mechanism)).toEqual([...MECHANISMS]);
    expect(new Set(study.scenarios.map((s) => s.seed)).size).toBe(1);
    for (const r of study.rows) for (const f of FIGURES) expect(Number.isFinite(r.figures[f.key].trajectory.value), f.key).toBe(true);
  });
  it('gives a verdict on every figure', () => {
    const v = verdicts(study);
    expect(v.map((x) => x.figure)).toEqual(FIGURES.map((f) => f.key));
    for (const x of v) expect(['robust', 'direction', 'hinges']).toContain(x.robustness);
  });
  it('levels each mechanism to the default mechanism\'s average effect', async () => {
    const lv = study.levelling;
    expect(lv.gainRate.duration).toBe(resolveSpec(LEVEL_REFERENCE, fileLoader, 1).params.behaviour.gainRate);
    const spec = { ...LEVEL_REFERENCE, overrides: { programme: { mechanism: 'frequency' }, behaviour: { gainRate: lv.gainRate.frequency } } };
    const r = await serialRunner(resolveSpec(spec, fileLoader, 30), 30, 2);
    expect(pooledEffect(r.whole, 'skills', 'matched')).toBeCloseTo(lv.effect, 2);
  });
  it('writes a report with the plain-words verdicts and the table', () => {
    const md = mechanismsMarkdown(study, 'buddysim mechanisms --reps 30');
    expect(md).toMatch(/## In plain words/);
    expect(md).toMatch(/\*\*Hinges on the mechanism\*\*/);
    expect(md.match(/^\| Effect on skills, all referred \(g\) \| /gm)).toHaveLength(3);
  });
});

describe('levelGainRate', () => {
  it('returns the gain rate that reproduces a given effect', async () => {
    const x = await levelGainRate(fileLoader, serialRunner, 'neither', 0.2, 0.03, 20);
    const spec = { ...LEVEL_REFERENCE, overrides: { programme: { mechanism: 'neither' }, behaviour: { gainRate: x } } };
    const r = await serialRunner(resolveSpec(spec, fileLoader, 20), 20, 2);
    expect(pooledEffect(r.whole, 'skills', 'matched')).toBeCloseTo(0.2, 2);
  });
});
