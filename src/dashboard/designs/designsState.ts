/**
 * The Compare designs view's part of the dashboard's state: the 40-hour grid run under every
 * mechanism (the design explorer), and designs side by side.
 */
import type { Mechanism } from '../../calibration/mechanisms.ts';
import type { DesignsResult } from '../../designs/explore.ts';
import type { FigureKey } from '../../designs/figures.ts';
import { DEFAULT_GRID } from '../../designs/grid.ts';
import type { SideBySide } from './sideBySide.ts';

export type JobStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error' | 'invalid';

export interface DesignsState {
  grid: {
    /** The grid file: the default grid, or one loaded. */
    file: unknown;
    fileName: string | null;
    reps: number;
    /** Null: the grid's base scenario's seed. */
    seed: number | null;
    status: { kind: JobStatus; text: string };
    progress: { done: number; total: number } | null;
    result: DesignsResult | null;
    /** What the heat map shows. */
    mechanism: Mechanism;
    figure: FigureKey;
  };
  side: {
    /** The saved design set whose designs are compared, if any. */
    setName: string | null;
    /** Whether the design in the controls is one of them (first). */
    includeCurrent: boolean;
    reps: number;
    seed: number | null;
    status: { kind: JobStatus; text: string };
    progress: { done: number; total: number } | null;
    result: SideBySide | null;
    metric: string;
  };
}

export function initialDesigns(): DesignsState {
  return {
    grid: {
      file: DEFAULT_GRID,
      fileName: null,
      reps: 20,
      seed: null,
      status: { kind: 'idle', text: 'Run the grid: every way to spend the hours under every mechanism, on one seed (as buddysim designs).' },
      progress: null,
      result: null,
      mechanism: 'duration',
      figure: 'effectLater',
    },
    side: {
      setName: null,
      includeCurrent: true,
      reps: 40,
      seed: null,
      status: { kind: 'idle', text: 'Pick a saved design set (and the design in the controls), then compare them side by side.' },
      progress: null,
      result: null,
      metric: 'effectAllReferred',
    },
  };
}
