import { readScenario } from '../../io/readScenario.ts';

/** Checks a scenario file; problems are thrown as a ScenarioError (one line each) by the reader. */
export function validateCommand(refs: string[]): void {
  for (const ref of refs) {
    const s = readScenario(ref);
    process.stdout.write(`${ref}: valid ("${s.name}", ${s.reps} replications, ${s.weeks} weeks, seed ${s.seed})\n`);
  }
}
