/**
 * Everything the dashboard holds, as one plain object (kept in a Store), and the pure rules that
 * read it: above all which results are on screen and whether they are the current design's, so the
 * page never shows a previous design's figures as current. No DOM: tests run these in Node.
 */
import { scenarioHash, type Aggregate, type Scenario } from '../../index.ts';
import { resolveDesign, type Design } from '../design.ts';
import { DEFAULT_SCENARIO } from '../design.ts';
import type { DashState } from '../state.ts';
import { initialDesigns, type DesignsState } from '../designs/designsState.ts';
import { initialExplore, type ExploreState } from '../explore/exploreState.ts';
import { initialPlan, type PlanState } from '../plan/planState.ts';
import type { HistoryEntry } from '../saved/history.ts';
import type { DesignSet } from '../saved/designSets.ts';

export const VIEWS = ['run', 'explore', 'designs', 'plan', 'saved'] as const;
export type ViewName = (typeof VIEWS)[number];

export type StatusKind = 'idle' | 'running' | 'done' | 'invalid' | 'cancelled' | 'error' | 'confirm';

/** Results on screen: a design's aggregate, complete or of the replications merged so far. */
export interface Shown {
  aggregate: Aggregate;
  scenario: Scenario;
  complete: boolean;
}

/** A run in progress: the current design's, or a linked baseline's that runs first. */
export interface ActiveRun {
  purpose: 'current' | 'baseline';
  scenario: Scenario;
  started: number;
}

export interface Baseline {
  state: DashState;
  scenario: Scenario;
  aggregate: Aggregate;
}

export interface AppState {
  view: ViewName;
  /** The design in the controls: a base scenario and the fields changed. */
  dash: DashState;
  /** `dash` resolved and validated. */
  design: Design;
  baseline: Baseline | null;
  /** A baseline named by a link that has not been run yet. */
  pendingBaseline: DashState | null;
  shown: Shown | null;
  run: ActiveRun | null;
  /** Replications done of the last run started (kept after it ends, for the status and tests). */
  progress: { done: number; total: number } | null;
  /** How the last run of the current design ended, if it was cancelled. */
  cancelled: { done: number; total: number } | null;
  /** A heavy design waits for a click on Run. */
  awaitingClick: boolean;
  /** Hash of the last design whose run completed. */
  lastCompleteHash: string;
  status: { kind: StatusKind; text: string };
  /** What of the link could not be read, or that the design is too large for one. */
  linkNotes: readonly string[];
  /** Participant-weeks per second per worker seen in this tab's last run: the basis of time estimates. */
  measuredSpeed: number;
  autoRun: boolean;
  history: readonly HistoryEntry[];
  sets: readonly DesignSet[];
  /** The last message about design sets (saved, imported, storage full). */
  setsNote: string;
  explore: ExploreState;
  designs: DesignsState;
  plan: PlanState;
}

/**
 * The state a page starts from: the default scenario in the controls, nothing run yet.
 *
 * @example
 *   const store = new Store(initialState(ASSUMED_SPEED));
 */
export function initialState(measuredSpeed: number): AppState {
  const dash: DashState = { scenario: DEFAULT_SCENARIO, overrides: {} };
  return {
    view: 'run',
    dash,
    design: resolveDesign(dash),
    baseline: null,
    pendingBaseline: null,
    shown: null,
    run: null,
    progress: null,
    cancelled: null,
    awaitingClick: false,
    lastCompleteHash: '',
    status: { kind: 'idle', text: 'Ready.' },
    linkNotes: [],
    measuredSpeed,
    autoRun: true,
    history: [],
    sets: [],
    setsNote: '',
    explore: initialExplore(),
    designs: initialDesigns(),
    plan: initialPlan(),
  };
}

const hashes = new WeakMap<Scenario, string>();

/** A scenario's content hash, computed once per scenario object. */
export function hashOf(scenario: Scenario): string {
  let h = hashes.get(scenario);
  if (h === undefined) {
    h = scenarioHash(scenario);
    hashes.set(scenario, h);
  }
  return h;
}

/** What the results area shows, and what it must say about it. */
export interface ResultsTruth {
  /** `previous`: the figures are not the design in the controls (dimmed, labelled). */
  showing: 'nothing' | 'current' | 'previous';
  /** The label over dimmed results, or null. */
  previousLabel: string | null;
  /** A note when the current design's figures come from only part of its replications, or null. */
  partialLabel: string | null;
}

/** Why the figures on screen are not the design in the controls. */
function staleReason(s: AppState): string {
  if (s.run?.purpose === 'current') return 'the new design is running';
  if (s.run?.purpose === 'baseline') return 'the baseline of the link runs first';
  if (!s.design.scenario) return 'the design in the controls has problems';
  if (s.cancelled && s.cancelled.done === 0) return 'the new run was cancelled before any replication finished';
  if (s.awaitingClick) return 'the new design is a heavy run and waits for a click on Run';
  return 'the levers have changed since; press Run';
}

/**
 * Whether the figures on screen are the current design's: they are only when they were computed
 * for exactly the scenario in the controls (same content hash). While a new design runs before its
 * first replication, after a cancel before any replication, after a lever moved, or while the
 * controls hold an invalid design, they are the previous design's and are labelled so.
 *
 * @example
 *   resultsTruth(state).showing; // 'previous' right after a lever moved
 */
export function resultsTruth(s: AppState): ResultsTruth {
  const shown = s.shown;
  if (!shown) return { showing: 'nothing', previousLabel: null, partialLabel: null };
  const fresh = s.design.scenario !== null && hashOf(shown.scenario) === hashOf(s.design.scenario);
  if (!fresh) {
    const sc = shown.scenario;
    const done = shown.aggregate.summary.scenario.reps;
    const of = shown.complete ? `${sc.reps} replications` : `${done} of ${sc.reps} replications`;
    return { showing: 'previous', previousLabel: `Previous design: ${sc.name} (${of}). Not the design in the controls: ${staleReason(s)}.`, partialLabel: null };
  }
  if (shown.complete) return { showing: 'current', previousLabel: null, partialLabel: null };
  const done = shown.aggregate.summary.scenario.reps;
  const total = shown.scenario.reps;
  const partialLabel = s.run?.purpose === 'current'
    ? `Partial results: ${done} of ${total} replications of this design so far.`
    : `Cancelled: these figures come from ${done} of ${total} replications only.`;
  return { showing: 'current', previousLabel: null, partialLabel };
}
