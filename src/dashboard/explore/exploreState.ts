/**
 * The Explore view's part of the dashboard's state: the sweep's settings, how its run goes, and the
 * table and chart on screen (a sweep run here, or a result file loaded).
 */
import type { Experiment } from '../../experiment/experiment.ts';
import type { ExperimentResults } from '../../experiment/run.ts';
import type { ChartChoice } from './sweepChart.ts';
import { defaultLever, type SweepSettings } from './sweep.ts';
import type { SweepTable } from './sweepTable.ts';

/** A sweep run in this page, and the design it was run around (to tell when the controls moved on). */
export interface SweepRun {
  experiment: Experiment;
  results: ExperimentResults;
  complete: boolean;
  /** Content hash and name of the design in the controls when the sweep started. */
  baseHash: string;
  baseName: string;
}

export type SweepStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error' | 'invalid';

export interface ExploreState {
  settings: SweepSettings;
  status: { kind: SweepStatus; text: string };
  progress: { done: number; total: number } | null;
  /** The table on screen: a sweep's (complete or so far) or a loaded file's. */
  table: SweepTable | null;
  choice: ChartChoice | null;
  /** The sweep behind the table, when it was run here (for its downloads); null for a loaded file. */
  sweep: SweepRun | null;
}

/**
 * The Explore view before anything is swept: one lever (contact frequency around its default).
 *
 * @example
 *   initialExplore().settings.levers[0].path; // 'programme.contactsPerWeek'
 */
export function initialExplore(): ExploreState {
  return {
    settings: { levers: [defaultLever('programme.contactsPerWeek', undefined)], reps: 20 },
    status: { kind: 'idle', text: 'Pick one or two levers and a range, then press Run sweep; or load a result file of buddysim experiment run.' },
    progress: null,
    table: null,
    choice: null,
    sweep: null,
  };
}
