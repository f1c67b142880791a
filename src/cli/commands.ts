import type { RunFlags } from './commands/run.ts';
import { EXPERIMENT_USAGE } from './commands/experimentUsage.ts';
import { UsageError } from './errors.ts';
import type { CommandHelp } from './help.ts';
import { COMMON_OPTIONS, list, str, type Flags } from './options.ts';

/** One command: its help (which also declares the options it takes) and what it runs. */
export interface Command {
  readonly help: CommandHelp;
  run(positionals: string[], flags: Flags): void | Promise<void>;
}

function runFlags(flags: Flags): RunFlags {
  return {
    reps: str(flags, 'reps'), seed: str(flags, 'seed'), workers: str(flags, 'workers'), out: str(flags, 'out'),
    records: str(flags, 'records'), shard: str(flags, 'shard'), quiet: flags.quiet === true, json: flags.json === true,
    extendsAnywhere: flags['extends-anywhere'] === true, set: list(flags, 'set'),
  };
}

function noArguments(command: string, positionals: string[]): void {
  if (positionals.length > 0) throw new UsageError(`${command} takes no arguments, got "${positionals[0].slice(0, 80)}"`);
}

const SCENARIO_REPS = { arg: 'N', what: 'replications', default: 'the scenario\'s reps; 200 in the bundled scenarios' };
const SCENARIO_SEED = { arg: 'S', what: 'the seed every random stream derives from, a whole number from 0', default: 'the scenario\'s seed' };

/**
 * Every command. To add one: an entry here with its help (summary, usage, what it does, its options
 * with meaning and default, examples) and what it runs. The options in its help are the ones it
 * takes; tests/cli/help.test.ts checks every entry's help.
 */
