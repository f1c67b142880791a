/**
 * The measurements of `npm run bench`, each run in a child process of its own (bench.ts starts
 * them) so that peak memory is that measurement's and the JIT starts cold every time. CPU-seconds
 * are the process's user + system time, which on Linux includes its worker threads.
 */
import { Aggregator, type Aggregate } from '../src/analysis/aggregate.ts';
import { replicationStats } from '../src/analysis/repStats.ts';
import { poolRunner } from '../src/cli/experimentPool.ts';
import { ScenarioPool } from '../src/cli/pool.ts';
import { designPoints } from '../src/experiment/points.ts';
import { runExperiment, unitCount, type ExperimentRunner } from '../src/experiment/run.ts';
import { readExperiment } from '../src/io/experimentDir.ts';
import { createStreams } from '../src/engine/random.ts';
import { readScenario } from '../src/io/readScenario.ts';
import { runReplication, timeReplication } from '../src/model/runReplication.ts';
import type { Scenario } from '../src/model/scenario.ts';
import { parseScenario, scenarioToFile } from '../src/scenario/resolve.ts';

/** V8's full collection: the bench's processes run with --expose-gc. */
declare function gc(): void;

/** One timed run: replications, the real participant-weeks they simulated, CPU and wall seconds. */
export interface RunFigures {
  reps: number;
  participantWeeks: number;
  cpuSeconds: number;
  wallSeconds: number;
}

/** Times `work`, in CPU-seconds of the whole process (all threads) and wall seconds. */
export async function timed(work: () => Promise<{ reps: number; participantWeeks: number }> | { reps: number; participantWeeks: number }): Promise<RunFigures> {
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const { reps, participantWeeks } = await work();
  const cpu = process.cpuUsage(cpu0);
  return { reps, participantWeeks, cpuSeconds: (cpu.user + cpu.system) / 1e6, wallSeconds: (performance.now() - wall0) / 1000 };
}

export const withReps = (s: Scenario, reps: number): Scenario => parseScenario({ ...scenarioToFile(s), reps });

/**
 * A programme `k` times the size: referrals, applications, the initial lists and the coordinators
 * all scaled together (so the load per coordinator stays the same).
 */
export function scaled(s: Scenario, k: number): Scenario {
  const f = structuredClone(scenarioToFile(s));
  const inflow = { ...s.params.inflow };
  inflow.initialParticipants = Math.round(inflow.initialParticipants * k);
  inflow.participantsPerWeek *= k;
  inflow.initialVolunteers = Math.round(inflow.initialVolunteers * k);
  inflow.volunteersPerWeek *= k;
  return parseScenario({ ...f, inflow, coordinators: { ...s.params.coordinators, count: Math.max(1, Math.round(s.params.coordinators.count * k)) } });
}

/**
 * End to end on a pool of `workers` threads: model, statistics in the workers, merge in
 * replication order in this thread. The first run starts the pool and warms the JIT (reported
 * apart, as `cold`); then `runs` timed runs on the same warm pool.
 */
export async function endToEnd(scenario: Scenario, workers: number, runs: number, warmupReps: number) {
  const warmup = withReps(scenario, warmupReps);
  let pool: ScenarioPool | undefined;
  const cold = await timed(async () => {
    pool = ScenarioPool.create({ workers });
    const { summary } = await pool.runScenario(warmup);
    return { reps: warmup.reps, participantWeeks: summary.participantWeeks };
  });
  const figures: RunFigures[] = [];
  try {
    for (let r = 0; r < runs; r++) {
      figures.push(await timed(async () => {
        const { summary } = await pool!.runScenario(scenario);
        return { reps: scenario.reps, participantWeeks: summary.participantWeeks };
      }));
    }
  } finally {
    await pool!.destroy();
  }
  return { cold, runs: figures };
}

/** In this thread, without workers: replications, their statistics and the merge, as runSerial does. */
export function serial(scenario: Scenario, reps: number): { reps: number; participantWeeks: number } {
  const aggregator = new Aggregator(withReps(scenario, reps));
  let participantWeeks = 0;
  for (let r = 0; r < reps; r++) {
    const stats = replicationStats(runReplication(scenario, r), scenario);
    participantWeeks += stats.participantWeeks;
    aggregator.add(stats);
  }
  aggregator.finish();
  return { reps, participantWeeks };
}

/** Counts of the model's own elementary work per real participant-week. */
export interface WorkCounts {
  drawsPerWeek: number;
  expsPerWeek: number;
}

