/**
 * The dashboard's state as plain data, and its form in the URL hash, so that a link reproduces
 * the view: which bundled scenario, and which fields the user changed.
 *
 *   #scenario=flemish-befriending&reps=40&programme.plannedWeeks=26&programme.matching=deep
 *
 * `scenario` absent or empty means the model's defaults. An optional `vs` key holds the pinned
 * baseline's state, encoded the same way, so a comparison can be shared too; `view` names a view
 * other than the Design view, and `sweep` the Explore view's settings.
 */

import { shortText } from '../index.ts';

/** A value typed into a control: a number, a choice, or raw text the validator will reject. */
export type OverrideValue = number | string;

export interface DashState {
  /** Key of a bundled scenario (file name without `.json`), or null for the model's defaults. */
  scenario: string | null;
  /** Field path (`seed`, `reps`, `weeks`, `name` or `section.key`) to the value the user set. */
  overrides: Record<string, OverrideValue>;
}

export interface UrlState extends DashState {
  /** The pinned baseline, if any. */
  baseline: DashState | null;
  /** The view shown, when not the default (Design) view. */
  view?: string;
  /** The Explore view's sweep settings, encoded by that view (explore/sweepLink.ts). */
  sweep?: string;
}

/** Keys of a link that are not design fields: the base scenario, the baseline, the view, the sweep. */
const PAGE_KEYS = new Set(['scenario', 'vs', 'view', 'sweep']);

const SAFE_PATH = /^[A-Za-z$][\w$]*(\.[A-Za-z][\w]*)?$/;
const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);

/** True for a path that may become an override (guards against prototype keys and junk). */
export function isSafePath(path: string): boolean {
  return SAFE_PATH.test(path) && !path.split('.').some((p) => FORBIDDEN.has(p));
}

function encodeValue(v: OverrideValue): string {
  return typeof v === 'number' ? String(v) : v;
}

/**
 * Choices and text fields stay text; anything else that reads as a plain number becomes one
 * (numeric fields and unknown ones alike); other text stays raw, for the validator to reject.
 */
function decodeValue(path: string, raw: string, choicePaths: ReadonlySet<string>): OverrideValue {
  if (choicePaths.has(path) || TEXT_PATHS.has(path)) return raw;
  const trimmed = raw.trim();
  const n = Number(trimmed);
  return trimmed !== '' && Number.isFinite(n) && /^[-+]?(\d|\.\d)/.test(trimmed) ? n : raw;
}

const TEXT_PATHS = new Set(['name', 'description']);

/** Overrides in a fixed order (the order of `order`, then alphabetical), so a state has one encoding. */
function sortedEntries(overrides: Record<string, OverrideValue>, order: readonly string[]): [string, OverrideValue][] {
  const rank = new Map(order.map((p, i) => [p, i]));
  return Object.entries(overrides).sort(([a], [b]) => {
    const ra = rank.get(a) ?? Infinity;
    const rb = rank.get(b) ?? Infinity;
    if (ra !== rb) return ra - rb;
    return a < b ? -1 : a > b ? 1 : 0;
  });
}

function encodeParams(state: DashState, order: readonly string[]): URLSearchParams {
  const q = new URLSearchParams();
  if (state.scenario) q.set('scenario', state.scenario);
  for (const [path, v] of sortedEntries(state.overrides, order)) q.set(path, encodeValue(v));
  return q;
}

export interface FieldKinds {
  /** Every known path in display order (used to order the encoding). */
  order: readonly string[];
  choice: ReadonlySet<string>;
}

/** The hash (without `#`) for a state: deterministic, readable, shareable. */
export function encodeState(state: UrlState | DashState, kinds: FieldKinds): string {
  const q = encodeParams(state, kinds.order);
  const { baseline, view, sweep } = state as UrlState;
  if (baseline) q.set('vs', encodeParams(baseline, kinds.order).toString());
  if (view) q.set('view', view);
  if (sweep) q.set('sweep', sweep);
  return q.toString();
}

