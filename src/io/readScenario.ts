import { existsSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../model/scenario.ts';
import { ScenarioError, shortText } from '../scenario/errors.ts';
import { resolveScenario, type ScenarioLoader } from '../scenario/resolve.ts';
import { readJson } from './files.ts';

/** The bundled scenarios folder, found from the source tree or from the built CLI in dist/cli. */
export const BUNDLED_DIR = [
  fileURLToPath(new URL('../../scenarios/', import.meta.url)),
  fileURLToPath(new URL('../../../scenarios/', import.meta.url)),
].find((d) => existsSync(d)) ?? resolve('scenarios');

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
  throw new ScenarioError([`${shortText(ref, 200)}: scenario file not found (looked in ${base}${plainName ? ` and among the bundled scenarios in ${BUNDLED_DIR}` : ''})`]);
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
