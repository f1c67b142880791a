import { fmt, supportedDigits } from '../analysis/format.ts';
import type { Mechanism } from '../calibration/mechanisms.ts';
import type { Conclusion } from './conclusions.ts';
import type { DesignResult, DesignsResult } from './explore.ts';
import { FIGURES, type Estimate, type FigureKey } from './figures.ts';
import { valueAt, type Grid } from './grid.ts';
import type { Tolerance } from './regret.ts';

/**
 * The explorer's findings for a policymaker: short sentences, numbers rounded to what their
 * intervals support (src/analysis/format.ts), every conclusion with whether it holds whatever
 * the mechanism.
 */

/** A figure rounded to the decimals its interval supports, without the interval. */
export function rounded(e: Estimate, unit: string): string {
  return fmt(e.value, unit, supportedDigits(e.ci95[0], e.ci95[1], unit));
}

/** A tolerance in words: "0.02" or "10%" (of the best design's value). */
export function toleranceWords(t: Tolerance, unit: string): string {
  return 'absolute' in t ? fmt(t.absolute, unit) : `${fmt(t.relative * 100, '', 0)}%`;
}

/** "within 0.02 of the best", "within 10% of the best". */
export const withinWords = (t: { readonly tolerance: Tolerance; readonly unit: string }) => `within ${toleranceWords(t.tolerance, t.unit)} of the best`;

