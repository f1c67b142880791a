/**
 * The Explore view in Chromium (issue 11, item 6): sweeps of one and two levers run on the
 * dashboard's Web Workers and give the same summary.csv as the experiment file they download, run
 * here in Node; result files written by `buddysim experiment run` load and draw.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fmtEstimate } from '../../src/index.ts';
import { parseExperiment, replicationTable, runExperiment, summaryTable, tableToCsv } from '../../src/experiment/index.ts';
import { buildCli, cli } from '../support/cli.ts';
import { ARTIFACTS, closePage, downloadText, nodeScenario, openAt, useDashboard, waitForRun } from '../support/browser.ts';

useDashboard();
const tmp = mkdtempSync(join(tmpdir(), 'buddysim-explore-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const openExplore = (design: string) => openAt(`${design}&view=explore`);

const sweepDone = (page: Page) => page.waitForFunction(() => ['done', 'error'].includes(document.body.dataset.sweep ?? ''), null, { timeout: 120_000 });
/** Two CSV texts with the same cells: text alike, numbers equal to 12 significant digits. */
function expectSameTable(actual: string, expected: string): void {
  const a = actual.split('\n').map((l) => l.split(','));
  const b = expected.split('\n').map((l) => l.split(','));
  expect(a.length).toBe(b.length);
  let differing = 0;
  a.forEach((row, i) => {
    expect(row.length, `line ${i + 1}`).toBe(b[i].length);
    row.forEach((cell, j) => {
      if (cell === b[i][j]) return;
      differing += 1;
      const [x, y] = [Number(cell), Number(b[i][j])];
      expect(Number.isFinite(x) && Number.isFinite(y), `line ${i + 1}, column ${j + 1}: ${cell} vs ${b[i][j]}`).toBe(true);
      expect(Math.abs(x - y), `line ${i + 1}, column ${j + 1}`).toBeLessThanOrEqual(1e-12 * Math.max(Math.abs(x), Math.abs(y)));
    });
  });
  // Nearly every cell is the same text.
  expect(differing).toBeLessThan(a.length);
}

const download = (page: Page, kind: string) => downloadText(page, () => page.locator(`#explore-downloads button[data-download="${kind}"]`).click());

