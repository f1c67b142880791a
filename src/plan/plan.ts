import { summarize } from '../analysis/interval.ts';
import { matchedWithin } from '../analysis/metrics.ts';
import type { RepStats } from '../analysis/repStats.ts';
import type { RepRange } from '../engine/tasks.ts';
import type { Scenario } from '../model/scenario.ts';
import { runRange } from '../runner/task.ts';
import { diagnosePipeline, type PipelineDiagnosis } from './diagnosis.ts';
import { LEVERS, fromIndex, toIndex, withParameters, type Lever } from './levers.ts';
import { queueingEstimate, type QueueingEstimate } from './queueing.ts';
import { decide, monotoneViolations, searchSmallest, type SearchStep } from './search.ts';
import type { StoppingRule, Verdict } from './sequential.ts';
import { Tally } from './tally.ts';
import { describeTarget, targetDirection, targetLevel, targetValue, type ServiceTarget } from './target.ts';

/**
 * The capacity planner: the smallest volunteer recruitment and coordinator hours that meet a
 * service target with a stated confidence, what they cost a year, where the pipeline breaks, and
 * the same across inflows. First a queueing estimate (queueing.ts), then a search on the
 * simulation itself with common random numbers and sequential stopping (search.ts), then the
 * answer is run again on an independent seed and raised until it holds there too.
 * Platform-neutral: the caller brings a runner (the Node worker pool, the dashboard's Web
 * Workers, or the serial runner below).
 */

export type Vary = 'volunteers' | 'hours' | 'both';
export const VARY: readonly Vary[] = ['volunteers', 'hours', 'both'];

/** Runs replications [start, end) of a scenario and returns their statistics in replication order. */
export interface PlanRunner {
  run(scenario: Scenario, range: RepRange): Promise<RepStats[]>;
}

/** The runner of this thread (tests, small plans): runRange, one replication after another. */
export const serialRunner: PlanRunner = {
  run: async (scenario, range) => runRange(scenario, range).map((o) => o.stats),
};

export interface PlanRequest {
  scenario: Scenario;
  target: ServiceTarget;
  /** The levers the plan may turn (default both). */
  vary?: Vary;
  /** Referrals a year to plan for (default: the scenario's, participantsPerWeek x 52). */
  referralsPerYear?: number;
  /**
   * The scenario is one of this many equal local programmes of a region (default 1): referrals a
   * year (and the inflows of the table) are the region's, shared equally among them; the region's
   * staffing and cost are this many times one programme's.
   */
  programmes?: number;
  /** One-sided confidence of each decision (default 0.95). */
  confidence?: number;
  /** At most this many replications per candidate (default 200); the first look takes 10. */
  maxReps?: number;
  firstReps?: number;
  /** A candidate closer to the target than this is not told apart from it (default 0.01 for shares, 0.5 people). */
  margin?: number;
  /** Referrals a year for the table across inflows (default none). */
  inflows?: number[];
  /** Seed of the search (default the scenario's); the answer is checked on seed + 1. */
  seed?: number;
}

/** One candidate the plan looked at. */
export interface PlanStep extends Verdict {
  referralsPerYear: number;
  phase: 'now' | 'search' | 'bracket' | 'bisect' | 'trim volunteers' | 'trim hours' | 'verify';
  seed: number;
  volunteersPerWeek: number;
  coordinatorHoursPerWeek: number;
}

export interface Staffing {
  volunteersPerWeek: number;
  volunteerApplicationsPerYear: number;
  coordinatorHoursPerWeek: number;
  coordinators: number;
  hoursPerCoordinator: number;
}

