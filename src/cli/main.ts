import { parseArgs } from 'node:util';
import { FileError } from '../io/errors.ts';
import { ScenarioError } from '../scenario/errors.ts';
import { didYouMean } from '../scenario/suggest.ts';
import { COMMANDS, type Command } from './commands.ts';
import { UsageError } from './errors.ts';
import { commandHelpText, globalHelpText, versionText } from './help.ts';
import { GLOBAL_OPTIONS, OPTIONS, type Flags, type OptionName } from './options.ts';
import { PoolError } from './pool.ts';

const NEGATIVE_NUMBER = /^-\d/;

const commandNames = () => Object.keys(COMMANDS);
const commandOf = (name: string): Command | undefined => (Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined);

/** The options a command takes: those its help describes, and --help and --version. */
const optionsOf = (command: Command): OptionName[] => [...(Object.keys(command.help.options) as OptionName[]), ...GLOBAL_OPTIONS];

/** An unknown command, with the closest names and the list of all. */
function unknownCommand(name: string): UsageError {
  const hint = didYouMean(name, commandNames());
  return new UsageError(`unknown command "${name.slice(0, 80)}"; ${hint ? `${hint} ` : ''}commands: ${commandNames().join(', ')}`);
}

/** An unknown option, with the closest ones the command (if it can be told) takes, or the list of them. */
function unknownOption(flag: string, argv: string[]): UsageError {
  const name = argv.find(commandOf);
  const command = name === undefined ? undefined : commandOf(name);
  const candidates = command ? optionsOf(command) : (Object.keys(OPTIONS) as OptionName[]);
  const hint = didYouMean(flag.replace(/^-+/, ''), candidates, (n) => `--${n}`);
  if (hint || !command) return new UsageError(`unknown option ${flag}; ${hint ? `${hint} ` : ''}see buddysim ${name ? `${name} ` : ''}--help`);
  return new UsageError(`unknown option ${flag}; ${name} takes ${optionList(name!, command)}`);
}

/** "--reps, --seed, ... (see buddysim run --help)": the options a command takes, for an error. */
function optionList(name: string, command: Command): string {
  const own = Object.keys(command.help.options);
  return `${own.length ? own.map((f) => `--${f}`).join(', ') : 'no options'} (see buddysim ${name} --help)`;
}

/**
 * Reads the command line strictly: unknown options, options given twice (except the repeatable
 * --set), a value on a switch (`--quiet=yes`) and a missing value are usage errors. `--seed -1`
 * reads -1 as the value (to be refused by the range check), not as an option.
 */
function parse(argv: string[]): { command: string; positionals: string[]; flags: Flags } {
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const name = /^--([\w-]+)$/.exec(argv[i])?.[1];
    const option = name && Object.hasOwn(OPTIONS, name) ? OPTIONS[name as OptionName] : undefined;
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
    if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw unknownOption(flag, argv);
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
    const repeatable = 'multiple' in OPTIONS[token.name as OptionName];
    if (seen.has(token.name) && !repeatable) throw new UsageError(`option --${token.name} is given more than once; give it once`);
    seen.add(token.name);
  }
  const [command = '', ...positionals] = parsed.positionals;
  return { command, positionals, flags: parsed.values as Flags };
}

/** `buddysim help [command]`, `buddysim <command> --help`: the command's help, or the list of commands. */
function help(name: string | undefined): void {
  if (name === undefined || name === '' || name === 'help' || name === 'version') {
    process.stdout.write(globalHelpText(COMMANDS));
    return;
  }
  const command = commandOf(name);
  if (!command) throw unknownCommand(name);
  process.stdout.write(commandHelpText(name, command.help));
}

async function main(argv: string[]): Promise<void> {
  const { command, positionals, flags } = parse(argv);
  if (flags.version || command === 'version') {
    if (command === 'version' && positionals.length > 0) throw new UsageError(`version takes no arguments, got "${positionals[0].slice(0, 80)}"`);
    process.stdout.write(versionText());
    return;
  }
  if (command === 'help') return help(positionals[0]);
  if (flags.help) return help(command);
  if (command === '') {
    // No command is a usage error: the help goes to stderr, stdout stays empty for scripts.
    process.stderr.write(globalHelpText(COMMANDS));
    process.exitCode = 2;
    return;
  }
  const spec = commandOf(command);
  if (!spec) throw unknownCommand(command);
  const takes = optionsOf(spec);
  for (const [flag, value] of Object.entries(flags)) {
    if (value === undefined || takes.includes(flag as OptionName)) continue;
    const hint = didYouMean(flag, Object.keys(spec.help.options), (n) => `--${n}`);
    throw new UsageError(`${command} does not take --${flag}; ${hint ? `${hint} ` : ''}it takes ${optionList(command, spec)}`);
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
