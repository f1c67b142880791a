import { readScenario, type LoaderOptions } from '../../io/readScenario.ts';
import { assumedBy, framing } from '../format.ts';

/** Checks scenario files; problems are thrown as a ScenarioError (one line each) by the reader. */
export function validateCommand(refs: string[], options: LoaderOptions = {}): void {
  for (const ref of refs) {
    const s = readScenario(ref, options);
    process.stdout.write(`${ref}: valid ("${s.name}", ${s.reps} replications, seed ${s.seed}, ${framing([assumedBy(s)])})\n`);
  }
}
