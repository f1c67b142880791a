/**
 * The address bar holds the view: the design (a bundled scenario and the fields changed), a pinned
 * baseline (`vs`), the view when it is not the Design view, and the Explore view's settings. The
 * store writes it (replaceState, so Back leaves the page rather than undoing levers); a link or an
 * edited hash is read back through the same code.
 */
import { FIELD_KINDS, effectiveValue } from '../design.ts';
import { decodeSweep, encodeSweep } from '../explore/sweepLink.ts';
import { MAX_LINK_CHARS, encodeState, readLink, sameState, type DashState } from '../state.ts';
import type { RunActions } from '../run/actions.ts';
import { VIEWS, type AppState, type ViewName } from './appState.ts';
import type { Store } from './store.ts';

/** The hash (without `#`) that reproduces the state. */
export function currentHash(s: AppState): string {
  return encodeState(
    {
      ...s.dash,
      baseline: s.baseline?.state ?? s.pendingBaseline,
      view: s.view === 'run' ? undefined : s.view,
      sweep: s.view === 'explore' ? encodeSweep(s.explore.settings) : undefined,
    },
    FIELD_KINDS,
  );
}

/** The note shown when the state is too large to be read back from a link, or null. */
export function tooLongNote(hash: string): string | null {
  return hash.length > MAX_LINK_CHARS ? `This design is too large to share as a link (${hash.length.toLocaleString('en-GB')} characters); export the scenario file instead.` : null;
}

const isView = (v: string | undefined): v is ViewName => (VIEWS as readonly string[]).includes(v ?? '');

/** A hash without "=" is an anchor in the page (the "Skip to results" link), never state. */
export const isAnchor = (hash: string) => hash.length > 1 && !hash.includes('=');

/** Reads the address bar into the store and runs what it names (a heavy run waits for a click). */
export function loadFromHash(store: Store<AppState>, actions: RunActions, defaultScenario: string | null): void {
  const { state: decoded, notes } = readLink(location.hash, FIELD_KINDS);
  const read = decoded.scenario !== null || Object.keys(decoded.overrides).length > 0 || decoded.baseline !== null || decoded.view !== undefined;
  if (location.hash.length > 1 && !isAnchor(location.hash) && !read) notes.push('Nothing in the link could be used: showing the default scenario.');
  if (decoded.view !== undefined && !isView(decoded.view)) notes.push(`The link names a view "${decoded.view.slice(0, 20)}" that does not exist; views: ${VIEWS.join(', ')}.`);
  const dash: DashState = read ? { scenario: decoded.scenario, overrides: decoded.overrides } : { scenario: defaultScenario, overrides: {} };
  const s = store.get();
  let { baseline, pendingBaseline } = s;
  if (decoded.baseline && !sameState(decoded.baseline, s.baseline?.state ?? null)) {
    baseline = null;
    pendingBaseline = decoded.baseline;
  } else if (!decoded.baseline) {
    baseline = null;
    pendingBaseline = null;
  }
  store.update((st) => ({
    linkNotes: notes,
    baseline,
    pendingBaseline,
    view: isView(decoded.view) ? decoded.view : 'run',
    explore: decoded.sweep ? { ...st.explore, settings: decodeSweep(decoded.sweep, (path) => effectiveValue(st.design, path)) } : st.explore,
  }));
  actions.setDesign(dash, 'now');
}

/**
 * Reads the link the page was opened with, then keeps the address bar in step with the store and
 * follows edits of it.
 */
export function mountUrl(store: Store<AppState>, actions: RunActions, defaultScenario: string | null): void {
  const write = (s: AppState) => {
    const hash = currentHash(s);
    if (tooLongNote(hash)) return;
    if (location.hash.replace(/^#/, '') !== hash) history.replaceState(null, '', `#${hash}`);
  };
  // The link is read before the store may write the address bar.
  loadFromHash(store, actions, defaultScenario);
  store.subscribe(write);
  write(store.get());
  window.addEventListener('hashchange', () => {
    // An anchor (the skip link followed without script, a bookmark of it) leaves the state alone.
    if (isAnchor(location.hash)) return write(store.get());
    if (location.hash.replace(/^#/, '') === currentHash(store.get())) return;
    loadFromHash(store, actions, defaultScenario);
  });
}
