import { parseArgs } from 'node:util';
import { FileError } from '../io/errors.ts';
import { ScenarioError } from '../scenario/errors.ts';
import { calibrateCommand } from './commands/calibrate.ts';
import { compareCommand } from './commands/compare.ts';
import { designsCommand } from './commands/designs.ts';
import { EXPERIMENT_USAGE, experimentCommand } from './commands/experiment.ts';
import { mergeCommand } from './commands/merge.ts';
import { paramsText } from './commands/params.ts';
import { planCommand } from './commands/plan.ts';
import { runCommand, type RunFlags } from './commands/run.ts';
import { schemaCommand } from './commands/schema.ts';
import { sensitivityCommand } from './commands/sensitivity.ts';
import { validateCommand } from './commands/validate.ts';
import { mechanismsCommand, validateModelCommand } from './commands/validateModel.ts';
import { UsageError } from './errors.ts';
import { PoolError } from './pool.ts';

const HELP = `buddysim: agent-based simulation of buddy programmes

Usage:
  buddysim run <scenario> [--reps N] [--seed S] [--workers W|auto] [--out DIR] [--records N|all] [--quiet] [--json]
  buddysim run <scenario> --shard K/N|auto [--reps N] [--seed S] [--workers W] [--out DIR]
  buddysim merge <shard files> [--out DIR] [--json]
  buddysim compare <base> <other> [...] [--reps N] [--seed S] [--workers W] [--out DIR] [--quiet]
  buddysim plan <scenario> [--referrals-per-year N] [--within-weeks X] [--target-share S] [--among seeking|referred]
                [--max-waiting N] [--warm-up-weeks W] [--vary volunteers|hours|both] [--confidence 0.95]
                [--inflows 30,60,120,240] [--programmes N] [--reps N] [--seed S] [--workers W] [--json] [--out DIR] [--quiet]
  buddysim validate <scenario> [...]
  buddysim schema [--out FILE]
  buddysim params [--markdown]
  buddysim validate-model [targets] [--reps N] [--workers W] [--out FILE] [--quiet]
  buddysim calibrate [targets] --params a.b[=lo:hi],c.d [--reps N] [--candidates N] [--refine N] [--seed S] [--workers W] [--out FILE] [--quiet]
  buddysim mechanisms [--reps N] [--workers W] [--out FILE] [--quiet]
  buddysim designs [--reps N] [--seed S] [--workers W] [--json] [--out DIR] [--grid FILE] [--quiet]
  buddysim sensitivity --self-test [--json]
  buddysim sensitivity <experiment file> [--out DIR] [--workers W] [--quiet] [--json]
  ${EXPERIMENT_USAGE}

<scenario> is a scenario file, or the name of a bundled one:
  flemish-befriending, civic-integration-40h, duo-for-a-job, community-mentoring, resource-starved,
  best-practice-mentoring, poorly-supported-mentoring, newcomer-befriending, flemish-region-newcomers
A scenario file is at most 1 MB; its "extends" may name a file in its own folder (or below) or a
bundled scenario; --extends-anywhere (run, compare, validate) lifts the folder rule.

run       simulates the scenario's replications on all cores, prints a summary, and writes
          summary.json and CSV files to DIR (default out/<scenario>). DIR is replaced as a whole
          when the run completes (never a mix of two runs). --records: replications whose match
          and participant records go to CSV (default 10). A run estimated above 500 M
          participant-weeks gets a warning first.
          --shard K/N runs only shard K (0-based) of N and writes its statistics as a shard file;
          --shard auto takes K and N from a Slurm job array or a Kubernetes Indexed Job.
merge     checks the shard files (checksums) and merges them into the results of a single run
          (byte-identical summary.json).
compare   runs each scenario with the first one's seed and replications and reports paired
          differences against the first, with 95% intervals.
plan      the capacity planner: the smallest volunteer recruitment and coordinator hours that meet a
          service target (default: 90% of those still seeking a match matched within 8 weeks of
          referral, referred after the first half-year), with the stated one-sided confidence: a
          queueing estimate, then a search on the simulation with common random numbers, adding
          replications until each decision is clear, checked on a second seed. Prints the cost per
          year, where the pipeline breaks first, a table across inflows (default half, the same,
          twice and four times the planned inflow) and the search path; --json gives it all with
          "recommended", the parameter overrides to apply. --programmes N: the scenario is one of N
          equal local programmes of a region (referrals are the region's; staffing and cost are
          added up). See docs/planning.md.
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
designs   compares ways to spend the 40 hours of the civic-integration trajectory (hours a week,
          meetings, time limit; duo, group, peer buddies) and year-long befriending, all on the
          same people, coordinator and seed, under each contested mechanism: completion, premature
          endings, effects at the end and 12 months later, cost; regret and whether each conclusion
          holds whatever the mechanism. --grid FILE: another grid (docs/designs.md); --out DIR:
          designs.json and the report (report.html, report.md, charts).
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

Exit codes: 0 ok, 1 invalid scenario or input file, or a file the system refused (unreadable,
unwritable, disk full, a folder locked by another run), 2 invalid command line (including an
impossible --out), 3 a stylized fact fails (validate-model), a self-test check misses
(sensitivity) or replications failed (experiment), 70 a bug (please report it).
`;

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
  'extends-anywhere': { type: 'boolean' },
  'self-test': { type: 'boolean' },
  grid: { type: 'string' },
  'referrals-per-year': { type: 'string' },
  'within-weeks': { type: 'string' },
  'target-share': { type: 'string' },
  'max-waiting': { type: 'string' },
  among: { type: 'string' },
  'warm-up-weeks': { type: 'string' },
  vary: { type: 'string' },
  confidence: { type: 'string' },
  inflows: { type: 'string' },
  programmes: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type OptionName = keyof typeof OPTIONS;
