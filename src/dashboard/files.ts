/**
 * Files the user picks (scenarios, design sets, result tables): refused by their size before they
 * are read, and problems said in one line each.
 */
import { ScenarioError } from '../index.ts';

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;

/**
 * The text of a picked file, refused before reading when it is larger than `maxBytes` (a 50 MB file
 * would freeze the page).
 *
 * @example
 *   await readPickedFile(file, 1024 * 1024, 'scenario files'); // or ScenarioError: "x.json: the file is 2.0 MB; scenario files are at most 1 MB"
 */
export async function readPickedFile(file: File, maxBytes: number, what: string): Promise<string> {
  if (file.size > maxBytes) throw new ScenarioError([`${file.name}: the file is ${(file.size / 1024 / 1024).toFixed(1)} MB; ${what} are at most ${mb(maxBytes)}`]);
  return file.text();
}

/** An error as the lines to show: a ScenarioError's problems, or one line naming the file. */
export function problemLines(e: unknown, fileName: string): string[] {
  return e instanceof ScenarioError ? [...e.problems] : [`${fileName}: ${e instanceof Error ? e.message : String(e)}`];
}

/** At most `most` lines joined, with a count of the rest. */
export function someLines(lines: readonly string[], most = 5): string {
  return lines.slice(0, most).join(' ') + (lines.length > most ? ` ... and ${lines.length - most} more problems.` : '');
}
