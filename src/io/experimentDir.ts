import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseExperiment, type Experiment } from '../experiment/experiment.ts';
import { experimentManifest } from '../experiment/manifest.ts';
import type { DesignPoints } from '../experiment/points.ts';
import { experimentReport } from '../experiment/report/html.ts';
import { replicationTable, summaries, summaryTable, tableToCsv } from '../experiment/results.ts';
import type { ExperimentResults } from '../experiment/run.ts';
import { ScenarioError } from '../scenario/errors.ts';
import { cleanPartials, makeDir, readJson, writeFileAtomic } from './files.ts';
import { checkOutPath } from './outPath.ts';
import { tableToParquet } from '../experiment/parquet.ts';
import { fileLoader } from './readScenario.ts';

/**
 * An experiment directory: `experiment.json` (the experiment with every scenario inlined, so the
 * directory needs nothing else to resume), `manifest.json` (its points), `log/` (results as they
 * come), and when complete the result files. Everything but the log is written atomically.
 */
export const EXPERIMENT_FILE = 'experiment.json';
export const MANIFEST_FILE = 'manifest.json';
export const LOG_DIR = 'log';
export const RESULT_FILES = ['summary.csv', 'replications.csv', 'summary.parquet', 'replications.parquet', 'report.html'] as const;

/** Reads and validates an experiment file; scenario paths in it are relative to the file. */
export function readExperiment(path: string): Experiment {
  return parseExperiment(readJson(path, 'experiment file'), { load: fileLoader, file: path });
}

const json = (value: unknown) => JSON.stringify(value, null, 1) + '\n';

/**
 * Makes `dir` the home of `experiment`: writes experiment.json and manifest.json, or checks that
 * the ones there belong to the same experiment (same content hash). Clears leftovers of
 * interrupted atomic writes.
 */
export function prepareExperimentDir(dir: string, experiment: Experiment, design: DesignPoints): void {
  checkOutPath(dir, 'into');
  makeDir(dir);
  const path = join(dir, EXPERIMENT_FILE);
  if (existsSync(path)) {
    const there = readExperimentDir(dir);
    if (there.hash !== experiment.hash) {
      throw new ScenarioError([`${dir}: holds another experiment ("${there.name}", hash ${there.hash}, not ${experiment.hash}); choose another --out, or delete the folder`]);
    }
  }
  cleanPartials(dir);
  writeFileAtomic(path, json(experiment.file));
  writeFileAtomic(join(dir, MANIFEST_FILE), json(experimentManifest(experiment, design)));
}

/** The experiment of an experiment directory (for resume and reports). */
export function readExperimentDir(dir: string): Experiment {
  const path = join(dir, EXPERIMENT_FILE);
  if (!existsSync(path)) throw new ScenarioError([`${dir}: not an experiment folder (no ${EXPERIMENT_FILE}); start one with buddysim experiment run <file> --out ${dir}`]);
  return parseExperiment(readJson(path, 'experiment file'), { file: resolve(path), load: fileLoader });
}

/** Writes the result files of complete results: tidy CSV and Parquet, and the HTML report. */
export function writeResults(dir: string, results: ExperimentResults): string[] {
  makeDir(dir);
  const rows = summaries(results);
  const summary = summaryTable(results, rows);
  const replications = replicationTable(results);
  writeFileAtomic(join(dir, 'summary.csv'), tableToCsv(summary));
  writeFileAtomic(join(dir, 'replications.csv'), tableToCsv(replications));
  writeFileAtomic(join(dir, 'summary.parquet'), tableToParquet(summary));
  writeFileAtomic(join(dir, 'replications.parquet'), tableToParquet(replications));
  writeFileAtomic(join(dir, 'report.html'), experimentReport(results, rows));
  return [...RESULT_FILES];
}
