/**
 * Strict and truthful on the command line (issue 10, cases 9, 11, 12): what used to be accepted
 * silently is refused, misleading messages say what is wrong, heavy runs are announced, and a
 * figure without data says so.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { RUN_FIELDS, SECTIONS, parseScenario } from '../../src/index.ts';
import { buildCli, cli, cliStart } from '../support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'buddysim-strict-'));
const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};
const small = file('small.json', { version: 1, name: 'small', reps: 3, seed: 3, weeks: 60, outcomes: { assessmentWeeks: 30 } });

beforeAll(buildCli);

function expectUsage(args: string[], message: RegExp, code = 2): void {
  const r = cli(args);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/internal error|^\s+at /m);
  expect(r.status, r.stderr).toBe(code);
}

describe('a figure without data says so (case 9)', () => {
  it('without any match, premature closure is "n/a" (null in summary.json), not 0.0% [0.0%, 0.0%]', () => {
    const none = file('no-volunteers.json', { version: 1, extends: 'small.json', name: 'no volunteers', inflow: { initialVolunteers: 0, volunteersPerWeek: 0 } });
    const out = join(dir, 'none');
    const r = cli(['run', none, '--out', out, '--workers', '1', '--quiet']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Premature closure by the planned end \(52 weeks\): n\/a\n/);
    expect(r.stdout).not.toMatch(/Premature closure.*0\.0%/);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.survival.prematureIncidence).toEqual({ value: null, lower: null, upper: null, weeks: 52, matches: 0 });
  });
});

describe('messages say what is wrong (case 11)', () => {
  it('1e999 is "out of range" with its place, not "got null"', () => {
    const r = cli(['validate', file('huge.json', '{"version": 1, "name": "x",\n "reps": 1e999}')]);
    expect(r.stderr).toMatch(/huge.json: line 2, column 10: number out of range/);
    expect(r.stderr).not.toMatch(/null/);
    expect(r.status).toBe(1);
  });
  it('a byte-order mark at the start is read as the editor meant', () => {
    const r = cli(['validate', file('bom.json', `\uFEFF${JSON.stringify({ version: 1, name: 'with a BOM', reps: 2 })}`)]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/valid \("with a BOM"/);
  });
  it('--seed -1 is out of range, not "needs a value"', () => expectUsage(['run', small, '--seed', '-1'], /--seed: got "-1"; must be at least 0/));
  it('--quiet=yes is a switch with a value, not "needs a value"', () => expectUsage(['run', small, '--quiet=yes'], /option --quiet is a switch and takes no value; write --quiet alone/));
});

describe('no more silent acceptance (case 12)', () => {
  it('duplicate JSON keys are an error naming the key and its place', () => {
    const r = cli(['validate', file('dup.json', '{"version": 1, "name": "x", "reps": 5,\n  "reps": 500}')]);
    expect(r.stderr).toMatch(/dup.json: line 2, column 3: duplicate key "reps"; each key may appear once per object/);
    expect(r.status).toBe(1);
  });
  it('repeated flags are an error', () => expectUsage(['run', small, '--reps', '3', '--reps', '4'], /option --reps is given more than once/));
  it('numbers on the command line are decimal: 0x3 and 1e3 are refused', () => {
    expectUsage(['run', small, '--reps', '0x3'], /--reps: got "0x3"; must be a number in decimal digits/);
    expectUsage(['run', small, '--workers', '1e1'], /--workers: got "1e1"; must be a whole number from 1 to 256/);
    expectUsage(['run', small, '--records', '0x2'], /--records: got "0x2"; must be a whole number/);
  });
  it('--records and --json do not go with --shard', () => {
    expectUsage(['run', small, '--shard', '0/2', '--records', '3'], /--records does not go with --shard/);
    expectUsage(['run', small, '--shard', '0/2', '--json'], /--json does not go with --shard/);
  });
  it('--out scenarios is refused', () => expectUsage(['run', small, '--out', 'scenarios'], /which holds the bundled scenarios/));
  it('the documented minimum horizon is a valid horizon', () => {
    const weeks = RUN_FIELDS.weeks.spec.min;
    const assessmentWeeks = SECTIONS.outcomes.fields.assessmentWeeks.spec.min;
    expect(parseScenario({ version: 1, name: 'shortest', weeks, outcomes: { assessmentWeeks } }).weeks).toBe(weeks);
    expect(cli(['params']).stdout).toMatch(new RegExp(`^weeks = 156 weeks \\(${weeks} - 1040\\)`, 'm'));
  });
  it('a very heavy run is announced with its cost before it starts', async () => {
    const run = cliStart(['run', 'duo-for-a-job', '--reps', '1000000', '--out', join(dir, 'heavy'), '--quiet']);
    try {
      await run.waitFor(/warning: a heavy run/);
    } finally {
      run.child.kill('SIGKILL');
      await run.exited;
    }
    expect(run.stderr).toMatch(/warning: a heavy run: 1000000 replications x at most \d+ k participant-weeks = at most \d+\.\d G participant-weeks, roughly \d+\.\d h on \d+ workers?/);
  });
});
