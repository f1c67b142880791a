import { parseGrid, type Grid } from '../designs/grid.ts';
import { readJson } from './files.ts';
import { fileLoader } from './readScenario.ts';

/**
 * Reads and validates a grid file for the design explorer (bounded, strict JSON); the scenarios it
 * names are relative to it, or bundled.
 *
 * @example
 *   const grid = readGrid('my-grid.json');
 */
export function readGrid(path: string): Grid {
  return parseGrid(readJson(path, 'grid file'), { load: fileLoader, file: path });
}
