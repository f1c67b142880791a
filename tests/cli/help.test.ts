import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { SUMMARY_FORMAT } from '../../src/analysis/aggregate.ts';
import { COMMANDS } from '../../src/cli/commands.ts';
import { OPTIONS, type OptionName } from '../../src/cli/options.ts';
import { buildCli, cli } from '../support/cli.ts';

beforeAll(buildCli);

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

const shown = new Map<string, ReturnType<typeof cli>>();
/** `buddysim <command> --help`, run once per command. */
const helpOf = (name: string) => shown.get(name) ?? shown.set(name, cli([name, '--help'])).get(name)!;

/** Every command in the table: a command added without its help fails here. */
describe.each(Object.entries(COMMANDS))('buddysim %s --help', (name, command) => {
  const help = command.help;
  it('declares a summary, usage, what it does and two or three examples of itself', () => {
    expect(help.summary.length).toBeGreaterThan(10);
    // It fits a line of the command list (and of the command's own help) within 100 characters.
    expect(`buddysim ${name}: ${help.summary}`.length, help.summary).toBeLessThanOrEqual(100);
    expect(help.summary).not.toMatch(/\n/);
    expect(help.usage.length).toBeGreaterThan(0);
    for (const u of help.usage) expect(u.startsWith(name), u).toBe(true);
    expect(help.about.length).toBeGreaterThan(40);
    expect(help.examples.length).toBeGreaterThanOrEqual(2);
    expect(help.examples.length).toBeLessThanOrEqual(3);
    for (const [args, what] of help.examples) {
      expect(args === name || args.startsWith(`${name} `), args).toBe(true);
      expect(what.length).toBeGreaterThan(10);
    }
  });

  it('gives every option it takes a meaning, and every option that takes a value a placeholder and a default', () => {
    for (const [option, o] of Object.entries(help.options) as [OptionName, { arg?: string; what: string; default?: string }][]) {
      expect(Object.hasOwn(OPTIONS, option), option).toBe(true);
      expect(o.what.length, option).toBeGreaterThan(5);
      const takesValue = OPTIONS[option].type === 'string';
      expect(o.arg !== undefined, `--${option} placeholder`).toBe(takesValue);
      expect(o.default !== undefined, `--${option} default`).toBe(takesValue);
    }
  });

  it('uses only options it takes in its usage and examples', () => {
    const used = [...help.usage, ...help.examples.map(([args]) => args)].join(' ').match(/--[a-z-]+/g) ?? [];
    for (const flag of used) expect(Object.keys(help.options), `${name}: ${flag}`).toContain(flag.slice(2));
  });

  it('prints usage, options with meaning and default, and examples on stdout, exit 0', () => {
    const r = helpOf(name);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(new RegExp(`^buddysim ${name}: `));
    expect(r.stdout).toContain('Usage:\n');
    expect(r.stdout).toContain('Options:\n');
    expect(r.stdout).toContain('Examples:\n');
    const flat = r.stdout.replace(/\s+/g, ' ');
    for (const [option, o] of Object.entries(help.options)) {
      expect(r.stdout).toContain(`--${option}`);
      if (o.default) expect(flat).toContain(`(default: ${o.default})`);
    }
    for (const [args] of help.examples) expect(r.stdout).toContain(`  buddysim ${args}\n`);
    expect(r.stdout.split('\n').filter((l) => !l.startsWith('  buddysim ')).every((l) => l.length <= 100)).toBe(true);
  });

  it('is the same as buddysim help <command> and as -h', () => {
    const text = helpOf(name).stdout;
    expect(cli(['help', name]).stdout).toBe(text);
    expect(cli([name, '-h']).stdout).toBe(text);
  });
});

describe('buddysim --help', () => {
  it('lists every command with its one-line summary and points to per-command help', () => {
    const r = cli(['--help']);
    expect(r.status).toBe(0);
    for (const [name, c] of Object.entries(COMMANDS)) expect(r.stdout).toContain(`  ${name.padEnd(Math.max(...Object.keys(COMMANDS).map((n) => n.length)) + 3)}${c.help.summary}\n`);
    expect(r.stdout).toContain('buddysim <command> --help');
    expect(r.stdout).toContain('buddysim help <command>');
  });
  it('names the bundled scenarios and the exit codes', () => {
    const r = cli(['help']);
    expect(r.stdout.replace(/\s+/g, ' ')).toMatch(/bundled one: best-practice-mentoring, civic-integration-40h, .*resource-starved\./);
    expect(r.stdout).toMatch(/Exit codes: 0 ok/);
  });
  it('goes to stderr with exit code 2 when no command is given', () => {
    const r = cli([]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^buddysim \d+\.\d+\.\d+: /);
  });
  it('refuses help on an unknown command, with the closest', () => {
    const r = cli(['help', 'compre']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown command "compre"; did you mean compare\?/);
  });
});

describe('buddysim --version', () => {
  it('prints the package version, the Node version and the summary format, one line each', () => {
    const r = cli(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`buddysim ${pkg.version}\nnode ${process.version}\nsummary format ${SUMMARY_FORMAT}\n`);
    expect(cli(['version']).stdout).toBe(r.stdout);
    expect(cli(['run', '--version']).stdout).toBe(r.stdout);
  });
  it('takes no arguments', () => {
    const r = cli(['version', 'x']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/version takes no arguments/);
  });
});
