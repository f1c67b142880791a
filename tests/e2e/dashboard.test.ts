/**
 * The dashboard in a real browser: builds it with Vite, serves the build on 127.0.0.1, drives
 * Debian's Chromium with playwright-core, and checks the numbers against the engine run here in
 * Node (runSerial) for the same scenario and seed. Also opens the build from a folder (file://).
 * Without Chromium this FAILS (it does not skip): install it with `apt-get install chromium` or
 * point CHROMIUM_PATH at one. Screenshots go to test-artifacts/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { comparePaired, parseScenario, resolveScenario, roundDeep, scenarioHash } from '../../src/index.ts';
import { fileLoader } from '../../src/io/readScenario.ts';
import { ARTIFACTS, closePage, dashboard, downloadText, exportItem, newPage, nodeRun, nodeScenario, useDashboard, waitForRun } from '../support/browser.ts';

const REPS = 40;
let baseUrl = '';
let outDir = '';
const ready = async () => {
  ({ baseUrl, outDir } = await dashboard());
};
/** A fresh page, once the build is served. */
const openPage = async (): Promise<Page> => {
  await ready();
  return newPage();
};
useDashboard();

/** Every chart is drawn from `reps` replications and has data in it. */
async function expectChartsDrawn(page: Page, reps: number): Promise<void> {
  const charts = await page.$$eval('#charts svg[data-chart]', (svgs) =>
    svgs.map((svg) => ({
      id: svg.getAttribute('data-chart'),
      reps: svg.getAttribute('data-reps'),
      role: svg.getAttribute('role'),
      title: svg.querySelector('title')?.textContent ?? '',
      empty: svg.querySelector('[data-empty]') !== null,
      marks: svg.querySelectorAll('path[d]:not([d=""]), rect[data-reason], circle').length,
      axes: svg.querySelectorAll('.tick').length,
    })),
  );
  expect(charts.map((c) => c.id).sort()).toEqual(['cost', 'effects', 'outcomes', 'reasons', 'survival', 'weekly-hours', 'weekly-people']);
  for (const c of charts) {
    expect(c, c.id!).toMatchObject({ reps: String(reps), role: 'img', empty: false });
    expect(c.title.length, c.id!).toBeGreaterThan(5);
    expect(c.marks, c.id!).toBeGreaterThan(1);
    expect(c.axes, c.id!).toBeGreaterThan(2);
  }
}

