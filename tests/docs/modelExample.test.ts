import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { poisson } from '../../src/engine/distributions.ts';
import { runLoop } from '../../src/engine/loop.ts';
import { declaredSeries, wireProcesses, type ProcessSpec } from '../../src/engine/process.ts';
import { createStreams } from '../../src/engine/random.ts';
import { readScenario } from '../../src/io/readScenario.ts';
import { LIFECYCLE_COLUMNS } from '../../src/model/lifecycle.ts';
import { PARTICIPANT_CORE, VOLUNTEER_CORE } from '../../src/model/population.ts';
import { WEEK } from '../../src/model/processes/index.ts';
import { SETUP_STREAMS, WEEKLY_SERIES } from '../../src/model/runReplication.ts';
import { arrivals, createState, type ModelState } from '../../src/model/state.ts';

/**
 * docs/model.md shows how to add a process with a worked example (a welcome call). The example is
 * run here as written: its imports pointed at src/, wired into the week after intake.
 */
describe('the worked example of docs/model.md', () => {
  it('adds a process with its own stream, column and weekly series, and runs', async () => {
    const doc = readFileSync(resolve('docs/model.md'), 'utf8');
    const code = /```ts\n([\s\S]*?)```/.exec(doc)![1];
    const src = resolve('src');
    const file = join(mkdtempSync(join(tmpdir(), 'buddysim-example-')), 'welcomeCall.ts');
    writeFileSync(file, code.replaceAll("'../../engine/", `'${src}/engine/`).replaceAll("'../", `'${src}/model/`));
    const { welcomeCall } = (await import(file)) as { welcomeCall: ProcessSpec<ModelState, string> };

    const week = [...WEEK.slice(0, 3), welcomeCall, ...WEEK.slice(3)] as ProcessSpec<ModelState, string>[];
    const scenario = readScenario('community-mentoring');
    const streams = createStreams(scenario.seed, 0);
    const p = scenario.params.inflow;
    const pa = arrivals(p.initialParticipants, p.participantsPerWeek, scenario.weeks, streams.stream(SETUP_STREAMS[0]), poisson);
    const va = arrivals(p.initialVolunteers, p.volunteersPerWeek, scenario.weeks, streams.stream(SETUP_STREAMS[1]), poisson);
    const state = createState({
      params: scenario.params, weeks: scenario.weeks, participantsFrom: pa.from, volunteersFrom: va.from, processes: week,
      participantCore: { ...PARTICIPANT_CORE, ...LIFECYCLE_COLUMNS }, volunteerCore: VOLUNTEER_CORE,
      series: [...WEEKLY_SERIES, ...declaredSeries([welcomeCall])],
    });
    runLoop(state, wireProcesses(week, streams, state), scenario.weeks, () => {});
    const calls = state.series.toTable().welcomeCalls.reduce((a, b) => a + b, 0);
    const welcomed = (state.participants as unknown as { welcomed: Uint8Array }).welcomed.reduce((a, b) => a + b, 0);
    expect(calls).toBeGreaterThan(10);
    expect(welcomed).toBeGreaterThan(0.6 * calls);
    expect(welcomed).toBeLessThanOrEqual(calls);
  });
});
