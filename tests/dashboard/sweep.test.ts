import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioError } from '../../src/index.ts';
import { designPoints, runExperiment, summaryTable, tableToCsv, parseExperiment } from '../../src/experiment/index.ts';
import { defaultLever, leverLevels, sweepExperiment, sweepFile, sweepPoints, sweepProblems } from '../../src/dashboard/explore/sweep.ts';
import { decodeSweep, encodeSweep } from '../../src/dashboard/explore/sweepLink.ts';

const base = parseScenario({ version: 1, name: 'sweep base', seed: 11, reps: 3, weeks: 40, outcomes: { assessmentWeeks: 20 } });
const lever = (path: string, from: number, to: number, steps: number) => ({ path, from, to, steps });

describe('sweeps in the Explore view', () => {
  it('a lever starts from half to twice the design\'s value, on the control\'s step', () => {
    expect(defaultLever('programme.contactsPerWeek', 1)).toEqual(lever('programme.contactsPerWeek', 0.5, 2, 5));
    expect(defaultLever('programme.plannedWeeks', 52)).toEqual(lever('programme.plannedWeeks', 26, 104, 5));
    expect(defaultLever('programme.hoursBudget', 0)).toEqual(lever('programme.hoursBudget', 0, 250, 5));
    expect(leverLevels(defaultLever('programme.matching', 'surface'))).toEqual(['first-come', 'surface', 'deep']);
  });

  it('names every problem of the settings with the lever it belongs to', () => {
    expect(sweepProblems({ levers: [lever('programme.contactsPerWeek', 2, 1, 30)], reps: 0 })).toEqual([
      'lever 1 (programme.contactsPerWeek): got 2 to 1; "from" must be below "to"',
      'lever 1 (programme.contactsPerWeek): got 30 values; must be a whole number from 2 to 21',
      'replications per point: got 0; must be a whole number from 1 to 1000',
    ]);
    expect(sweepProblems({ levers: [lever('programme.plannedWeeks', 1, 3, 5)], reps: 2 })).toEqual([
      'lever 1 (programme.plannedWeeks): got 5 values; a whole-number lever from 1 to 3 has at most 3',
    ]);
    expect(sweepProblems({ levers: [lever('nope.x', 0, 1, 2)], reps: 2 })[0]).toMatch(/^lever 1 \(nope\.x\): not a parameter a sweep can move/);
    expect(sweepProblems({ levers: [lever('programme.contactsPerWeek', 0, 9, 3)], reps: 2 })).toEqual(['lever 1 (programme.contactsPerWeek): got 0 to 9; must be within 0.1 to 5 contacts/week']);
    expect(sweepProblems({ levers: [lever('programme.contactsPerWeek', 1, 2, 21), lever('programme.plannedWeeks', 10, 40, 21)], reps: 1 })).toEqual([]);
    expect(sweepProblems({ levers: [lever('programme.plannedWeeks', 10, 40, 3), lever('programme.plannedWeeks', 10, 40, 3)], reps: 1 })).toEqual([
      'lever 2: got programme.plannedWeeks twice; pick two different levers',
    ]);
    expect(() => sweepExperiment(base, { levers: [], reps: 1 })).toThrow(ScenarioError);
  });

  it('is an experiment file the command line reads: the base inlined, the same seed at every point', () => {
    const settings = { levers: [lever('programme.contactsPerWeek', 0.5, 2, 4), lever('programme.matching', 0, 0, 3)], reps: 2 };
    const file = sweepFile(base, settings);
    const experiment = parseExperiment(JSON.parse(JSON.stringify(file)));
    expect(experiment.hash).toBe(sweepExperiment(base, settings).hash);
    const points = designPoints(experiment).points;
    expect(points.length).toBe(sweepPoints(settings));
    expect(new Set(points.map((p) => p.scenario.seed))).toEqual(new Set([11]));
    expect(points.map((p) => p.values['programme.contactsPerWeek']).slice(0, 4)).toEqual([0.5, 0.5, 0.5, 1]);
  });

  it('its experiment file, written out and read back, runs to the same summary.csv', async () => {
    const experiment = sweepExperiment(base, { levers: [lever('programme.contactsPerWeek', 0.5, 2, 3)], reps: 2 });
    const again = parseExperiment(JSON.parse(JSON.stringify(experiment.file)));
    const [x, y] = await Promise.all([runExperiment(experiment), runExperiment(again)]);
    expect(tableToCsv(summaryTable(x))).toBe(tableToCsv(summaryTable(y)));
  });

  it('travels in the link and comes back the same; missing values take the defaults', () => {
    const settings = { levers: [lever('programme.contactsPerWeek', 0.5, 2, 4), lever('programme.plannedWeeks', 13, 52, 4)], reps: 7 };
    expect(decodeSweep(encodeSweep(settings), () => undefined)).toEqual(settings);
    expect(decodeSweep('x=programme.contactsPerWeek&to=abc', () => 1)).toEqual({ levers: [lever('programme.contactsPerWeek', 0.5, 2, 5)], reps: 20 });
    expect(decodeSweep('x=__proto__.polluted&reps=3', () => undefined).levers[0].path).toBe('programme.contactsPerWeek');
  });
});