describe('dashboard in Chromium', () => {
  it('is a single file: script, styles and worker inlined', async () => {
    await ready();
    const html = readFileSync(join(outDir, 'index.html'), 'utf8');
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link[^>]+stylesheet/);
  });

  it('sums blocks of ten replications on its Web Workers and still gives the summary of the engine in Node (220 replications)', async () => {
    // 220 replications: 20 batches of 11, so blocks of 10 and 1, summed on the workers and merged on the page.
    const page = await openPage();
    await page.goto(`${baseUrl}#scenario=flemish-befriending&reps=220`);
    const scenario = nodeScenario('flemish-befriending', { reps: 220 });
    await waitForRun(page, scenario);
    const summary = await exportItem(page, 'summary');
    expect(summary.text).toBe(JSON.stringify(nodeRun(scenario).summary, null, 1) + '\n');
    await closePage(page);
  });

  it('runs a bundled scenario, reruns on a lever change, and matches the engine in Node byte for byte', async () => {
    const page = await openPage();
    await page.goto(`${baseUrl}#scenario=flemish-befriending&reps=${REPS}`);
    const first = nodeScenario('flemish-befriending', { reps: REPS });
    await waitForRun(page, first);
    await expectChartsDrawn(page, REPS);
    expect(await page.getByTestId('headline-effect').getAttribute('data-value')).toBe(String(nodeRun(first).summary.metrics.effectAllReferred.value));

    // Another bundled scenario (keeps the replications), then a lever: the run restarts by itself.
    await page.getByTestId('scenario-select').selectOption('duo-for-a-job');
    await waitForRun(page, nodeScenario('duo-for-a-job', { reps: REPS }));
    const before = await page.locator('svg[data-chart="survival"]').innerHTML();
    await page.getByLabel(/^Planned duration/).fill('20');
    const changed = nodeScenario('duo-for-a-job', { reps: REPS, programme: { plannedWeeks: 20 } });
    await waitForRun(page, changed);
    expect(page.url()).toContain('programme.plannedWeeks=20');
    await expectChartsDrawn(page, REPS);
    expect(await page.locator('svg[data-chart="survival"]').innerHTML()).not.toBe(before);

    const expected = nodeRun(changed).summary;
    const effect = page.getByTestId('headline-effect');
        expect(await effect.getAttribute('data-value')).toBe(String(expected.metrics.effectAllReferred.value));

    // The whole summary, exported, equals the command line's summary.json for the same scenario.
    const summary = await exportItem(page, 'summary');
    expect(summary.text).toBe(JSON.stringify(expected, null, 1) + '\n');
    const scenarioFile = await exportItem(page, 'scenario');
    expect(scenarioHash(parseScenario(JSON.parse(scenarioFile.text)))).toBe(scenarioHash(changed));
    const metrics = await exportItem(page, 'metrics');
    expect(metrics.name).toMatch(/key-figures\.csv$/);
    expect(metrics.text.split('\n')[0]).toBe('figure,label,unit,over,value,ci95_lower,ci95_upper,pi95_lower,pi95_upper,sd,n');
    const svg = await downloadText(page, () => page.locator('[data-chart-card="effects"] button[data-chart-export="svg"]').click());
    expect(svg.text).toMatch(/<svg[^>]+role="img"/);
    expect(svg.text).toContain('<title');
    const png = await downloadText(page, () => page.locator('[data-chart-card="survival"] button[data-chart-export="png"]').click());
    expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');

    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-1280x800.png') });
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-full.png'), fullPage: true });

    // A link reproduces the view.
    const link = page.url();
    const again = await openPage();
    await again.goto(link);
    await waitForRun(again, changed);
    expect(await again.getByTestId('headline-effect').getAttribute('data-value')).toBe(String(expected.metrics.effectAllReferred.value));
    expect(await again.getByLabel(/^Planned duration/).inputValue()).toBe('20');
    await closePage(again);
    await closePage(page);
  });

  it('shows invalid input next to its control and keeps the page working', async () => {
    const page = await openPage();
    await page.goto(`${baseUrl}#scenario=resource-starved&reps=${REPS}`);
    await waitForRun(page, nodeScenario('resource-starved', { reps: REPS }));
    const field = page.locator('.field[data-path="programme.plannedWeeks"]');
    await page.getByLabel(/^Planned duration/).fill('999');
    await expect.poll(() => field.locator('.error').textContent()).toMatch(/must be at most 260/);
    expect(await page.getByLabel(/^Planned duration/).getAttribute('aria-invalid')).toBe('true');
    await page.waitForFunction(() => document.body.dataset.status === 'invalid');
    await expectChartsDrawn(page, REPS); // the last valid run stays on screen
    await page.getByLabel(/^Planned duration/).fill('30');
    await waitForRun(page, nodeScenario('resource-starved', { reps: REPS, programme: { plannedWeeks: 30 } }));
    expect(await field.locator('.error').textContent()).toBe('');
    await closePage(page);
  });

  it('compares against a pinned baseline with paired differences', async () => {
    const page = await openPage();
    await page.goto(`${baseUrl}#scenario=flemish-befriending&reps=${REPS}`);
    const base = nodeScenario('flemish-befriending', { reps: REPS });
    await waitForRun(page, base);
    await page.getByTestId('pin').click();
    await page.getByLabel(/^Follow-up style/).selectOption('laissez-faire');
    const other = nodeScenario('flemish-befriending', { reps: REPS, programme: { followUpStyle: 'laissez-faire' } });
    await waitForRun(page, other);
    await expect.poll(() => page.getByTestId('compare').isVisible()).toBe(true);
    expect(await page.locator('[data-testid="compare-table"] tbody tr').count()).toBeGreaterThan(5);
    const diff = roundDeep(comparePaired(nodeRun(base), nodeRun(other)));
    const csv = await exportItem(page, 'compare');
    const row = csv.text.split('\n').find((l) => l.startsWith('effectAllReferred,'))!;
    expect(row).toContain(`,${diff.effectAllReferred.difference.value},`);
    expect(page.url()).toContain('vs=');
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-compare.png'), fullPage: true });

    // The comparison link reruns the baseline, then the current design.
    const again = await openPage();
    await again.goto(page.url());
    await waitForRun(again, other);
    await expect.poll(() => again.getByTestId('compare').isVisible()).toBe(true);
    const csv2 = await exportItem(again, 'compare');
    expect(csv2.text).toBe(csv.text);
    await closePage(again);
    await closePage(page);
  });

  it('loads a scenario file (with extends) and puts it in the URL', async () => {
    const page = await openPage();
    await page.goto(`${baseUrl}#scenario=flemish-befriending&reps=${REPS}`);
    await waitForRun(page, nodeScenario('flemish-befriending', { reps: REPS }));
    const file = { version: 1, extends: 'flemish-befriending.json', name: 'Loaded variant', reps: REPS, programme: { contactsPerWeek: 0.5 } };
    await page.getByTestId('scenario-file').setInputFiles({ name: 'variant.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    // As the command line reads it: `extends` resolved beside the bundled scenarios.
    const expected = resolveScenario('variant.json', (ref, from) => (ref === 'variant.json' ? { id: ref, json: file } : fileLoader(ref, from ?? 'scenarios/variant.json')));
    await waitForRun(page, expected);
    expect(await page.getByLabel('Scenario name').inputValue()).toBe('Loaded variant');
    expect(decodeURIComponent(page.url())).toContain('programme.contactsPerWeek=0.5');
    // A broken file is reported, the page keeps working.
    await page.getByTestId('scenario-file').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{ nope') });
    await expect.poll(() => page.getByTestId('general-errors').textContent()).toMatch(/broken\.json/);
    expect(await page.getByTestId('headline-effect').getAttribute('data-value')).toBe(String(nodeRun(expected).summary.metrics.effectAllReferred.value));
    await closePage(page);
  });

  it('cancels a run', async () => {
    const page = await openPage();
    await page.goto(`${baseUrl}#scenario=duo-for-a-job&reps=5000`);
    await page.waitForFunction(() => Number(document.body.dataset.repsDone ?? 0) > 0, null, { timeout: 30_000 });
    await page.getByTestId('cancel').click();
    await page.waitForFunction(() => document.body.dataset.status === 'cancelled');
    const done = Number(await page.evaluate(() => document.body.dataset.repsDone));
    expect(done).toBeLessThan(5000);
    await page.waitForTimeout(300);
    expect(Number(await page.evaluate(() => document.body.dataset.repsDone))).toBe(done);
    await closePage(page);
  });

  it('opens from a folder (file://) and runs there too', async () => {
    const page = await openPage();
    const s = nodeScenario('civic-integration-40h', { reps: REPS, seed: 7 });
    await page.goto(`${pathToFileURL(join(outDir, 'index.html')).href}#scenario=civic-integration-40h&seed=7&reps=${REPS}`);
    await waitForRun(page, s);
    await expectChartsDrawn(page, REPS);
    expect(await page.getByTestId('headline-effect').getAttribute('data-value')).toBe(String(nodeRun(s).summary.metrics.effectAllReferred.value));
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-file-url.png') });
    await closePage(page);
  });
});

describe('dashboard under hostile links and files (issue 10)', () => {
  it('a link to a heavy run waits for a click, and shows an estimate when it starts (cases 15, 17)', async () => {
    const page = await openPage();
    await page.goto(`${baseUrl}#scenario=flemish-befriending&reps=1000000`);
    await page.waitForFunction(() => document.body.dataset.status === 'confirm');
    expect(await page.getByTestId('status').textContent()).toMatch(/This design is a heavy run: 1000000 replications x at most \d+( k)? participant-weeks = at most \d+\.\d G participant-weeks, roughly .* on \d workers?\. Press Run to start it/);
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => document.body.dataset.repsDone)).toBeUndefined();
    await page.getByTestId('run').click();
    await page.waitForFunction(() => document.body.dataset.status === 'running');
    expect(await page.getByTestId('status').textContent()).toMatch(/^Running \d+ \/ 1000000 replications(: 1000000 replications x .* participant-weeks, roughly .*|… about .* left)/);
    await page.getByTestId('cancel').click();
    await page.waitForFunction(() => document.body.dataset.status === 'cancelled');
    await closePage(page);
  });

  it('a link of thousands of unknown keys shows 20 problems and a count; an overlong link is not read (case 15)', async () => {
    const page = await openPage();
    const keys = Array.from({ length: 300 }, (_, i) => `programme.unknown${i}=1`).join('&');
    await page.goto(`${baseUrl}#scenario=flemish-befriending&reps=${REPS}&${keys}`);
    await page.waitForFunction(() => document.body.dataset.status === 'invalid');
    const problems = page.getByTestId('general-errors').locator('p');
    expect(await problems.count()).toBe(21);
    expect(await problems.last().textContent()).toBe('... and 280 more problems (300 in all).');

    await closePage(page);
    const fresh = await openPage();
    const huge = Array.from({ length: 60_000 }, (_, i) => `k${i}=1`).join('&');
    await fresh.goto(`${baseUrl}#${huge}`);
    await expect.poll(() => fresh.getByTestId('link-note').textContent()).toMatch(/The link is too long to read \([\d,]+ characters; at most 65,536\): nothing of it was used/);
    await waitForRun(fresh, nodeScenario('flemish-befriending', {}));
    await closePage(fresh);
  });

  it('says when a link could not be read instead of silently showing the defaults (case 15)', async () => {
    const page = await openPage();
    await page.goto(`${baseUrl}#%3Cscript%3E=1&!!!&a.b.c=2`);
    await expect.poll(() => page.getByTestId('link-note').textContent()).toMatch(/3 entries of the link could not be read and were ignored: "<script>", "!!!", "a.b.c"\. Nothing in the link could be used: showing the default scenario\./);
    await closePage(page);
  });

  it('refuses a scenario file over 1 MB before reading it, naming its size; strict JSON as on the command line (case 15)', async () => {
    const page = await openPage();
    await page.goto(`${baseUrl}#scenario=flemish-befriending&reps=${REPS}`);
    await waitForRun(page, nodeScenario('flemish-befriending', { reps: REPS }));
    const url = page.url();
    const big = Buffer.alloc(2 * 1024 * 1024, 32);
    await page.getByTestId('scenario-file').setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: big });
    await expect.poll(() => page.getByTestId('general-errors').textContent()).toBe('big.json: the file is 2.0 MB; scenario files are at most 1 MB');
    expect(page.url()).toBe(url);
    await page.getByTestId('scenario-file').setInputFiles({ name: 'dup.json', mimeType: 'application/json', buffer: Buffer.from('{"version": 1, "name": "a", "name": "b"}') });
    await expect.poll(() => page.getByTestId('general-errors').textContent()).toMatch(/dup.json: line 1, column 29: duplicate key "name"/);
    await closePage(page);
  });

  it('escapes a scenario name that a spreadsheet would run as a formula in the comparison CSV (case 16)', async () => {
    const page = await openPage();
    const name = '=HYPERLINK("http://example.invalid","click")';
    await page.goto(`${baseUrl}#scenario=flemish-befriending&reps=${REPS}&name=${encodeURIComponent(name)}&vs=${encodeURIComponent(`scenario=flemish-befriending&reps=${REPS}`)}`);
    await waitForRun(page, nodeScenario('flemish-befriending', { reps: REPS, name }));
    await expect.poll(() => page.getByTestId('compare').isVisible()).toBe(true);
    const csv = await exportItem(page, 'compare');
    const first = csv.text.split('\n')[1];
    expect(first.endsWith(`,"'=HYPERLINK(""http://example.invalid"",""click"")"`)).toBe(true);
    await closePage(page);
  });
});
