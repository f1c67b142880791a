/**
 * The Design view's inputs: the scenario picker, loading a scenario file, the levers, and the
 * toolbar that runs, cancels and pins a baseline. User events call the actions; the controls show
 * the store's design.
 */
import { MAX_INPUT_BYTES, parseJsonStrict } from '../../index.ts';
import type { AppState } from '../app/appState.ts';
import type { Store } from '../app/store.ts';
import { Controls } from '../controls.ts';
import { BUNDLED } from '../../scenario/bundled.ts';
import { stateFromFile, withOverride } from '../design.ts';
import { $ } from '../dom.ts';
import { problemLines, readPickedFile } from '../files.ts';
import type { OverrideValue } from '../state.ts';
import { canPin, type RunActions } from './actions.ts';

/**
 * Builds the levers and wires the picker, file loading and toolbar to the actions.
 *
 * @example
 *   mountDesignView(store, actions);
 */
export function mountDesignView(store: Store<AppState>, actions: RunActions): void {
  const ui = {
    scenarioSelect: $<HTMLSelectElement>('#scenario'),
    fileInput: $<HTMLInputElement>('#scenario-file'),
    loadFile: $<HTMLButtonElement>('#load-file'),
    runButton: $<HTMLButtonElement>('#run'),
    cancelButton: $<HTMLButtonElement>('#cancel'),
    autoRun: $<HTMLInputElement>('#auto-run'),
    pinButton: $<HTMLButtonElement>('#pin'),
    clearButton: $<HTMLButtonElement>('#unpin'),
    progress: $<HTMLProgressElement>('#progress'),
    description: $<HTMLElement>('#description'),
    controls: $<HTMLFormElement>('#controls'),
  };

  for (const [key, json] of BUNDLED) {
    const name = typeof json.name === 'string' ? json.name : key;
    ui.scenarioSelect.append(new Option(name, key));
  }
  ui.scenarioSelect.append(new Option('Model defaults (no scenario)', ''));

  const controls = new Controls(ui.controls, {
    onChange: (path, value) => {
      const s = store.get();
      actions.setDesign(withOverride(s.dash, s.design.base, path, value), 'debounced');
    },
    onReset: (path) => {
      const dash = store.get().dash;
      const overrides = { ...dash.overrides };
      delete overrides[path];
      actions.setDesign({ ...dash, overrides }, 'debounced');
    },
  });

  ui.scenarioSelect.addEventListener('change', () => {
    // A new scenario keeps the run settings the user chose (seed, replications), not the design.
    const old = store.get().dash.overrides;
    const keep: Record<string, OverrideValue> = {};
    for (const k of ['seed', 'reps'] as const) if (k in old) keep[k] = old[k];
    actions.setDesign({ scenario: ui.scenarioSelect.value || null, overrides: keep }, 'now');
  });

  ui.loadFile.addEventListener('click', () => ui.fileInput.click());
  ui.controls.addEventListener('submit', (e) => e.preventDefault());
  ui.fileInput.addEventListener('change', async () => {
    const file = ui.fileInput.files?.[0];
    if (!file) return;
    try {
      const json = parseJsonStrict(await readPickedFile(file, MAX_INPUT_BYTES, 'scenario files'), file.name);
      store.update({ linkNotes: [] });
      actions.setDesign(stateFromFile(json, file.name), 'now');
    } catch (e) {
      controls.showGeneral(problemLines(e, file.name));
      actions.status('error', `Could not load ${file.name}: see the problems above the levers.`);
    } finally {
      ui.fileInput.value = '';
    }
  });

  ui.runButton.addEventListener('click', () => actions.requestRun(true, true));
  ui.cancelButton.addEventListener('click', () => actions.cancel());
  ui.autoRun.addEventListener('change', () => actions.setAutoRun(ui.autoRun.checked));
  ui.pinButton.addEventListener('click', () => actions.pin());
  ui.clearButton.addEventListener('click', () => actions.clearBaseline());

  const render = (s: AppState, prev: AppState | null) => {
    if (!prev || s.design !== prev.design) {
      controls.update(s.design, s.dash.overrides);
      ui.scenarioSelect.value = s.dash.scenario ?? '';
      const description = typeof s.design.json.description === 'string' ? s.design.json.description : '';
      ui.description.textContent = description;
      ui.description.title = description;
    }
    ui.runButton.disabled = !s.design.scenario;
    ui.cancelButton.disabled = !s.run;
    ui.autoRun.checked = s.autoRun;
    ui.progress.max = Math.max(1, s.progress?.total ?? 1);
    ui.progress.value = s.progress?.done ?? 0;
    ui.pinButton.disabled = !canPin(s);
    ui.clearButton.hidden = !s.baseline;
    ui.pinButton.textContent = s.baseline ? 'Re-pin' : 'Pin baseline';
    ui.pinButton.title = s.baseline ? 'Make this run the new baseline' : 'Keep this run as the baseline: the next runs are compared with it';
  };
  store.subscribe(render);
  render(store.get(), null);
}
