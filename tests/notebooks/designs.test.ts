import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gridDesigns, parseGrid, serialDesignsRunner } from '../../src/designs/index.ts';
import { fileLoader } from '../../src/io/readScenario.ts';
import { gainRatesOf, policyGrid, poolDesignsRunner } from '../../src/notebooks/designs.ts';
import { serialPool } from '../../src/notebooks/pool.ts';
import { parseScenario, scenarioToFile } from '../../src/scenario/resolve.ts';
import { readScenario } from '../../src/io/readScenario.ts';

const mechanisms = JSON.parse(readFileSync('experiments/mechanisms.json', 'utf8')) as Record<string, unknown>;

describe('the policymakers\' grid', () => {
  it('reads each mechanism\'s gain rate from the shipped experiment file, and says when a file has none', () => {
    expect(gainRatesOf(mechanisms)).toEqual({ duration: 0.0267, frequency: 0.017, neither: 0.0389 });
    expect(() => gainRatesOf({ across: { levels: ['a'] } })).toThrow('across: no variant sets both programme.mechanism and behaviour.gainRate');
  });

  it('is the trajectory in a duo, a group and with peer buddies, and year-long befriending, at one pace and limit', () => {
    const grid = parseGrid(policyGrid({ contactsPerWeek: 2, hoursPerContact: 1, limitWeeks: 20, gainRates: gainRatesOf(mechanisms) }), { load: fileLoader });
    expect(grid.gainRates).toEqual({ duration: 0.0267, frequency: 0.017, neither: 0.0389 });
    const designs = gridDesigns(grid);
    expect(designs.map((d) => d.key)).toEqual(['A', 'B', 'C', 'D']);
    expect(designs.map((d) => d.label)).toEqual([
      expect.stringMatching(/^duo, 2 × 1 h a week, within 20 weeks/),
      expect.stringMatching(/^group/),
      expect.stringMatching(/^peer buddies/),
      'year-long befriending',
    ]);
    expect(designs[0].set).toMatchObject({ 'programme.contactsPerWeek': 2, 'programme.hoursPerContact': 1, 'programme.plannedWeeks': 20 });
  });

  it('runs the explorer\'s scenarios on a replication pool with the serial runner\'s numbers', async () => {
    const scenario = parseScenario({ ...scenarioToFile(readScenario('civic-integration-40h')), reps: 3, weeks: 60 });
    const progress: number[] = [];
    const pooled = await poolDesignsRunner(serialPool).run(scenario, (done) => progress.push(done));
    const serial = await serialDesignsRunner.run(scenario);
    expect(JSON.stringify(pooled.summary)).toBe(JSON.stringify(serial.summary));
    expect(progress[progress.length - 1]).toBe(3);
  });
});
