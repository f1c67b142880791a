/**
 * buddysim's public API, platform-neutral (Node and browser). Node-only helpers (reading scenario
 * files, the worker pool, writing results) are in `src/node.ts`.
 */
export * from './engine/index.ts';
export { plannedParticipantWeeks, runReplication } from './model/runReplication.ts';
export type { Scenario } from './model/scenario.ts';
export * from './model/results.ts';
export { SECTIONS, paramRows, paramsSchema, DOMAINS, TARGET_GROUPS, type Params, type ParamRow, type Domain } from './model/params.ts';
export type { ParamSpec, NumberParam, ChoiceParam } from './model/paramSpec.ts';
export * from './scenario/index.ts';
export * from './analysis/index.ts';
export * from './runner/task.ts';
export * as sensitivity from './sensitivity/index.ts';
export * from './runner/cost.ts';