const list = (items: readonly string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What a design does better or worse on a figure, in words. */
const WORDS: Partial<Record<FigureKey, { better: string; worse: string; what: string }>> = {
  completion: { better: 'completes more of its matches', worse: 'completes fewer of its matches', what: 'completion' },
  premature: { better: 'has fewer premature endings', worse: 'has more premature endings', what: 'premature endings' },
  effectEnd: { better: 'a larger effect at the end', worse: 'a smaller effect at the end', what: 'the effect at the end' },
  effectLater: { better: 'a larger effect 12 months after the end', worse: 'a smaller effect 12 months after the end', what: 'the effect 12 months after the end' },
  costPerYear: { better: 'costs less a year', worse: 'costs more a year', what: 'the cost a year' },
  costPerCompleted: { better: 'costs less per completed trajectory', worse: 'costs more per completed trajectory', what: 'the cost per completed trajectory' },
};

/** One conclusion in words: "has more premature endings, whatever the mechanism". */
export function conclusionWords(c: Conclusion<Mechanism>, mechanisms: readonly Mechanism[]): string {
  const w = WORDS[c.figure as FigureKey] ?? { better: `does better on ${c.figure}`, worse: `does worse on ${c.figure}`, what: c.figure };
  if (c.outcome === 'no clear difference') return `no clear difference in ${w.what} under any mechanism`;
  if (c.outcome === 'mixed') {
    const under = mechanisms.map((m) => {
      const f = c.byMechanism[m].favours;
      return `${f === 'design' ? 'better' : f === 'reference' ? 'worse' : 'no clear difference'} under ${m}`;
    });
    return `${w.what} hinges on the mechanism (${under.join(', ')})`;
  }
  const what = c.outcome === 'better' ? w.better : w.worse;
  return c.robustness === 'robust' ? `${what}, whatever the mechanism` : `${what} under every mechanism, by a margin that depends on it`;
}

const named = (d: Pick<DesignResult, 'key' | 'label'>) => `${d.key} (${d.label})`;

/**
 * The summary in plain words: what was compared, which designs cannot give their hours in time,
 * the best design on each figure of merit and whether that choice holds whatever the mechanism,
 * the alternatives against the reference, and how many conclusions hold.
 *
 * @example
 *   plainSummary(result, grid); // ['31 designs for the same newcomers: ...', ...]
 */
export function plainSummary(r: Omit<DesignsResult, 'summary'>, grid: Grid): string[] {
  const L: string[] = [];
  const mechanisms = r.mechanisms.map((m) => m.mechanism);
  const first = mechanisms[0];
  const byKey = new Map(r.designs.map((d) => [d.key, d]));
  const ref = byKey.get(r.reference)!;
  const gridCount = r.designs.filter((d) => d.kind === 'grid').length;
  const alternatives = r.designs.filter((d) => d.kind === 'alternative');
  const perYear = (valueAt(grid.base, 'inflow.participantsPerWeek') as number) * 52;
  const coordinators = valueAt(grid.base, 'coordinators.count') as number;
  const hours = valueAt(grid.base, 'coordinators.hoursPerWeek') as number;
  L.push(
    `${plural(r.designs.length, 'design')} (${plural(gridCount, `way`)} to spend ${fmt(r.grid.hours, '', 0)} hours${alternatives.length ? `, and ${list(alternatives.map((a) => a.label))}` : ''}) ` +
      `for the same people: about ${fmt(perYear, '', 0)} referrals a year, the same volunteers and ${plural(coordinators, 'coordinator')} of ${fmt(hours, '', 0)} hours a week, over ${fmt(r.years, '', 1)} years. ` +
      `Each ran under ${plural(mechanisms.length, 'reading')} of the evidence on what makes contact work (${list(mechanisms)}), ${r.reps} replications on one seed. ` +
      `Each is measured at its own end and 12 months later.`,
  );

  // Hours that do not fit in their weeks.
  const cannot = r.designs.filter((d) => d.hours.reach === 'cannot');
  if (cannot.length > 0) {
    L.push(`${list(cannot.map((d) => d.key))} cannot give ${fmt(r.grid.hours, '', 0)} hours within their time limit (at most ${list([...new Set(cannot.map((d) => fmt(d.hours.plannedHours, '', 0)))])} hours): every one of their matches that lasts ends at the limit, short of its hours.`);
  }
  const tight = r.designs.filter((d) => d.hours.reach === 'no slack');
  if (tight.length > 0) {
    const shares = tight.map((d) => d.mechanisms[first].timeLimit);
    const lo = Math.min(...shares.map((s) => s.value));
    const hi = Math.max(...shares.map((s) => s.value));
    const range = fmt(lo, 'share', 0) === fmt(hi, 'share', 0) ? fmt(lo, 'share', 0) : `${fmt(lo, 'share', 0)} to ${fmt(hi, 'share', 0)}`;
    L.push(`${list(tight.map((d) => d.key))} reach ${fmt(r.grid.hours, '', 0)} hours only if no meeting is missed: ${range} of their matches end at the time limit first.`);
  }

  // The choice on each figure of merit.
  for (const t of r.regret) {
    const within = withinWords(t);
    const bests = mechanisms.map((m) => t.best[m]);
    const value = (key: string, m: Mechanism) => rounded(byKey.get(key)!.mechanisms[m].figures[t.figure], t.unit);
    const bestText = new Set(bests).size === 1
      ? `the best design is ${named(byKey.get(bests[0])!)} under every mechanism (${mechanisms.map((m) => `${value(bests[0], m)} under ${m}`).join(', ')})`
      : `the best design is ${mechanisms.map((m) => `${named(byKey.get(t.best[m])!)} under ${m} (${value(t.best[m], m)})`).join(', ')}`;
    L.push(`${FIGURES[t.figure].label}: ${bestText}.`);
    if (t.verdict === 'robust') {
      L.push(`Whatever the mechanism, ${list(t.alwaysTied.slice(0, 6))} ${t.alwaysTied.length === 1 ? 'stays' : 'stay'} ${within} and ${t.alwaysTied.length === 1 ? 'is' : 'are'} not told apart from it: this choice is robust.`);
    } else if (t.verdict === 'direction') {
      L.push(`${list(t.neverFar.slice(0, 6))} ${t.neverFar.length === 1 ? 'stays' : 'stay'} ${within} under every mechanism (smallest worst-case shortfall: ${list(t.minimax)}), but no design is level with the best under all: robust in direction only.`);
    } else {
      const worst = byKey.get(t.minimax[0]);
      const shortfall = worst ? fmt(t.designs.find((x) => x.design === worst.key)!.maxRegret, t.unit) : 'n/a';
      L.push(`No design stays ${within} under every mechanism: the choice hinges on the mechanism. The smallest worst-case shortfall is ${list(t.minimax)}'s (${shortfall}).`);
    }
  }

  // The alternatives against the reference.
  for (const a of alternatives) {
    const mine = r.conclusions.filter((c) => c.design === a.key);
    L.push(`${a.label[0].toUpperCase()}${a.label.slice(1)} against ${named(ref)}: ${mine.map((c) => conclusionWords(c, mechanisms)).join('; ')}.`);
  }

  const n = r.conclusions.length;
  if (n > 0) {
    const count = (f: (c: Conclusion<Mechanism>) => boolean) => r.conclusions.filter(f).length;
    const same = count((c) => c.outcome === 'no clear difference');
    L.push(
      `Of the ${n} comparisons of a design with ${r.reference} on ${list(r.conclusions.slice(0, new Set(r.conclusions.map((c) => c.figure)).size).map((c) => WORDS[c.figure as FigureKey]?.what ?? c.figure))}, ` +
        `${count((c) => c.robustness === 'robust')} hold whatever the mechanism (${same} of them: no clear difference), ${count((c) => c.robustness === 'direction')} hold in direction only, ` +
        `and ${count((c) => c.robustness === 'hinges')} hinge on the mechanism.`,
    );
    const steady = (['completion', 'premature', 'costPerCompleted'] as FigureKey[]).filter((f) => r.conclusions.some((c) => c.figure === f) && !r.conclusions.some((c) => c.figure === f && c.robustness === 'hinges'));
    if (steady.length > 0) L.push(`No conclusion on ${list(steady.map((f) => WORDS[f]!.what))} hinges on the mechanism: it changes what contact achieves, hardly who stays or what it costs.`);
  }
  return L;
}
