/** Small DOM helpers shared by the views. */

/**
 * A new element with attributes and text.
 *
 * @example
 *   el('p', { class: 'note' }, 'Nothing yet.');
 */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

/** The element matching `selector`; a missing one is a bug in index.html, said at once. */
export function $<T extends HTMLElement>(selector: string, root: ParentNode = document): T {
  const e = root.querySelector<T>(selector);
  if (!e) throw new Error(`dashboard: no element ${selector} in the page`);
  return e;
}

/**
 * A table with a caption, a header row and rows whose first cell heads the row. The first
 * `textColumns` columns are text (left-aligned, wrapping); the rest are figures.
 *
 * @example
 *   dataTable('Designs', ['', 'figure'], [['A', '0.12']], 'designs-table');
 */
export function dataTable(caption: string, header: string[], rows: (string | Node)[][], testid: string, textColumns = 1): HTMLTableElement {
  const t = el('table', { class: 'compare', 'data-testid': testid });
  t.append(el('caption', {}, caption));
  const head = el('tr');
  for (const h of header) head.append(el('th', { scope: 'col' }, h));
  t.append(el('thead'));
  t.tHead!.append(head);
  const body = el('tbody');
  for (const r of rows) {
    const tr = el('tr');
    r.forEach((c, i) => {
      const cell = el(i === 0 ? 'th' : 'td', i === 0 ? { scope: 'row' } : i < textColumns ? { class: 'text' } : {});
      cell.append(c);
      tr.append(cell);
    });
    body.append(tr);
  }
  t.append(body);
  return t;
}

/**
 * Shows a value in an input, unless the user is typing in it (their text stays as typed).
 *
 * @example
 *   showValue(input, 0.25); // input.value === '0.25' unless it has the focus
 */
export function showValue(input: HTMLInputElement, value: number | string | null): void {
  const text = value === null || (typeof value === 'number' && !Number.isFinite(value)) ? '' : String(value);
  if (document.activeElement !== input && input.value !== text) input.value = text;
}

/** The controls of a long job (a sweep, a grid, a plan): its buttons, progress bar and status line. */
export interface JobControls {
  run: HTMLButtonElement;
  cancel: HTMLButtonElement;
  progress: HTMLProgressElement;
  status: HTMLElement;
}

/**
 * Shows a job's state: Run enabled only when it may run and nothing runs, Cancel only while it
 * runs, the progress, and the status line; the status kind also goes to `<body data-{key}>` for the
 * browser tests.
 *
 * @example
 *   showJob(ui, s.plan, !problems.length, 'plan');
 */
export function showJob(ui: JobControls, job: { status: { kind: string; text: string }; progress: { done: number; total: number } | null }, canRun: boolean, key: string): void {
  const running = job.status.kind === 'running';
  ui.run.disabled = !canRun || running;
  ui.cancel.disabled = !running;
  ui.progress.max = Math.max(1, job.progress?.total ?? 1);
  ui.progress.value = job.progress?.done ?? 0;
  ui.status.textContent = job.status.text;
  ui.status.dataset.kind = job.status.kind;
  document.body.dataset[key] = job.status.kind;
}
