import { distance } from 'fastest-levenshtein';

/**
 * How far a typo may be from what was meant: one edit for short words, about a third of the word for
 * longer ones ("rn" finds "run", "flemish-befriendin" finds "flemish-befriending", "x" finds nothing).
 */
const tolerance = (typed: string) => Math.max(1, Math.floor(typed.length / 3));

/** The distance of a typed name from a candidate, ignoring case; for a dotted path also from its last part, so "contactsPerWeek" finds "programme.contactsPerWeek". */
function closeness(typed: string, candidate: string): number {
  const t = typed.toLowerCase();
  const c = candidate.toLowerCase();
  const whole = distance(t, c);
  const last = c.includes('.') && !t.includes('.') ? distance(t, c.slice(c.lastIndexOf('.') + 1)) : Infinity;
  return Math.min(whole, last);
}

/**
 * The candidates closest to a misspelt name by edit distance (Levenshtein, case ignored), nearest
 * first, at most `max`, and only those near enough to be what was meant: within the tolerance of a
 * typo and at most one edit further than the nearest. A candidate that starts with what was typed
 * counts as near (`valid` finds `validate`).
 *
 * @example
 *   closestNames('compre', ['run', 'compare', 'merge']); // ['compare']
 *   closestNames('contactsPerWeek', ['programme.contactsPerWeek', 'programme.hoursPerContact']); // ['programme.contactsPerWeek']
 *   closestNames('xyz', ['run', 'compare']); // []
 */
export function closestNames(typed: string, candidates: readonly string[], max = 3): string[] {
  const limit = tolerance(typed);
  const lower = typed.toLowerCase();
  const near = candidates
    .map((name, order) => ({ name, order, d: typed.length >= 3 && name.toLowerCase().startsWith(lower) ? 0.5 : closeness(typed, name) }))
    .filter((c) => c.d <= limit)
    .sort((a, b) => a.d - b.d || a.order - b.order);
  return near.filter((c) => c.d <= near[0].d + 1).slice(0, max).map((c) => c.name);
}

/**
 * "did you mean x?" (or "x or y", "x, y or z") for a misspelt name, or '' when nothing is close.
 * `show` writes each candidate as it should be typed (`--reps`, a quoted path).
 *
 * @example
 *   didYouMean('rn', ['run', 'merge']); // 'did you mean run?'
 *   didYouMean('reps', ['reps', 'seed'], (n) => `--${n}`); // 'did you mean --reps?'
 */
export function didYouMean(typed: string, candidates: readonly string[], show: (name: string) => string = (n) => n): string {
  const names = closestNames(typed, candidates).map(show);
  if (names.length === 0) return '';
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
  return `did you mean ${list}?`;
}
