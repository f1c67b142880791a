import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseExperiment } from '../../src/experiment/experiment.ts';
import type { SensitivityAnalysis } from '../../src/experiment/sensitivity.ts';
import { fileLoader } from '../../src/io/readScenario.ts';
import { blockNames, indexRows, leverNames, rankAcrossMechanisms, screeningFile, sobolFile, topLevers } from '../../src/notebooks/screening.ts';
import type { MorrisResult } from '../../src/sensitivity/morris.ts';
import type { SobolResult } from '../../src/sensitivity/saltelli.ts';

const leversMorris = JSON.parse(readFileSync('experiments/levers-morris.json', 'utf8')) as Record<string, unknown>;

const i = (value: number, lower: number, upper: number) => ({ value, lower, upper });

/** A Morris analysis with the given mu* intervals (the dummy's is the noise floor). */
function morris(block: string, muStar: Record<string, [number, number, number]>): SensitivityAnalysis {
  const factors = Object.entries(muStar).map(([name, [v, lo, hi]]) => ({ name, mu: i(v, lo, hi), muStar: i(v, lo, hi), sigma: v / 2 }));
  const floor = factors.find((f) => f.name === 'dummy')!.muStar;
  const result = { method: 'morris', factors, dummy: 'dummy', noiseFloor: floor } as unknown as MorrisResult;
  return { block, metric: 'effectMatched', method: 'morris', result };
}

