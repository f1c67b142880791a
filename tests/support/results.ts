import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvParse } from 'd3';
import { expect } from 'vitest';
import type { Summary } from '../../src/index.ts';

const column = (dir: string, file: string, name: string) => csvParse(readFileSync(join(dir, file), 'utf8')).map((r) => Number(r[name]));

/**
 * Checks that a result folder holds one run whole: the weekly and survival CSV files carry the
 * numbers of its summary.json, replications.csv has one row per replication of it, and records
 * (if any) come from its replications. Returns the summary.
 */
export function expectWholeRun(dir: string): Summary {
  const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as Summary;
  expect(column(dir, 'weekly.csv', 'activeMatches_mean'), 'weekly.csv of another run').toEqual(summary.weekly.activeMatches.mean);
  expect(column(dir, 'weekly.csv', 'participantsWaiting_upper'), 'weekly.csv of another run').toEqual(summary.weekly.participantsWaiting.upper);
  expect(column(dir, 'survival.csv', 'still_running'), 'survival.csv of another run').toEqual(summary.survival.stillRunning.value);
  expect(column(dir, 'replications.csv', 'replication'), 'replications.csv of another run').toHaveLength(summary.scenario.reps);
  for (const file of ['matches.csv', 'outcomes.csv']) {
    if (!existsSync(join(dir, file))) continue;
    for (const r of column(dir, file, 'replication')) expect(r, `${file} of another run`).toBeLessThan(summary.scenario.reps);
  }
  return summary;
}
