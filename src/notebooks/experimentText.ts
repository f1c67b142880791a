/**
 * Experiment files typed into a notebook: read strictly (the same checks as `buddysim experiment
 * run`), refused with one line per problem instead of an error, sized against what a page can run,
 * and their results as the files the command line writes (CSV and Parquet). Platform-neutral; the
 * Parquet writer needs parquet-wasm initialised in a browser (initParquet).
 */
import { parseExperiment, type Experiment } from '../experiment/experiment.ts';
import { designPoints } from '../experiment/points.ts';
import { replicationTable, summaryTable, tableToCsv } from '../experiment/results.ts';
import type { ExperimentResults } from '../experiment/run.ts';
import { tableToParquet } from '../experiment/parquet.ts';
import { ScenarioError } from '../scenario/errors.ts';
import type { ScenarioLoader } from '../scenario/resolve.ts';
import { parseJsonStrict } from '../scenario/strictJson.ts';

/** Most runs (points x replications) a notebook starts in the page; beyond, use the command line. */
export const PAGE_RUN_LIMIT = 2000;

/**
 * A small experiment to start from: contact frequency swept under each contested mechanism, each
 * mechanism with its levelled gain rate (as in experiments/mechanisms.json).
 */
export const EXAMPLE_EXPERIMENT = {
  version: 1,
  name: 'Contact frequency under each mechanism',
  scenario: 'flemish-befriending',
  factors: [{ name: 'contacts per week', path: 'programme.contactsPerWeek', range: [0.25, 2] }],
  across: {
    name: 'mechanism',
    variants: [
      { label: 'duration', set: { 'programme.mechanism': 'duration', 'behaviour.gainRate': 0.0267 } },
      { label: 'frequency', set: { 'programme.mechanism': 'frequency', 'behaviour.gainRate': 0.017 } },
      { label: 'neither', set: { 'programme.mechanism': 'neither', 'behaviour.gainRate': 0.0389 } },
    ],
  },
  design: { type: 'full-factorial', steps: 4 },
  replications: 4,
  seed: 7,
  outputs: ['effectMatched', 'prematureIncidence'],
} as const;

export interface ReadExperiment {
  /** The validated experiment, when there is no problem. */
  readonly experiment?: Experiment;
  /** Points x replications (0 when the file is invalid). */
  readonly runs: number;
  /** One line per problem: the field, the value and what is allowed. */
  readonly problems: readonly string[];
}

/**
 * Reads an experiment file's text: strict JSON, then every check of parseExperiment, then the
 * page's limit on runs. Never throws for bad input: the problems come back as lines.
 *
 * @example
 *   const { experiment, problems } = readExperimentText(text, bundledLoader);
 *   if (problems.length) display(problems.join('\n'));
 */
export function readExperimentText(text: string, load: ScenarioLoader, limit = PAGE_RUN_LIMIT): ReadExperiment {
  try {
    const experiment = parseExperiment(parseJsonStrict(text, 'experiment'), { load });
    const runs = designPoints(experiment).points.length * experiment.replications;
    if (runs > limit) {
      return { runs, problems: [`experiment: ${runs} runs (points x replications); a notebook runs at most ${limit} in the page: lower the replications or the design's size, or run it with buddysim experiment run`] };
    }
    return { experiment, runs, problems: [] };
  } catch (err) {
    if (err instanceof ScenarioError) return { runs: 0, problems: err.problems };
    throw err;
  }
}

/** A result file as the command line names it, with its bytes or text. */
export interface ResultFile {
  readonly name: string;
  readonly type: string;
  readonly content: string | Uint8Array;
}

/**
 * The files `buddysim experiment run` writes for these results (experiment.json with scenarios
 * inlined, summary and replications as CSV and Parquet), to download from a notebook.
 *
 * @example
 *   resultFiles(results).find((f) => f.name === 'summary.parquet')!.content; // Uint8Array
 */
export function resultFiles(results: ExperimentResults): ResultFile[] {
  const summary = summaryTable(results);
  const replications = replicationTable(results);
  return [
    { name: 'experiment.json', type: 'application/json', content: `${JSON.stringify(results.experiment.file, null, 2)}\n` },
    { name: 'summary.csv', type: 'text/csv', content: tableToCsv(summary) },
    { name: 'summary.parquet', type: 'application/vnd.apache.parquet', content: tableToParquet(summary) },
    { name: 'replications.csv', type: 'text/csv', content: tableToCsv(replications) },
    { name: 'replications.parquet', type: 'application/vnd.apache.parquet', content: tableToParquet(replications) },
  ];
}