type Flags = Partial<Record<OptionName, string | boolean>>;

const str = (flags: Flags, k: OptionName) => flags[k] as string | undefined;

function runFlags(flags: Flags): RunFlags {
  return {
    reps: str(flags, 'reps'), seed: str(flags, 'seed'), workers: str(flags, 'workers'), out: str(flags, 'out'),
    records: str(flags, 'records'), shard: str(flags, 'shard'), quiet: flags.quiet === true, json: flags.json === true,
    extendsAnywhere: flags['extends-anywhere'] === true,
  };
}

function noArguments(command: string, positionals: string[]): void {
  if (positionals.length > 0) throw new UsageError(`${command} takes no arguments, got "${positionals[0].slice(0, 80)}"`);
}

interface Command {
  /** The options it takes; any other is a usage error naming these. */
  flags: OptionName[];
  run(positionals: string[], flags: Flags): void | Promise<void>;
}

/** Every command: add one here (its options, and what it runs) and to HELP. */
const COMMANDS: Record<string, Command> = {
  run: {
    flags: ['reps', 'seed', 'workers', 'out', 'records', 'quiet', 'json', 'shard', 'extends-anywhere'],
    run(positionals, flags) {
      if (positionals.length !== 1) throw new UsageError(`run takes one scenario, got ${positionals.length}: buddysim run <scenario>`);
      return runCommand(positionals[0], runFlags(flags));
    },
  },
  compare: { flags: ['reps', 'seed', 'workers', 'out', 'quiet', 'extends-anywhere'], run: (positionals, flags) => compareCommand(positionals, runFlags(flags)) },
  merge: { flags: ['out', 'json', 'quiet'], run: (positionals, flags) => mergeCommand(positionals, runFlags(flags)) },
  plan: {
    flags: [
      'referrals-per-year', 'within-weeks', 'target-share', 'max-waiting', 'among', 'warm-up-weeks', 'vary', 'confidence', 'inflows',
      'programmes', 'reps', 'seed', 'workers', 'json', 'out', 'quiet', 'extends-anywhere',
    ],
    run: (positionals, flags) =>
      planCommand(positionals, {
        referralsPerYear: str(flags, 'referrals-per-year'), withinWeeks: str(flags, 'within-weeks'), targetShare: str(flags, 'target-share'),
        maxWaiting: str(flags, 'max-waiting'), among: str(flags, 'among'), warmUpWeeks: str(flags, 'warm-up-weeks'), vary: str(flags, 'vary'),
        confidence: str(flags, 'confidence'), inflows: str(flags, 'inflows'), programmes: str(flags, 'programmes'), reps: str(flags, 'reps'),
        seed: str(flags, 'seed'), workers: str(flags, 'workers'), json: flags.json === true, out: str(flags, 'out'), quiet: flags.quiet === true,
        extendsAnywhere: flags['extends-anywhere'] === true,
      }),
  },
  validate: {
    flags: ['extends-anywhere'],
    run(positionals, flags) {
      if (positionals.length === 0) throw new UsageError('validate needs a scenario: buddysim validate <scenario> [...]');
      return validateCommand(positionals, { extendsAnywhere: flags['extends-anywhere'] === true });
    },
  },
  schema: {
    flags: ['out'],
    run(positionals, flags) {
      noArguments('schema', positionals);
      return schemaCommand(str(flags, 'out'));
    },
  },
  params: {
    flags: ['markdown'],
    run(positionals, flags) {
      noArguments('params', positionals);
      process.stdout.write(paramsText(flags.markdown === true));
    },
  },
  'validate-model': {
    flags: ['reps', 'workers', 'out', 'quiet'],
    run: (positionals, flags) => validateModelCommand(positionals, { reps: str(flags, 'reps'), workers: str(flags, 'workers'), out: str(flags, 'out'), quiet: flags.quiet === true }),
  },
  calibrate: {
    flags: ['params', 'reps', 'candidates', 'refine', 'seed', 'workers', 'out', 'quiet'],
    run: (positionals, flags) =>
      calibrateCommand(positionals, {
        params: str(flags, 'params'), reps: str(flags, 'reps'), candidates: str(flags, 'candidates'), refine: str(flags, 'refine'),
        seed: str(flags, 'seed'), workers: str(flags, 'workers'), out: str(flags, 'out'), quiet: flags.quiet === true,
      }),
  },
  mechanisms: {
    flags: ['reps', 'workers', 'out', 'quiet'],
    run: (positionals, flags) => mechanismsCommand(positionals, { reps: str(flags, 'reps'), workers: str(flags, 'workers'), out: str(flags, 'out'), quiet: flags.quiet === true }),
  },
  designs: {
    flags: ['reps', 'seed', 'workers', 'json', 'out', 'grid', 'quiet'],
    run: (positionals, flags) =>
      designsCommand(positionals, {
        reps: str(flags, 'reps'), seed: str(flags, 'seed'), workers: str(flags, 'workers'), json: flags.json === true,
        out: str(flags, 'out'), grid: str(flags, 'grid'), quiet: flags.quiet === true,
      }),
  },
  sensitivity: {
    flags: ['self-test', 'json', 'out', 'workers', 'quiet'],
    run: (positionals, flags) =>
      sensitivityCommand(positionals, { selfTest: flags['self-test'] === true, json: flags.json === true, out: str(flags, 'out'), workers: str(flags, 'workers'), quiet: flags.quiet === true }),
  },
  experiment: {
    flags: ['out', 'workers', 'shard', 'quiet'],
    run: (positionals, flags) => experimentCommand(positionals, { out: str(flags, 'out'), workers: str(flags, 'workers'), shard: str(flags, 'shard'), quiet: flags.quiet === true }),
  },
};

