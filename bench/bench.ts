/**
 * `npm run bench`: speed and memory, printed and never asserted (machines are shared and noisy;
 * targets live here, not in timed tests). Runs the esbuild bundle, like the command line. Every
 * measurement runs in a child process of its own; figures are medians over several runs after a
 * warm-up run, in CPU-seconds (all threads) and wall seconds, and in real participant-weeks:
 * weeks a participant spent in the programme or on its lists. Method: docs/performance.md.
 *
 *   npm run bench                         every bundled scenario (about 10 minutes on 2 cores)
 *   npm run bench -- --quick              fewer and smaller runs, for a look
 *   npm run bench -- --scenario community-mentoring --json out/bench.json
 *
 * `npm run bench` builds the command line too: the start-up figures time it as users run it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { BUNDLED_DIR } from '../src/io/readScenario.ts';
import { METRIC_NAMES } from '../src/analysis/metrics.ts';
import { JOBS, type JobName, type RunFigures } from './measure.ts';

const METRIC_COUNT = METRIC_NAMES.length;

const TARGETS = {
  /** 1,000 replications of community-mentoring on all workers (2 cores), wall seconds. */
  thousandRepsSeconds: 1,
  /** Real participant-weeks per CPU-second end to end, every bundled scenario (stretch: 10 M). */
  perCpuSecond: 5e6,
  stretchPerCpuSecond: 10e6,
  /** Time against programme size, from 1x to 10x. */
  exponent: 1.05,
  /** Throughput of 2 workers against 1. */
  speedUp: 1.8,
};

const HEADLINE = 'community-mentoring';

async function child(): Promise<void> {
  const [job, json] = process.argv.slice(3);
  const result = await JOBS[job as JobName](JSON.parse(json));
  process.stdout.write(`\n${JSON.stringify(result)}\n`);
}

