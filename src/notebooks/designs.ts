/**
 * The policymakers' notebook: a small grid for the design explorer (src/designs): the 40-hour
 * buddy trajectory of civic integration in a duo, a group and with peer buddies, at one contact
 * pattern and time limit, against year-long befriending for the same newcomers, under each
 * contested mechanism. The mechanisms run with the gain rates of a shipped experiment file
 * (experiments/mechanisms.json, levelled by `buddysim mechanisms`), so the page does not level
 * them again; a runner puts the explorer's runs on the notebook's replication pool. Platform-neutral.
 */
import type { Mechanism } from '../calibration/mechanisms.ts';
import type { DesignsRunner } from '../designs/explore.ts';
import type { GridFile } from '../designs/schema.ts';
import { ScenarioError } from '../scenario/errors.ts';
import { runScenario, type ReplicationPool } from './pool.ts';

/**
 * The gain rate of each mechanism as an experiment file's `across` variants set it
 * (`behaviour.gainRate` beside `programme.mechanism`).
 *
 * @example
 *   gainRatesOf(mechanismsExperiment); // { duration: 0.0267, frequency: 0.017, neither: 0.0389 }
 */
export function gainRatesOf(file: Readonly<Record<string, unknown>>): Partial<Record<Mechanism, number>> {
  const variants = (file.across as { variants?: { set?: Record<string, unknown> }[] } | undefined)?.variants ?? [];
  const out: Partial<Record<Mechanism, number>> = {};
  for (const v of variants) {
    const mechanism = v.set?.['programme.mechanism'];
    const rate = v.set?.['behaviour.gainRate'];
    if (typeof mechanism === 'string' && typeof rate === 'number') out[mechanism as Mechanism] = rate;
  }
  if (Object.keys(out).length === 0) throw new ScenarioError(['across: no variant sets both programme.mechanism and behaviour.gainRate; give the gain rates another way']);
  return out;
}

export interface PolicyGridSettings {
  /** Meetings a week and hours a meeting of the 40-hour trajectory (default the base's: 1 x 2 hours). */
  readonly contactsPerWeek: number;
  readonly hoursPerContact: number;
  /** The time limit in weeks within which the hours are given. */
  readonly limitWeeks: number;
  readonly gainRates: Partial<Record<Mechanism, number>>;
}

/**
 * The grid the policymakers' notebook explores: the trajectory at one pattern and limit in three
 * formats, and year-long befriending; the duo is the reference every other design is compared with.
 *
 * @example
 *   const grid = parseGrid(policyGrid({ contactsPerWeek: 1, hoursPerContact: 2, limitWeeks: 40, gainRates }), { load: bundledLoader });
 */
export function policyGrid(settings: PolicyGridSettings): GridFile {
  return {
    version: 1,
    name: 'The 40-hour trajectory against year-long befriending',
    description: 'The 40 hours of the civic-integration buddy trajectory in a duo, a group of up to four, or with peer buddies, against year-long befriending for the same newcomers, with the same referrals, volunteers and coordinator.',
    base: 'civic-integration-40h',
    hours: 40,
    patterns: [{ contactsPerWeek: settings.contactsPerWeek, hoursPerContact: settings.hoursPerContact }],
    limits: [{ weeks: settings.limitWeeks }],
    formats: [
      { label: 'duo' },
      { label: 'group', scenario: 'civic-integration-40h-group' },
      { label: 'peer buddies', scenario: 'civic-integration-40h-peer' },
    ],
    alternatives: [{ label: 'year-long befriending', scenario: 'newcomer-befriending' }],
    gainRates: { ...settings.gainRates },
  };
}

/**
 * The design explorer's runner on a replication pool: each scenario's replications merged in
 * replication order, so every figure equals the command line's (`buddysim designs`).
 *
 * @example
 *   const result = await exploreDesigns(grid, { runner: poolDesignsRunner(webWorkerPool()), load: bundledLoader, reps: 8 });
 */
export function poolDesignsRunner(pool: ReplicationPool): DesignsRunner {
  return { run: (scenario, onProgress) => runScenario(pool, scenario, scenario.reps, onProgress) };
}
