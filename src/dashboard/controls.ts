/**
 * The levers, built from the parameter declarations (paramRows / SECTIONS / RUN_FIELDS): one
 * labelled control per field with its unit, range, help text and evidence source, grouped by
 * section, the model's behaviour coefficients under an "advanced" disclosure. Problems found by
 * parseScenario are shown next to the control they belong to.
 */
import type { ParamSpec } from '../index.ts';
import { FIELDS, SECTION_LIST, effectiveValue, type Design, type Field } from './design.ts';
import { el } from './dom.ts';
import type { OverrideValue } from './state.ts';
import { controlStep, stepRange } from './steps.ts';

export interface ControlEvents {
  /** A control's value changed (typed text that is not a number arrives as the raw text). */
  onChange(path: string, value: OverrideValue): void;
  /** The reset button of a changed control. */
  onReset(path: string): void;
}

interface ControlRefs {
  field: Field | null;
  root: HTMLElement;
  input: HTMLInputElement | HTMLSelectElement;
  error: HTMLElement;
  details: HTMLDetailsElement | null;
}

/** Problems listed in full; beyond this, a count (a hostile link or file can hold thousands). */
export const MAX_PROBLEMS = 20;

const idFor = (path: string) => `f-${path.replace(/\./g, '-')}`;

function rangeText(spec: ParamSpec): string {
  if (spec.kind === 'choice') return `Options: ${spec.options.join(', ')}; default ${spec.default}.`;
  if (spec.kind === 'choices') return `Any of: ${spec.options.join(', ')} (at least one); default ${spec.default.join(', ')}.`;
  return `Range ${spec.min} to ${spec.max} ${spec.unit}${spec.integer ? ' (whole numbers)' : ''}; default ${spec.default}.`;
}

export class Controls {
  private readonly refs = new Map<string, ControlRefs>();
  readonly general: HTMLElement;

  constructor(readonly container: HTMLElement, private readonly events: ControlEvents) {
    this.general = el('div', { class: 'general-errors', role: 'alert', 'data-testid': 'general-errors' });
    container.append(this.general);
    this.addText('name', 'Scenario name', 'The name shown in exports and comparisons.');
    for (const section of SECTION_LIST) {
      const fields = FIELDS.filter((f) => f.section === section.key);
      if (fields.length === 0) continue;
      const details = el('details', { class: `section${section.advanced ? ' advanced' : ''}`, 'data-section': section.key });
      if (!section.advanced) details.open = true;
      const summary = el('summary', {}, section.advanced ? `Advanced: ${section.label}` : section.label);
      details.append(summary, el('p', { class: 'section-help' }, section.help));
      for (const f of fields) details.append(this.addField(f, details));
      container.append(details);
    }
  }

  private addText(path: string, label: string, help: string): void {
    const id = idFor(path);
    const root = el('div', { class: 'field field-text', 'data-path': path });
    const lab = el('label', { for: id, title: help }, label);
    const input = el('input', { id, type: 'text', maxlength: '80', 'aria-describedby': `${id}-err`, autocomplete: 'off' });
    const error = el('p', { class: 'error', id: `${id}-err` });
    input.addEventListener('input', () => this.events.onChange(path, input.value));
    root.append(lab, el('div', { class: 'input-row' }), error);
    root.querySelector('.input-row')!.append(input);
    this.general.after(root);
    this.refs.set(path, { field: null, root, input, error, details: null });
  }

