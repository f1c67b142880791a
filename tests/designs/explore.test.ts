import { beforeAll, describe, expect, it } from 'vitest';
import { designScenario } from '../../src/designs/design.ts';
import { exploreDesigns, MERIT_FIGURES, pilotReps, serialDesignsRunner, VERDICT_FIGURES, type DesignsResult, type DesignsRunner } from '../../src/designs/explore.ts';
import { FIGURE_KEYS, measure } from '../../src/designs/figures.ts';
import { designPaths } from '../../src/designs/grid.ts';
import { designsJson } from '../../src/designs/json.ts';
import { fileLoader } from '../../src/io/readScenario.ts';
import type { Scenario } from '../../src/model/scenario.ts';
import { runSerial } from '../../src/runner/task.ts';
import { differingParameters } from '../../src/scenario/differences.ts';
import { smallGrid } from './support.ts';

const REPS = 6;
const SEED = 11;
const grid = smallGrid();
const ran: Scenario[] = [];
const spy: DesignsRunner = { run: (s, p) => (ran.push(s), serialDesignsRunner.run(s, p)) };
let result: DesignsResult;
const progress: [number, number][] = [];

beforeAll(async () => {
  result = await exploreDesigns(grid, { runner: spy, load: fileLoader, reps: REPS, seed: SEED, onProgress: (d, t) => progress.push([d, t]) });
});

describe('exploreDesigns', () => {
  it('runs a pilot of every design, then every design under every mechanism, all on one seed', () => {
    const n = result.designs.length;
    expect(n).toBe(5);
    expect(ran).toHaveLength(n + 2 * n);
    expect(new Set(ran.map((s) => s.seed))).toEqual(new Set([SEED]));
    expect(ran.slice(0, n).map((s) => s.reps)).toEqual(Array(n).fill(pilotReps(REPS)));
    expect(new Set(ran.slice(n).map((s) => s.reps))).toEqual(new Set([REPS]));
    expect(ran.slice(n).map((s) => s.params.programme.mechanism)).toEqual([...Array(n).fill('duration'), ...Array(n).fill('neither')]);
    expect(new Set(ran.slice(n, 2 * n).map((s) => s.params.behaviour.gainRate))).toEqual(new Set([0.0267]));
    expect(result.mechanisms).toEqual([{ mechanism: 'duration', gainRate: 0.0267, levelled: false }, { mechanism: 'neither', gainRate: 0.0386, levelled: false }]);
    expect(result.levelling).toBeNull();
  });
  it('varies only the design between designs: the same inflow, people and coordinator everywhere', () => {
    const n = result.designs.length;
    const allowed = new Set([...designPaths(), 'outcomes.assessmentWeeks']);
    for (const p of differingParameters(ran.slice(n, 2 * n))) expect(allowed.has(p.path), p.path).toBe(true);
    expect(result.differingParameters.map((p) => p.path)).toContain('programme.format');
    expect(result.differingParameters.every((p) => allowed.has(p.path))).toBe(true);
  });
  it('measures each design at its expected end plus its typical wait, and 52 weeks later', () => {
    for (const [i, d] of result.designs.entries()) {
      const pilot = runSerial(ran[i]);
      expect(d.assessment.waitWeeks).toBe(Math.round(pilot.summary.metrics.participantWait.value));
      expect(d.assessment.endWeeks).toBe(d.hours.endWeeks + d.assessment.waitWeeks);
      expect(d.assessment.laterWeeks).toBe(d.assessment.endWeeks + 52);
      expect(ran[result.designs.length + i].params.outcomes.assessmentWeeks).toBe(d.assessment.endWeeks);
    }
    expect(result.designs.at(-1)!.hours.endWeeks).toBe(52);
    expect(result.designs[0].hours.endWeeks).toBe(20);
  });
  it('reports every figure of each design under each mechanism, as its own run gives it', () => {
    const d = result.designs[2];
    const again = measure(runSerial(designScenario(grid, d, { mechanism: 'neither', gainRate: 0.0386, assessmentWeeks: d.assessment.endWeeks, seed: SEED, reps: REPS })), 'network');
    expect(d.mechanisms.neither.figures).toEqual(again.figures);
    expect(Object.keys(d.mechanisms.duration.figures)).toEqual([...FIGURE_KEYS]);
    expect(Object.keys(d.mechanisms.duration.domains)).toEqual(['wellbeing', 'network', 'skills', 'horizon', 'language', 'knowHow', 'employment']);
    expect(d.mechanisms.duration.figures.effectLater.value).toBe(d.mechanisms.duration.domains.network!.allReferred.later.value);
  });
  it('gives regret on each figure of merit and a conclusion per design and figure against the reference', () => {
    expect(result.regret.map((t) => t.figure)).toEqual(MERIT_FIGURES.map((f) => f.figure));
    for (const t of result.regret) {
      expect(Object.keys(t.best)).toEqual(['duration', 'neither']);
      expect(t.designs.map((x) => x.design)).toEqual(['A', 'B', 'C', 'D', 'E']);
      expect(['robust', 'direction', 'hinges']).toContain(t.verdict);
    }
    expect(result.reference).toBe('A');
    expect(result.conclusions).toHaveLength(4 * VERDICT_FIGURES.length);
    expect(result.conclusions.every((c) => c.against === 'A')).toBe(true);
  });
  it('says it in plain words, with the horizon in years', () => {
    expect(result.years).toBe(3);
    expect(result.summary[0]).toMatch(/^5 designs \(4 ways to spend 40 hours, and year-long befriending\) for the same people: about 104 referrals a year, .* over 3\.0 years/);
    expect(result.summary.some((s) => /^Year-long befriending against A \(duo, 1 × 2 h a week, within 40 weeks\): /.test(s))).toBe(true);
  });
  it('counts progress over every run up to the total', () => {
    const total = 5 * (pilotReps(REPS) + 2 * REPS);
    expect(progress.at(-1)).toEqual([total, total]);
    expect(progress.every(([d, t], i) => t === total && (i === 0 || d >= progress[i - 1][0]))).toBe(true);
  });
  it('gives JSON with one entry per design and its results under each mechanism, without the batches', () => {
    const json = designsJson(result);
    const text = JSON.stringify(json);
    expect(JSON.parse(text).designs).toHaveLength(5);
    expect(Object.keys(json.designs[0].mechanisms)).toEqual(['duration', 'neither']);
    expect(json.designs[0].mechanisms.duration).not.toHaveProperty('batches');
    expect(json.designs[0].mechanisms.duration.figures.effectLater).toEqual({ value: expect.any(Number), ci95: [expect.any(Number), expect.any(Number)] });
  });
  it('needs a runner that can level the mechanisms when the grid gives no gain rate', async () => {
    await expect(exploreDesigns(smallGrid({ gainRates: { duration: 0.0267 } }), { runner: { run: serialDesignsRunner.run }, load: fileLoader, reps: 2 })).rejects.toThrow(/levelling the mechanisms needs a runner with runSet/);
  });
});
