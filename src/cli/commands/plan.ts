import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../../io/files.ts';
import { checkOutPath } from '../../io/outPath.ts';
import { readScenario } from '../../io/readScenario.ts';
import { inflow } from '../../model/params.ts';
import { COHORT_WEEKS } from '../../analysis/pool.ts';
import type { RepStats } from '../../analysis/repStats.ts';
import { VARY, planCapacity, type PlanRunner, type Vary } from '../../plan/plan.ts';
import type { ServiceTarget } from '../../plan/target.ts';
import { UsageError } from '../errors.ts';
import { countFlag, numberFlag, seedFlag, setFlag, withSet, workersFlag } from '../flags.ts';
import { ScenarioPool, defaultWorkers } from '../pool.ts';
import { createProgress } from '../progress.ts';
import { planText } from '../planText.ts';
import { slug } from './run.ts';

export interface PlanFlags {
  referralsPerYear?: string;
  withinWeeks?: string;
  targetShare?: string;
  maxWaiting?: string;
  among?: string;
  warmUpWeeks?: string;
  vary?: string;
  confidence?: string;
  inflows?: string;
  programmes?: string;
  reps?: string;
  seed?: string;
  workers?: string;
  json?: boolean;
  out?: string;
  quiet?: boolean;
  extendsAnywhere?: boolean;
  /** `--set path=value` texts, applied to the scenario before planning. */
  set?: readonly string[];
}

const range = (min: number, max: number, what: string, open = false) => ({
  schema: z.number().refine((x) => (open ? x > min && x < max : x >= min && x <= max), { message: `must be ${open ? 'above' : 'at least'} ${min} and ${open ? 'below' : 'at most'} ${max}${what}` }),
});

/** The largest referrals a year one programme can have: the referral rate's declared maximum, a year of it. */
const MAX_REFERRALS_PER_YEAR = inflow.fields.participantsPerWeek.spec.max * 52;

/** --inflows: referrals a year, separated by commas (`30,60,120,240`). */
function inflowsFlag(raw: string, programmes: number): number[] {
  const parts = raw.split(',').map((x) => x.trim());
  return [...new Set(parts.map((x) => numberFlag('inflows', x, range(1, MAX_REFERRALS_PER_YEAR * programmes, ' referrals a year (a list like 30,60,120,240)'))!))];
}

/** The service target from the flags: a share matched within some weeks (default 90% within 8), or a maximum waiting list. */
function targetFlags(flags: PlanFlags, weeks: number): ServiceTarget {
  const warmUpWeeks = flags.warmUpWeeks === undefined ? 2 * COHORT_WEEKS : countFlag('warm-up-weeks', flags.warmUpWeeks, 0, weeks - 1);
  if (warmUpWeeks % COHORT_WEEKS !== 0) throw new UsageError(`--warm-up-weeks: got "${flags.warmUpWeeks}"; must be a whole number of quarters (a multiple of ${COHORT_WEEKS}: 0, 13, 26, 39, ...)`);
  if (flags.maxWaiting !== undefined) {
    for (const [flag, v] of [['within-weeks', flags.withinWeeks], ['target-share', flags.targetShare], ['among', flags.among]] as const) {
      if (v !== undefined) throw new UsageError(`--max-waiting is a target of its own; it does not go with --${flag}`);
    }
    const participants = numberFlag('max-waiting', flags.maxWaiting, range(0, 1e6, ' people waiting on average'))!;
    return { kind: 'maxWaiting', participants, warmUpWeeks };
  }
  const within = numberFlag('within-weeks', flags.withinWeeks ?? '8', range(0, weeks - warmUpWeeks - 1, ` weeks (the horizon is ${weeks} weeks, the warm-up ${warmUpWeeks})`))!;
  const share = numberFlag('target-share', flags.targetShare ?? '0.9', range(0, 1, ' (a share such as 0.9)', true))!;
  const among = flags.among ?? 'seeking';
  if (among !== 'seeking' && among !== 'referred') throw new UsageError(`--among: got "${among}"; must be seeking (those not left unmatched by then) or referred (all referred)`);
  return { kind: 'matchedWithin', weeks: within, share, among, warmUpWeeks };
}

/**
 * buddysim plan <scenario>: the capacity planner (src/plan). Prints the answer, or with --json the
 * whole plan; --out DIR also writes DIR/plan.json. Progress with time left on stderr.
 */
export async function planCommand(positionals: string[], flags: PlanFlags): Promise<void> {
  if (positionals.length !== 1) throw new UsageError(`plan takes one scenario, got ${positionals.length}: buddysim plan <scenario> [--referrals-per-year N] [--within-weeks X --target-share S | --max-waiting N]`);
  const vary = (flags.vary ?? 'both') as Vary;
  if (!VARY.includes(vary)) throw new UsageError(`--vary: got "${flags.vary}"; must be ${VARY.join(', ')}`);
  const programmes = flags.programmes === undefined ? 1 : countFlag('programmes', flags.programmes, 1, 10_000);
  const referralsPerYear = numberFlag('referrals-per-year', flags.referralsPerYear, range(1, MAX_REFERRALS_PER_YEAR * programmes, ' referrals a year'));
  const confidence = numberFlag('confidence', flags.confidence, range(0.5, 1, ' (a one-sided confidence such as 0.95)', true)) ?? 0.95;
  const maxReps = flags.reps === undefined ? 200 : countFlag('reps', flags.reps, 2, 100_000, ' (the most replications per candidate)');
  const seed = seedFlag(flags.seed);
  const workers = workersFlag(flags.workers, defaultWorkers());
  if (flags.out) checkOutPath(flags.out, 'into');
  const scenario = withSet(readScenario(positionals[0], { extendsAnywhere: flags.extendsAnywhere }), setFlag(flags.set));
  const target = targetFlags(flags, scenario.weeks);
  const planned = referralsPerYear ?? Number((scenario.params.inflow.participantsPerWeek * 52 * programmes).toFixed(2));
  // The table across inflows: half, the same, twice and four times the planned inflow, unless given.
  const inflows = flags.inflows === undefined
    ? [0.5, 1, 2, 4].map((f) => Number((f * planned).toFixed(2))).filter((r) => r <= MAX_REFERRALS_PER_YEAR * programmes)
    : inflowsFlag(flags.inflows, programmes);

  const pool = ScenarioPool.create({ workers });
  const runner: PlanRunner = {
    run: async (s, r) => {
      const stats: RepStats[] = [];
      await pool.runEach(s, r, 'stats', (o) => stats.push(o.stats));
      return stats;
    },
  };
  const progress = createProgress(`plan ${slug(positionals[0])}`, !flags.quiet);
  try {
    const answer = await planCapacity(
      { scenario, target, vary, referralsPerYear, programmes, confidence, maxReps, inflows, seed },
      runner,
      (p) => progress.update(p.replications, p.replications + p.replicationsLeft),
    );
    progress.stop();
    const json = JSON.stringify(answer, null, 1) + '\n';
    process.stdout.write(flags.json ? json : planText(answer) + '\n');
    if (flags.out) {
      writeFileAtomic(join(flags.out, 'plan.json'), json);
      if (!flags.json) process.stdout.write(`Plan in ${join(flags.out, 'plan.json')}\n`);
    }
  } catch (e) {
    progress.stop();
    throw e;
  } finally {
    await pool.destroy();
  }
}
