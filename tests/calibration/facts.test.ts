import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { validate, type Validation } from '../../src/calibration/evaluate.ts';
import { fmtSimulated, fmtTarget } from '../../src/calibration/report.ts';
import { serialRunner } from '../../src/calibration/runSet.ts';
import { inRange, parseTargets } from '../../src/calibration/targets.ts';
import { fileLoader } from '../../src/io/readScenario.ts';

/**
 * The stylized facts, as `buddysim validate-model` checks them (the same targets, scenarios,
 * validation seed and statistics; fewer replications). The targets calibration fitted must hold:
 * a model change that breaks one fails here. The held-out targets are evidence, not a contract:
 * each must agree with the verdict docs/validation.md reports for it, so the committed report never
 * claims what the model no longer does (regenerate it with `npm run docs:evidence`). A held-out
 * fact whose interval here straddles its bound is undecided at this precision and not compared.
 */
const REPS = 150;
const file = parseTargets(JSON.parse(readFileSync('calibration/targets.json', 'utf8')));
const report = readFileSync('docs/validation.md', 'utf8');
let v: Validation;

beforeAll(async () => {
  v = await validate(file, fileLoader, serialRunner, { reps: REPS, seed: file.validationSeed });
});

/** The verdict docs/validation.md gives a target: the result column of its row. */
function reported(title: string): 'pass' | 'FAIL' | undefined {
  const row = report.split('\n').find((l) => l.startsWith('| ') && l.includes(`| ${title.replace(/\|/g, '\\|')} |`));
  if (!row) return undefined;
  return row.includes('| **FAIL** |') ? 'FAIL' : row.includes('| pass |') ? 'pass' : undefined;
}

describe(`in-sample facts (fitted by calibration; ${REPS} replications per scenario)`, () => {
  it.each(file.targets.filter((t) => t.use === 'fit').map((t) => [t.id, t.fact]))('%s (fact %i) holds', (id) => {
    const r = v.results.find((x) => x.target.id === id)!;
    expect(r.pass, `${r.target.title}: target ${fmtTarget(r.target)}, simulated ${fmtSimulated(r)}`).toBe(true);
  });
});

describe('held-out facts agree with the committed validation report', () => {
  it.each(file.targets.filter((t) => t.use === 'validation').map((t) => [t.id, t.fact]))('%s (fact %i)', (id) => {
    const r = v.results.find((x) => x.target.id === id)!;
    const verdict = reported(r.target.title);
    expect(verdict, `docs/validation.md has no row for ${r.target.title}`).toBeDefined();
    const decided = inRange(r.target.target, r.ci[0]) === inRange(r.target.target, r.ci[1]);
    if (!decided) return;
    expect(r.pass ? 'pass' : 'FAIL', `${r.target.title}: simulated ${fmtSimulated(r)}; the report says ${verdict}`).toBe(verdict);
  });
});
