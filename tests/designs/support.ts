import { parseGrid, type Grid } from '../../src/designs/grid.ts';
import type { GridFile } from '../../src/designs/schema.ts';
import { fileLoader } from '../../src/io/readScenario.ts';

/** A small grid that runs in seconds: two patterns in a duo and a group within 40 weeks, and befriending; two mechanisms at fixed gain rates. */
export const SMALL_GRID: GridFile = {
  version: 1,
  name: 'A small grid',
  patterns: [{ contactsPerWeek: 1, hoursPerContact: 2 }, { contactsPerWeek: 1, hoursPerContact: 4 }],
  limits: [{ weeks: 40 }],
  formats: [{ label: 'duo' }, { label: 'group', set: { 'programme.format': 'group' } }],
  alternatives: [{ label: 'year-long befriending', scenario: 'newcomer-befriending' }],
  mechanisms: ['duration', 'neither'],
  gainRates: { duration: 0.0267, neither: 0.0386 },
};

export const smallGrid = (over: Partial<GridFile> = {}): Grid => parseGrid({ ...SMALL_GRID, ...over }, { load: fileLoader });
