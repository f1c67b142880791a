import type { Scenario } from '../model/scenario.ts';
import type { MetricName } from './metrics.ts';

/**
 * Warnings a run prints and the dashboard shows: signs that the programme as designed does not
 * hold together (demand it cannot meet, saturated staff, missed support) or that a figure rests on
 * too little. Healthy bundled scenarios show none.
 */
export interface Warning {
  code: 'waiting-list-growing' | 'coordinator-saturated' | 'follow-ups-missed' | 'few-matched' | 'sparse-figure' | 'short-horizon';
  message: string;
}

/** Thresholds of the warnings, with why. */
export const WARNING_LIMITS = {
  /** The waiting list grows over the last year by at least this many people... */
  growthPeople: 3,
  /** ...and by at least this share of its mean level that year: a queue that does not settle. */
  growthShare: 0.2,
  /** Coordinator time this busy leaves no slack for anything unplanned. */
  saturation: 0.95,
  /** Follow-ups not done when due: beyond this the programme's support is unreliable. */
  missedFollowUps: 0.1,
  /** Fewer than half of the referred matched: most people the programme takes in are not served. */
  matchedShare: 0.5,
  /** A figure undefined in more than a tenth of replications rests on too few events. */
  figureCoverage: 0.9,
} as const;

export interface WarningInput {
  scenario: Scenario;
  reps: number;
  value: (m: MetricName) => number;
  /** Replications in which the figure could be computed. */
  coverage: (m: MetricName) => number;
  /** The lower end of the figure's 95% confidence interval (the simulation's precision). */
  lower: (m: MetricName) => number;
  /** The weekly mean number of participants waiting (intake and waiting list), week by week. */
  waitingByWeek: readonly number[];
  /** Figures whose coverage is checked. */
  checked: readonly MetricName[];
}

const pct = (x: number) => `${(100 * x).toFixed(0)}%`;

export function computeWarnings(input: WarningInput): Warning[] {
  const { scenario, value, reps } = input;
  const out: Warning[] = [];
  const L = WARNING_LIMITS;
  const weeks = input.waitingByWeek.length;
  const lastYear = input.waitingByWeek.slice(Math.max(0, weeks - 52));
  // The growth is read per replication (metric waitingListGrowth) so that noise in a few
  // replications does not pass for a trend: its whole interval must be above zero.
  const growth = value('waitingListGrowth');
  if (Number.isFinite(growth) && lastYear.length > 0) {
    const level = lastYear.reduce((a, b) => a + b, 0) / lastYear.length;
    if (growth >= L.growthPeople && growth >= L.growthShare * level && input.lower('waitingListGrowth') > 0) {
      out.push({
        code: 'waiting-list-growing',
        message: `The waiting list keeps growing: about ${growth.toFixed(0)} more people over the last year (mean ${level.toFixed(0)} waiting); the programme takes in more people than it can match.`,
      });
    }
  }
  const utilisation = value('coordinatorUtilisation');
  if (utilisation >= L.saturation) {
    out.push({ code: 'coordinator-saturated', message: `Coordinator time is saturated: ${pct(utilisation)} of contract hours are used, so tasks wait (intake, matching, follow-up).` });
  }
  const missed = value('followUpsMissedShare');
  if (missed >= L.missedFollowUps) {
    out.push({ code: 'follow-ups-missed', message: `${pct(missed)} of follow-ups are not done in the week they fall due: pairs go without the programme's support.` });
  }
  const matched = value('matchedShare');
  if (matched < L.matchedShare) {
    out.push({ code: 'few-matched', message: `Only ${pct(matched)} of referred participants are ever matched; effects over everyone referred are far below effects among the matched.` });
  }
  // Only figures the design has at all (a programme without follow-up has no missed follow-ups).
  const sparse = input.checked.filter((m) => Number.isFinite(value(m)) && input.coverage(m) < L.figureCoverage * reps);
  if (sparse.length > 0) {
    out.push({
      code: 'sparse-figure',
      message: `Some figures exist in fewer than ${pct(L.figureCoverage)} of replications (too few events in a run): ${sparse.join(', ')}.`,
    });
  }
  const { plannedWeeks } = scenario.params.programme;
  if (scenario.weeks < 2 * plannedWeeks) {
    out.push({
      code: 'short-horizon',
      message: `The horizon (${scenario.weeks} weeks) is short for the planned duration (${plannedWeeks} weeks): few matches can run their full course; simulate at least ${2 * plannedWeeks} weeks.`,
    });
  }
  return out;
}
