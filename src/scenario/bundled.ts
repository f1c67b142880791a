/**
 * The bundled scenarios (scenarios/*.json) as data, for code that runs from a build with no file
 * system: the dashboard and the notebooks. Vite (and vitest) inline the files at build time through
 * `import.meta.glob`; the command line reads the same files from disk instead (src/io/readScenario.ts),
 * so this module stays out of the package's index, whose code must also run in plain Node.
 */
import { ScenarioError } from './errors.ts';
import type { ScenarioLoader } from './resolve.ts';

const FILES = import.meta.glob('../../scenarios/*.json', { eager: true, import: 'default' }) as Record<string, unknown>;

/**
 * Bundled scenarios by key (file name without `.json`), in file-name order.
 *
 * @example
 *   BUNDLED.get('flemish-befriending')?.name; // the scenario file's JSON, as written
 */
export const BUNDLED: ReadonlyMap<string, Record<string, unknown>> = new Map(
  Object.keys(FILES)
    .sort()
    .map((path) => [scenarioKey(path), FILES[path] as Record<string, unknown>]),
);

/**
 * A scenario reference's key among the bundled scenarios: its file name without folder or `.json`.
 *
 * @example
 *   scenarioKey('../scenarios/duo-for-a-job.json'); // 'duo-for-a-job'
 */
export function scenarioKey(ref: string): string {
  return ref.replace(/^.*[\\/]/, '').replace(/\.json$/i, '');
}

/**
 * Resolves a reference (a scenario to run, or an `extends`) among the bundled scenarios, by file
 * name whatever folder it names; an unknown name is a ScenarioError listing the bundled ones.
 *
 * @example
 *   resolveScenario('community-mentoring', bundledLoader); // as `buddysim run community-mentoring`
 */
export const bundledLoader: ScenarioLoader = (ref) => {
  const key = scenarioKey(ref);
  const json = BUNDLED.get(key);
  if (json === undefined) {
    throw new ScenarioError([`${ref}: no bundled scenario of that name; bundled: ${[...BUNDLED.keys()].join(', ')}`]);
  }
  return { id: `${key}.json`, json };
};
