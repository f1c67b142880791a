import { checkOutPath } from '../../io/outPath.ts';
import { join } from 'node:path';
import { shardRange } from '../../engine/tasks.ts';
import { experimentSchemaText } from '../../experiment/schema.ts';
import { designPoints, type DesignPoints } from '../../experiment/points.ts';
import type { Experiment } from '../../experiment/experiment.ts';
import { runExperiment, storedResults, unitCount, type ExperimentResults } from '../../experiment/run.ts';
import { markdownReport } from '../../experiment/report/markdown.ts';
import { pairedDifferences } from '../../experiment/report/differences.ts';
import { rankFactors } from '../../experiment/report/ranking.ts';
import { rankedFactors } from '../../experiment/report/sensitivityBlocks.ts';
import { analyseSensitivity } from '../../experiment/sensitivity.ts';
import { summaries } from '../../experiment/results.ts';
import { diffUnit, fmt, fmtEstimate } from '../../analysis/format.ts';
import { METRICS } from '../../analysis/metrics.ts';
import { LOG_DIR, prepareExperimentDir, readExperiment, readExperimentDir, writeResults } from '../../io/experimentDir.ts';
import { LogStore, logLine } from '../../io/experimentLog.ts';
import { checkExperimentShards, experimentShardFileName, readExperimentShard, shardLogDir, writeExperimentShard } from '../../io/experimentShards.ts';
import { writeFileAtomic } from '../../io/files.ts';
import { ScenarioError } from '../../scenario/errors.ts';
import { UsageError } from '../errors.ts';
import { EXPERIMENT_USAGE } from './experimentUsage.ts';
import { workersFlag } from '../flags.ts';
import { poolRunner } from '../experimentPool.ts';
import { assumedBy, framing } from '../format.ts';
import { defaultWorkers } from '../pool.ts';
import { createProgress } from '../progress.ts';
import { shardFlag } from '../shardFlag.ts';
import { slug } from './run.ts';

export interface ExperimentFlags {
  out?: string;
  workers?: string;
  shard?: string;
  quiet?: boolean;
}



async function runInto(experiment: Experiment, design: DesignPoints, store: LogStore, flags: ExperimentFlags, range?: { start: number; end: number }, label = experiment.name) {
  if (store.torn > 0) process.stderr.write(`${store.torn} interrupted record${store.torn === 1 ? '' : 's'} found; ${store.torn === 1 ? 'that replication runs' : 'those replications run'} again\n`);
  const progress = createProgress(label, !flags.quiet);
  const runner = poolRunner(workersFlag(flags.workers, defaultWorkers()));
  try {
    return await runExperiment(experiment, { design, store, range, runner, onProgress: (done, total) => progress.update(done, total) });
  } finally {
    progress.stop();
    store.close();
    await runner.close();
  }
}

