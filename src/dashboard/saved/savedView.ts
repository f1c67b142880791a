/**
 * The History and sets view: the runs of this session (re-open one to see it again, without
 * running), and saved design sets (named sets of designs kept in this browser, exported and
 * imported as JSON).
 */
import { MAX_INPUT_BYTES, ScenarioError, parseJsonStrict } from '../../index.ts';
import type { AppState } from '../app/appState.ts';
import type { Store } from '../app/store.ts';
import { $, el } from '../dom.ts';
import { problemLines, readPickedFile, someLines } from '../files.ts';
import { downloadText, slug } from '../exporting.ts';
import type { RunActions } from '../run/actions.ts';
import { designSetJson, openState, parseDesignSet, readStoredSets, removeDesign, saveDesign, storeSets, withSet, type DesignSet } from './designSets.ts';

/**
 * Saving and importing sets, kept in `storage` (the browser's localStorage).
 *
 * @example
 *   const sets = new SetActions(store, runActions, localStorage);
 *   sets.restore();
 *   sets.save('Support options', 'Structured follow-up');
 */
export class SetActions {
  constructor(
    private readonly store: Store<AppState>,
    private readonly runActions: RunActions,
    private readonly storage: Storage | null,
  ) {}

  private say(setsNote: string): void {
    this.store.update({ setsNote });
  }

  /** Reads the sets kept in this browser. */
  restore(): void {
    if (!this.storage) return;
    const { sets, problems } = readStoredSets(this.storage);
    this.store.update({ sets });
    if (problems.length > 0) this.say(problems.slice(0, 3).join(' '));
  }

  private keep(sets: DesignSet[], message: string): void {
    this.store.update({ sets });
    const failed = this.storage ? storeSets(this.storage, sets) : 'This browser keeps no storage for this page; export the sets as JSON to keep them.';
    this.say(failed ?? message);
  }

  /** Saves the design in the controls into a set. */
  save(setName: string, label: string): void {
    const s = this.store.get();
    if (!s.design.scenario) return this.say('The design in the controls has problems; fix them before saving it.');
    try {
      const sets = saveDesign(s.sets, setName, label, s.dash, s.design.scenario, new Date());
      this.keep(sets, `Saved "${sets[0].designs[sets[0].designs.length - 1].label}" in the set "${sets[0].name}".`);
    } catch (e) {
      this.say(e instanceof ScenarioError ? e.problems.join(' ') : String(e));
    }
  }

  remove(setName: string, index: number): void {
    this.keep(removeDesign(this.store.get().sets, setName, index), `Removed a design from "${setName}".`);
  }

  removeSet(setName: string): void {
    this.keep(this.store.get().sets.filter((s) => s.name !== setName), `Removed the set "${setName}".`);
  }

  open(set: DesignSet, index: number): void {
    this.store.update({ view: 'run' });
    this.runActions.setDesign(openState(set.designs[index]), 'now');
  }

  async import(file: File): Promise<void> {
    try {
      const set = parseDesignSet(parseJsonStrict(await readPickedFile(file, MAX_INPUT_BYTES, 'design sets'), file.name), file.name);
      this.keep(withSet(this.store.get().sets, set), `Imported the set "${set.name}" (${set.designs.length} designs).`);
    } catch (e) {
      this.say(`Could not import ${file.name}: ${someLines(problemLines(e, file.name))}`);
    }
  }
}

function button(text: string, attrs: Record<string, string> = {}): HTMLButtonElement {
  return el('button', { type: 'button', ...attrs }, text);
}

/**
 * Keeps the history and the design sets on screen in step with the store, and wires their buttons.
 *
 * @example
 *   mountSavedView(store, runActions, new SetActions(store, runActions, localStorage));
 */
