import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { validate, type Validation } from '../../src/calibration/evaluate.ts';
import { fmtSimulated, fmtTarget } from '../../src/calibration/report.ts';
import { serialRunner } from '../../src/calibration/runSet.ts';
import { parseTargets } from '../../src/calibration/targets.ts';
import { fileLoader } from '../../src/io/readScenario.ts';

/**
 * The stylized facts of docs/domain.md hold: a smaller run of `buddysim validate-model` (the same
 * targets, scenarios, seeds and statistics, fewer replications). A model change that breaks a fact
 * fails here, naming the fact, its target and the simulated value.
 */
const REPS = 150;
const file = parseTargets(JSON.parse(readFileSync('calibration/targets.json', 'utf8')));
let v: Validation;

beforeAll(async () => {
  v = await validate(file, fileLoader, serialRunner, { reps: REPS });
});

describe(`stylized facts (${REPS} replications per scenario)`, () => {
  it.each(file.targets.map((t) => [t.id, t.fact]))('%s (fact %i) holds', (id) => {
    const r = v.results.find((x) => x.target.id === id)!;
    expect(r.pass, `${r.target.title}: target ${fmtTarget(r.target)}, simulated ${fmtSimulated(r)}`).toBe(true);
  });
});
