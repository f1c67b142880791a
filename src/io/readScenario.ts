import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Scenario } from '../model/scenario.ts';
import { ScenarioError } from '../scenario/errors.ts';
import { readJson } from './files.ts';
import { resolveScenario, type ScenarioLoader } from '../scenario/resolve.ts';

/** The bundled scenarios folder, found from the source tree or from the built CLI in dist/cli. */
export const BUNDLED_DIR = [
  fileURLToPath(new URL('../../scenarios/', import.meta.url)),
  fileURLToPath(new URL('../../../scenarios/', import.meta.url)),
].find((d) => existsSync(d)) ?? resolve('scenarios');

/** A reference is a file path, or the name of a bundled scenario (`flemish-befriending`). */
export function locateScenario(ref: string, from?: string): string {
  const base = from ? dirname(from) : process.cwd();
  const direct = resolve(base, ref);
  if (existsSync(direct)) return direct;
  const bundled = resolve(BUNDLED_DIR, ref.endsWith('.json') ? ref : `${ref}.json`);
  if (!ref.includes('/') && existsSync(bundled)) return bundled;
  throw new ScenarioError([`${ref}: scenario file not found (looked in ${base}${ref.includes('/') ? '' : ` and among the bundled scenarios in ${BUNDLED_DIR}`})`]);
}

export const fileLoader: ScenarioLoader = (ref, from) => {
  const path = locateScenario(ref, from);
  return { id: path, json: readJson(path, 'file') };
};

export function readScenario(ref: string): Scenario {
  return resolveScenario(ref, fileLoader);
}
