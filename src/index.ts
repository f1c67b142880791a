/**
 * buddysim's public API, platform-neutral (Node and browser). Node-only helpers (reading scenario
 * files, the worker pool, writing results) are in `src/io` and `src/cli`.
 */
export * from './engine/index.ts';
export { plannedParticipantWeeks, runReplication, WEEKLY_SERIES, STOCKS } from './model/runReplication.ts';
export type { Scenario } from './model/scenario.ts';
export * from './model/results.ts';
export { SECTIONS, paramRows, paramsSchema, TARGET_GROUPS, type Params, type ParamRow } from './model/params.ts';
export * from './model/domains.ts';
export type { ParamSpec, NumberParam, ChoiceParam, ChoicesParam } from './model/paramSpec.ts';
export * from './scenario/index.ts';
export * from './analysis/index.ts';
export * from './runner/task.ts';
export * as sensitivity from './sensitivity/index.ts';
export * from './runner/cost.ts';
