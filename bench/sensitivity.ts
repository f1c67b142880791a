/**
 * Sensitivity benchmark: time of the Saltelli design and Sobol' indices with bootstrap intervals
 * at the size the brief names (N = 2^14 base rows, k = 8, 1,000 resamples; target: a second or
 * two at most), of a Morris design with Campolongo selection, and of the self-test. Prints figures
 * only (no assertions).
 *
 *   npx tsx bench/sensitivity.ts [--runs 3]
 */
import { parseArgs } from 'node:util';
import { morrisIndices, morrisSample } from '../src/sensitivity/morris.ts';
import { saltelliSample, sobolIndices } from '../src/sensitivity/saltelli.ts';
import { runSelfTest } from '../src/sensitivity/selfTest.ts';
import { gFunction } from '../src/sensitivity/testFunctions.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const runs = Number(values.runs);

function time<T>(work: () => T): { ms: number; result: T } {
  const t0 = performance.now();
  const result = work();
  return { ms: performance.now() - t0, result };
}

const best = (label: string, work: () => unknown) => {
  const times = Array.from({ length: runs }, () => time(work).ms);
  console.log(`  ${label.padEnd(58)} best ${Math.min(...times).toFixed(0).padStart(5)} ms   (runs: ${times.map((t) => t.toFixed(0)).join(', ')})`);
};

console.log(`buddysim sensitivity benchmark: Node ${process.version}, best of ${runs}\n`);
const g = gFunction();
const sample = saltelliSample(2 ** 14, 8);
const y = sample.points.map(g.evaluate);
best('Saltelli sample, N = 2^14, k = 8 (163,840 rows)', () => saltelliSample(2 ** 14, 8));
best('Sobol\' indices, N = 2^14, k = 8, 1,000 resamples', () => sobolIndices(sample, y));
best('sample + indices together', () => {
  const s = saltelliSample(2 ** 14, 8);
  return sobolIndices(s, s.points.map(g.evaluate));
});
best('Morris sample, k = 20, r = 20 of 200 candidates', () => morrisSample(20, { levels: 4, trajectories: 20, candidates: 200, seed: 1 }));
const m = morrisSample(20, { levels: 4, trajectories: 100, seed: 1 });
const my = m.points.map((p) => p.reduce((s, x, i) => s + (i + 1) * x * x, 0));
best('Morris indices, k = 20, r = 100, 1,000 resamples', () => morrisIndices(m, my));
best('self-test (buddysim sensitivity --self-test, without start-up)', () => runSelfTest());
