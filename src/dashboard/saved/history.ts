/**
 * The runs of this session: each completed run of a design with its scenario, seed, replications
 * and key figures, newest first, kept with its results so it re-opens without running again.
 * Pure: no DOM.
 */
import { DOMAIN_LABELS, effectUnit, fmt, fmtEstimate, type Aggregate, type Scenario } from '../../index.ts';
import type { DashState } from '../state.ts';

/** Runs kept (older ones drop off); each holds its summary and per-replication figures. */
export const HISTORY_SIZE = 12;

export interface KeyFigure {
  key: string;
  label: string;
  text: string;
}

export interface HistoryEntry {
  /** Content hash of the scenario (seed and replications included). */
  hash: string;
  /** When the run finished (ISO 8601). */
  finished: string;
  /** The design as the controls held it, to re-open it. */
  state: DashState;
  name: string;
  /** The bundled scenario it started from, or null (model defaults or a loaded file). */
  base: string | null;
  seed: number;
  reps: number;
  /** Fields changed from the base. */
  changed: number;
  figures: KeyFigure[];
  seconds: number;
  scenario: Scenario;
  aggregate: Aggregate;
}

/**
 * The key figures of a run in words, as the headline shows them: premature closure, the effect
 * over all referred, the share matched within 8 weeks, and the cost per year, each with its 95% CI.
 */
export function keyFigures(aggregate: Aggregate): KeyFigure[] {
  const s = aggregate.summary;
  const m = s.metrics;
  const p = s.survival.prematureIncidence;
  const unit = effectUnit(s.effects.primary);
  return [
    { key: 'premature', label: 'Ended early', text: fmtEstimate(p.value, [p.lower, p.upper], 'share') },
    { key: 'effect', label: `Effect on ${DOMAIN_LABELS[s.effects.primary]}, all referred`, text: fmtEstimate(m.effectAllReferred.value, m.effectAllReferred.ci95, unit) },
    { key: 'matched8', label: 'Matched within 8 weeks', text: fmtEstimate(m.matchedWithin8Weeks.value, m.matchedWithin8Weeks.ci95, 'share') },
    { key: 'cost', label: 'Cost per year', text: fmt(m.costPerYear.value, 'EUR') },
  ];
}

/**
 * The history with a new run in front: a run of the same scenario (same hash) replaces the older
 * one, and at most HISTORY_SIZE runs are kept.
 *
 * @example
 *   addRun(history, entry)[0] === entry; // true
 */
export function addRun(history: readonly HistoryEntry[], entry: HistoryEntry): HistoryEntry[] {
  return [entry, ...history.filter((h) => h.hash !== entry.hash)].slice(0, HISTORY_SIZE);
}

/** A history entry for a completed run. */
export function historyEntry(state: DashState, scenario: Scenario, hash: string, aggregate: Aggregate, seconds: number, finished: Date): HistoryEntry {
  return {
    hash,
    finished: finished.toISOString(),
    state: { scenario: state.scenario, overrides: { ...state.overrides } },
    name: scenario.name,
    base: state.scenario,
    seed: scenario.seed,
    reps: scenario.reps,
    changed: Object.keys(state.overrides).filter((k) => k !== 'seed' && k !== 'reps').length,
    figures: keyFigures(aggregate),
    seconds,
    scenario,
    aggregate,
  };
}