/**
 * How many random draws and exponentials the model makes per real participant-week, counted by
 * wrapping the stream's draw and Math.exp (in a process that times nothing afterwards).
 */
export function countWork(scenario: Scenario, reps: number): WorkCounts {
  const proto = Object.getPrototypeOf(createStreams(0, 0).stream('bench.count')) as { u: (...a: number[]) => number };
  const draw = proto.u;
  const exp = Math.exp;
  let draws = 0;
  let exps = 0;
  proto.u = function (this: unknown, ...a: number[]) {
    draws += 1;
    return draw.apply(this, a);
  };
  Math.exp = (x: number) => {
    exps += 1;
    return exp(x);
  };
  let participantWeeks = 0;
  try {
    for (let r = 0; r < reps; r++) participantWeeks += runReplication(scenario, r).participantWeeks;
  } finally {
    proto.u = draw;
    Math.exp = exp;
  }
  return { drawsPerWeek: draws / participantWeeks, expsPerWeek: exps / participantWeeks };
}

/**
 * The floor: a tight loop making the model's own draws and exponentials for `participantWeeks`
 * participant-weeks and nothing else. Returns participant-weeks per CPU-second.
 */
export async function floor(counts: WorkCounts, participantWeeks: number): Promise<number> {
  const stream = createStreams(1, 0).stream('bench.floor');
  const figures = await timed(() => {
    let sink = 0;
    let draws = 0;
    let exps = 0;
    for (let w = 0; w < participantWeeks; w++) {
      draws += counts.drawsPerWeek;
      exps += counts.expsPerWeek;
      for (; draws >= 1; draws -= 1) sink += stream.u(w, draws | 0);
      for (; exps >= 1; exps -= 1) sink += Math.exp(-sink * 1e-9);
    }
    if (sink === -1) console.log(sink); // keeps the loop from being optimised away
    return { reps: 0, participantWeeks };
  });
  return participantWeeks / figures.cpuSeconds;
}

/**
 * The machine's speed, for comparing bench runs of different days: a fixed loop of the model's own
 * elementary work (50 million uniform draws and 3 million exponentials, the same every time), timed
 * after a warm-up. When this figure differs between two runs, every other figure differs for the
 * machine's sake, not the code's. Returns millions of draws per CPU-second.
 */
export async function yardstick(): Promise<number> {
  const loop = async (draws: number) => {
    const stream = createStreams(1, 0).stream('bench.yardstick');
    return timed(() => {
      let sink = 0;
      for (let i = 0; i < draws; i++) {
        sink += stream.u(i, i & 7);
        if ((i & 15) === 0) sink += Math.exp(-sink * 1e-9);
      }
      if (sink === -1) console.log(sink); // keeps the loop from being optimised away
      return { reps: 0, participantWeeks: draws };
    });
  };
  await loop(1e6);
  const figures = await loop(5e7);
  return figures.participantWeeks / figures.cpuSeconds / 1e6;
}

/** Microseconds a replication spends in each part, in one thread, and the real participant-weeks it simulates. */
export interface Breakdown {
  participantWeeks: number;
  parts: { name: string; us: number }[];
  /** The same replications untimed (runReplication and their statistics), CPU microseconds each. */
  untimedCpuUs: number;
}

/**
 * Where a replication's time goes: `reps` replications (after a warm-up of 50) timed part by part
 * (set-up, each process of the week, the recorder, the result, its statistics), medians over three
 * passes of each part's mean. Then the same replications untimed, so that what the clock adds shows.
 */
export async function breakdown(scenario: Scenario, reps: number): Promise<Breakdown> {
  const pass = () => {
    const sums = new Map<string, number>();
    const add = (name: string, ms: number) => sums.set(name, (sums.get(name) ?? 0) + ms);
    let participantWeeks = 0;
    for (let r = 0; r < reps; r++) {
      const { result, timing } = timeReplication(scenario, r);
      add('set-up', timing.setUp);
      for (const p of timing.processes) add(p.name, p.ms);
      add('recording the week', timing.record);
      add('the result', timing.results);
      const t = performance.now();
      replicationStats(result, scenario);
      add('its statistics', performance.now() - t);
      participantWeeks += result.participantWeeks;
    }
    return { participantWeeks: participantWeeks / reps, means: [...sums].map(([name, ms]) => ({ name, us: (ms * 1000) / reps })) };
  };
  for (let r = 0; r < 50; r++) replicationStats(timeReplication(scenario, r).result, scenario); // warm-up
  const passes = [pass(), pass(), pass()];
  const parts = passes[0].means.map(({ name }, i) => ({ name, us: median3(passes.map((p) => p.means[i].us)) }));
  const untimed = await timed(() => {
    for (let r = 0; r < reps; r++) replicationStats(runReplication(scenario, r), scenario);
    return { reps, participantWeeks: 0 };
  });
  return { participantWeeks: passes[0].participantWeeks, parts, untimedCpuUs: (untimed.cpuSeconds * 1e6) / reps };
}