describe('the Explore view in Chromium (issue 11)', { timeout: 180_000 }, () => {
  it('sweeps one lever on the Web Workers: a line with bands, and the summary.csv of its experiment file run in Node', async () => {
    const page = await openExplore('scenario=flemish-befriending&reps=4&weeks=104');
    await waitForRun(page, nodeScenario('flemish-befriending', { reps: 4, weeks: 104 }));
    expect(await page.locator('#explore-base').textContent()).toMatch(/^Flemish befriending \(year-long\) \(seed \d+, 104 weeks\)$/);
    await page.locator('#lever-0').selectOption('programme.contactsPerWeek');
    await page.locator('#lever-0-from').fill('0.5');
    await page.locator('#lever-0-to').fill('2');
    await page.locator('#lever-0-steps').fill('4');
    await page.locator('#sweep-reps').fill('3');
    expect(await page.locator('#sweep-cost').textContent()).toMatch(/^4 points \(4\) x 3 replications = 12 runs: /);
    await page.getByTestId('sweep-run').click();
    await sweepDone(page);
    expect(await page.getByTestId('explore-status').textContent()).toMatch(/^4 points x 3 replications in [\d.]+ s \(seed \d+ at every point\)\.$/);
    expect(await page.locator('#explore-chart').getAttribute('data-kind')).toBe('line');
    expect(await page.locator('#explore-chart svg circle').count()).toBe(4);
    expect(await page.getByTestId('explore-points').locator('tbody tr').count()).toBe(4);
    expect(decodeURIComponent(page.url())).toContain('view=explore&sweep=x=programme.contactsPerWeek&from=0.5&to=2&steps=4&reps=3');
    await page.screenshot({ path: join(ARTIFACTS, 'explore-line.png'), fullPage: true });

    const file = JSON.parse((await download(page, 'experiment')).text);
    const summary = (await download(page, 'summary')).text;
    const replications = (await download(page, 'replications')).text;
    const experiment = parseExperiment(file);
    expect(experiment.seed).toBe(nodeScenario('flemish-befriending', {}).seed);
    const results = await runExperiment(experiment);
    // The same table as the command line's: the same rows and text, and the same numbers to 12
    // significant digits (a few figures, such as correlations, differ in their last bit between
    // Chromium's JavaScript engine and Node's).
    expectSameTable(replications, tableToCsv(replicationTable(results)));
    expectSameTable(summary, tableToCsv(summaryTable(results)));

    // The design moves on: the sweep on screen says it was around the previous one, and is dimmed.
    expect(await page.locator('#explore-notes').textContent()).toMatch(/^A sweep around "Flemish befriending \(year-long\)", seed \d+ at every point\./);
    await page.getByTestId('view-run').click();
    await page.getByLabel(/^Planned duration/).fill('26');
    await page.getByTestId('view-explore').click();
    await page.waitForFunction(() => document.body.dataset.sweepAround === 'previous');
    expect(await page.locator('#explore-notes').textContent()).toContain('The design in the Design view has changed since: this sweep is not around it');
    expect(await page.locator('#explore-chart').getAttribute('class')).toMatch(/\bstale\b/);
    await closePage(page);
  });

  it('sweeps two levers into a heat map; a cancelled sweep keeps what was drawn', async () => {
    const page = await openExplore('scenario=resource-starved&reps=2&weeks=80');
    await waitForRun(page, nodeScenario('resource-starved', { reps: 2, weeks: 80 }));
    await page.locator('#lever-0-from').fill('0.5');
    await page.locator('#lever-0-to').fill('1.5');
    await page.locator('#lever-0-steps').fill('3');
    await page.locator('#lever-1').selectOption('programme.plannedWeeks');
    await page.locator('#lever-1-from').fill('13');
    await page.locator('#lever-1-to').fill('39');
    await page.locator('#lever-1-steps').fill('3');
    await page.locator('#sweep-reps').fill('2');
    await page.getByTestId('sweep-run').click();
    await sweepDone(page);
    expect(await page.locator('#explore-chart').getAttribute('data-kind')).toBe('heatmap');
    expect(await page.locator('#explore-chart svg g[data-x]').count()).toBe(9);
    await page.locator('#explore-metric').selectOption('matchedShare');
    await page.waitForFunction(() => document.querySelector('#explore-chart svg title')?.textContent === 'Referred participants matched by the horizon');
    await page.locator('#explore-second').selectOption('lines:programme.plannedWeeks');
    await page.waitForFunction(() => document.querySelector('#explore-chart')?.getAttribute('data-kind') === 'line');
    await page.locator('#explore-second').selectOption('heatmap:programme.plannedWeeks');
    await page.screenshot({ path: join(ARTIFACTS, 'explore-heatmap.png'), fullPage: true });

    const before = await page.locator('#explore-chart').innerHTML();
    await page.locator('#sweep-reps').fill('300');
    await page.evaluate(() => {
      document.querySelector<HTMLButtonElement>('[data-testid="sweep-run"]')!.click();
      document.querySelector<HTMLButtonElement>('[data-testid="sweep-cancel"]')!.click();
    });
    await page.waitForFunction(() => document.body.dataset.sweep === 'cancelled');
    expect(await page.getByTestId('explore-status').textContent()).toBe('Cancelled after 0 of 2700 runs; the chart shows the points so far.');
    expect(await page.locator('#explore-chart').innerHTML()).toBe(before);
    await closePage(page);
  });

  describe('result files of buddysim experiment run', () => {
    let dir = '';
    beforeAll(() => {
      buildCli();
      const file = join(tmp, 'loaded.json');
      writeFileSync(file, JSON.stringify({
        version: 1,
        name: 'Loaded in the dashboard',
        scenario: { version: 1, name: 'small', weeks: 60, reps: 1, seed: 5, outcomes: { assessmentWeeks: 30 } },
        factors: [{ path: 'programme.contactsPerWeek', range: [0.5, 2], steps: 3 }],
        across: { name: 'mechanism', variants: [{ label: 'duration', set: { 'programme.mechanism': 'duration' } }, { label: 'frequency', set: { 'programme.mechanism': 'frequency' } }] },
        design: { type: 'full-factorial' },
        replications: 3,
        outputs: ['prematureIncidence', 'matchedShare', 'effectMatched'],
      }));
      dir = join(tmp, 'out');
      const r = cli(['experiment', 'run', file, '--out', dir, '--quiet']);
      if (r.status !== 0) throw new Error(`buddysim experiment run failed: ${r.stderr}`);
    });

    it('loads summary.csv and replications.csv and shows the same figures as the file', async () => {
      const page = await openExplore('scenario=flemish-befriending&reps=2&weeks=52');
      const choose = (name: string, text?: string) => page.getByTestId('results-file').setInputFiles(text === undefined ? join(dir, name) : { name, mimeType: 'text/csv', buffer: Buffer.from(text) });
      await choose('summary.csv');
      await page.waitForFunction(() => document.body.dataset.sweep === 'done');
      expect(await page.getByTestId('explore-status').textContent()).toBe('Loaded summary.csv: 6 points, 3 figures.');
      expect(await page.locator('#explore-chart').getAttribute('data-kind')).toBe('heatmap');
      await page.locator('#explore-x').selectOption('programme.contactsPerWeek');
      await page.locator('#explore-second').selectOption('lines:mechanism');
      await page.waitForFunction(() => document.querySelector('#explore-chart')?.getAttribute('data-kind') === 'line');
      expect(await page.locator('#explore-chart svg circle').count()).toBe(6);
      await page.screenshot({ path: join(ARTIFACTS, 'explore-loaded.png'), fullPage: true });
      // The table says what the file says, through the one formatter.
      const csv = readFileSync(join(dir, 'summary.csv'), 'utf8').trim().split('\n').map((l) => l.split(','));
      const head = csv[0];
      const row = csv.find((r) => r[head.indexOf('metric')] === 'prematureIncidence')!;
      const num = (c: string) => Number(row[head.indexOf(c)]);
      const first = await page.getByTestId('explore-points').locator('tbody tr').first().locator('td').allTextContents();
      expect(first).toContain(fmtEstimate(num('mean'), [num('ci95_low'), num('ci95_high')], 'share'));
      const fromSummary = await page.getByTestId('explore-points').innerText();
      expect(await page.locator('#explore-downloads button[data-download="summary"]').isHidden()).toBe(true);

      await choose('replications.csv');
      await page.waitForFunction(() => /^Loaded replications\.csv/.test(document.querySelector('[data-testid="explore-status"]')?.textContent ?? ''));
      await page.locator('#explore-x').selectOption('programme.contactsPerWeek');
      await page.locator('#explore-second').selectOption('lines:mechanism');
      expect(await page.getByTestId('explore-points').innerText()).toBe(fromSummary);

      await choose('notes.csv', 'a,b\n1,2\n');
      await page.waitForFunction(() => document.body.dataset.sweep === 'error');
      expect(await page.getByTestId('explore-status').textContent()).toMatch(/^notes\.csv: not a result table of buddysim experiment run: expected the columns of summary\.csv/);
      await choose('summary.parquet', 'PAR1');
      await page.waitForFunction(() => /summary\.parquet: Parquet is not read here/.test(document.querySelector('[data-testid="explore-status"]')?.textContent ?? ''));
      await closePage(page);
    });
  });
});
