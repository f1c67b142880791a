/**
 * The views (Design, Explore, Compare designs, Plan capacity, History and sets) as tabs in the top bar: one view's panel and its
 * toolbar are shown at a time. The "Skip to results" link moves focus to the shown view's results
 * without touching the address bar, whose hash is the page's state.
 */
import { $ } from '../dom.ts';
import { VIEWS, type AppState, type ViewName } from './appState.ts';
import type { Store } from './store.ts';

/** Where "Skip to results" goes in each view. */
const RESULTS: Record<ViewName, string> = { run: '#results', explore: '#explore-results', designs: '#designs-results', plan: '#plan-results', saved: '#saved' };

/**
 * Wires the view tabs and the skip link to the store.
 *
 * @example
 *   mountViews(store); // then store.update({ view: 'explore' }) shows the Explore view
 */
export function mountViews(store: Store<AppState>): void {
  const tabs = [...document.querySelectorAll<HTMLButtonElement>('nav.views button[data-view]')];
  const panels = [...document.querySelectorAll<HTMLElement>('[data-view-panel]')];
  const toolbar = [...document.querySelectorAll<HTMLElement>('[data-for-view]')];
  for (const tab of tabs) {
    tab.addEventListener('click', () => {
      const view = tab.dataset.view as ViewName;
      if ((VIEWS as readonly string[]).includes(view)) store.update({ view });
    });
  }
  const skip = $<HTMLAnchorElement>('a.skip');
  // In-page links (the skip link, "Change the levers") move focus to their target without touching
  // the address bar, whose hash is the page's state.
  document.addEventListener('click', (e) => {
    const link = (e.target as HTMLElement).closest<HTMLAnchorElement>('a[href^="#"]');
    if (!link || link.getAttribute('href')!.includes('=')) return;
    e.preventDefault();
    const target = link === skip ? RESULTS[store.get().view] : link.getAttribute('href')!;
    document.querySelector<HTMLElement>(target)?.focus();
  });
  const render = (s: AppState, prev: AppState | null) => {
    if (prev && prev.view === s.view) return;
    for (const tab of tabs) {
      if (tab.dataset.view === s.view) tab.setAttribute('aria-current', 'page');
      else tab.removeAttribute('aria-current');
    }
    for (const p of panels) p.hidden = p.dataset.viewPanel !== s.view;
    for (const t of toolbar) t.hidden = !t.dataset.forView!.split(' ').includes(s.view);
    skip.href = RESULTS[s.view];
  };
  store.subscribe(render);
  render(store.get(), null);
}
