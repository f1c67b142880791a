import { parseArgs } from 'node:util';
import { ScenarioError } from '../scenario/errors.ts';
import { calibrateCommand } from './commands/calibrate.ts';
import { compareCommand } from './commands/compare.ts';
import { EXPERIMENT_USAGE, experimentCommand } from './commands/experiment.ts';
import { mergeCommand } from './commands/merge.ts';
import { paramsText } from './commands/params.ts';
import { runCommand } from './commands/run.ts';
import { schemaCommand } from './commands/schema.ts';
import { sensitivityCommand } from './commands/sensitivity.ts';
import { validateCommand } from './commands/validate.ts';
import { mechanismsCommand, validateModelCommand } from './commands/validateModel.ts';
import { UsageError } from './errors.ts';

const HELP = `buddysim: agent-based simulation of buddy programmes

Usage:
  buddysim run <scenario> [--reps N] [--seed S] [--workers W|auto] [--out DIR] [--records N|all] [--quiet] [--json]
  buddysim run <scenario> --shard K/N|auto [--reps N] [--seed S] [--workers W] [--out DIR]
  buddysim merge <shard files> [--out DIR] [--json]
  buddysim compare <base> <other> [...] [--reps N] [--seed S] [--workers W] [--out DIR] [--quiet]
  buddysim validate <scenario> [...]
  buddysim schema [--out FILE]
  buddysim params [--markdown]
  buddysim validate-model [targets] [--reps N] [--workers W] [--out FILE] [--quiet]
  buddysim calibrate [targets] --params a.b[=lo:hi],c.d [--reps N] [--candidates N] [--refine N] [--seed S] [--workers W] [--out FILE] [--quiet]
  buddysim mechanisms [--reps N] [--workers W] [--out FILE] [--quiet]
  buddysim sensitivity --self-test [--json]
  buddysim sensitivity <experiment file> [--out DIR] [--workers W] [--quiet] [--json]
  ${EXPERIMENT_USAGE}

<scenario> is a scenario file, or the name of a bundled one:
  flemish-befriending, civic-integration-40h, duo-for-a-job, community-mentoring, resource-starved,
  best-practice-mentoring, poorly-supported-mentoring, newcomer-befriending

run       simulates the scenario's replications on all cores, prints a summary, and writes
          summary.json and CSV files to DIR (default out/<scenario>). --records: replications
          whose match and participant records go to CSV (default 10).
          --shard K/N runs only shard K (0-based) of N and writes its statistics as a shard file;
          --shard auto takes K and N from a Slurm job array or a Kubernetes Indexed Job.
merge     merges shard files into the results of a single run (byte-identical summary.json).
compare   runs each scenario with the first one's seed and replications and reports paired
          differences against the first, with 95% intervals.
validate  checks scenario files: one line per problem, exit code 1 if any.
schema    prints the JSON Schema of scenario files (for editors).
params    lists every parameter with default, unit, range and source.
validate-model
          runs the reference scenarios of the calibration targets (default calibration/targets.json:
          the stylized facts of the evidence) and prints each fact's target, simulated value with a
          95% interval, and pass or fail; writes the same to FILE (default docs/validation.md).
calibrate searches the named parameters within their declared ranges (or lo:hi) against the targets:
          a Latin hypercube of N candidates, then Nelder-Mead; same seed for every candidate.
          Prints the best set and the fit per target; progress on stderr.
mechanisms
          compares the 40-hour trajectory with year-long befriending for newcomers under each
          contested dose mechanism (duration, frequency, neither); writes FILE (default docs/mechanisms.md).
sensitivity --self-test
          checks the sensitivity estimators (Sobol' sequence, Sobol' indices, Morris) on test
          functions with analytic indices; prints estimate, interval, analytic value and pass.
sensitivity <experiment file>
          runs an experiment with a morris or sobol design (continuing what DIR holds) and prints
          the indices per output with their intervals and the noise floor (a dummy factor's index).
experiment
          runs an experiment file (factors, a design, replications, outputs: docs/experiments.md) with
          common random numbers at every point; writes results as they come to DIR (default
          out/<file>): tidy CSV and Parquet, a manifest, an HTML report. resume continues an
          interrupted run; --shard and merge split it over a cluster.

Exit codes: 0 ok, 1 invalid scenario or input file, 2 invalid command line, 3 a stylized fact fails
(validate-model), a self-test check misses (sensitivity) or replications failed (experiment), 70 a bug
(please report it).
`;

type Flags = Record<string, string | boolean | undefined>;

