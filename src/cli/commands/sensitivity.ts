import { fmt } from '../../analysis/format.ts';
import { runSelfTest, type SelfTestCheck, type SelfTestReport } from '../../sensitivity/selfTest.ts';
import { readExperiment } from '../../io/experimentDir.ts';
import { sensitivityBlocks } from '../../experiment/report/sensitivityBlocks.ts';
import { analyseSensitivity } from '../../experiment/sensitivity.ts';
import { UsageError } from '../errors.ts';
import { runOrResume } from './experiment.ts';
import { blocksText, table } from '../format.ts';

export interface SensitivityFlags {
  selfTest?: boolean;
  json?: boolean;
  out?: string;
  workers?: string;
  quiet?: boolean;
}

/** Exit code when a self-test check misses its analytic value. */
export const CHECK_MISSED_EXIT = 3;

/**
 * `buddysim sensitivity --self-test [--json]`, or `buddysim sensitivity <experiment file>`: runs a
 * Morris or Sobol experiment (resuming what its folder holds) and prints the indices.
 */
export async function sensitivityCommand(refs: string[], flags: SensitivityFlags): Promise<void> {
  if (flags.selfTest) return sensitivitySelfTest(refs, flags.json === true);
  if (refs.length !== 1) throw new UsageError(`sensitivity takes one experiment file (or --self-test), got ${refs.length}: buddysim sensitivity <experiment file> [--out DIR] [--workers W]`);
  const experiment = readExperiment(refs[0]);
  if (experiment.design.type !== 'morris' && experiment.design.type !== 'sobol') {
    throw new UsageError(`sensitivity needs an experiment with a morris or sobol design; ${refs[0]} has design.type "${experiment.design.type}" (run it with buddysim experiment run)`);
  }
  // With --json, stdout holds the JSON alone; where the results went is said on stderr.
  const { results } = await runOrResume(refs[0], { out: flags.out, workers: flags.workers, quiet: flags.quiet || flags.json }, flags.json ? process.stderr : process.stdout);
  const analyses = analyseSensitivity(results);
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(analyses, null, 2)}\n`);
  } else {
    process.stdout.write(`\n${blocksText(sensitivityBlocks(analyses))}\n`);
  }
  if (analyses.some((a) => a.refused)) process.exitCode = CHECK_MISSED_EXIT;
}

/**
 * Runs the estimators on test functions with known indices; prints each check (estimate with its
 * interval, analytic value, pass) as a table or JSON, and exits 3 if any check misses.
 */
export function sensitivitySelfTest(refs: string[], json: boolean): void {
  if (refs.length > 0) throw new UsageError(`sensitivity --self-test takes no arguments, got "${refs[0]}"`);
  const report = runSelfTest();
  process.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : `${selfTestText(report)}\n`);
  if (report.failed > 0) process.exitCode = CHECK_MISSED_EXIT;
}

/** Indices and effects with four decimals, through the one number formatter. */
const num = (x: number) => fmt(x, '', 4);

function value(v: SelfTestCheck['estimate']): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return num(v);
  return `(${v.map((x) => String(x)).join(', ')})`;
}

function estimateCell(c: SelfTestCheck): string {
  return c.lower === undefined || c.upper === undefined ? value(c.estimate) : `${value(c.estimate)} [${num(c.lower)}, ${num(c.upper)}]`;
}

/** The self-test as a table for a terminal, with the pass rule of each group below it. */
export function selfTestText(report: SelfTestReport): string {
  const rows = [
    ['check', 'estimate [95% interval]', 'analytic', 'pass'],
    ...report.checks.map((c) => [c.check, estimateCell(c), value(c.analytic), c.pass ? 'pass' : 'MISS']),
  ];
  return [
    'Sensitivity self-test: estimators against analytic values',
    table(rows),
    '',
    'Pass rules:',
    ...Object.entries(report.rules).map(([group, rule]) => `  ${group}: ${rule}`),
    '',
    `${report.passed} of ${report.checks.length} checks pass.`,
  ].join('\n');
}
