/**
 * Words the dashboard shares between its cards, charts and report, said as the command line says
 * them (src/cli/format.ts).
 */
import { effectWords, fmt, type Summary } from '../index.ts';

const num = (x: number | null | undefined) => (x === null || x === undefined ? NaN : x);

/** An effect in words, as the command line says it: Cohen's bands for g, more or fewer in work for a share. */
export function effectInWords(x: number, unit: string): string {
  return unit === 'g' ? effectWords(x) : x > 0 ? 'more in work' : x < 0 ? 'fewer in work' : 'no difference';
}

/**
 * The card of premature closure speaks of the design's own end: the hours of an hours budget (a
 * match still short of them at the time limit ends there, neither completed nor early), or the
 * planned weeks.
 */
export function prematureWording(s: Summary): { label: string; note: string; short: string } {
  const p = s.survival.prematureIncidence;
  const hours = (s.scenarioFile.programme as { hoursBudget?: number } | undefined)?.hoursBudget ?? 0;
  const matches = fmt(p.matches, '', 0);
  if (hours > 0) {
    const limit = s.closureReasons.timeLimit;
    return {
      label: `Ended early, before the ${fmt(hours, '', 0)} hours were used`,
      short: `ended early, before ${fmt(hours, '', 0)} hours`,
      note: `of ${matches} matches; a match completes when its ${fmt(hours, '', 0)} contact hours are used; one still short of them at week ${p.weeks} ends at the time limit (${fmt(num(limit?.share ?? 0), 'share')} of matches); cumulative incidence, completion and the time limit competing`,
    };
  }
  return { label: `Ended early, before the planned ${p.weeks} weeks`, short: `ended early by week ${p.weeks}`, note: `of ${matches} matches; cumulative incidence, completion as planned competing` };
}

