/**
 * Every option of the command line, as node:util parseArgs reads it. Which command takes which
 * option, and what it means there, is in that command's help (src/cli/commands.ts).
 */
export const OPTIONS = {
  reps: { type: 'string' },
  seed: { type: 'string' },
  workers: { type: 'string' },
  out: { type: 'string' },
  records: { type: 'string' },
  shard: { type: 'string' },
  set: { type: 'string', multiple: true },
  lever: { type: 'string', multiple: true },
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
  version: { type: 'boolean' },
} as const;

export type OptionName = keyof typeof OPTIONS;

/** The options as read: text for a value, true for a switch, a list for a repeatable option (`--set`). */
export type Flags = Partial<Record<OptionName, string | boolean | string[]>>;

/** Options every command takes besides its own. */
export const GLOBAL_OPTIONS = ['help', 'version'] as const satisfies readonly OptionName[];

/** The text of an option that takes a value, if given. */
export const str = (flags: Flags, k: OptionName) => flags[k] as string | undefined;

/** The values of a repeatable option, in the order given (none if absent). */
export const list = (flags: Flags, k: OptionName) => (flags[k] as string[] | undefined) ?? [];

/** What an option means for one command: its value's placeholder (none for a switch), its meaning and its default. */
export interface OptionHelp {
  readonly arg?: string;
  readonly what: string;
  /** The default in words; every option that takes a value states one. */
  readonly default?: string;
}

/** Help texts that mean the same for every command that takes the option. */
export const COMMON_OPTIONS = {
  workers: { arg: 'W|auto', what: 'worker threads that run replications in parallel', default: 'auto: one per core' },
  quiet: { what: 'no progress on stderr (warnings still show)' },
  json: { what: 'print the result as JSON on stdout instead of the readable summary' },
  extendsAnywhere: { what: 'let a scenario\'s "extends" name a file outside its own folder (by default only files in that folder or below, or a bundled scenario)' },
  set: {
    arg: 'PATH=VALUE',
    what: 'set one parameter without writing a file; repeat for more. PATH as buddysim params lists it (programme.contactsPerWeek, or seed, reps, weeks); VALUE a number in decimal digits, one option, or comma-separated options for a list. Checked like a scenario file; the scenario\'s name notes what was set',
    default: 'none',
  },
} satisfies Record<string, OptionHelp>;
