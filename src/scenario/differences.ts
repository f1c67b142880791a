import type { Scenario } from '../model/scenario.ts';

/** A scenario's parameters as dotted paths (programme.plannedWeeks, ...), plus the horizon. */
function flatParams(s: Scenario): Map<string, unknown> {
  const out = new Map<string, unknown>([['weeks', s.weeks]]);
  for (const [section, fields] of Object.entries(s.params)) {
    for (const [key, value] of Object.entries(fields as Record<string, unknown>)) out.set(`${section}.${key}`, value);
  }
  return out;
}

/**
 * The parameters whose values differ between scenarios: what a comparison of them is a comparison
 * of. One value per scenario, in order.
 *
 * @example
 *   differingParameters([readScenario('civic-integration-40h'), readScenario('civic-integration-40h-group')]);
 *   // [{ path: 'programme.format', values: ['duo', 'group'] }]
 */
export function differingParameters(scenarios: readonly Scenario[]): { path: string; values: unknown[] }[] {
  const flats = scenarios.map(flatParams);
  const out: { path: string; values: unknown[] }[] = [];
  for (const path of flats[0].keys()) {
    const values = flats.map((f) => f.get(path));
    const keys = values.map((v) => JSON.stringify(v));
    if (keys.some((k) => k !== keys[0])) out.push({ path, values });
  }
  return out;
}