/** The closing lines: where the results are, failed replications, and the top of each ranking. */
function finish(dir: string, results: ExperimentResults, files: string[], verb: string, out: NodeJS.WritableStream = process.stdout): void {
  const rows = summaries(results);
  const lines = [
    `${verb} ${results.design.points.length} points x ${results.experiment.replications} replications; results in ${dir}/: ${files.join(', ')} (see docs/experiments.md)`,
    `  ${framing(results.design.points.map((p) => assumedBy(p.scenario, `point ${p.index}`)), 'point')}`,
  ];
  for (const a of analyseSensitivity(results, rows)) {
    const what = `  ${a.metric}${a.block !== null ? ` (${a.block})` : ''}`;
    lines.push(a.refused ? `${what}: no indices, ${a.refused}` : `${what}, ${a.method === 'morris' ? 'mu*' : 'total index'}: ${rankedFactors(a).slice(0, 5).map((x) => `${x.name} ${fmt(x.value, '', 3)}`).join(', ')}`);
  }
  const rankings = rankFactors(results, rows).filter((r) => r.rows.length > 1);
  if (rankings.length > 0) lines.push(`Factors by ${rankings[0].measure}:`);
  for (const r of rankings.slice(0, 12)) {
    const unit = r.measure.startsWith('|Spearman') ? 'r' : diffUnit(METRICS[r.metric].unit);
    lines.push(`  ${r.metric}${r.block !== null ? ` (${r.block})` : ''}: ${r.rows.slice(0, 5).map((x) => `${x.factor} ${fmt(x.value, unit)}`).join(', ')}`);
  }
  const diffs = pairedDifferences(results);
  if (diffs.length > 0) lines.push(`Paired differences against ${diffs[0].factor} = ${diffs[0].reference} (mean [95% CI]):`);
  for (const d of diffs.slice(0, 24)) {
    lines.push(`  ${d.level}${d.block !== null ? ` (${d.block})` : ''}, ${d.metric}: ${fmtEstimate(d.difference.mean, d.difference.ci95, diffUnit(METRICS[d.metric].unit), true)}`);
  }
  out.write(lines.join('\n') + '\n');
  const failed = results.records.filter((r) => r.values === null);
  if (failed.length > 0) {
    process.stderr.write(`buddysim: ${failed.length} replication${failed.length === 1 ? '' : 's'} failed (first: point ${failed[0].point}, replication ${failed[0].replication}: ${failed[0].error}); they are listed in replications.csv\n`);
    process.exitCode = 3;
  }
}

/**
 * Runs an experiment file into its folder, continuing what is there if the folder holds the same
 * experiment (for `buddysim sensitivity <file>`), and writes the result files.
 */
export async function runOrResume(file: string, flags: ExperimentFlags, out: NodeJS.WritableStream = process.stdout): Promise<{ dir: string; results: ExperimentResults }> {
  const experiment = readExperiment(file);
  const design = designPoints(experiment);
  const dir = flags.out ?? join('out', slug(file));
  prepareExperimentDir(dir, experiment, design);
  const store = new LogStore(join(dir, LOG_DIR));
  const before = [...store.done()].length;
  if (before > 0 && !flags.quiet) process.stderr.write(`${dir}: continuing a run of this experiment (${before} replications done)\n`);
  const results = await runInto(experiment, design, store, flags);
  finish(dir, results, writeResults(dir, results), before > 0 ? 'Completed' : 'Ran', out);
  return { dir, results };
}

async function run(file: string, flags: ExperimentFlags): Promise<void> {
  const experiment = readExperiment(file);
  const design = designPoints(experiment);
  const dir = flags.out ?? join('out', slug(file));
  const shard = shardFlag(flags.shard);
  prepareExperimentDir(dir, experiment, design);
  if (shard) {
    const range = shardRange(unitCount(experiment, design), shard.shard, shard.shards);
    const store = new LogStore(join(dir, shardLogDir(shard.shard, shard.shards)));
    const results = await runInto(experiment, design, store, flags, range, `${experiment.name} shard ${shard.shard}/${shard.shards}`);
    const path = join(dir, experimentShardFileName(shard.shard, shard.shards));
    writeExperimentShard(path, experiment, shard.shard, shard.shards, range, results.records);
    process.stdout.write(`Shard ${shard.shard} of ${shard.shards}: units ${range.start} to ${range.end - 1} (point x replication) in ${path}\nMerge all shards with: buddysim experiment merge ${join(dir, 'shard-*.jsonl')} --out ${dir}\n`);
    return;
  }
  const store = new LogStore(join(dir, LOG_DIR));
  if ([...store.done()].length > 0 || store.torn > 0) {
    throw new ScenarioError([`${dir}: already holds a run of this experiment; continue it with: buddysim experiment resume ${dir}`]);
  }
  const results = await runInto(experiment, design, store, flags);
  finish(dir, results, writeResults(dir, results), 'Ran');
}

async function resume(dir: string, flags: ExperimentFlags): Promise<void> {
  const experiment = readExperimentDir(dir);
  const design = designPoints(experiment);
  prepareExperimentDir(dir, experiment, design);
  const results = await runInto(experiment, design, new LogStore(join(dir, LOG_DIR)), flags);
  finish(dir, results, writeResults(dir, results), 'Completed');
}