/** The plan for one inflow. */
export interface CapacityPlan {
  referralsPerYear: number;
  /** Whether a staffing that meets the target was found (and held on the second seed). */
  met: boolean;
  /** Why not, in words, when not met. */
  why?: string;
  /** Parameter overrides to apply to the scenario, keyed by path: the inflow and the levers. */
  recommended: Record<string, number> | null;
  staffing: Staffing | null;
  /** The target's figure at the recommendation on the check seed: mean over replications and one-sided half-width. */
  achieved: (Verdict & { seed: number }) | null;
  /** Matched within the target weeks over all referred, at the recommendation (pooled), for reference. */
  allReferredShare?: number;
  costPerYear: { value: number; ci95: [number, number] } | null;
  /** The scenario's own staffing at this inflow: does it meet the target, and where does its pipeline break? */
  now: { staffing: Staffing; verdict: Verdict; costPerYear: number; pipeline: PipelineDiagnosis };
  /** The pipeline at the recommendation: what binds next. */
  pipeline: PipelineDiagnosis | null;
  queueing: QueueingEstimate;
  path: PlanStep[];
  /**
   * Pairs of candidates on the search seed that contradict monotonicity: the first met the target,
   * the second had at least as many volunteer applications and coordinator hours and clearly missed it.
   */
  nonMonotone: { met: { volunteersPerWeek: number; coordinatorHoursPerWeek: number }; missed: { volunteersPerWeek: number; coordinatorHoursPerWeek: number } }[];
}

export interface PlanAnswer {
  scenario: { name: string; seed: number; weeks: number; years: number; mechanism: string; referralsPerYear: number };
  target: ServiceTarget & { description: string };
  vary: Vary;
  confidence: number;
  maxReps: number;
  programmes: number;
  /** The plan at the requested inflow. */
  plan: CapacityPlan;
  /** Its overrides (the same as plan.recommended). */
  recommended: Record<string, number> | null;
  /** With programmes > 1: the region's totals, N times one local programme. */
  region?: { programmes: number; volunteerApplicationsPerYear: number; coordinatorHoursPerWeek: number; coordinators: number; costPerYear: number };
  /** The table across inflows (staffing and cost of one programme; with programmes > 1, multiply for the region). */
  inflows: {
    referralsPerYear: number;
    met: boolean;
    recommended: Record<string, number> | null;
    staffing: Staffing | null;
    costPerYear: number | null;
    /** Where the scenario's own staffing breaks first at this inflow. */
    breaksFirstNow: string | null;
    /** What binds first at the recommended staffing. */
    tightest: string | null;
  }[];
  /** Replications run in all. */
  replications: number;
}

export interface PlanProgress {
  referralsPerYear: number;
  phase: PlanStep['phase'];
  /** Candidates decided so far (all inflows). */
  candidates: number;
  /** Replications run so far, and a rough estimate of those still to run. */
  replications: number;
  replicationsLeft: number;
}

const SCALE_STEP = 0.02;
const VERIFY_TRIES = 6;
/** Candidates a search usually takes, before any has been seen (for the progress estimate). */
const EXPECTED_CANDIDATES: Record<Vary, number> = { volunteers: 10, hours: 10, both: 24 };

const round = (x: number, digits: number) => Number(x.toFixed(digits));

/** Why a lever alone cannot reach the target, in words. */
function outOfReach(why: 'limit' | 'peak' | 'plateau' | undefined, lever: Vary, held: string): string {
  const what = lever === 'volunteers' ? 'more volunteer applications' : lever === 'hours' ? 'more coordinator hours' : 'more volunteers and coordinator hours together';
  const hint = lever === 'both'
    ? 'the target lies beyond what staffing changes; see where the pipeline breaks, and the losses no staffing prevents, such as people who never come to their intake'
    : 'vary both';
  const at = held ? ` ${held}` : '';
  if (why === 'peak') {
    return `${what} make it worse${at}${lever === 'volunteers' ? ': recruiting, screening and training them takes the coordinator\'s time' : ''} (${hint})`;
  }
  if (why === 'plateau') return `${what} stop helping${at}: the figure levels off short of the target (${hint})`;
  return `not even the most ${lever === 'volunteers' ? 'applications' : lever === 'hours' ? 'hours' : 'of both'} the parameters allow reach it${at} (${hint})`;
}

function staffingOf(s: Scenario): Staffing {
  const c = s.params.coordinators;
  return {
    volunteersPerWeek: s.params.inflow.volunteersPerWeek,
    volunteerApplicationsPerYear: round(s.params.inflow.volunteersPerWeek * 52, 1),
    coordinatorHoursPerWeek: round(c.count * c.hoursPerWeek, 2),
    coordinators: c.count,
    hoursPerCoordinator: c.hoursPerWeek,
  };
}

