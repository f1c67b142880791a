/**
 * The buddysim dashboard: pick or load a scenario, move the levers, and watch the replications come
 * in from Web Workers; sweep one or two levers; compare designs (the 40-hour grid under every
 * mechanism, and designs side by side); plan capacity; keep the runs of the session and named
 * design sets.
 * Every number comes from the same engine and the same ordered aggregation as the command line, so
 * they agree byte for byte for the same scenario and seed.
 *
 * The state lives in one store (app/store.ts, app/appState.ts); actions change it (run/actions.ts,
 * explore/exploreActions.ts, saved/savedView.ts), and each view renders from it.
 */
import './style.css';
import { ASSUMED_SPEED } from '../index.ts';
import { initialState, type AppState } from './app/appState.ts';
import { mountStatus } from './app/status.ts';
import { Store } from './app/store.ts';
import { mountUrl } from './app/url.ts';
import { mountViews } from './app/views.ts';
import { DEFAULT_SCENARIO } from './design.ts';
import { DesignsActions } from './designs/designsActions.ts';
import { mountDesignsView } from './designs/designsView.ts';
import { PlanActions } from './plan/planActions.ts';
import { mountPlanView } from './plan/planView.ts';
import { ExploreActions } from './explore/exploreActions.ts';
import { mountExploreView } from './explore/exploreView.ts';
import { RunActions } from './run/actions.ts';
import { mountDesignView } from './run/designView.ts';
import { mountExports } from './run/exports.ts';
import { mountResults } from './run/results.ts';
import { WorkerPool, WorkerRunner } from './runner.ts';
import { SetActions, mountSavedView } from './saved/savedView.ts';
import RunWorker from './worker.ts?worker&inline';

const store = new Store<AppState>(initialState(ASSUMED_SPEED));
const pool = new WorkerPool(() => new RunWorker({ name: 'buddysim-run' }));
const runActions = new RunActions(store, new WorkerRunner(pool), (what, ms) => {
  document.body.dataset[what] = ms.toFixed(1);
});
const exploreActions = new ExploreActions(store, pool);
const setActions = new SetActions(store, runActions, storageOrNull());
const designsActions = new DesignsActions(store, pool);
const planActions = new PlanActions(store, pool, runActions);

mountStatus(store);
mountViews(store);
mountDesignView(store, runActions);
mountResults(store);
const exportMenu = mountExports(store, runActions);
mountExploreView(store, exploreActions);
mountDesignsView(store, designsActions);
mountPlanView(store, planActions);
mountSavedView(store, runActions, setActions);

// Esc closes the export menu, else cancels what runs in the view shown.
document.addEventListener('keydown', (e) => {
  if (e.key !== 'Escape' || exportMenu.close()) return;
  const view = store.get().view;
  if (view === 'explore' && exploreActions.running) exploreActions.cancel();
  else if (view === 'designs' && designsActions.running) designsActions.cancel();
  else if (view === 'plan' && planActions.running) planActions.cancel();
  else if (store.get().run) runActions.cancel();
});

// The levers stick below the header, whose height depends on how the toolbar wraps.
const header = document.querySelector<HTMLElement>('.sticky-top')!;
new ResizeObserver(() => document.documentElement.style.setProperty('--header-h', `${header.offsetHeight}px`)).observe(header);

/** The browser's localStorage, or null where it is switched off (then sets live only in the tab). */
function storageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

setActions.restore();
mountUrl(store, runActions, DEFAULT_SCENARIO);
