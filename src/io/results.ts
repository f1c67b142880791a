import { writeFileSync } from 'node:fs';
import type { Aggregate } from '../analysis/aggregate.ts';
import { MATCH_COLUMNS, OUTCOME_COLUMNS, RUN_TABLES, csvChunks, csvLines, matchRows, outcomeRows } from '../analysis/tables.ts';
import type { ReplicationResult } from '../model/results.ts';
import { FileError, describeCode } from './errors.ts';
import { TextSink } from './files.ts';
import { OutputFolder } from './outputFolder.ts';

/** The files of one run in DIR; see docs/outputs.md for every column. */
export const OUTPUT_FILES = {
  summary: 'summary.json',
  matches: 'matches.csv',
  outcomes: 'outcomes.csv',
  weekly: 'weekly.csv',
  survival: 'survival.csv',
  waiting: 'waiting.csv',
  replications: 'replications.csv',
} as const;

/**
 * Writes a run's results as a whole (see OutputFolder): match and outcome records stream into
 * the new folder as replications arrive (only those asked for), so memory stays flat; the folder
 * replaces DIR in one step when every file is complete. Opening it checks `--out` and takes the
 * folder's lock, so do it before the simulation starts.
 *
 * @example
 *   const writer = ResultWriter.open('out/run-1');
 *   const aggregate = await pool.runScenario(scenario, { recordsBelow: 10, onRecords: writer.onRecords });
 *   writer.finish(aggregate);
 */
export class ResultWriter {
  private readonly matches?: TextSink;
  private readonly outcomes?: TextSink;

  private constructor(private readonly folder: OutputFolder, records: boolean) {
    if (!records) return;
    try {
      this.matches = new TextSink(folder.path(OUTPUT_FILES.matches));
      this.outcomes = new TextSink(folder.path(OUTPUT_FILES.outcomes));
      this.matches.write(csvLines([MATCH_COLUMNS]));
      this.outcomes.write(csvLines([OUTCOME_COLUMNS]));
    } catch (e) {
      this.abort();
      throw e;
    }
  }

  /** `records: false` (a merge of shards) writes no match or outcome records. */
  static open(dir: string, records = true): ResultWriter {
    return new ResultWriter(OutputFolder.open(dir), records);
  }

  get dir(): string {
    return this.folder.target;
  }

  /** The files this writer produces. */
  get files(): string[] {
    return Object.values(OUTPUT_FILES).filter((f) => this.matches || (f !== OUTPUT_FILES.matches && f !== OUTPUT_FILES.outcomes));
  }

  /** Called with the records of every replication asked for, in order; writes them. */
  readonly onRecords = (records: ReplicationResult): void => {
    if (!this.matches || !this.outcomes) return;
    this.matches.write(csvLines(matchRows(records)));
    this.outcomes.write(csvLines(outcomeRows(records)));
  };

  /** Writes the tables and summary.json, then puts the folder in place. */
  finish(aggregate: Aggregate): void {
    try {
      for (const [file, table] of Object.entries(RUN_TABLES)) {
        const sink = new TextSink(this.folder.path(file), `${file} for ${this.folder.target}`);
        for (const piece of csvChunks(table(aggregate))) sink.write(piece);
        sink.close();
      }
      this.matches?.close();
      this.outcomes?.close();
      this.writeFile(OUTPUT_FILES.summary, JSON.stringify(aggregate.summary, null, 1) + '\n');
    } catch (e) {
      this.abort();
      throw e;
    }
    this.folder.commit();
  }

  abort(): void {
    this.matches?.discard();
    this.outcomes?.discard();
    this.folder.abort();
  }

  private writeFile(file: string, text: string): void {
    try {
      writeFileSync(this.folder.path(file), text);
    } catch (e) {
      throw new FileError(`cannot write ${file} for ${this.folder.target} (${describeCode(e)})`);
    }
  }
}
