/**
 * The capacity planner (src/plan) on a notebook's replication pool: the programme managers'
 * notebook plans in the page with the same search as `buddysim plan`. Platform-neutral.
 */
import type { PlanRunner } from '../plan/plan.ts';
import type { ReplicationPool } from './pool.ts';

/**
 * A planner runner on a replication pool: each candidate's replications in replication order.
 *
 * @example
 *   const answer = await planCapacity({ scenario, target, vary: 'both', maxReps: 20 }, poolPlanRunner(webWorkerPool()));
 */
export function poolPlanRunner(pool: ReplicationPool): PlanRunner {
  return { run: async (scenario, range) => (await pool.run(scenario, range)).map((o) => o.stats) };
}