  private addField(f: Field, details: HTMLDetailsElement): HTMLElement {
    const { spec, path } = f;
    const id = idFor(path);
    const root = el('div', { class: 'field', 'data-path': path });
    const hover = `${spec.help}\nSource: ${spec.source}\n${rangeText(spec)}`;
    const label = el('label', { for: id, title: hover });
    label.append(document.createTextNode(spec.label));
    if (spec.unit && spec.unit.toLowerCase() !== spec.label.toLowerCase()) label.append(el('span', { class: 'unit' }, ` (${spec.unit})`));

    let input: HTMLInputElement | HTMLSelectElement;
    if (spec.kind === 'choice') {
      const select = el('select', { id });
      for (const o of spec.options) select.append(el('option', { value: o }, o));
      select.addEventListener('change', () => this.events.onChange(path, select.value));
      input = select;
    } else if (spec.kind === 'choices') {
      const select = el('select', { id, multiple: '', size: String(Math.min(8, spec.options.length)) });
      for (const o of spec.options) select.append(el('option', { value: o }, o));
      select.addEventListener('change', () => this.events.onChange(path, [...select.selectedOptions].map((o) => o.value).join(',')));
      input = select;
    } else {
      const step = controlStep(spec);
      const arrows = stepRange(spec, step);
      const num = el('input', {
        id,
        type: 'number',
        min: String(arrows.min),
        max: String(arrows.max),
        step: String(step),
        inputmode: spec.integer ? 'numeric' : 'decimal',
        autocomplete: 'off',
      });
      const read = () => {
        if (num.value === '') return this.events.onChange(path, num.validity.badInput ? 'not a number' : '');
        this.events.onChange(path, Number(num.value));
      };
      num.addEventListener('input', read);
      input = num;
    }
    input.setAttribute('aria-describedby', `${id}-err ${id}-help`);
    input.title = hover;

    const info = el('button', { type: 'button', class: 'info', 'aria-expanded': 'false', 'aria-controls': `${id}-help`, 'aria-label': `About ${spec.label}`, title: 'Help and source' }, 'i');
    const reset = el('button', { type: 'button', class: 'reset', 'aria-label': `Reset ${spec.label} to the scenario's value`, title: "Reset to the scenario's value" }, '↺');
    const help = el('div', { class: 'help', id: `${id}-help`, hidden: '' });
    help.append(el('p', {}, spec.help), el('p', { class: 'source' }, `Source: ${spec.source}`), el('p', { class: 'range' }, rangeText(spec)));
    info.addEventListener('click', () => {
      const open = info.getAttribute('aria-expanded') !== 'true';
      info.setAttribute('aria-expanded', String(open));
      help.hidden = !open;
    });
    reset.addEventListener('click', () => this.events.onReset(path));
    const error = el('p', { class: 'error', id: `${id}-err` });
    const row = el('div', { class: 'input-row' });
    row.append(input, info, reset);
    root.append(label, row, help, error);
    this.refs.set(path, { field: f, root, input, error, details });
    return root;
  }

  /** Shows the design's values (without touching the control being typed in), changes and problems. */
  update(design: Design, overrides: Record<string, OverrideValue>): void {
    for (const [path, r] of this.refs) {
      const value = path === 'name' ? design.json.name : effectiveValue(design, path);
      const shown = value === undefined || value === null ? '' : String(value);
      if (r.input instanceof HTMLSelectElement && r.input.multiple) {
        const chosen = new Set(shown.split(','));
        for (const o of r.input.options) o.selected = chosen.has(o.value);
      } else if (document.activeElement !== r.input && r.input.value !== shown) r.input.value = shown;
      r.root.classList.toggle('changed', path in overrides);
      const problems = design.problems.byPath.get(path) ?? [];
      r.error.textContent = problems.join(' ');
      r.root.classList.toggle('invalid', problems.length > 0);
      if (problems.length > 0) {
        r.input.setAttribute('aria-invalid', 'true');
        if (r.details && !r.details.open) r.details.open = true;
      } else {
        r.input.removeAttribute('aria-invalid');
      }
    }
    this.showGeneral(design.problems.general);
  }

  /** Problems without a control of their own: the first MAX_PROBLEMS, then how many more. */
  showGeneral(lines: readonly string[]): void {
    const shown = lines.slice(0, MAX_PROBLEMS).map((line) => el('p', {}, line.length > 300 ? `${line.slice(0, 300)}...` : line));
    if (lines.length > MAX_PROBLEMS) shown.push(el('p', { class: 'more' }, `... and ${lines.length - MAX_PROBLEMS} more problem${lines.length - MAX_PROBLEMS === 1 ? '' : 's'} (${lines.length} in all).`));
    this.general.replaceChildren(...shown);
    this.general.hidden = lines.length === 0;
  }

  focus(path: string): void {
    this.refs.get(path)?.input.focus();
  }
}