function merge(paths: string[], flags: ExperimentFlags): void {
  if (paths.length === 0) throw new UsageError('experiment merge needs shard files: buddysim experiment merge out/x/shard-*.jsonl --out DIR');
  if (!flags.out) throw new UsageError('experiment merge needs --out DIR: the folder for the merged results');
  const { experiment, design, records } = checkExperimentShards(paths.map(readExperimentShard));
  prepareExperimentDir(flags.out, experiment, design);
  // The merged records also go to the folder's log, so `resume` and reports work on it as on a single run.
  writeFileAtomic(join(flags.out, LOG_DIR, 'merged.log'), records.map(logLine).join(''));
  const results: ExperimentResults = { experiment, design, range: { start: 0, end: unitCount(experiment, design) }, records };
  finish(flags.out, results, writeResults(flags.out, results), `Merged ${paths.length} shard${paths.length === 1 ? '' : 's'}:`);
}

/** The report of a finished run as Markdown with SVG charts, for a docs page. */
function report(dir: string, flags: ExperimentFlags): void {
  if (!flags.out) throw new UsageError('experiment report needs --out DIR: the folder for README.md and its charts');
  checkOutPath(flags.out, 'into');
  const experiment = readExperimentDir(dir);
  const design = designPoints(experiment);
  const store = new LogStore(join(dir, LOG_DIR));
  const results = storedResults(experiment, design, store.done());
  if (!results) throw new ScenarioError([`${dir}: the run is not complete; finish it with: buddysim experiment resume ${dir}`]);
  const header = `Generated by \`buddysim experiment report ${dir} --out ${flags.out}\` from a complete run (${design.points.length} points x ${experiment.replications} replications); do not edit by hand. The commands that make the shipped experiments' reports are in docs/experiments.md.`;
  const { markdown, files } = markdownReport(results, header);
  writeFileAtomic(join(flags.out, 'README.md'), markdown);
  for (const [name, svg] of Object.entries(files)) writeFileAtomic(join(flags.out, name), svg);
  process.stdout.write(`Report in ${join(flags.out, 'README.md')} with ${Object.keys(files).length} chart${Object.keys(files).length === 1 ? '' : 's'}\n`);
}

export async function experimentCommand(positionals: string[], flags: ExperimentFlags): Promise<void> {
  const [sub, ...args] = positionals;
  const only = (allowed: (keyof ExperimentFlags)[]) => {
    for (const k of ['out', 'workers', 'shard'] as const) {
      if (flags[k] !== undefined && !allowed.includes(k)) throw new UsageError(`experiment ${sub} does not take --${k}`);
    }
  };
  switch (sub) {
    case 'run':
      if (args.length !== 1) throw new UsageError(`experiment run takes one experiment file, got ${args.length}: buddysim experiment run <file>`);
      return run(args[0], flags);
    case 'resume':
      only(['workers']);
      if (args.length !== 1) throw new UsageError(`experiment resume takes one folder, got ${args.length}: buddysim experiment resume <dir>`);
      return resume(args[0], flags);
    case 'merge':
      only(['out']);
      return merge(args, flags);
    case 'report':
      only(['out']);
      if (args.length !== 1) throw new UsageError(`experiment report takes one folder, got ${args.length}: buddysim experiment report <dir> --out DIR`);
      return report(args[0], flags);
    case 'schema': {
      only(['out']);
      if (flags.out) {
        checkOutPath(flags.out, 'file');
        writeFileAtomic(flags.out, experimentSchemaText());
        process.stdout.write(`JSON Schema written to ${flags.out}\n`);
      } else process.stdout.write(experimentSchemaText());
      return;
    }
    default:
      throw new UsageError(`experiment needs a subcommand (run, resume, merge, report, schema)${sub ? `, got "${sub}"` : ''}:\n  ${EXPERIMENT_USAGE}`);
  }
}
