import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../model/scenario.ts';
import { ScenarioError, shortText } from '../scenario/errors.ts';
import { resolveScenario, type ScenarioLoader } from '../scenario/resolve.ts';
import { didYouMean } from '../scenario/suggest.ts';
import { readJson } from './files.ts';

/** The bundled scenarios folder, found from the source tree or from the built CLI in dist/cli. */
export const BUNDLED_DIR = [
  fileURLToPath(new URL('../../scenarios/', import.meta.url)),
  fileURLToPath(new URL('../../../scenarios/', import.meta.url)),
].find((d) => existsSync(d)) ?? resolve('scenarios');

/** The .json files of a folder by name without the extension, sorted; none if the folder cannot be listed. */
function scenarioNames(dir: string): string[] {
  try {
    return readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length)).sort();
  } catch {
    return [];
  }
}

/**
 * The names of the bundled scenarios, as `run` and `extends` accept them.
 *
 * @example
 *   bundledScenarios().includes('flemish-befriending'); // true
 */
export function bundledScenarios(): string[] {
  return scenarioNames(BUNDLED_DIR);
}

/**
 * What to say when a scenario is not found: the closest bundled names and .json files of the folder
 * looked in (names only, nothing is read), and for a plain name the list of bundled scenarios.
 */
function notFoundHint(ref: string, direct: string, plainName: boolean): string {
  const local = scenarioNames(dirname(direct));
  const typed = basename(ref).replace(/\.json$/i, '');
  if (!plainName) return prefixed(didYouMean(typed, local, (n) => join(dirname(ref), `${n}.json`)));
  const bundled = bundledScenarios();
  const hint = didYouMean(typed, [...new Set([...bundled, ...local])], (n) => (bundled.includes(n) ? n : `${n}.json`));
  return hint ? `; ${hint} (bundled scenarios: ${bundled.join(', ')})` : `; bundled scenarios: ${bundled.join(', ')}`;
}

const prefixed = (hint: string) => (hint ? `; ${hint}` : '');

export interface LoaderOptions {
  /**
   * Let `extends` name a file anywhere (`--extends-anywhere`). By default it may name only a file
   * in the folder of the file that names it (or below), or a bundled scenario, so a scenario file
   * from elsewhere cannot make buddysim read other files on the machine.
   */
  extendsAnywhere?: boolean;
}

/** True if `path` is `dir` or inside it. */
export function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

const real = (path: string) => {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
};

/**
 * Where a reference points: a file path, or the name of a bundled scenario (`flemish-befriending`).
 * From a file's `extends`, the path is relative to that file and must stay in its folder.
 */
export function locateScenario(ref: string, from?: string, options: LoaderOptions = {}): string {
  const base = from ? dirname(from) : process.cwd();
  const direct = resolve(base, ref);
  const plainName = !ref.includes('/') && !ref.includes('\\');
  const bundled = resolve(BUNDLED_DIR, ref.endsWith('.json') ? ref : `${ref}.json`);
  const contained = !from || options.extendsAnywhere || (isInside(direct, base) && (!existsSync(direct) || isInside(real(direct), real(base))));
  if (!contained) {
    throw new ScenarioError([
      `${from}: extends: got "${shortText(ref, 80)}", a file outside the folder ${base}; extends may name a file in that folder (or below it) or a bundled scenario, unless you pass --extends-anywhere`,
    ]);
  }
  if (existsSync(direct)) return direct;
  if (plainName && existsSync(bundled)) return bundled;
  throw new ScenarioError([`${shortText(ref, 200)}: scenario file not found (looked in ${base}${plainName ? ` and among the bundled scenarios in ${BUNDLED_DIR}` : ''})${notFoundHint(ref, direct, plainName)}`]);
}

/** A loader that reads scenario files from disk, bounded and strict (see readJson). */
export function createFileLoader(options: LoaderOptions = {}): ScenarioLoader {
  return (ref, from) => {
    const path = locateScenario(ref, from, options);
    return { id: path, json: readJson(path, 'scenario file') };
  };
}

/** The default loader: `extends` stays within the folder of the file that names it. */
export const fileLoader: ScenarioLoader = createFileLoader();

/**
 * A scenario file (or bundled name) resolved and validated.
 *
 * @example
 *   const s = readScenario('civic-integration-40h');
 *   s.reps; // 200
 */
export function readScenario(ref: string, options: LoaderOptions = {}): Scenario {
  return resolveScenario(ref, options.extendsAnywhere ? createFileLoader(options) : fileLoader);
}
