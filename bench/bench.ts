/**
 * `npm run bench`: speed and memory of the engine, printed (never asserted in tests: machines are
 * shared and noisy). Runs the esbuild bundle, like the CLI. Targets (issue 2): at least 5 million
 * participant-weeks per second per core, and 1,000 replications of a bundled scenario in under
 * 2 seconds on 2 cores.
 */
import { availableParallelism } from 'node:os';
import { readdirSync } from 'node:fs';
import { runScenario } from '../src/cli/pool.ts';
import { BUNDLED_DIR, readScenario } from '../src/io/readScenario.ts';
import { runReplication } from '../src/model/runReplication.ts';
import type { Scenario } from '../src/model/scenario.ts';
import { parseScenario, scenarioToFile } from '../src/scenario/resolve.ts';
import { runSerial } from '../src/runner/task.ts';

const cores = availableParallelism();
const withReps = (s: Scenario, reps: number) => parseScenario({ ...scenarioToFile(s), reps });
const f = (x: number, d = 0) => x.toLocaleString('en-GB', { minimumFractionDigits: d, maximumFractionDigits: d });

function modelOnly(s: Scenario, reps: number) {
  for (let r = 0; r < 100; r++) runReplication(s, r); // warm up the JIT
  let pw = 0;
  const t0 = performance.now();
  for (let r = 0; r < reps; r++) pw += runReplication(s, r).participantWeeks;
  const sec = (performance.now() - t0) / 1000;
  return { pwPerSec: pw / sec, repsPerSec: reps / sec };
}

async function endToEnd(s: Scenario, workers: number) {
  const t0 = performance.now();
  const agg = workers === 1 ? runSerial(s) : await runScenario(s, { workers });
  const sec = (performance.now() - t0) / 1000;
  return { sec, pwPerSec: agg.summary.participantWeeks / sec, repsPerSec: s.reps / sec };
}

const names = readdirSync(BUNDLED_DIR).filter((n) => n.endsWith('.json')).map((n) => n.replace('.json', ''));
console.log(`buddysim benchmark: Node ${process.version}, ${cores} cores\n`);
console.log('Model only (runReplication, one core): participant-weeks per second');
for (const name of names) {
  const m = modelOnly(readScenario(name), 1000);
  console.log(`  ${name.padEnd(30)} ${f(m.pwPerSec / 1e6, 2).padStart(6)} M pw/s   ${f(m.repsPerSec).padStart(6)} reps/s`);
}

console.log(`\nEnd to end (replications + statistics + ordered aggregation), 1000 replications`);
console.log(`  ${'scenario'.padEnd(30)} ${'1 worker'.padStart(22)}   ${`${cores} workers`.padStart(22)}   wall time, ${cores} workers`);
let headline = 0;
for (const name of names) {
  const s = withReps(readScenario(name), 1000);
  const one = await endToEnd(s, 1);
  const all = await endToEnd(s, cores);
  if (name === 'flemish-befriending') headline = all.sec;
  console.log(`  ${name.padEnd(30)} ${`${f(one.pwPerSec / 1e6, 2)} M pw/s ${f(one.repsPerSec)} r/s`.padStart(22)}   ${`${f(all.pwPerSec / 1e6, 2)} M pw/s ${f(all.repsPerSec)} r/s`.padStart(22)}   ${f(all.sec, 2)} s`);
}
console.log(`\n1000 replications of flemish-befriending on ${cores} workers: ${f(headline, 2)} s (target: under 2 s on 2 cores)`);

console.log('\nMemory as replications grow (flemish-befriending, 1 worker, heap after the run)');
for (const reps of [500, 2000, 8000]) {
  globalThis.gc?.();
  const before = process.memoryUsage().heapUsed;
  const agg = runSerial(withReps(readScenario('flemish-befriending'), reps));
  globalThis.gc?.();
  const after = process.memoryUsage().heapUsed;
  console.log(`  ${f(reps).padStart(6)} replications: heap ${f((after - before) / 2 ** 20, 1).padStart(6)} MiB held (summary ${f(JSON.stringify(agg.summary).length / 1024)} KiB)`);
}