const median3 = (xs: number[]) => [...xs].sort((a, b) => a - b)[1];

/** The child's jobs, by name: each returns plain data for the parent to print. */
export const JOBS = {
  async yardstick(_: Record<string, never>) {
    const runs = [await yardstick(), await yardstick(), await yardstick()].sort((x, y) => x - y);
    return { millionDrawsPerCpuSecond: runs[1] };
  },
  async endToEnd(a: { scenario: string; workers: number; reps: number; runs: number; warmupReps: number }) {
    const s = withReps(readScenario(a.scenario), a.reps);
    const result = await endToEnd(s, a.workers, a.runs, a.warmupReps);
    return { ...result, peakRssMiB: process.resourceUsage().maxRSS / 1024 };
  },
  async breakdown(a: { scenario: string; reps: number }) {
    return breakdown(readScenario(a.scenario), a.reps);
  },
  async floorRatio(a: { scenario: string; reps: number }) {
    const s = readScenario(a.scenario);
    serial(s, Math.min(50, a.reps)); // warm-up
    const model = await timed(() => {
      let participantWeeks = 0;
      for (let r = 0; r < a.reps; r++) participantWeeks += runReplication(s, r).participantWeeks;
      return { reps: a.reps, participantWeeks };
    });
    const counts = countWork(s, Math.min(20, a.reps));
    await floor(counts, model.participantWeeks / 10); // warm-up
    const floorSpeed = await floor(counts, model.participantWeeks);
    const modelSpeed = model.participantWeeks / model.cpuSeconds;
    return { ...counts, modelSpeed, floorSpeed, ratio: modelSpeed / floorSpeed };
  },
  async scaling(a: { scenario: string; k: number; reps: number }) {
    const s = scaled(readScenario(a.scenario), a.k);
    serial(s, Math.max(3, Math.round(a.reps / 10))); // warm-up
    const runs: RunFigures[] = [];
    for (let r = 0; r < 3; r++) runs.push(await timed(() => serial(s, a.reps)));
    return { runs };
  },
  /**
   * An experiment file end to end on the worker pool, in memory (no result files): a warm-up run of
   * its first 20 points, then `units` (point, replication) pairs, default all. The real
   * participant-weeks come from each replication's figures.
   */
  async experiment(a: { file: string; workers: number; units?: number }) {
    const experiment = readExperiment(a.file);
    const design = designPoints(experiment);
    const pool = poolRunner(a.workers);
    let participantWeeks = 0;
    const runner: ExperimentRunner = {
      ...pool,
      run: (scenario, range, onStats) => pool.run(scenario, range, (m) => {
        participantWeeks += m.participantWeeks;
        onStats(m);
      }),
    };
    try {
      const units = Math.min(a.units ?? Infinity, unitCount(experiment, design));
      await runExperiment(experiment, { runner, design, range: { start: 0, end: Math.min(units, 20 * experiment.replications) } });
      participantWeeks = 0;
      const run = await timed(async () => {
        await runExperiment(experiment, { runner, design, range: { start: 0, end: units } });
        return { reps: units, participantWeeks };
      });
      return { scenario: String(experiment.scenarios[0].name), points: units / experiment.replications, replications: experiment.replications, run };
    } finally {
      await pool.close();
    }
  },
  async memory(a: { scenario: string; reps: number; workers: number }) {
    const s = withReps(readScenario(a.scenario), a.reps);
    const pool = ScenarioPool.create({ workers: a.workers });
    try {
      let aggregate: Aggregate | undefined;
      const run = await timed(async () => {
        aggregate = await pool.runScenario(s);
        return { reps: s.reps, participantWeeks: aggregate.summary.participantWeeks };
      });
      // What the run keeps once it is done, with its result still held: the main thread's heap after a
      // full collection (the workers keep nothing between tasks). Peak RSS also counts garbage that V8
      // had not yet needed to collect, so it varies by tens of MiB from run to run.
      gc();
      const retainedMiB = process.memoryUsage().heapUsed / 2 ** 20;
      return { run, peakRssMiB: process.resourceUsage().maxRSS / 1024, retainedMiB };
    } finally {
      await pool.destroy();
    }
  },
} as const;

export type JobName = keyof typeof JOBS;
