/**
 * The status line, the notes about the link, and the page's state as data attributes on <body>
 * (data-status, data-design-hash, data-reps-done, data-baseline, data-view), which the browser tests
 * and the benchmark wait on.
 */
import { hashOf, type AppState } from './appState.ts';
import type { Store } from './store.ts';
import { $ } from '../dom.ts';

/**
 * Keeps the status line, the link notes and the body's data attributes in step with the store.
 *
 * @example
 *   mountStatus(store);
 */
export function mountStatus(store: Store<AppState>): void {
  const status = $<HTMLElement>('#status');
  const linkNote = $<HTMLElement>('#link-note');
  const render = (s: AppState) => {
    status.textContent = s.status.text;
    status.dataset.kind = s.status.kind;
    linkNote.textContent = s.linkNotes.join(' ');
    linkNote.hidden = s.linkNotes.length === 0;
    const body = document.body.dataset;
    body.status = s.status.kind;
    body.view = s.view;
    body.designHash = s.design.scenario ? hashOf(s.design.scenario) : '';
    body.baseline = s.baseline ? 'pinned' : s.pendingBaseline ? 'pending' : 'none';
    if (s.progress) body.repsDone = String(s.progress.done);
  };
  store.subscribe(render);
  render(store.get());
}
