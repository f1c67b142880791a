import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCli, cli } from '../support/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'buddysim-calibration-'));
// A small targets file: one fact that holds, one that cannot.
const targets = join(dir, 'targets.json');
writeFileSync(targets, JSON.stringify({
  version: 1,
  validationSeed: 99,
  reps: 4,
  batches: 2,
  targets: [
    { id: 'closure', fact: 1, use: 'fit', title: 'Premature closure', source: '[DeWit2016]', scenario: { ref: 'flemish-befriending' }, statistic: { name: 'prematureIncidence' }, target: { min: 0, max: 1 } },
    { id: 'impossible', fact: 3, use: 'fit', title: 'Effect', source: 'none', scenario: { ref: 'flemish-befriending' }, statistic: { name: 'effect' }, target: { min: 5, max: 6 } },
  ],
}));

beforeAll(buildCli);

describe('buddysim validate-model', () => {
  it('prints fact, target, simulated value and result, writes the Markdown report, and exits 3 when a fact fails', () => {
    const out = join(dir, 'validation.md');
    const r = cli(['validate-model', targets, '--out', out, '--workers', '2', '--quiet']);
    expect(r.status, r.stderr).toBe(3);
    expect(r.stdout).toMatch(/closure\s+0\.0% to 100\.0%\s+\d+\.\d%.*pass/);
    expect(r.stdout).toMatch(/impossible.*FAIL/);
    expect(r.stdout).toMatch(/In-sample: .*: 1 of 2 hold/);
    expect(r.stdout).toMatch(/4 replications per scenario on seed 99, which calibration never used/);
    const md = readFileSync(out, 'utf8');
    expect(md).toMatch(/^# Validation/);
    expect(md).toMatch(/In-sample targets: 1 of 2 hold/);
    expect(md).toMatch(/\(seed 99\)/);
    expect(md).toMatch(/\| 3 \| Effect \| 5\.000 to 6\.000 \| .* \| \*\*FAIL\*\* \| none \|/);
  });
  it('rejects a malformed targets file as an input error', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ version: 1, targets: [{ id: 'x' }] }));
    const r = cli(['validate-model', bad]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/bad\.json: targets\.0/);
  });
});

describe('buddysim calibrate', () => {
  it('searches the named parameters, reports the best set and the fit, with progress on stderr', () => {
    const out = join(dir, 'calibration.json');
    const r = cli(['calibrate', targets, '--params', 'behaviour.gainRate=0.01:0.05', '--reps', '3', '--candidates', '3', '--refine', '2', '--workers', '1', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Best parameter set:/);
    expect(r.stdout).toMatch(/behaviour\.gainRate\s+[\d.]+\s+0\.0\d+\s+0\.01 - 0\.05/);
    expect(r.stdout).toMatch(/Fit per target/);
    expect(r.stderr).toMatch(/calibrate design 2\/6/);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json.params[0].path).toBe('behaviour.gainRate');
    expect(json.evaluations).toBeLessThanOrEqual(6);
  });
  it('fits only the fit targets: held-out validation targets are never used', () => {
    const mixed = join(dir, 'mixed.json');
    const json = JSON.parse(readFileSync(targets, 'utf8'));
    json.targets[1].use = 'validation';
    writeFileSync(mixed, JSON.stringify(json));
    const r = cli(['calibrate', mixed, '--params', 'behaviour.gainRate=0.01:0.05', '--reps', '2', '--candidates', '1', '--refine', '0', '--workers', '1']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/fitting 1 targets; 1 validation targets are held out/);
    expect(r.stdout).not.toMatch(/impossible/);
    json.targets[0].use = 'validation';
    writeFileSync(mixed, JSON.stringify(json));
    const none = cli(['calibrate', mixed, '--params', 'behaviour.gainRate', '--reps', '2']);
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/no target has "use": "fit"/);
  });
  it('needs --params, and rejects unknown parameters as usage errors', () => {
    expect(cli(['calibrate', targets]).status).toBe(2);
    const r = cli(['calibrate', targets, '--params', 'behaviour.nope']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/behaviour\.nope: not a parameter/);
  });
  it('gives the same result with one worker and two (common random numbers, same design)', () => {
    const args = ['calibrate', targets, '--params', 'behaviour.gainRate=0.01:0.05', '--reps', '4', '--candidates', '2', '--refine', '0', '--quiet'];
    expect(cli([...args, '--workers', '2']).stdout).toBe(cli([...args, '--workers', '1']).stdout);
  });
});

describe('buddysim mechanisms', () => {
  it('compares the 40-hour trajectory and befriending under each mechanism and writes the report', () => {
    const out = join(dir, 'mechanisms.md');
    const r = cli(['mechanisms', '--reps', '4', '--out', out, '--quiet']);
    expect(r.status, r.stderr).toBe(0);
    for (const m of ['duration', 'frequency', 'neither']) expect(r.stdout).toContain(m);
    const md = readFileSync(out, 'utf8');
    expect(md).toMatch(/## In plain words/);
    expect(md).toMatch(/Robust to the mechanism/);
    expect(md).toMatch(/\| Cost per completed match \(EUR\) \| neither \|/);
  });
});