/**
 * Plans capacity: see the module comment. Progress is reported after every batch of replications.
 *
 * @example
 *   const answer = await planCapacity({
 *     scenario,                                   // e.g. readScenario('community-mentoring') in Node
 *     referralsPerYear: 60,
 *     target: { kind: 'matchedWithin', weeks: 8, share: 0.9, among: 'seeking', warmUpWeeks: 26 },
 *     vary: 'both',
 *     inflows: [30, 60, 120, 240],
 *   }, serialRunner);
 *   answer.recommended; // { 'inflow.participantsPerWeek': 1.1538, 'inflow.volunteersPerWeek': 2.35, 'coordinators.hoursPerWeek': 21.5 }
 *   answer.plan.costPerYear?.value; answer.plan.now.pipeline.breaksFirst; answer.inflows;
 */
export async function planCapacity(request: PlanRequest, runner: PlanRunner, onProgress?: (p: PlanProgress) => void): Promise<PlanAnswer> {
  const input = request.scenario;
  const vary = request.vary ?? 'both';
  const programmes = request.programmes ?? 1;
  if (!Number.isInteger(programmes) || programmes < 1) throw new RangeError(`programmes must be a whole number of at least 1, got ${programmes}`);
  const target = request.target;
  const seed = request.seed ?? input.seed;
  const rule: StoppingRule = {
    confidence: request.confidence ?? 0.95,
    maxReps: request.maxReps ?? 200,
    firstReps: Math.min(request.firstReps ?? 10, request.maxReps ?? 200),
    margin: request.margin ?? (target.kind === 'matchedWithin' ? 0.01 : 0.5),
  };
  // The check starts with a quarter of the cap, so that a lucky first look of ten cannot pass a
  // staffing the search itself picked as the first to pass (the winner's curse).
  const checkRule: StoppingRule = { ...rule, firstReps: Math.max(rule.firstReps, Math.ceil(rule.maxReps / 4)) };
  const referrals = request.referralsPerYear ?? round(input.params.inflow.participantsPerWeek * 52 * programmes, 2);
  const tableInflows = [...new Set(request.inflows ?? [])].sort((a, b) => a - b);
  const state = { candidates: 0, replications: 0, searches: 0, searchesLeft: 1 + tableInflows.filter((r) => r !== referrals).length, candidatesInSearch: 0 };
  const progress = (referralsPerYear: number, phase: PlanStep['phase']) => {
    const perCandidate = state.candidates > 0 ? state.replications / state.candidates : rule.firstReps * 2;
    const perSearch = state.searches > 0 ? Math.max(state.candidates / state.searches, 1) : EXPECTED_CANDIDATES[vary];
    const left = Math.max(0, perSearch - state.candidatesInSearch) + perSearch * Math.max(0, state.searchesLeft - 1);
    onProgress?.({ referralsPerYear, phase, candidates: state.candidates, replications: state.replications, replicationsLeft: Math.round(left * perCandidate) });
  };

  const planAt = async (referralsPerYear: number): Promise<CapacityPlan> => {
    const fixed = { 'inflow.participantsPerWeek': round(referralsPerYear / 52 / programmes, 4) };
    const base = withParameters(input, fixed);
    const path: PlanStep[] = [];
    const cache = new Map<string, { verdict: Verdict; tally: Tally }>();
    state.candidatesInSearch = 0;

    const evaluate = async (levers: Record<string, number>, phase: PlanStep['phase'], runSeed = seed) => {
      const key = `${runSeed} ${JSON.stringify(levers)}`;
      const known = cache.get(key);
      if (known) return known;
      const scenario = withParameters(base, levers, { seed: runSeed });
      const tally = new Tally(scenario);
      const verdict = await decide(
        async (start, end) => {
          const stats = await runner.run(scenario, { start, end });
          const values = stats.map((st) => targetValue(st, target, scenario.weeks));
          stats.forEach((st, k) => tally.add(st, values[k]));
          state.replications += stats.length;
          progress(referralsPerYear, phase);
          return values;
        },
        targetLevel(target),
        targetDirection(target),
        phase === 'verify' ? checkRule : rule,
      );
      const staffing = staffingOf(scenario);
      path.push({ referralsPerYear, phase, seed: runSeed, volunteersPerWeek: staffing.volunteersPerWeek, coordinatorHoursPerWeek: staffing.coordinatorHoursPerWeek, ...verdict });
      state.candidates += 1;
      state.candidatesInSearch += 1;
      const result = { verdict, tally };
      cache.set(key, result);
      return result;
    };

    const now = await evaluate({}, 'now');
    const queueing = queueingEstimate(base, now.tally, target);
    const V = LEVERS.volunteers;
    const H = LEVERS.hours;
    const v0 = V.value(base);
    const h0 = H.value(base);
    const leversAt = (v: number, h: number) => ({
      ...(vary === 'hours' ? {} : V.overrides(base, v)),
      ...(vary === 'volunteers' ? {} : H.overrides(base, h)),
    });

    /** The smallest value of one lever, the other held, by bracket and bisection. */
    const along = async (lever: Lever, start: number, other: number, phase: (s: SearchStep['phase']) => PlanStep['phase'], max = lever.max) => {
      const at = (i: number) => (lever.name === 'volunteers' ? leversAt(fromIndex(lever, i), other) : leversAt(other, fromIndex(lever, i)));
      const r = await searchSmallest({
        start: toIndex(lever, Math.min(max, Math.max(lever.min, start))),
        min: Math.ceil(lever.min / lever.step),
        max: Math.floor(max / lever.step + 1e-9),
        direction: targetDirection(target),
        evaluate: async (i, step) => (await evaluate(at(i), phase(step))).verdict,
      });
      return { ...r, value: r.index === null ? null : fromIndex(lever, r.index) };
    };

    let found: { v: number; h: number } | null = null;
    let why: string | undefined;
    const single = (s: SearchStep['phase']): PlanStep['phase'] => s;
    if (vary === 'volunteers') {
      const r = await along(V, queueing.volunteersPerWeek, h0, single);
      if (r.value !== null) found = { v: r.value, h: h0 };
      else why = outOfReach(r.outOfReach, 'volunteers', `at ${h0} coordinator hours a week`);
    } else if (vary === 'hours') {
      const r = await along(H, queueing.coordinatorHoursPerWeek, v0, single);
      if (r.value !== null) found = { v: v0, h: r.value };
      else why = outOfReach(r.outOfReach, 'hours', `with ${v0} volunteer applications a week`);
    } else {
      // Both: scale the queueing estimate's pair up or down together, then lower each lever alone while the target holds.
      const vq = Math.max(V.step, queueing.volunteersPerWeek);
      const hq = Math.max(H.step, queueing.coordinatorHoursPerWeek);
      const pair = (k: number) => ({ v: Math.ceil((k * SCALE_STEP * vq) / V.step - 1e-9) * V.step, h: Math.ceil((k * SCALE_STEP * hq) / H.step - 1e-9) * H.step });
      const kMax = Math.floor(Math.min(V.max / vq, H.max / hq) / SCALE_STEP);
      const ray = await searchSmallest({
        start: Math.min(kMax, Math.round(1 / SCALE_STEP)),
        min: 1,
        max: kMax,
        direction: targetDirection(target),
        evaluate: async (k) => {
          const { v, h } = pair(k);
          return (await evaluate(leversAt(round(v, 6), round(h, 6)), 'search')).verdict;
        },
      });
      // Trim from the ray's answer, and from the staffing as it is when that already meets the
      // target: two staffings neither of which can lose a lever alone; the cheaper one wins.
      const starts = [...(ray.index === null ? [] : [pair(ray.index)]), ...(now.verdict.meets ? [{ v: v0, h: h0 }] : [])];
      if (starts.length === 0) why = outOfReach(ray.outOfReach, 'both', '');
      let cheapest = Infinity;
      for (const start of starts) {
        const trimV = await along(V, start.v, round(start.h, 6), () => 'trim volunteers', start.v);
        const v = trimV.value ?? start.v;
        const trimH = await along(H, start.h, v, () => 'trim hours', start.h);
        const h = trimH.value ?? start.h;
        const cost = (await evaluate(leversAt(round(v, 6), round(h, 6)), 'search')).tally.metric('costPerYear');
        if (cost < cheapest) {
          cheapest = cost;
          found = { v, h };
        }
      }
    }

    // Check the answer on an independent seed; raise it a step at a time until it holds there too.
    let verified: { levers: Record<string, number>; verdict: Verdict; tally: Tally } | null = null;
    if (found) {
      let { v, h } = found;
      for (let attempt = 0; attempt < VERIFY_TRIES && !verified; attempt++) {
        const levers = leversAt(round(v, 6), round(h, 6));
        const check = await evaluate(levers, 'verify', (seed + 1) % 2 ** 31);
        if (check.verdict.meets) verified = { levers, ...check };
        else {
          if (vary !== 'hours') v = Math.min(V.max, Math.ceil((v * 1.05) / V.step - 1e-9) * V.step);
          if (vary !== 'volunteers') h = Math.min(H.max, Math.ceil((h * 1.05) / H.step - 1e-9) * H.step);
        }
      }
      if (!verified) why = `the answer found on seed ${seed} did not hold on seed ${seed + 1} even raised ${VERIFY_TRIES - 1} times by 5%`;
    }

    state.searches += 1;
    state.searchesLeft -= 1;
    const onSearchSeed = path.filter((x) => x.seed === seed).map((x) => ({ at: [x.volunteersPerWeek, x.coordinatorHoursPerWeek], meets: x.meets, clear: x.clear }));
    const levers = (at: number[]) => ({ volunteersPerWeek: at[0], coordinatorHoursPerWeek: at[1] });
    const nonMonotone = monotoneViolations(onSearchSeed).map(([a, b]) => ({ met: levers(a), missed: levers(b) }));
    const atRecommendation = verified ? verified.tally : null;
    return {
      referralsPerYear,
      met: verified !== null,
      ...(why && !verified ? { why } : {}),
      recommended: verified ? { ...fixed, ...verified.levers } : null,
      staffing: atRecommendation ? staffingOf(atRecommendation.scenario) : null,
      achieved: verified ? { ...verified.verdict, seed: (seed + 1) % 2 ** 31 } : null,
      ...(atRecommendation && target.kind === 'matchedWithin'
        ? { allReferredShare: matchedWithin(atRecommendation.pool, target.weeks, { referredFromWeek: target.warmUpWeeks, among: 'referred' }) }
        : {}),
      costPerYear: atRecommendation ? { value: atRecommendation.metric('costPerYear'), ci95: summarize(atRecommendation.costs).ci95 } : null,
      now: { staffing: staffingOf(base), verdict: now.verdict, costPerYear: now.tally.metric('costPerYear'), pipeline: diagnosePipeline(now.tally, target.warmUpWeeks) },
      pipeline: atRecommendation ? diagnosePipeline(atRecommendation, target.warmUpWeeks) : null,
      queueing,
      path,
      nonMonotone,
    };
  };

  const plan = await planAt(referrals);
  const rows: PlanAnswer['inflows'] = [];
  for (const r of tableInflows) {
    const p = r === referrals ? plan : await planAt(r);
    rows.push({
      referralsPerYear: r,
      met: p.met,
      recommended: p.recommended,
      staffing: p.staffing,
      costPerYear: p.costPerYear?.value ?? null,
      breaksFirstNow: p.now.pipeline.breaksFirst,
      tightest: p.pipeline?.tightest ?? null,
    });
  }
  const region = programmes > 1 && plan.staffing && plan.costPerYear
    ? {
        programmes,
        volunteerApplicationsPerYear: round(programmes * plan.staffing.volunteerApplicationsPerYear, 0),
        coordinatorHoursPerWeek: round(programmes * plan.staffing.coordinatorHoursPerWeek, 1),
        coordinators: programmes * plan.staffing.coordinators,
        costPerYear: programmes * plan.costPerYear.value,
      }
    : undefined;
  return {
    scenario: {
      name: input.name, seed, weeks: input.weeks, years: round(input.weeks / 52, 2), mechanism: input.params.programme.mechanism, referralsPerYear: referrals,
    },
    target: { ...target, description: describeTarget(target) },
    vary,
    confidence: rule.confidence,
    maxReps: rule.maxReps,
    programmes,
    plan,
    recommended: plan.recommended,
    ...(region ? { region } : {}),
    inflows: rows,
    replications: state.replications,
  };
}