/** Runs one job in a fresh Node process and returns what it printed last. */
function inChild<J extends JobName>(job: J, args: Parameters<(typeof JOBS)[J]>[0]): Awaited<ReturnType<(typeof JOBS)[J]>> {
  const out = execFileSync(process.execPath, ['--expose-gc', process.argv[1], '--child', job, JSON.stringify(args)], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return JSON.parse(out.trim().split('\n').pop()!);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const f = (x: number, d = 0) => x.toLocaleString('en-GB', { minimumFractionDigits: d, maximumFractionDigits: d });
const millions = (x: number) => `${f(x / 1e6, 2)} M`;
const met = (ok: boolean) => (ok ? 'met' : 'NOT met');

/** Medians of a set of runs: CPU and wall seconds, participant-weeks per CPU-second and per wall second. */
function summarise(runs: RunFigures[]) {
  return {
    reps: runs[0].reps,
    participantWeeks: median(runs.map((r) => r.participantWeeks)),
    cpuSeconds: median(runs.map((r) => r.cpuSeconds)),
    wallSeconds: median(runs.map((r) => r.wallSeconds)),
    perCpuSecond: median(runs.map((r) => r.participantWeeks / r.cpuSeconds)),
    perWallSecond: median(runs.map((r) => r.participantWeeks / r.wallSeconds)),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      quick: { type: 'boolean', default: false },
      scenario: { type: 'string', multiple: true },
      reps: { type: 'string' },
      runs: { type: 'string' },
      json: { type: 'string' },
    },
  });
  const cores = availableParallelism();
  const reps = Number(values.reps ?? (values.quick ? 300 : 1000));
  const runs = Number(values.runs ?? (values.quick ? 2 : 3));
  const warmupReps = values.quick ? 50 : 100;
  const all = readdirSync(BUNDLED_DIR).filter((n) => n.endsWith('.json')).map((n) => n.replace(/\.json$/, '')).sort();
  const names = values.scenario ?? all;
  const report: Record<string, unknown> = { node: process.version, cores, reps, runs, date: new Date().toISOString() };

  console.log(`buddysim benchmark: Node ${process.version}, ${cores} cores; ${f(reps)} replications a run, median of ${runs} runs after a warm-up run`);
  console.log('Real participant-weeks: weeks a participant spent in the programme or on its lists. CPU-seconds: user + system, all threads.\n');

  // The machine's speed before and after: figures of two bench runs compare only when these agree.
  const before = inChild('yardstick', {}).millionDrawsPerCpuSecond;
  console.log(`Machine yardstick (a fixed loop of draws, median of 3): ${f(before, 1)} M draws per CPU-second at the start\n`);

  console.log('End to end (model, statistics summed in blocks in the workers, blocks merged in replication order)');
  const header = ['scenario', 'pw/rep', '1 worker: cpu s', 'wall s', 'pw/cpu-s', `${cores} workers: cpu s`, 'wall s', 'pw/cpu-s', 'speed-up', 'peak RSS', 'cold run'];
  const widths = [28, 8, 17, 8, 10, 18, 8, 10, 10, 10, 10];
  const row = (cells: string[]) => `  ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[0]) : c.padStart(widths[i]))).join('')}`;
  console.log(row(header));
  const endToEnd: Record<string, unknown> = {};
  let slowest = { name: '', perCpuSecond: Infinity };
  let headline: { wallSeconds: number; speedUp: number } | undefined;
  for (const name of names) {
    const one = inChild('endToEnd', { scenario: name, workers: 1, reps, runs, warmupReps });
    const many = inChild('endToEnd', { scenario: name, workers: cores, reps, runs, warmupReps });
    const a = summarise(one.runs);
    const b = summarise(many.runs);
    const speedUp = a.wallSeconds / b.wallSeconds;
    endToEnd[name] = { oneWorker: { ...a, cold: one.cold, peakRssMiB: one.peakRssMiB }, allWorkers: { ...b, cold: many.cold, peakRssMiB: many.peakRssMiB }, speedUp };
    if (a.perCpuSecond < slowest.perCpuSecond) slowest = { name, perCpuSecond: a.perCpuSecond };
    if (name === HEADLINE) headline = { wallSeconds: (b.wallSeconds * 1000) / reps, speedUp };
    const cells = [
      f(a.participantWeeks / reps), f(a.cpuSeconds, 2), f(a.wallSeconds, 2), millions(a.perCpuSecond),
      f(b.cpuSeconds, 2), f(b.wallSeconds, 2), millions(b.perCpuSecond), `${f(speedUp, 2)}x`, `${f(Math.max(one.peakRssMiB, many.peakRssMiB))} MiB`,
      `${f(many.cold.wallSeconds, 2)} s`,
    ];
    console.log(row([name, ...cells]));
  }
  report.endToEnd = endToEnd;

  console.log('\nFloor: the model against a tight loop of its own random draws and exponentials (one core)');
  const floors: Record<string, unknown> = {};
  for (const name of names) {
    const r = inChild('floorRatio', { scenario: name, reps: values.quick ? 100 : 300 });
    floors[name] = r;
    console.log(`  ${name.padEnd(28)} ${f(r.drawsPerWeek, 2)} draws and ${f(r.expsPerWeek, 2)} exp per participant-week; model ${millions(r.modelSpeed)} pw/cpu-s, floor ${millions(r.floorSpeed)}: ratio ${f(r.ratio, 2)}`);
  }
  report.floor = floors;

  // Where the time goes: the headline and the slowest scenario, part by part, against what 5 M
  // participant-weeks per CPU-second would allow a replication.
  const examined = [...new Set([names.includes(HEADLINE) ? HEADLINE : names[0], slowest.name])];
  console.log(`\nWhere the time goes: microseconds a replication spends in each part (in one thread, medians of 3 passes of ${values.quick ? 100 : 300} replications)`);
  const breakdowns = examined.map((name) => ({ name, ...inChild('breakdown', { scenario: name, reps: values.quick ? 100 : 300 }) }));
  const partRow = (cells: string[]) => `  ${cells[0].padEnd(22)}${cells.slice(1).map((c) => c.padStart(30)).join('')}`;
  console.log(partRow(['', ...examined]));
  const totals = breakdowns.map((b) => b.parts.reduce((t, p) => t + p.us, 0));
  for (const [i, part] of breakdowns[0].parts.entries()) {
    console.log(partRow([part.name, ...breakdowns.map((b, k) => `${f(b.parts[i].us).padStart(6)} us ${f((100 * b.parts[i].us) / totals[k], 1).padStart(5)}%`)]));
  }
  console.log(partRow(['all, timed', ...totals.map((t) => `${f(t).padStart(6)} us       `)]));
  console.log(partRow(['all, untimed (CPU)', ...breakdowns.map((b) => `${f(b.untimedCpuUs).padStart(6)} us       `)]));
  console.log(partRow(['pw per replication', ...breakdowns.map((b) => `${f(b.participantWeeks)}       `)]));
  console.log(partRow([`at ${millions(TARGETS.perCpuSecond)} pw/cpu-s`, ...breakdowns.map((b) => `${f((b.participantWeeks / TARGETS.perCpuSecond) * 1e6).padStart(6)} us       `)]));
  report.breakdown = breakdowns;

  console.log(`\nSize: ${HEADLINE} with referrals, volunteers, initial lists and coordinators scaled together (in one thread)`);
  const sizes = values.quick ? [1, 10] : [1, 3, 10];
  const scaling = sizes.map((k) => {
    const r = summarise(inChild('scaling', { scenario: HEADLINE, k, reps: Math.max(10, Math.round((values.quick ? 100 : 300) / k)) }).runs);
    const perRep = { participantWeeks: r.participantWeeks / r.reps, cpuSeconds: r.cpuSeconds / r.reps };
    console.log(`  x${String(k).padEnd(3)} ${f(perRep.participantWeeks).padStart(9)} pw/rep  ${f(perRep.cpuSeconds * 1000, 2).padStart(8)} cpu-ms/rep  ${millions(r.perCpuSecond)} pw/cpu-s`);
    return { k, ...perRep };
  });
  const [small, large] = [scaling[0], scaling[scaling.length - 1]];
  const exponent = Math.log(large.cpuSeconds / small.cpuSeconds) / Math.log(large.participantWeeks / small.participantWeeks);
  console.log(`  time grows as size^${f(exponent, 3)}`);
  report.scaling = { sizes: scaling, exponent };

  // An experiment: the shipped Morris screening of levers, many small points (20 replications
  // each) on all workers, as `buddysim experiment run` runs them but without writing files.
  const experimentFile = fileURLToPath(new URL('../../experiments/levers-morris.json', import.meta.url));
  const exp = inChild('experiment', { file: experimentFile, workers: cores, ...(values.quick ? { units: 2000 } : {}) });
  const expSpeed = exp.run.participantWeeks / exp.run.cpuSeconds;
  console.log(`\nExperiment: experiments/levers-morris.json, ${f(exp.points)} points of ${exp.scenario} x ${exp.replications} replications, on ${cores} workers (one run after a warm-up)`);
  console.log(`  ${f(exp.run.cpuSeconds, 2)} cpu s, ${f(exp.run.wallSeconds, 2)} s wall, ${millions(expSpeed)} real pw per CPU-second`);
  report.experiment = { ...exp, perCpuSecond: expSpeed };

  // Start-up: what every command costs before it simulates anything (the built command line, as users run it).
  const cliMain = fileURLToPath(new URL('../cli/main.js', import.meta.url));
  const out = mkdtempSync(join(tmpdir(), 'buddysim-bench-'));
  const startUp = ([
    ['buddysim --version', ['--version']],
    ['buddysim validate flemish-befriending', ['validate', 'flemish-befriending']],
    ['buddysim run flemish-befriending --reps 20', ['run', 'flemish-befriending', '--reps', '20', '--quiet', '--out', join(out, 'run')]],
  ] as const).map(([label, args]) => {
    const walls: number[] = [];
    for (let i = 0; i < (values.quick ? 3 : 5); i++) {
      const t = performance.now();
      execFileSync(process.execPath, [cliMain, ...args], { stdio: 'ignore' });
      walls.push((performance.now() - t) / 1000);
    }
    return { label, wallSeconds: median(walls) };
  });
  rmSync(out, { recursive: true, force: true });
  console.log(`\nStart-up: wall seconds of whole commands, each a fresh process (median of ${values.quick ? 3 : 5})`);
  for (const s of startUp) console.log(`  ${s.label.padEnd(45)} ${f(s.wallSeconds, 2)} s`);
  report.startUp = startUp;

  console.log(`\nMemory: a whole run of ${HEADLINE} on ${cores} workers, by replications: peak resident memory (all threads), and what the run keeps (main thread's heap after a full collection, its result held)`);
  const memory = (values.quick ? [2000, 4000] : [500, 2000, 16000]).map((n) => {
    const r = inChild('memory', { scenario: HEADLINE, reps: n, workers: cores });
    console.log(`  ${f(n).padStart(6)} replications: peak ${f(r.peakRssMiB).padStart(5)} MiB, kept ${f(r.retainedMiB, 1).padStart(5)} MiB (${f(r.run.wallSeconds, 1)} s)`);
    return { reps: n, peakRssMiB: r.peakRssMiB, retainedMiB: r.retainedMiB };
  });
  report.memory = memory;

  const after = inChild('yardstick', {}).millionDrawsPerCpuSecond;
  const drift = after / before;
  console.log(`\nMachine yardstick at the end: ${f(after, 1)} M draws per CPU-second, ${f(drift, 2)} of the start${Math.abs(drift - 1) > 0.05 ? ': the machine\'s speed changed during the run, distrust these figures' : ': steady'}`);
  report.yardstick = { start: before, end: after };

  console.log('\nTargets');
  if (headline) {
    const thousand = headline.wallSeconds * 1000;
    console.log(`  1,000 replications of ${HEADLINE} on ${cores} workers: ${f(thousand / 1000, 2)} s wall (target under ${TARGETS.thousandRepsSeconds} s on 2 cores): ${met(thousand / 1000 < TARGETS.thousandRepsSeconds)}`);
    console.log(`  ${cores} workers against 1, ${HEADLINE}: ${f(headline.speedUp, 2)}x (target ${TARGETS.speedUp}x): ${met(headline.speedUp >= TARGETS.speedUp)}`);
  }
  console.log(`  slowest scenario end to end on 1 worker: ${slowest.name}, ${millions(slowest.perCpuSecond)} real pw per CPU-second (target ${millions(TARGETS.perCpuSecond)}, stretch ${millions(TARGETS.stretchPerCpuSecond)}): ${met(slowest.perCpuSecond >= TARGETS.perCpuSecond)}`);
  console.log(`  time against size, x${small.k} to x${large.k}: exponent ${f(exponent, 3)} (target at most ${TARGETS.exponent}): ${met(exponent <= TARGETS.exponent)}`);
  // Growth per replication between the two longest runs, of what a run keeps: a leak shows as a slope
  // well above the one number per figure per replication the spread of single runs needs. Peak RSS is
  // no measure of it: it counts garbage V8 had not needed to collect yet, and varies by tens of MiB.
  const [shorter, longest] = memory.slice(-2);
  const slope = ((longest.retainedMiB - shorter.retainedMiB) / (longest.reps - shorter.reps)) * 1000;
  const needed = (METRIC_COUNT * 8 * 1000) / 2 ** 20;
  console.log(`  memory kept from ${f(shorter.reps)} to ${f(longest.reps)} replications: ${f(slope, 2)} MiB per 1,000 replications (one number per figure per replication is ${f(needed, 2)}, up to twice that with the arrays' spare room; flat means no more); peak resident ${f(shorter.peakRssMiB)} -> ${f(longest.peakRssMiB)} MiB`);
  report.targets = TARGETS;

  if (values.json) {
    writeFileSync(values.json, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\nFigures written to ${values.json}`);
  }
}

if (process.argv[2] === '--child') await child();
else await main();
