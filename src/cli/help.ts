import { SUMMARY_FORMAT } from '../analysis/aggregate.ts';
import { bundledScenarios } from '../io/readScenario.ts';
import pkg from '../../package.json' with { type: 'json' };
import { GLOBAL_OPTIONS, OPTIONS, type OptionHelp, type OptionName } from './options.ts';

/** A command's help, kept with its entry in the command table so a new command brings its own. */
export interface CommandHelp {
  /** One line for the list of commands. */
  readonly summary: string;
  /** Ways to call it, after "buddysim ". */
  readonly usage: readonly string[];
  /** What it does, what it reads and writes: a paragraph (blank lines separate paragraphs). */
  readonly about: string;
  /** The options it takes, with their meaning and default: any other option is refused. */
  readonly options: Partial<Record<OptionName, OptionHelp>>;
  /** Two or three worked examples: the arguments after "buddysim", and what the call does. */
  readonly examples: readonly (readonly [string, string])[];
}

const WIDTH = 100;

/** Words filled into lines of at most `width` characters; lines after the first start with `indent` (not counted in the width). */
function wrap(text: string, width: number, indent: string, words = text.split(/\s+/).filter(Boolean)): string {
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  return [...lines, line].join(`\n${indent}`);
}

const paragraphs = (text: string, indent = '') => text.trim().split(/\n\s*\n/).map((p) => indent + wrap(p, WIDTH - indent.length, indent)).join('\n\n');

const optionName = (name: OptionName, o: OptionHelp) => `${'short' in OPTIONS[name] ? `-${OPTIONS[name].short}, ` : ''}--${name}${o.arg ? ` ${o.arg}` : ''}`;

const HELP_OPTIONS: Record<(typeof GLOBAL_OPTIONS)[number], OptionHelp> = {
  help: { what: 'this help' },
  version: { what: 'the version of buddysim, of Node and of the summary format' },
};

/**
 * One command's help: usage, what it does, every option with its meaning and default, and worked examples.
 *
 * @example
 *   commandHelpText('schema', COMMANDS.schema.help); // 'buddysim schema: the JSON Schema of scenario files\n\nUsage:\n  buddysim schema [--out FILE]\n...'
 */
export function commandHelpText(name: string, help: CommandHelp): string {
  const options = [...Object.entries(help.options), ...Object.entries(HELP_OPTIONS)] as [OptionName, OptionHelp][];
  const names = options.map(([n, o]) => optionName(n, o));
  const column = Math.min(28, Math.max(...names.map((n) => n.length)) + 3);
  const optionLines = options.map(([, o], i) => {
    const text = `${o.what}${o.default ? ` (default: ${o.default})` : ''}`;
    const head = `  ${names[i]}`;
    const pad = head.length + 1 > column + 2 ? `\n${' '.repeat(column + 2)}` : ' '.repeat(column + 2 - head.length);
    return head + pad + wrap(text, WIDTH - column - 2, ' '.repeat(column + 2));
  });
  return [
    `buddysim ${name}: ${help.summary}`,
    '',
    'Usage:',
    // A usage line breaks between options, never inside one's brackets.
    ...help.usage.map((u) => `  buddysim ${wrap(u, WIDTH - 11, '      ', u.match(/\[[^\]]*\]|\S+/g) ?? [])}`),
    '',
    paragraphs(help.about),
    '',
    'Options:',
    ...optionLines,
    '',
    'Examples:',
    ...help.examples.flatMap(([args, what]) => [`  buddysim ${args}`, `      ${wrap(what, WIDTH - 6, '      ')}`]),
    '',
  ].join('\n');
}

/**
 * The list of commands, one line each, and where to find more: the global `--help`.
 *
 * @example
 *   globalHelpText(COMMANDS).split('\n')[0]; // 'buddysim 0.1.0: agent-based simulation of buddy programmes'
 */
export function globalHelpText(commands: Record<string, { help: CommandHelp }>): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length)) + 3;
  return [
    `buddysim ${pkg.version}: agent-based simulation of buddy programmes`,
    '',
    'Usage: buddysim <command> [arguments] [options]',
    '',
    'Commands:',
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}${c.help.summary}`),
    '',
    'Help on one command, with its options, their defaults and examples:',
    '  buddysim <command> --help   (or: buddysim help <command>)',
    'Version: buddysim --version',
    '',
    paragraphs(`<scenario> is a scenario file, or the name of a bundled one: ${bundledScenarios().join(', ')}.`, ''),
    '',
    paragraphs(
      'Exit codes: 0 ok; 1 invalid scenario or input file, or a file the system refused (unreadable, unwritable, disk full, a folder locked by another run); 2 invalid command line (including an impossible --out); 3 a check failed (a stylized fact, a self-test check) or replications of an experiment failed; 70 a bug (please report it).',
    ),
    '',
  ].join('\n');
}

/**
 * `buddysim --version`: the package version, the Node version and the summary format, one line each.
 *
 * @example
 *   versionText(); // 'buddysim 0.1.0\nnode v22.12.0\nsummary format 2\n'
 */
export function versionText(): string {
  return `buddysim ${pkg.version}\nnode ${process.version}\nsummary format ${SUMMARY_FORMAT}\n`;
}
