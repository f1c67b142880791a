import { describe, expect, it } from 'vitest';
import { poisson } from '../../src/engine/distributions.ts';
import { runLoop } from '../../src/engine/loop.ts';
import { createStreams, type RandomStream } from '../../src/engine/random.ts';
import { readScenario } from '../../src/io/readScenario.ts';
import { paramRows } from '../../src/model/params.ts';
import { RESOLUTION_PARAMS } from '../../src/model/typology.ts';
import { LIFECYCLE_COLUMNS } from '../../src/model/lifecycle.ts';
import { PARTICIPANT_CORE, VOLUNTEER_CORE } from '../../src/model/population.ts';
import { WEEK } from '../../src/model/processes/index.ts';
import { SETUP_PARAMS, SETUP_STREAMS, WEEKLY_SERIES } from '../../src/model/runReplication.ts';
import type { Scenario } from '../../src/model/scenario.ts';
import { arrivals, createState, type ModelState } from '../../src/model/state.ts';
import { testScenario } from '../support/scenario.ts';

/**
 * Every process declares the streams it draws, the parameters it reads and the series it records.
 * Run the model with each process's streams and the parameters watched, and check the declarations
 * against what the processes really do.
 */
function watchedRun(scenario: Scenario, replication: number) {
  const drawn = new Map<string, Set<string>>();
  const read = new Map<string, Set<string>>();
  let current = 'setup';
  const note = (map: Map<string, Set<string>>, key: string) => {
    if (!map.has(current)) map.set(current, new Set());
    map.get(current)!.add(key);
  };
  const watchSection = (section: string, values: Record<string, unknown>) =>
    new Proxy(values, { get: (t, k) => { if (typeof k === 'string') note(read, `${section}.${k}`); return Reflect.get(t, k); } });
  const params = Object.fromEntries(Object.entries(scenario.params).map(([s, v]) => [s, watchSection(s, v as Record<string, unknown>)]));
  const streams = createStreams(scenario.seed, replication);
  const p = params as unknown as Scenario['params'];
  const pa = arrivals(p.inflow.initialParticipants, p.inflow.participantsPerWeek, scenario.weeks, streams.stream(SETUP_STREAMS[0]), poisson);
  const va = arrivals(p.inflow.initialVolunteers, p.inflow.volunteersPerWeek, scenario.weeks, streams.stream(SETUP_STREAMS[1]), poisson);
  const state = createState({
    params: p, weeks: scenario.weeks, participantsFrom: pa.from, volunteersFrom: va.from, processes: WEEK,
    participantCore: { ...PARTICIPANT_CORE, ...LIFECYCLE_COLUMNS }, volunteerCore: VOLUNTEER_CORE, series: WEEKLY_SERIES,
  });
  const setupReads = new Set(read.get('setup') ?? []);
  const processes = WEEK.map((spec) => {
    spec.init?.(state as never);
    const rng: Record<string, RandomStream> = {};
    for (const name of spec.streams) {
      const s = streams.stream(name);
      rng[name] = { name, u: (...args: number[]) => { note(drawn, name); return s.u(...(args as [number])); } };
    }
    const guarded = new Proxy(rng, { get: (t, k) => { if (typeof k === 'string' && !(k in t)) throw new Error(`${spec.name} drew the undeclared stream ${k}`); return Reflect.get(t, k); } });
    return { name: spec.name, step: (s: ModelState, week: number) => { current = spec.name; spec.step(s, week, guarded as never); current = 'recorder'; } };
  });
  runLoop(state, processes, scenario.weeks, () => {});
  return { drawn, read, setupReads };
}

const SCENARIOS: Scenario[] = [
  readScenario('flemish-befriending'),
  readScenario('civic-integration-40h'),
  readScenario('duo-for-a-job'),
  readScenario('best-practice-mentoring'),
  testScenario({ weeks: 120, programme: { matching: 'first-come', followUpStyle: 'laissez-faire' }, outcomes: { assessmentWeeks: 30 } }),
  testScenario({ weeks: 160, reps: 1, programme: { format: 'group', goalClosure: 'yes', focus: 'work', continuationShare: 0.5, ongoingTrainingEveryWeeks: 4 }, volunteers: { peerShare: 0.5, peerDelayWeeks: 4 }, coordinators: { count: 2, turnoverPerYear: 2, waitingListCap: 5 }, outcomes: { assessmentWeeks: 30 } }),
];
const runs = SCENARIOS.map((s) => watchedRun(s, 0));
const union = (key: 'drawn' | 'read', process: string) => new Set(runs.flatMap((r) => [...(r[key].get(process) ?? [])]));

describe('process declarations', () => {
  it.each(WEEK.map((p) => [p.name, p] as const))('%s draws only the streams it declares, and each of them', (name, spec) => {
    expect([...union('drawn', name)].sort()).toEqual([...spec.streams].sort());
  });
  it.each(WEEK.map((p) => [p.name, p] as const))('%s reads only the parameters it declares', (name, spec) => {
    const undeclared = [...union('read', name)].filter((k) => !spec.params.includes(k));
    expect(undeclared, `${name} reads undeclared ${JSON.stringify(undeclared)}`).toEqual([]);
  });
  it('no stream is declared by two processes', () => {
    const all = WEEK.flatMap((p) => p.streams);
    expect(new Set(all).size).toBe(all.length);
  });
  it('the set-up reads only the parameters it declares', () => {
    const reads = new Set(runs.flatMap((r) => [...r.setupReads]));
    expect([...reads].filter((k) => !SETUP_PARAMS.includes(k))).toEqual([]);
  });
  it('no declared parameter is unused: every parameter is read by a process or the set-up', () => {
    const readSomewhere = new Set(runs.flatMap((r) => [...r.read.values()].flatMap((s) => [...s])));
    for (const p of SETUP_PARAMS) readSomewhere.add(p);
    for (const p of RESOLUTION_PARAMS) readSomewhere.add(p);
    const unused = paramRows().map((r) => r.path).filter((p) => !readSomewhere.has(p));
    expect(unused, `unused ${JSON.stringify(unused)}`).toEqual([]);
  });
  it('every declared series exists once in the weekly table', () => {
    expect(new Set(WEEKLY_SERIES).size).toBe(WEEKLY_SERIES.length);
    for (const p of WEEK) for (const s of p.series ?? []) expect(WEEKLY_SERIES).toContain(s);
  });
});