const OPTIONS = {
  reps: { type: 'string' },
  seed: { type: 'string' },
  workers: { type: 'string' },
  out: { type: 'string' },
  records: { type: 'string' },
  shard: { type: 'string' },
  quiet: { type: 'boolean' },
  json: { type: 'boolean' },
  markdown: { type: 'boolean' },
  params: { type: 'string' },
  candidates: { type: 'string' },
  refine: { type: 'string' },
  'self-test': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Which flags each command takes: anything else is a usage error naming the allowed ones. */
const ALLOWED: Record<string, string[]> = {
  run: ['reps', 'seed', 'workers', 'out', 'records', 'quiet', 'json', 'shard'],
  compare: ['reps', 'seed', 'workers', 'out', 'quiet'],
  validate: [],
  schema: ['out'],
  params: ['markdown'],
  merge: ['out', 'json', 'quiet'],
  'validate-model': ['reps', 'workers', 'out', 'quiet'],
  calibrate: ['params', 'reps', 'candidates', 'refine', 'seed', 'workers', 'out', 'quiet'],
  mechanisms: ['reps', 'workers', 'out', 'quiet'],
  sensitivity: ['self-test', 'json', 'out', 'workers', 'quiet'],
  experiment: ['out', 'workers', 'shard', 'quiet'],
};

function parse(argv: string[]): { command: string; positionals: string[]; flags: Flags } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, allowNegative: true, strict: true });
  } catch (e) {
    const err = e as Error & { code?: string };
    const flag = /'(--?[\w-]+)/.exec(err.message)?.[1];
    if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`unknown option ${flag ?? ''}; see buddysim --help`);
    if (err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new UsageError(`option ${flag ?? ''} needs a value; see buddysim --help`);
    throw new UsageError(err.message);
  }
  const [command = '', ...positionals] = parsed.positionals;
  return { command, positionals, flags: parsed.values as Flags };
}

async function main(argv: string[]): Promise<void> {
  const { command, positionals, flags } = parse(argv);
  if (flags.help || command === 'help') {
    process.stdout.write(HELP);
    return;
  }
  if (command === '') {
    // No command is a usage error: the help goes to stderr, stdout stays empty for scripts.
    process.stderr.write(HELP);
    process.exitCode = 2;
    return;
  }
  const allowed = ALLOWED[command];
  if (!allowed) throw new UsageError(`unknown command "${command}"; commands: ${Object.keys(ALLOWED).join(', ')}`);
  for (const [flag, value] of Object.entries(flags)) {
    if (value !== undefined && !allowed.includes(flag)) {
      throw new UsageError(`${command} does not take --${flag}; it takes ${allowed.length ? allowed.map((f) => `--${f}`).join(', ') : 'no options'}`);
    }
  }
  const str = (k: string) => flags[k] as string | undefined;
  const runFlags = { reps: str('reps'), seed: str('seed'), workers: str('workers'), out: str('out'), records: str('records'), shard: str('shard'), quiet: flags.quiet === true, json: flags.json === true };
  switch (command) {
    case 'run':
      if (positionals.length !== 1) throw new UsageError(`run takes one scenario, got ${positionals.length}: buddysim run <scenario>`);
      return runCommand(positionals[0], runFlags);
    case 'merge':
      return mergeCommand(positionals, runFlags);
    case 'compare':
      return compareCommand(positionals, runFlags);
    case 'validate':
      if (positionals.length === 0) throw new UsageError('validate needs a scenario: buddysim validate <scenario> [...]');
      return validateCommand(positionals);
    case 'schema':
      if (positionals.length > 0) throw new UsageError(`schema takes no arguments, got "${positionals[0]}"`);
      return schemaCommand(str('out'));
    case 'params':
      if (positionals.length > 0) throw new UsageError(`params takes no arguments, got "${positionals[0]}"`);
      process.stdout.write(paramsText(flags.markdown === true));
      return;
    case 'validate-model':
      return validateModelCommand(positionals, { reps: str('reps'), workers: str('workers'), out: str('out'), quiet: flags.quiet === true });
    case 'mechanisms':
      return mechanismsCommand(positionals, { reps: str('reps'), workers: str('workers'), out: str('out'), quiet: flags.quiet === true });
    case 'experiment':
      return experimentCommand(positionals, { out: str('out'), workers: str('workers'), shard: str('shard'), quiet: flags.quiet === true });
    case 'calibrate':
      return calibrateCommand(positionals, {
        params: str('params'), reps: str('reps'), candidates: str('candidates'), refine: str('refine'),
        seed: str('seed'), workers: str('workers'), out: str('out'), quiet: flags.quiet === true,
      });
    case 'sensitivity':
      return sensitivityCommand(positionals, { selfTest: flags['self-test'] === true, json: flags.json === true, out: str('out'), workers: str('workers'), quiet: flags.quiet === true });
  }
}

// Output piped into a reader that stopped early (`| head`): not an error worth a trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

main(process.argv.slice(2)).catch((e: unknown) => {
  if (e instanceof UsageError) {
    process.stderr.write(`buddysim: ${e.message}\n`);
    process.exitCode = 2;
  } else if (e instanceof ScenarioError) {
    for (const line of e.problems) process.stderr.write(`${line}\n`);
    process.exitCode = 1;
  } else {
    const err = e as Error;
    process.stderr.write(`buddysim: internal error: ${err?.message ?? String(e)}\n`);
    if (process.env.BUDDYSIM_DEBUG) process.stderr.write(`${err?.stack ?? ''}\n`);
    process.exitCode = 70;
  }
});
