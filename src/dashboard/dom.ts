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