describe('screening files for the researchers notebook', () => {
  it('trims the shipped Morris file: chosen levers and mechanisms, the dummy kept, a smaller design', () => {
    expect(leverNames(leversMorris)).toHaveLength(12);
    expect(blockNames(leversMorris)).toEqual(['duration', 'frequency', 'neither']);
    const file = screeningFile(leversMorris, { levers: ['contact frequency', 'support style'], mechanisms: ['frequency'], trajectories: 3, replications: 2 });
    expect((file.factors as { name: string }[]).map((f) => f.name)).toEqual(['contact frequency', 'support style', 'dummy']);
    expect(file.design).toMatchObject({ type: 'morris', trajectories: 3, candidates: 30, levels: 4 });
    expect(file.replications).toBe(2);
    expect(file).not.toHaveProperty('$schema');
    const experiment = parseExperiment(file, { load: fileLoader });
    expect(experiment.across?.levels).toEqual(['frequency']);
    expect(experiment.outputs).toEqual(['prematureIncidence', 'effectMatched', 'effectAllReferred']);
  });

  it('writes the Sobol follow-up on the given levers and the dummy', () => {
    const file = sobolFile(leversMorris, ['planned weeks'], { base: 8, replications: 1, outputs: ['effectMatched'] });
    expect((file.factors as { name: string }[]).map((f) => f.name)).toEqual(['planned weeks', 'dummy']);
    expect(file.design).toEqual({ type: 'sobol', base: 8, resamples: 500 });
    expect(parseExperiment(file, { load: fileLoader }).outputs).toEqual(['effectMatched']);
  });

  it('refuses unknown levers and mechanisms with one line each, naming what is allowed', () => {
    expect(() => screeningFile(leversMorris, { levers: ['coffee'], mechanisms: ['luck'], trajectories: 2, replications: 1 })).toThrow(/levers: got "coffee"; the file's levers are contact frequency, /);
    try {
      screeningFile(leversMorris, { levers: ['coffee'], mechanisms: ['luck'], trajectories: 2, replications: 1 });
    } catch (err) {
      expect((err as { problems: string[] }).problems).toEqual([
        expect.stringMatching(/^levers: got "coffee"/),
        'mechanisms: got "luck"; the file\'s are duration, frequency, neither',
      ]);
    }
    expect(() => sobolFile(leversMorris, [], { base: 8, replications: 1 })).toThrow('levers: got none; pick at least one');
  });
});

describe('reading sensitivity results across mechanisms', () => {
  // Hand-made results: under duration, A and B clear the floor; under frequency, C leads and B is noise.
  const analyses = [
    morris('duration', { A: [0.5, 0.4, 0.6], B: [0.3, 0.2, 0.4], C: [0.04, 0, 0.1], dummy: [0.05, 0.02, 0.1] }),
    morris('frequency', { A: [0.4, 0.3, 0.5], B: [0.1, 0.05, 0.15], C: [0.6, 0.5, 0.7], dummy: [0.1, 0.08, 0.12] }),
  ];

  it('flattens indices with their rank and their place against the noise floor', () => {
    const rows = indexRows(analyses);
    expect(rows).toHaveLength(8);
    expect(rows.find((r) => r.block === 'duration' && r.lever === 'A')).toMatchObject({ measure: 'mu*', value: 0.5, lower: 0.4, upper: 0.6, sigma: 0.25, rank: 1, floor: 'above' });
    expect(rows.find((r) => r.block === 'duration' && r.lever === 'C')).toMatchObject({ rank: 4, floor: 'not told apart' });
    expect(rows.find((r) => r.block === 'duration' && r.lever === 'dummy')).toMatchObject({ rank: 3, floor: 'the dummy' });
    expect(rows.find((r) => r.block === 'frequency' && r.lever === 'B')).toMatchObject({ rank: 3, floor: 'not told apart' });
    expect(rows.find((r) => r.block === 'frequency' && r.lever === 'dummy')).toMatchObject({ rank: 4, floor: 'the dummy' });
  });

  it('ranks levers per mechanism without the dummy and says which stay on top under every mechanism', () => {
    const ranked = rankAcrossMechanisms(analyses, 'effectMatched', 2);
    expect(ranked.map((l) => [l.lever, l.ranks, l.verdict])).toEqual([
      ['A', { duration: 1, frequency: 2 }, 'top under every mechanism'],
      ['C', { duration: 3, frequency: 1 }, 'top under some mechanisms'],
      ['B', { duration: 2, frequency: 3 }, 'top under some mechanisms'],
    ]);
    expect(ranked.find((l) => l.lever === 'B')!.aboveFloor).toEqual({ duration: true, frequency: false });
    expect(rankAcrossMechanisms(analyses, 'effectMatched', 1).map((l) => l.verdict)).toEqual(['top under some mechanisms', 'top under some mechanisms', 'never top']);
  });

  it('follows up the levers with the best mean rank among those above the floor somewhere', () => {
    // Mean ranks: A 1.5, C 2, B 2.5; each clears the floor under at least one mechanism.
    expect(topLevers(analyses, 'effectMatched', 2)).toEqual(['A', 'C']);
    expect(topLevers(analyses, 'effectMatched', 5)).toEqual(['A', 'C', 'B']);
    expect(topLevers(analyses, 'prematureIncidence', 2)).toEqual([]);
  });

  it('reads Sobol results by their total index, first order beside it', () => {
    const result = {
      method: 'sobol', dummy: 'dummy', noiseFloor: i(0.02, 0, 0.05),
      factors: [{ name: 'A', first: i(0.3, 0.1, 0.5), total: i(0.4, 0.2, 0.6) }, { name: 'dummy', first: i(0, -0.02, 0.02), total: i(0.02, 0, 0.05) }],
    } as unknown as SobolResult;
    const rows = indexRows([{ block: null, metric: 'prematureIncidence', method: 'sobol', result }, { block: null, metric: 'effectMatched', method: 'sobol', refused: 'failed' }]);
    expect(rows.map((r) => [r.lever, r.measure, r.value, r.rank, r.floor])).toEqual([
      ['A', 'total', 0.4, 1, 'above'], ['A', 'first order', 0.3, 1, 'above'],
      ['dummy', 'total', 0.02, 2, 'the dummy'], ['dummy', 'first order', 0, 2, 'the dummy'],
    ]);
  });
});