export const COMMANDS: Record<string, Command> = {
  run: {
    help: {
      summary: 'simulate a scenario\'s replications: a summary, and result files in a folder',
      usage: ['run <scenario> [--reps N] [--seed S] [--set PATH=VALUE ...] [--workers W|auto] [--out DIR] [--records N|all] [--quiet] [--json]', 'run <scenario> --shard K/N|auto [--reps N] [--seed S] [--set PATH=VALUE ...] [--workers W] [--out DIR]'],
      about: `Simulates the scenario's replications on all cores and prints a readable summary (the frame: replications, seed, horizon in years and assumed dose mechanism; premature closure; effects over all referred and over the matched; key figures; cost), and writes summary.json and CSV files to DIR (docs/outputs.md says what each holds). DIR is replaced as a whole when the run completes, never a mix of two runs. A run estimated above 500 million participant-weeks gets a warning first.

<scenario> is a scenario file or the name of a bundled one (buddysim --help lists them). With --shard K/N only shard K (0-based) of N runs, and its statistics go to a shard file for buddysim merge; --shard auto takes K and N from a Slurm job array or a Kubernetes Indexed Job.`,
      options: {
        reps: SCENARIO_REPS,
        seed: SCENARIO_SEED,
        set: COMMON_OPTIONS.set,
        workers: COMMON_OPTIONS.workers,
        out: { arg: 'DIR', what: 'the result folder', default: 'out/<scenario>' },
        records: { arg: 'N|all', what: 'replications whose match and participant records go to CSV', default: '10' },
        shard: { arg: 'K/N|auto', what: 'run only shard K of N and write a shard file', default: 'none: run every replication here' },
        quiet: COMMON_OPTIONS.quiet,
        json: COMMON_OPTIONS.json,
        'extends-anywhere': COMMON_OPTIONS.extendsAnywhere,
      },
      examples: [
        ['run civic-integration-40h --reps 1000 --seed 7 --out out/40h', 'the 40-hour trajectory with 1000 replications on seed 7; summary on the terminal, files in out/40h'],
        ['run flemish-befriending --set programme.contactsPerWeek=0.5 --set programme.hoursPerContact=3', 'the befriending programme with a three-hour meeting every other week, without writing a scenario file'],
        ['run duo-for-a-job --shard auto --out out/duo', 'one shard of a cluster job array; merge the shards with buddysim merge out/duo/shard-*.jsonl'],
      ],
    },
    async run(positionals, flags) {
      if (positionals.length !== 1) throw new UsageError(`run takes one scenario, got ${positionals.length}: buddysim run <scenario>`);
      return (await import('./commands/run.ts')).runCommand(positionals[0], runFlags(flags));
    },
  },
  compare: {
    help: {
      summary: 'run several scenarios on common random numbers and report paired differences',
      usage: ['compare <base> <other> [...] [--reps N] [--seed S] [--set PATH=VALUE ...] [--workers W] [--out DIR] [--quiet]'],
      about: `Runs every scenario with the first one's seed and replications (common random numbers: the same participants and chance events), lists the parameters that differ, sets the key figures side by side with 95% intervals, and gives each scenario's paired difference from the first, with its 95% interval (batch means over paired batches of replications).

--set applies to every scenario given (to compare two values of one parameter, compare two scenario files, or run twice).`,
      options: {
        reps: { arg: 'N', what: 'replications of every scenario', default: 'the first scenario\'s reps' },
        seed: { arg: 'S', what: 'the seed of every scenario', default: 'the first scenario\'s seed' },
        set: COMMON_OPTIONS.set,
        workers: COMMON_OPTIONS.workers,
        out: { arg: 'DIR', what: 'also write the comparison to DIR/compare.json', default: 'none: print only' },
        quiet: COMMON_OPTIONS.quiet,
        'extends-anywhere': COMMON_OPTIONS.extendsAnywhere,
      },
      examples: [
        ['compare civic-integration-40h newcomer-befriending --reps 400', 'the 40-hour trajectory against year-long befriending for newcomers, on the same inflow and coordinator'],
        ['compare civic-integration-40h civic-integration-40h-group civic-integration-40h-peer', 'the 40 hours in a duo, in a group and with peer buddies; differences against the duo'],
        ['compare flemish-befriending resource-starved --set programme.mechanism=frequency', 'a programme with and without the means, both under the frequency dose mechanism'],
      ],
    },
    run: async (positionals, flags) => (await import('./commands/compare.ts')).compareCommand(positionals, runFlags(flags)),
  },
  merge: {
    help: {
      summary: 'merge shard files into the results of a single run',
      usage: ['merge <shard files> [--out DIR] [--json] [--quiet]'],
      about: 'Checks the shard files (one scenario, every shard once, each checksum) and merges their statistics in replication order into the results a single run writes: the same summary.json, byte for byte. Shards stream, so memory stays flat whatever their size.',
      options: {
        out: { arg: 'DIR', what: 'the result folder', default: 'out/<scenario name>' },
        json: COMMON_OPTIONS.json,
        quiet: COMMON_OPTIONS.quiet,
      },
      examples: [
        ['merge out/duo/shard-*.jsonl --out out/duo', 'the summary and CSV files of a run split over a cluster'],
        ['merge out/duo/shard-*.jsonl --json > summary.json', 'the merged summary as JSON on stdout'],
      ],
    },
    run: async (positionals, flags) => (await import('./commands/merge.ts')).mergeCommand(positionals, runFlags(flags)),
  },
  validate: {
    help: {
      summary: 'check scenario files: one line per problem',
      usage: ['validate <scenario> [...] [--extends-anywhere]'],
      about: 'Checks each scenario file (and the files it extends) against the strict schema, and prints its name, replications, seed, horizon and dose mechanism; every problem is one line with the field path, the value and what is allowed, and the exit code is 1.',
      options: { 'extends-anywhere': COMMON_OPTIONS.extendsAnywhere },
      examples: [
        ['validate my-scenario.json', 'checks one file'],
        ['validate scenarios/*.json', 'checks every bundled scenario'],
      ],
    },
    async run(positionals, flags) {
      if (positionals.length === 0) throw new UsageError('validate needs a scenario: buddysim validate <scenario> [...]');
      return (await import('./commands/validate.ts')).validateCommand(positionals, { extendsAnywhere: flags['extends-anywhere'] === true });
    },
  },
  schema: {
    help: {
      summary: 'the JSON Schema of scenario files, for editors',
      usage: ['schema [--out FILE]'],
      about: 'Prints the JSON Schema of scenario files (every section, parameter, range and default) or writes it to FILE. Point a scenario file\'s "$schema" at it and an editor checks and completes the file.',
      options: { out: { arg: 'FILE', what: 'write the schema to FILE', default: 'none: print it on stdout' } },
      examples: [
        ['schema --out scenario.schema.json', 'the schema as a file next to your scenarios'],
        ['schema | head', 'the start of the schema on the terminal'],
      ],
    },
    async run(positionals, flags) {
      noArguments('schema', positionals);
      return (await import('./commands/schema.ts')).schemaCommand(str(flags, 'out'));
    },
  },
  params: {
    help: {
      summary: 'every parameter with default, unit, range, meaning and source',
      usage: ['params [--markdown]'],
      about: 'Lists the run fields (seed, reps, weeks) and every model parameter by its path (section.key), as scenario files and --set name them, with default, unit, allowed range or options, meaning and evidence source.',
      options: { markdown: { what: 'print a Markdown table (as in docs/parameters.md) instead of plain lines' } },
      examples: [
        ['params | grep -A2 contactsPerWeek', 'what programme.contactsPerWeek means and allows'],
        ['params --markdown > parameters.md', 'the table of docs/parameters.md'],
      ],
    },
    async run(positionals, flags) {
      noArguments('params', positionals);
      process.stdout.write((await import('./commands/params.ts')).paramsText(flags.markdown === true));
    },
  },
  'validate-model': {
    help: {
      summary: 'check the model against the stylized facts of the evidence',
      usage: ['validate-model [targets] [--reps N] [--workers W] [--out FILE] [--quiet]'],
      about: 'Runs the reference scenarios of the calibration targets (default calibration/targets.json: the stylized facts of the evidence) on the targets\' validation seed, and prints each fact\'s target, simulated value with a 95% interval, and pass or fail; writes the same as Markdown to FILE. Exit code 3 if a fact fails.',
      options: {
        reps: { arg: 'N', what: 'replications per scenario', default: 'the targets file\'s reps (400)' },
        workers: COMMON_OPTIONS.workers,
        out: { arg: 'FILE', what: 'the Markdown report', default: 'out/validate-model/validation.md' },
        quiet: COMMON_OPTIONS.quiet,
      },
      examples: [
        ['validate-model', 'every fact with the bundled targets; the report in out/validate-model/validation.md'],
        ['validate-model --reps 100 --quiet', 'a quicker, less precise check'],
      ],
    },
    run: async (positionals, flags) => (await import('./commands/validateModel.ts')).validateModelCommand(positionals, { reps: str(flags, 'reps'), workers: str(flags, 'workers'), out: str(flags, 'out'), quiet: flags.quiet === true }),
  },
  calibrate: {
    help: {
      summary: 'fit parameters to the stylized facts (Latin hypercube, then Nelder-Mead)',
      usage: ['calibrate [targets] --params a.b[=lo:hi],c.d [--reps N] [--candidates N] [--refine N] [--seed S] [--workers W] [--out FILE] [--quiet]'],
      about: 'Searches the named parameters within their declared ranges (or lo:hi) against the targets marked "use": "fit" (validation targets are held out and never used): a Latin hypercube of candidates, then Nelder-Mead, every candidate on the same seed. Prints the best set and the fit per target; progress on stderr. See docs/calibration.md.',
      options: {
        params: { arg: 'LIST', what: 'the parameters to search, by path, comma-separated, each with an optional range =lo:hi', default: 'none: required' },
        reps: { arg: 'N', what: 'replications per scenario and candidate', default: '100' },
        candidates: { arg: 'N', what: 'Latin hypercube candidates', default: '10 per parameter, at least 10' },
        refine: { arg: 'N', what: 'Nelder-Mead evaluations after the hypercube', default: '15 per parameter' },
        seed: { arg: 'S', what: 'the seed every candidate runs on', default: '1' },
        workers: COMMON_OPTIONS.workers,
        out: { arg: 'FILE', what: 'also write the result as JSON to FILE', default: 'none' },
        quiet: COMMON_OPTIONS.quiet,
      },
      examples: [
        ['calibrate --params behaviour.gainRate,behaviour.volunteerLeavePerYear --reps 100', 'fits two coefficients to the bundled targets'],
        ['calibrate --params behaviour.gainRate=0.01:0.05 --candidates 20 --refine 0 --out fit.json', 'a hypercube search only, within a narrower range, saved as JSON'],
      ],
    },
    run: async (positionals, flags) =>
      (await import('./commands/calibrate.ts')).calibrateCommand(positionals, {
        params: str(flags, 'params'), reps: str(flags, 'reps'), candidates: str(flags, 'candidates'), refine: str(flags, 'refine'),
        seed: str(flags, 'seed'), workers: str(flags, 'workers'), out: str(flags, 'out'), quiet: flags.quiet === true,
      }),
  },
  mechanisms: {
    help: {
      summary: 'the 40-hour trajectory against year-long befriending under each mechanism',
      usage: ['mechanisms [--reps N] [--workers W] [--out FILE] [--quiet]'],
      about: 'Compares the 40-hour trajectory (civic-integration-40h) with year-long befriending for newcomers (newcomer-befriending) under each contested dose mechanism (duration, frequency, neither), each levelled to the same average effect, and says which conclusions hold whatever the mechanism; writes a Markdown report to FILE.',
      options: {
        reps: { arg: 'N', what: 'replications per scenario and mechanism', default: '400' },
        workers: COMMON_OPTIONS.workers,
        out: { arg: 'FILE', what: 'the Markdown report', default: 'out/mechanisms/mechanisms.md' },
        quiet: COMMON_OPTIONS.quiet,
      },
      examples: [
        ['mechanisms', 'the table and verdicts; the report in out/mechanisms/mechanisms.md'],
        ['mechanisms --reps 100 --out mech.md', 'a quicker, less precise study'],
      ],
    },
    run: async (positionals, flags) => (await import('./commands/validateModel.ts')).mechanismsCommand(positionals, { reps: str(flags, 'reps'), workers: str(flags, 'workers'), out: str(flags, 'out'), quiet: flags.quiet === true }),
  },
  sensitivity: {
    help: {
      summary: 'which levers matter: Morris or Sobol indices of an experiment; --self-test',
      usage: ['sensitivity --self-test [--json]', 'sensitivity <experiment file> [--out DIR] [--workers W] [--quiet] [--json]'],
      about: `With --self-test: checks the sensitivity estimators (Sobol' sequence, Sobol' indices, Morris) on test functions with analytic indices and prints estimate, interval, analytic value and pass; exit code 3 if a check misses.

With an experiment file: runs an experiment with a morris or sobol design (continuing what DIR holds) and prints the indices per output with their intervals and the noise floor (a dummy factor's index). See docs/sensitivity.md.`,
      options: {
        'self-test': { what: 'check the estimators on functions with known indices' },
        json: { what: 'print the result as JSON on stdout' },
        out: { arg: 'DIR', what: 'the experiment\'s result folder', default: 'out/<experiment file>' },
        workers: COMMON_OPTIONS.workers,
        quiet: COMMON_OPTIONS.quiet,
      },
      examples: [
        ['sensitivity --self-test', 'every estimator against its analytic value'],
        ['sensitivity experiments/levers-morris.json --out out/morris', 'Morris screening of the programme\'s levers'],
      ],
    },
    run: async (positionals, flags) =>
      (await import('./commands/sensitivity.ts')).sensitivityCommand(positionals, { selfTest: flags['self-test'] === true, json: flags.json === true, out: str(flags, 'out'), workers: str(flags, 'workers'), quiet: flags.quiet === true }),
  },
  experiment: {
    help: {
      summary: 'run an experiment file: levers over a design, resumable, split over a cluster',
      usage: EXPERIMENT_USAGE.split('\n').map((l) => l.trim().replace(/^buddysim /, '')),
      about: `Runs an experiment file (factors, a design, replications, outputs: docs/experiments.md) with common random numbers at every point, and writes results as they come to DIR: tidy CSV and Parquet, a manifest, an HTML report. resume continues an interrupted run; --shard and merge split it over a cluster; report writes the Markdown report of a finished run; schema prints the JSON Schema of experiment files.`,
      options: {
        out: { arg: 'DIR', what: 'the result folder (run), the merged folder (merge, required), the report folder (report, required) or the schema file (schema)', default: 'out/<experiment file> for run' },
        workers: COMMON_OPTIONS.workers,
        shard: { arg: 'K/N|auto', what: 'run only shard K of N (run)', default: 'none: every point here' },
        quiet: COMMON_OPTIONS.quiet,
      },
      examples: [
        ['experiment run experiments/mechanisms.json --out out/mechanisms', 'the mechanisms experiment; results and report in out/mechanisms'],
        ['experiment resume out/mechanisms', 'after an interruption: runs only what is missing'],
        ['experiment report out/mechanisms --out docs/experiments/mechanisms', 'the Markdown report of a finished run with its charts'],
      ],
    },
    run: async (positionals, flags) => (await import('./commands/experiment.ts')).experimentCommand(positionals, { out: str(flags, 'out'), workers: str(flags, 'workers'), shard: str(flags, 'shard'), quiet: flags.quiet === true }),
  },
  sweep: {
    help: {
      summary: 'capacity levers one at a time around a scenario, with paired changes',
      usage: ['sweep <scenario> [--lever PATH=V1,V2,... ...] [--reps N] [--seed S] [--set PATH=VALUE ...] [--workers W] [--out DIR] [--quiet] [--json]'],
      about: `Sweeps levers one at a time around a scenario, every level on the scenario's seed and replications (common random numbers), and prints a table per lever with each step's paired change (95% interval from batch means) of the figures whose direction the domain guarantees: more volunteers or coordinator hours never match fewer people or lengthen the waiting list, less frequent follow-up never lowers premature closure, more referrals never shorten the list. Exit code 3 when a figure moves the wrong way beyond the simulation's noise.

Default levers: volunteer applications, coordinator hours, the follow-up interval and referrals, at levels around the scenario's own values. --lever sets a lever's levels instead (a default lever keeps its expected directions).`,
      options: {
        lever: { arg: 'PATH=V1,V2,...', what: 'sweep this numeric parameter over these levels (at least two); repeat for more levers', default: 'the four capacity levers around the scenario\'s values' },
        reps: { arg: 'N', what: 'replications per level', default: 'the scenario\'s reps' },
        seed: SCENARIO_SEED,
        set: COMMON_OPTIONS.set,
        workers: COMMON_OPTIONS.workers,
        out: { arg: 'DIR', what: 'also write the sweep to DIR/sweep.json', default: 'none: print only' },
        quiet: COMMON_OPTIONS.quiet,
        json: COMMON_OPTIONS.json,
        'extends-anywhere': COMMON_OPTIONS.extendsAnywhere,
      },
      examples: [
        ['sweep flemish-befriending --reps 120', 'the four capacity levers around the Flemish befriending programme'],
        ['sweep community-mentoring --lever coordinators.hoursPerWeek=8,16,24,32 --reps 100', 'what more coordinator hours change in a mentoring programme'],
      ],
    },
    async run(positionals, flags) {
      if (positionals.length !== 1) throw new UsageError(`sweep takes one scenario, got ${positionals.length}: buddysim sweep <scenario>`);
      return (await import('./commands/sweep.ts')).sweepCommand(positionals[0], { ...runFlags(flags), lever: list(flags, 'lever') });
    },
  },
  designs: {
    help: {
      summary: 'ways to spend the 40 hours and befriending, under each mechanism: regret, verdicts',
      usage: ['designs [--reps N] [--seed S] [--set PATH=VALUE ...] [--workers W] [--json] [--out DIR] [--grid FILE] [--quiet]'],
      about: `Runs every design of a grid (default: 30 ways to spend the 40 hours of the civic-integration trajectory in hours a week, meetings and time limit, in a duo, a group or with peer buddies, and year-long befriending) under each contested dose mechanism, all on the base scenario's people, coordinator, seed and replications. Prints a table per design and mechanism (completion, premature endings, effects at the end and 12 months later, cost), the regret of each design, the designs never far from the best and whether each conclusion holds whatever the mechanism; --out writes designs.json and the report (report.html, report.md, charts). See docs/designs.md.

--set applies to the grid's base, so to every design: its inflow, people, coordinators, costs, outcomes and run fields (programme.* and volunteers.peer* are what the designs vary: set them in a grid file).`,
      options: {
        reps: { arg: 'N', what: 'replications per design and mechanism', default: 'the base scenario\'s reps (200)' },
        seed: { arg: 'S', what: 'the seed of every run', default: 'the base scenario\'s seed' },
        workers: COMMON_OPTIONS.workers,
        json: { what: 'print the whole result as JSON on stdout instead of the tables' },
        out: { arg: 'DIR', what: 'write designs.json, report.html, report.md and its charts to DIR, replaced as a whole', default: 'none: print only' },
        grid: { arg: 'FILE', what: 'another grid of designs (docs/designs.md)', default: 'the 40-hour grid on civic-integration-40h' },
        quiet: COMMON_OPTIONS.quiet,
        set: COMMON_OPTIONS.set,
      },
      examples: [
        ['designs --out out/designs', 'the 40-hour grid and befriending under each mechanism; the report in out/designs'],
        ['designs --reps 50 --set inflow.participantsPerWeek=1 --set coordinators.hoursPerWeek=19', 'the same question for a smaller programme: half the referrals and a half-time coordinator'],
        ['designs --grid my-grid.json --json > designs.json', 'your own grid, every figure with its interval as JSON'],
      ],
    },
    run: async (positionals, flags) =>
      (await import('./commands/designs.ts')).designsCommand(positionals, {
        reps: str(flags, 'reps'), seed: str(flags, 'seed'), workers: str(flags, 'workers'), json: flags.json === true,
        out: str(flags, 'out'), grid: str(flags, 'grid'), quiet: flags.quiet === true, set: list(flags, 'set'),
      }),
  },
  plan: {
    help: {
      summary: 'the capacity planner: the smallest recruitment and coordinator hours for a target',
      usage: ['plan <scenario> [--referrals-per-year N] [--within-weeks X --target-share S | --max-waiting N] [--among seeking|referred] [--warm-up-weeks W] [--vary volunteers|hours|both] [--confidence C] [--inflows a,b,...] [--programmes N] [--set PATH=VALUE ...] [--reps N] [--seed S] [--workers W] [--json] [--out DIR] [--quiet]'],
      about: `Finds the smallest volunteer recruitment and coordinator hours that meet a service target (default: 90% of those still seeking a match matched within 8 weeks of referral, among participants referred after the first half-year) with the stated one-sided confidence: a queueing estimate first, then a search on the simulation with common random numbers, adding replications until each decision is clear, checked on a second seed. Prints the cost per year, where the pipeline breaks first, a table across inflows and the search path; --json gives it all, with "recommended": the parameter overrides to apply, each accepted by buddysim run --set. See docs/planning.md.

--programmes N: the scenario is one of N equal local programmes of a region (referrals are the region's; staffing and cost are added up).`,
      options: {
        'referrals-per-year': { arg: 'N', what: 'the inflow to plan for (sets inflow.participantsPerWeek to N / 52)', default: 'the scenario\'s' },
        'within-weeks': { arg: 'X', what: 'the service target: a share matched within X weeks of referral', default: '8' },
        'target-share': { arg: 'S', what: 'the share of the service target, above 0 and below 1', default: '0.9' },
        among: { arg: 'seeking|referred', what: 'over whom the share is taken: those not left unmatched by then, or all referred', default: 'seeking' },
        'max-waiting': { arg: 'N', what: 'the other kind of target: at most N people waiting on average week by week', default: 'none: the share target' },
        'warm-up-weeks': { arg: 'W', what: 'leave out participants referred in the first W weeks (whole quarters: 0, 13, 26, ...)', default: '26' },
        vary: { arg: 'volunteers|hours|both', what: 'what may change: volunteer applications a year, coordinator hours, or both', default: 'both' },
        confidence: { arg: 'C', what: 'one-sided confidence of every decision "meets the target"', default: '0.95' },
        inflows: { arg: 'a,b,...', what: 'referrals a year for the table across inflows', default: 'half, the same, twice and four times the planned inflow' },
        programmes: { arg: 'N', what: 'the scenario is one of N equal local programmes of a region', default: '1' },
        reps: { arg: 'N', what: 'at most this many replications per candidate staffing', default: '200' },
        seed: { arg: 'S', what: 'the search seed (the check runs on S + 1)', default: 'the scenario\'s seed' },
        workers: COMMON_OPTIONS.workers,
        json: { what: 'print the whole plan as JSON on stdout, with "recommended" (overrides by parameter path)' },
        out: { arg: 'DIR', what: 'also write the plan to DIR/plan.json', default: 'none: print only' },
        quiet: COMMON_OPTIONS.quiet,
        'extends-anywhere': COMMON_OPTIONS.extendsAnywhere,
        set: COMMON_OPTIONS.set,
      },
      examples: [
        ['plan community-mentoring --referrals-per-year 60 --within-weeks 8 --target-share 0.9', 'how many volunteers a year and coordinator hours 60 referrals a year need, so that 90% are matched within two months'],
        ['plan community-mentoring --referrals-per-year 120 --vary volunteers --json > plan.json', 'recruitment only, at 120 referrals a year; apply the answer with buddysim run --set from "recommended"'],
        ['plan flemish-region-newcomers --programmes 80 --referrals-per-year 8000', 'a region of 80 local programmes with 8,000 newcomers a year'],
      ],
    },
    run: async (positionals, flags) =>
      (await import('./commands/plan.ts')).planCommand(positionals, {
        referralsPerYear: str(flags, 'referrals-per-year'), withinWeeks: str(flags, 'within-weeks'), targetShare: str(flags, 'target-share'),
        maxWaiting: str(flags, 'max-waiting'), among: str(flags, 'among'), warmUpWeeks: str(flags, 'warm-up-weeks'), vary: str(flags, 'vary'),
        confidence: str(flags, 'confidence'), inflows: str(flags, 'inflows'), programmes: str(flags, 'programmes'), reps: str(flags, 'reps'),
        seed: str(flags, 'seed'), workers: str(flags, 'workers'), json: flags.json === true, out: str(flags, 'out'), quiet: flags.quiet === true,
        extendsAnywhere: flags['extends-anywhere'] === true, set: list(flags, 'set'),
      }),
  },
};