export function mountSavedView(store: Store<AppState>, runActions: RunActions, sets: SetActions): void {
  const ui = {
    history: $<HTMLElement>('#history'),
    setsList: $<HTMLElement>('#sets'),
    saveForm: $<HTMLFormElement>('#save-form'),
    setName: $<HTMLInputElement>('#save-set'),
    label: $<HTMLInputElement>('#save-label'),
    setNames: $<HTMLDataListElement>('#set-names'),
    importButton: $<HTMLButtonElement>('#import-set'),
    importFile: $<HTMLInputElement>('#set-file'),
    saveButton: $<HTMLButtonElement>('#save-design'),
    toSave: $<HTMLButtonElement>('#to-save'),
    note: $<HTMLElement>('#sets-note'),
  };

  ui.saveForm.addEventListener('submit', (e) => {
    e.preventDefault();
    sets.save(ui.setName.value, ui.label.value);
  });
  ui.importButton.addEventListener('click', () => ui.importFile.click());
  ui.importFile.addEventListener('change', async () => {
    const file = ui.importFile.files?.[0];
    if (file) await sets.import(file);
    ui.importFile.value = '';
  });
  // "Save…" in the Design view's toolbar: to this form, with the design's name as its label.
  ui.toSave.addEventListener('click', () => {
    store.update({ view: 'saved' });
    ui.label.value = store.get().design.scenario?.name ?? '';
    ui.setName.focus();
  });

  const renderHistory = (s: AppState) => {
    if (s.history.length === 0) {
      ui.history.replaceChildren(el('p', { class: 'muted' }, 'No run has finished in this session yet. Every completed run of a design is listed here, newest first.'));
      return;
    }
    const table = el('table', { class: 'compare history', 'data-testid': 'history' });
    table.append(el('caption', {}, 'Runs of this session, newest first: re-open one to see its figures and charts again (it is not run again).'));
    const head = el('tr');
    for (const h of ['finished', 'design', 'seed', 'replications', ...s.history[0].figures.map((f) => f.label), '']) head.append(el('th', { scope: 'col' }, h));
    table.append(el('thead'));
    table.tHead!.append(head);
    const body = el('tbody');
    s.history.forEach((h, i) => {
      const tr = el('tr', { 'data-hash': h.hash });
      const design = el('th', { scope: 'row' }, h.name);
      design.append(el('span', { class: 'muted' }, ` ${h.base ?? 'no bundled scenario'}${h.changed > 0 ? `, ${h.changed} field${h.changed === 1 ? '' : 's'} changed` : ''}`));
      const reopen = button('Re-open', { 'data-testid': `reopen-${i}`, 'aria-label': `Re-open ${h.name}, run at ${h.finished.slice(11, 19)}` });
      reopen.addEventListener('click', () => runActions.reopen(h));
      const cell = el('td');
      cell.append(reopen);
      tr.append(el('td', {}, new Date(h.finished).toLocaleTimeString('en-GB')), design, el('td', {}, String(h.seed)), el('td', {}, String(h.reps)), ...h.figures.map((f) => el('td', {}, f.text)), cell);
      body.append(tr);
    });
    table.append(body);
    ui.history.replaceChildren(table);
  };

  const renderSets = (s: AppState) => {
    ui.setNames.replaceChildren(...s.sets.map((set) => el('option', { value: set.name })));
    if (s.sets.length === 0) {
      ui.setsList.replaceChildren(el('p', { class: 'muted' }, 'No design set saved in this browser yet.'));
      return;
    }
    ui.setsList.replaceChildren(
      ...s.sets.map((set) => {
        const box = el('section', { class: 'design-set', 'data-set': set.name });
        const title = el('h3', {}, `${set.name} `);
        title.append(el('span', { class: 'muted' }, `${set.designs.length} design${set.designs.length === 1 ? '' : 's'}, saved ${set.saved.slice(0, 10)}`));
        const exportButton = button('Export JSON', { 'data-testid': 'export-set' });
        exportButton.addEventListener('click', () => downloadText(`${slug(set.name)}.design-set.json`, designSetJson(set), 'application/json'));
        const removeSet = button('Remove set');
        removeSet.addEventListener('click', () => sets.removeSet(set.name));
        const list = el('ul');
        set.designs.forEach((d, i) => {
          const li = el('li');
          const sc = d.scenario as { name?: string; seed?: number; reps?: number };
          li.append(el('strong', {}, d.label), el('span', { class: 'muted' }, ` ${sc.name ?? ''}, seed ${sc.seed ?? '?'}, ${sc.reps ?? '?'} replications `));
          const open = button('Open', { 'aria-label': `Open ${d.label}` });
          open.addEventListener('click', () => sets.open(set, i));
          const remove = button('Remove', { 'aria-label': `Remove ${d.label}` });
          remove.addEventListener('click', () => sets.remove(set.name, i));
          li.append(open, remove);
          list.append(li);
        });
        const actions = el('p', { class: 'set-actions' });
        actions.append(exportButton, removeSet);
        box.append(title, list, actions);
        return box;
      }),
    );
  };

  const render = (s: AppState, prev: AppState | null) => {
    if (!prev || s.history !== prev.history) renderHistory(s);
    if (!prev || s.sets !== prev.sets) renderSets(s);
    ui.saveButton.disabled = !s.design.scenario;
    ui.note.textContent = s.setsNote;
    if (!prev || s.design !== prev.design) ui.label.placeholder = s.design.scenario?.name ?? '';
  };
  store.subscribe(render);
  render(store.get(), null);
}
