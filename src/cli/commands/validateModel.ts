import { relative } from 'node:path';
import { validate } from '../../calibration/evaluate.ts';
import { mechanismsMarkdown, mechanismsText, studyMechanisms } from '../../calibration/mechanisms.ts';
import { validationMarkdown, validationText } from '../../calibration/report.ts';
import { writeFileAtomic } from '../../io/files.ts';
import { checkOutPath } from '../../io/outPath.ts';
import { fileLoader } from '../../io/readScenario.ts';
import { UsageError } from '../errors.ts';
import { repsFlag, workersFlag } from '../flags.ts';
import { framing } from '../format.ts';
import { defaultWorkers } from '../pool.ts';
import { DEFAULT_TARGETS, createRunner, readTargets } from './calibrate.ts';

export interface ModelReportFlags {
  reps?: string;
  workers?: string;
  out?: string;
  quiet?: boolean;
}

/** Exit code when a stylized fact fails: the model ran, but does not reproduce the evidence. */
export const FACT_FAILS_EXIT = 3;

function progress(quiet: boolean | undefined, command: string) {
  return (label: string, i: number, n: number) => {
    if (!quiet) process.stderr.write(`${command}: scenario ${i + 1}/${n}: ${label}\n`);
  };
}

/**
 * `buddysim validate-model [targets] [--reps N] [--out FILE]`: runs the reference scenarios of the
 * targets file, prints fact, target, simulated value with its 95% interval and pass/fail, writes
 * the same as Markdown (default out/validate-model/validation.md; `npm run docs:evidence` regenerates
 * the committed docs/validation.md) and exits 3 if any fact fails. Every scenario runs on the
 * targets file's validation seed, which calibration never uses.
 */
export async function validateModelCommand(refs: string[], flags: ModelReportFlags): Promise<void> {
  if (refs.length > 1) throw new UsageError(`validate-model takes at most one targets file, got ${refs.length}`);
  const path = refs[0] ?? DEFAULT_TARGETS;
  const file = readTargets(path);
  const reps = repsFlag(flags.reps) ?? file.reps;
  const out = flags.out ?? 'out/validate-model/validation.md';
  checkOutPath(out, 'file');
  const runner = createRunner(workersFlag(flags.workers, defaultWorkers()));
  try {
    const v = await validate(file, fileLoader, runner.run, { reps, seed: file.validationSeed, onScenario: progress(flags.quiet, 'validate-model') });
    process.stdout.write(`${validationText(v)}\nScenarios run: ${framing(runner.assumed())}\n`);
    const command = `buddysim validate-model${refs[0] ? ` ${refs[0]}` : ''} --reps ${reps}`;
    const targetsPath = relative(process.cwd(), path) || path;
    writeFileAtomic(out, validationMarkdown(v, { command, targetsPath, mechanismsLink: 'docs/mechanisms.md' }));
    process.stdout.write(`Report in ${out}\n`);
    if (v.passed < v.results.length) process.exitCode = FACT_FAILS_EXIT;
  } finally {
    await runner.close();
  }
}

/**
 * `buddysim mechanisms [--reps N] [--out FILE]`: the 40-hour trajectory against year-long
 * befriending under each contested mechanism; prints a table and writes a Markdown report (default
 * out/mechanisms/mechanisms.md; `npm run docs:evidence` regenerates docs/mechanisms.md).
 */
export async function mechanismsCommand(refs: string[], flags: ModelReportFlags): Promise<void> {
  if (refs.length > 0) throw new UsageError(`mechanisms takes no arguments, got "${refs[0]}"`);
  const reps = repsFlag(flags.reps) ?? 400;
  const out = flags.out ?? 'out/mechanisms/mechanisms.md';
  checkOutPath(out, 'file');
  const runner = createRunner(workersFlag(flags.workers, defaultWorkers()));
  try {
    const study = await studyMechanisms(fileLoader, runner.run, { reps, onScenario: progress(flags.quiet, 'mechanisms') });
    process.stdout.write(`${mechanismsText(study)}\n\nScenarios run: ${framing(runner.assumed())}\n`);
    writeFileAtomic(out, mechanismsMarkdown(study, `buddysim mechanisms --reps ${reps}`));
    process.stdout.write(`Report in ${out}\n`);
  } finally {
    await runner.close();
  }
}