const NEGATIVE_NUMBER = /^-\d/;

/**
 * Reads the command line strictly: unknown options, options given twice, a value on a switch
 * (`--quiet=yes`) and a missing value are usage errors. `--seed -1` reads -1 as the value (to be
 * refused by the range check), not as an option.
 */
function parse(argv: string[]): { command: string; positionals: string[]; flags: Flags } {
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = /^--([\w-]+)$/.exec(argv[i])?.[1];
    const option = name ? OPTIONS[name as OptionName] : undefined;
    if (option?.type === 'string' && i + 1 < argv.length && NEGATIVE_NUMBER.test(argv[i + 1])) {
      args.push(`${argv[i]}=${argv[i + 1]}`);
      i += 1;
    } else {
      args.push(argv[i]);
    }
  }
  let parsed;
  try {
    parsed = parseArgs({ args, options: OPTIONS, allowPositionals: true, allowNegative: true, strict: true, tokens: true });
  } catch (e) {
    const err = e as Error & { code?: string };
    const flag = /'(--?[\w-]+)/.exec(err.message)?.[1] ?? '';
    if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`unknown option ${flag}; see buddysim --help`);
    if (err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const option = OPTIONS[flag.replace(/^-+/, '') as OptionName];
      if (option?.type === 'boolean') throw new UsageError(`option ${flag} is a switch and takes no value; write ${flag} alone`);
      throw new UsageError(`option ${flag} needs a value; see buddysim --help`);
    }
    throw new UsageError(err.message);
  }
  const seen = new Set<string>();
  for (const token of parsed.tokens ?? []) {
    if (token.kind !== 'option') continue;
    if (seen.has(token.name)) throw new UsageError(`option --${token.name} is given more than once; give it once`);
    seen.add(token.name);
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
  const spec = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!spec) throw new UsageError(`unknown command "${command.slice(0, 80)}"; commands: ${Object.keys(COMMANDS).join(', ')}`);
  for (const [flag, value] of Object.entries(flags)) {
    if (value !== undefined && !spec.flags.includes(flag as OptionName)) {
      throw new UsageError(`${command} does not take --${flag}; it takes ${spec.flags.length ? spec.flags.map((f) => `--${f}`).join(', ') : 'no options'}`);
    }
  }
  await spec.run(positionals, flags);
}

/** A failed system call that reached here unwrapped: the environment's doing, not a bug. */
function systemError(e: unknown): string | null {
  const err = e as NodeJS.ErrnoException;
  if (!err || typeof err.code !== 'string' || !/^E[A-Z]+$/.test(err.code) || !err.syscall) return null;
  return `cannot ${err.syscall}${err.path ? ` ${err.path}` : ''} (${err.code})`;
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
  } else if (e instanceof FileError || e instanceof PoolError) {
    process.stderr.write(`buddysim: ${e.message}\n`);
    process.exitCode = e.exitCode;
  } else if (systemError(e)) {
    process.stderr.write(`buddysim: ${systemError(e)}\n`);
    process.exitCode = 1;
  } else {
    const err = e as Error;
    process.stderr.write(`buddysim: internal error: ${err?.message ?? String(e)}\n`);
    if (process.env.BUDDYSIM_DEBUG) process.stderr.write(`${err?.stack ?? ''}\n`);
    process.exitCode = 70;
  }
});