/** A link longer than this is not read at all (a full design with a baseline is under 30,000). */
export const MAX_LINK_CHARS = 65_536;
/** Entries read from a link per state (the model has about 150 fields). */
export const MAX_LINK_ENTRIES = 500;

function decodeParams(q: URLSearchParams, kinds: FieldKinds, notes: string[], which: string): DashState {
  const overrides: Record<string, OverrideValue> = {};
  let scenario: string | null = null;
  const ignored: string[] = [];
  let entries = 0;
  let dropped = 0;
  for (const [key, raw] of q) {
    if (PAGE_KEYS.has(key) && key !== 'scenario') continue;
    if (entries >= MAX_LINK_ENTRIES) {
      dropped += 1;
      continue;
    }
    entries += 1;
    if (key === 'scenario') scenario = raw.trim() === '' ? null : raw.trim();
    else if (isSafePath(key)) overrides[key] = decodeValue(key, raw, kinds.choice);
    else ignored.push(key);
  }
  if (dropped > 0) notes.push(`The link${which} holds ${entries + dropped} entries; only the first ${MAX_LINK_ENTRIES} were read.`);
  if (ignored.length > 0) {
    const shown = ignored.slice(0, 3).map((k) => `"${shortText(k)}"`).join(', ');
    notes.push(`${ignored.length} entr${ignored.length === 1 ? 'y' : 'ies'} of the link${which} could not be read and ${ignored.length === 1 ? 'was' : 'were'} ignored: ${shown}${ignored.length > 3 ? ', ...' : ''}.`);
  }
  return { scenario, overrides };
}

/**
 * Reads a link's hash (with or without `#`) into a state, with notes for people on what could not
 * be read: a hash without "=" is an in-page anchor and holds no state; a link over MAX_LINK_CHARS is not read at all; entries beyond MAX_LINK_ENTRIES and keys
 * that cannot be fields (`__proto__`, junk) are skipped and counted. Never throws; unknown but
 * well-formed keys stay, so validation can name them.
 *
 * @example
 *   readLink('#scenario=duo-for-a-job&reps=40&<b>=1', FIELD_KINDS).notes; // ['1 entry of the link could not be read and was ignored: "<b>".']
 */
export function readLink(hash: string, kinds: FieldKinds): { state: UrlState; notes: string[] } {
  const text = hash.replace(/^#/, '');
  // A hash without "=" is an anchor in the page (the "Skip to results" link), not state.
  if (!text.includes('=')) return { state: { scenario: null, overrides: {}, baseline: null }, notes: [] };
  if (text.length > MAX_LINK_CHARS) {
    return {
      state: { scenario: null, overrides: {}, baseline: null },
      notes: [`The link is too long to read (${text.length.toLocaleString('en-GB')} characters; at most ${MAX_LINK_CHARS.toLocaleString('en-GB')}): nothing of it was used.`],
    };
  }
  const notes: string[] = [];
  const q = new URLSearchParams(text);
  const state = decodeParams(q, kinds, notes, '');
  const vs = q.get('vs');
  const out: UrlState = { ...state, baseline: vs ? decodeParams(new URLSearchParams(vs), kinds, notes, "'s baseline") : null };
  const view = q.get('view');
  const sweep = q.get('sweep');
  if (view) out.view = view;
  if (sweep) out.sweep = sweep;
  return { state: out, notes };
}

/** Reads a hash (with or without `#`); never throws: unknown keys stay, so validation can name them. */
export function decodeState(hash: string, kinds: FieldKinds): UrlState {
  return readLink(hash, kinds).state;
}

/** Same scenario and the same overrides (order aside). */
export function sameState(a: DashState | null, b: DashState | null): boolean {
  if (!a || !b) return a === b;
  if (a.scenario !== b.scenario) return false;
  const ka = Object.keys(a.overrides);
  if (ka.length !== Object.keys(b.overrides).length) return false;
  return ka.every((k) => Object.is(a.overrides[k], b.overrides[k]));
}
