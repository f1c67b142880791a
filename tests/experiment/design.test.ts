import { describe, expect, it } from 'vitest';
import { designPoints } from '../../src/experiment/points.ts';
import { experiment } from './support.ts';

describe('design points', () => {
  it('full factorial: every combination, the first factor varying slowest', () => {
    const e = experiment({
      factors: [{ path: 'programme.contactsPerWeek', range: [0.5, 2] }, { path: 'programme.matching', levels: ['first-come', 'deep'] }],
      design: { type: 'full-factorial', steps: 3 },
    });
    const { points } = designPoints(e);
    expect(points.map((p) => [p.values['programme.contactsPerWeek'], p.values['programme.matching']])).toEqual([
      [0.5, 'first-come'], [0.5, 'deep'], [1.25, 'first-come'], [1.25, 'deep'], [2, 'first-come'], [2, 'deep'],
    ]);
    expect(points[3].scenario.params.programme.contactsPerWeek).toBe(1.25);
    expect(points[3].scenario.params.programme.matching).toBe('deep');
  });
  it('every point runs the experiment\'s seed and replications: common random numbers', () => {
    const { points } = designPoints(experiment({ seed: 77, replications: 6 }));
    for (const p of points) {
      expect(p.scenario.seed).toBe(77);
      expect(p.scenario.reps).toBe(6);
    }
    expect(new Set(points.map((p) => p.hash)).size).toBe(points.length);
  });
  it('Latin hypercube: one point in each of n strata of every factor, the same design every time', () => {
    const e = experiment({
      factors: [{ path: 'programme.contactsPerWeek', range: [0.5, 2] }, { path: 'programme.hoursPerContact', range: [1, 3] }],
      design: { type: 'latin-hypercube', points: 8 },
    });
    const { points } = designPoints(e);
    expect(points).toHaveLength(8);
    for (let j = 0; j < 2; j++) {
      const strata = points.map((p) => Math.floor(p.unit![j] * 8)).sort((a, b) => a - b);
      expect(strata).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    }
    expect(designPoints(e).points.map((p) => p.values)).toEqual(points.map((p) => p.values));
    expect(designPoints(experiment({ ...e.file, seed: 6 })).points.map((p) => p.values)).not.toEqual(points.map((p) => p.values));
  });
  it('an explicit list: the points given, in order; a value a factor cannot take is an error naming it', () => {
    const e = experiment({ design: { type: 'list', points: [{ 'programme.contactsPerWeek': 0.25 }, { 'programme.contactsPerWeek': 3 }] } });
    expect(designPoints(e).points.map((p) => p.scenario.params.programme.contactsPerWeek)).toEqual([0.25, 3]);
    const bad = experiment({ design: { type: 'list', points: [{ 'programme.contactsPerWeek': 9 }] } });
    expect(() => designPoints(bad)).toThrow(/design\.points\.0\.programme\.contactsPerWeek: got 9; must be at most 5 contacts\/week/);
  });
  it('across: the whole design repeated at each level, in blocks, with the same coordinates', () => {
    const e = experiment({ across: { path: 'programme.mechanism', levels: ['duration', 'frequency', 'neither'] } });
    const d = designPoints(e);
    expect(d.blocks).toEqual(['duration', 'frequency', 'neither']);
    expect(d.perBlock).toBe(3);
    expect(d.points.map((p) => `${p.block}:${p.scenario.params.programme.mechanism}:${p.values['programme.contactsPerWeek']}`)).toEqual([
      '0:duration:0.5', '0:duration:1.25', '0:duration:2', '1:frequency:0.5', '1:frequency:1.25', '1:frequency:2', '2:neither:0.5', '2:neither:1.25', '2:neither:2',
    ]);
  });
  it('variants set parameter bundles and may replace the scenario', () => {
    const other = { version: 1, name: 'other', weeks: 70, seed: 9, outcomes: { assessmentWeeks: 30 }, programme: { plannedWeeks: 20 } };
    const e = experiment({
      factors: [{ name: 'format', variants: [{ label: 'base' }, { label: 'other', scenario: other, set: { 'programme.mechanism': 'neither' } }] }],
    });
    const [a, b] = designPoints(e).points;
    expect([a.scenario.name, a.scenario.weeks, a.scenario.params.programme.mechanism]).toEqual(['small', 60, 'duration']);
    expect([b.scenario.name, b.scenario.weeks, b.scenario.params.programme.plannedWeeks, b.scenario.params.programme.mechanism]).toEqual(['other', 70, 20, 'neither']);
    expect(b.scenario.seed).toBe(5); // the experiment's seed (the base's), not the variant's
  });
  it('a point whose scenario is invalid is an error naming the point and its values', () => {
    const e = experiment({ factors: [{ path: 'outcomes.assessmentWeeks', range: [30, 70] }], design: { type: 'full-factorial', steps: 2 } });
    expect(() => designPoints(e)).toThrow(/point 1 \(outcomes\.assessmentWeeks=70\): outcomes\.assessmentWeeks: got 70; must be less than the horizon/);
  });
  it('Morris: r trajectories of k + 1 points, one factor moving per step, from the sensitivity module', () => {
    const e = experiment({
      factors: [{ path: 'programme.contactsPerWeek', range: [0.5, 2] }, { path: 'programme.hoursPerContact', range: [1, 3] }, { name: 'dummy', dummy: true }],
      design: { type: 'morris', levels: 4, trajectories: 5 },
    });
    const d = designPoints(e);
    expect(d.points).toHaveLength(5 * 4);
    expect((d.layout as { method: string }).method).toBe('morris');
    for (let t = 0; t < 5; t++) {
      for (let m = 0; m < 3; m++) {
        const a = d.points[t * 4 + m].unit!;
        const b = d.points[t * 4 + m + 1].unit!;
        expect(a.filter((x, i) => Math.abs(x - b[i]) > 1e-12)).toHaveLength(1);
      }
    }
    expect(() => designPoints(experiment({ design: { type: 'morris', trajectories: 10, candidates: 5 } }))).toThrow(/design\.candidates: got 5; must be at least the trajectories \(10\)/);
  });
  it('Sobol-Saltelli: N (k + 2) points', () => {
    const e = experiment({ factors: [{ path: 'programme.contactsPerWeek', range: [0.5, 2] }, { name: 'dummy', dummy: true }], design: { type: 'sobol', base: 8 } });
    const d = designPoints(e);
    expect(d.points).toHaveLength(8 * 4);
    expect((d.layout as { method: string }).method).toBe('saltelli');
  });
  it('a dummy moves only the seed: points that differ in other factors keep one seed', () => {
    const e = experiment({
      factors: [{ path: 'programme.contactsPerWeek', range: [0.5, 2] }, { name: 'dummy', dummy: true }],
      design: { type: 'list', points: [{ 'programme.contactsPerWeek': 1, dummy: 0 }, { 'programme.contactsPerWeek': 2, dummy: 0 }, { 'programme.contactsPerWeek': 1, dummy: 0.5 }] },
    });
    const [a, b, c] = designPoints(e).points;
    expect([a.scenario.seed, b.scenario.seed, c.scenario.seed]).toEqual([5, 5, 500005]);
    expect(c.scenario.params).toEqual(a.scenario.params);
  });
});
