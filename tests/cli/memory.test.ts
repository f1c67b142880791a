/**
 * Flat memory on the worker-pool path (issue 10, case 5): 20,000 replications of the largest
 * bundled scenario (by participant-weeks) on 2 workers with a 128 MB heap, which
 * `--max-old-space-size` sets for the main thread and every worker alike. It takes minutes of
 * CPU (see the README's figures); the test checks only that it completes, not how fast.
 */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { plannedParticipantWeeks } from '../../src/index.ts';
import { readScenario } from '../../src/io/readScenario.ts';
import { buildCli, cliWith } from '../support/cli.ts';

const REPS = 20_000;

beforeAll(buildCli);

describe('memory stays flat', () => {
  it(`runs ${REPS} replications of the largest bundled scenario on 2 workers under a 128 MB heap`, () => {
    const names = readdirSync('scenarios').filter((f) => f.endsWith('.json')).map((f) => f.replace('.json', ''));
    const largest = names.map((n) => ({ n, pw: plannedParticipantWeeks(readScenario(n), 0) })).sort((a, b) => b.pw - a.pw)[0].n;
    const out = join(mkdtempSync(join(tmpdir(), 'buddysim-memory-')), 'out');
    const r = cliWith(['run', largest, '--reps', String(REPS), '--workers', '2', '--records', '0', '--quiet', '--out', out], {
      nodeArgs: ['--max-old-space-size=128'],
      timeout: 1_500_000,
    });
    expect(r.stderr).not.toMatch(/heap out of memory|ran out of memory/);
    expect(r.status, r.stderr.slice(-2000)).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).scenario.reps).toBe(REPS);
  }, 1_600_000);
});
