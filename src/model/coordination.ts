import type { CostItem } from './results.ts';
import { TASKS, type ModelState, type Task, type Unit } from './state.ts';

/**
 * Coordinator hours: each coordinator in post has their contract hours a week. Administration takes
 * its share first; follow-up of a coordinator's own caseload is done by that coordinator; the rest
 * (recruitment, intake, screening, training, matching, intervision) is team work, done by whoever
 * has hours left. Under the support-first policy, hours are set aside at the start of the week for
 * the follow-ups due and for matching the people who wait, so the pipeline cannot take them.
 */

/**
 * Adds to the cost item of a task. A switch on the task rather than a table of cost names: the
 * costs object is then written by fixed names, where `costs[name] += x` with a name that varies is
 * a lookup by name on every booking (a few thousand a replication), three times the cost.
 */
function addTaskCost(costs: Record<CostItem, number>, task: Task, amount: number): void {
  switch (task) {
    case 'followUp': costs.coordinatorFollowUp += amount; return;
    case 'administration': costs.coordinatorAdministration += amount; return;
    case 'recruitment': costs.coordinatorRecruitment += amount; return;
    case 'intake': costs.coordinatorIntake += amount; return;
    case 'screening': costs.coordinatorScreening += amount; return;
    case 'training': costs.coordinatorTraining += amount; return;
    case 'matching': costs.coordinatorMatching += amount; return;
    case 'intervision': costs.coordinatorIntervision += amount; return;
  }
}
export const TASK_SERIES = TASKS.map((t) => `hours.${t}`);
/** The series of each task's hours, named once (not built on every booking). */
const SERIES_OF_TASK = Object.fromEntries(TASKS.map((t, i) => [t, TASK_SERIES[i]])) as Record<Task, string>;

const EPS = 1e-9;

function book(state: ModelState, task: Task, hours: number, week: number): void {
  state.coordinators.used += hours;
  addTaskCost(state.costs, task, hours * state.params.coordinators.hourlyCost);
  state.series.add(SERIES_OF_TASK[task], week, hours);
}

/** Team hours left, not set aside. */
export function teamHours(state: ModelState): number {
  const c = state.coordinators;
  let free = 0;
  for (let k = 0; k < c.count; k++) free += c.free[k];
  return free;
}

/** Takes `hours` from the team's free hours, coordinator by coordinator; false (and nothing taken) if they do not suffice. */
function takeTeam(state: ModelState, hours: number): boolean {
  const c = state.coordinators;
  if (hours > teamHours(state) + EPS) return false;
  let rest = hours;
  for (let k = 0; k < c.count && rest > EPS; k++) {
    const take = Math.min(rest, c.free[k]);
    c.free[k] -= take;
    rest -= take;
  }
  return true;
}

/**
 * Spends coordinator hours on a team task if there are enough; false means the task waits.
 * Matching draws on the hours set aside for it first.
 */
export function spendTeam(state: ModelState, task: Exclude<Task, 'followUp' | 'administration'>, hours: number, week: number): boolean {
  const c = state.coordinators;
  if (task === 'matching' && c.matchingReserve >= hours - EPS) {
    c.matchingReserve = Math.max(0, c.matchingReserve - hours);
    book(state, task, hours, week);
    return true;
  }
  if (task === 'matching' && c.matchingReserve > 0) {
    const fromTeam = hours - c.matchingReserve;
    if (!takeTeam(state, fromTeam)) return false;
    c.matchingReserve = 0;
    book(state, task, hours, week);
    return true;
  }
  if (!takeTeam(state, hours)) return false;
  book(state, task, hours, week);
  return true;
}

/** Hours set aside for matching that matching did not use go back to the team. */
export function releaseMatchingReserve(state: ModelState): void {
  const c = state.coordinators;
  if (c.matchingReserve <= 0) return;
  let present = 0;
  for (let k = 0; k < c.count; k++) if (c.vacantUntil[k] < 0) present += 1;
  if (present > 0) for (let k = 0; k < c.count; k++) if (c.vacantUntil[k] < 0) c.free[k] += c.matchingReserve / present;
  c.matchingReserve = 0;
}

/**
 * A follow-up of a unit by its coordinator: from the hours set aside for it, then from that
 * coordinator's free hours. A unit without a coordinator gets none.
 */
export function spendFollowUp(state: ModelState, unit: Unit, hours: number, week: number): boolean {
  const k = unit.coordinator;
  if (k < 0) return false;
  const c = state.coordinators;
  const fromReserve = Math.min(hours, c.followUpReserve[k]);
  if (hours - fromReserve > c.free[k] + EPS) return false;
  c.followUpReserve[k] -= fromReserve;
  c.free[k] = Math.max(0, c.free[k] - (hours - fromReserve));
  book(state, 'followUp', hours, week);
  return true;
}

/** Administration: its share of every present coordinator's hours, at the start of the week. */
export function spendAdministration(state: ModelState, hours: number, week: number): void {
  book(state, 'administration', hours, week);
}

/** At the end of the week: reserves not used lapse; hours never used count as idle (paid, not spent on a task). */
export function closeWeek(state: ModelState): void {
  const c = state.coordinators;
  const idle = Math.max(0, c.available - c.used);
  state.costs.coordinatorIdle += idle * state.params.coordinators.hourlyCost;
}

/** The coordinator in post with the smallest caseload (lowest index on ties), or -1 if nobody is in post. */
export function leastLoaded(state: ModelState): number {
  const c = state.coordinators;
  let best = -1;
  for (let k = 0; k < c.count; k++) {
    if (c.vacantUntil[k] >= 0) continue;
    if (best < 0 || c.caseload[k] < c.caseload[best]) best = k;
  }
  return best;
}

/** Puts a unit on a coordinator's caseload (or none: -1). */
export function assignCoordinator(state: ModelState, unit: Unit, k: number): void {
  if (unit.coordinator >= 0) state.coordinators.caseload[unit.coordinator] -= 1;
  unit.coordinator = k;
  if (k >= 0) state.coordinators.caseload[k] += 1;
}
