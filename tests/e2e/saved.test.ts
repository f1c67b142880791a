/**
 * What users keep, in Chromium (issue 13, item 4): the run history of the session (re-opened
 * without running), saved design sets (kept in the browser, exported and imported as JSON), and
 * the one-click report (one HTML file that opens offline).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fmtEstimate, parseScenario, scenarioHash, scenarioToFile } from '../../src/index.ts';
import { version } from '../../package.json';
import { ARTIFACTS, closePage, downloadText, newPage, nodeRun, nodeScenario, openAt, useDashboard, waitForRun } from '../support/browser.ts';

useDashboard();


describe('history, design sets and the report in Chromium (issue 13)', { timeout: 180_000 }, () => {
  it('lists the runs of the session with scenario, seed, replications and key figures, and re-opens one without running it', async () => {
    const page = await openAt('scenario=flemish-befriending&reps=6&seed=4');
    const first = nodeScenario('flemish-befriending', { reps: 6, seed: 4 });
    await waitForRun(page, first);
    await page.getByLabel(/^Contact frequency/).fill('2');
    const second = nodeScenario('flemish-befriending', { reps: 6, seed: 4, programme: { contactsPerWeek: 2 } });
    await waitForRun(page, second);
    await page.getByTestId('view-saved').click();
    const rows = page.getByTestId('history').locator('tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.first().getAttribute('data-hash')).toBe(scenarioHash(second));
    const cells = await rows.nth(1).locator('td').allTextContents();
    const p = nodeRun(first).summary.survival.prematureIncidence;
    expect(cells.slice(1, 3)).toEqual(['4', '6']);
    expect(cells).toContain(fmtEstimate(p.value, [p.lower, p.upper], 'share'));
    expect(await rows.nth(1).locator('th').textContent()).toBe('Flemish befriending (year-long) flemish-befriending');
    expect(await rows.first().locator('th').textContent()).toBe('Flemish befriending (year-long) flemish-befriending, 1 field changed');
    await page.screenshot({ path: join(ARTIFACTS, 'saved-history.png'), fullPage: true });

    const runs = await page.evaluate(() => document.body.dataset.completedRuns);
    await page.getByTestId('reopen-1').click();
    await page.waitForFunction((h) => document.body.dataset.view === 'run' && document.body.dataset.shownHash === h, scenarioHash(first));
    expect(await page.getByTestId('headline-effect').getAttribute('data-value')).toBe(String(nodeRun(first).summary.metrics.effectAllReferred.value));
    expect(await page.getByLabel(/^Contact frequency/).inputValue()).toBe('1');
    expect(await page.evaluate(() => document.body.dataset.showing)).toBe('current');
    expect(await page.getByTestId('status').textContent()).toMatch(/^Re-opened: Flemish befriending \(year-long\), 6 replications \(seed 4\)/);
    expect(await page.getByTestId('progress').evaluate((e) => (e as HTMLProgressElement).value)).toBe(6);
    // It was not run again: the only completed draw since is the re-opened one.
    expect(Number(await page.evaluate(() => document.body.dataset.completedRuns))).toBe(Number(runs) + 1);
    await closePage(page);
  });

  it('saves designs into a named set kept in the browser, exports it as JSON, and imports it elsewhere', async () => {
    const page = await openAt('scenario=resource-starved&reps=4');
    await waitForRun(page, nodeScenario('resource-starved', { reps: 4 }));
    await page.getByTestId('to-save').click();
    expect(await page.evaluate(() => document.body.dataset.view)).toBe('saved');
    await page.locator('#save-set').fill('Support options');
    await page.locator('#save-label').fill('As it is');
    await page.getByTestId('save-design').click();
    await page.getByTestId('view-run').click();
    await page.getByLabel(/^Follow-up style/).selectOption('structured');
    await waitForRun(page, nodeScenario('resource-starved', { reps: 4, programme: { followUpStyle: 'structured' } }));
    await page.getByTestId('to-save').click();
    await page.locator('#save-set').fill('Support options');
    await page.locator('#save-label').fill('Structured follow-up');
    await page.getByTestId('save-design').click();
    expect(await page.getByTestId('sets-note').textContent()).toBe('Saved "Structured follow-up" in the set "Support options".');
    expect(await page.locator('[data-set="Support options"] li strong').allTextContents()).toEqual(['As it is', 'Structured follow-up']);

    // Kept in the browser: a reload still has it.
    await page.reload();
    await page.getByTestId('view-saved').click();
    expect(await page.locator('[data-set="Support options"] li').count()).toBe(2);
    const exported = await downloadText(page, () => page.getByTestId('export-set').click());
    expect(exported.name).toBe('support-options.design-set.json');
    const set = JSON.parse(exported.text);
    expect(set).toMatchObject({ format: 'buddysim-design-set', version: 1, name: 'Support options' });
    const structured = nodeScenario('resource-starved', { reps: 4, programme: { followUpStyle: 'structured' } });
    expect(scenarioHash(parseScenario(set.designs[1].scenario))).toBe(scenarioHash(structured));
    expect(set.designs[1].scenario).toEqual(scenarioToFile(structured));
    await page.screenshot({ path: join(ARTIFACTS, 'saved-sets.png'), fullPage: true });
    await closePage(page);

    // Another browser profile: import the file, open a design, and it runs.
    const other = await openAt('scenario=flemish-befriending&reps=2');
    await other.getByTestId('view-saved').click();
    expect(await other.locator('[data-set]').count()).toBe(0);
    await other.getByTestId('set-file').setInputFiles({ name: 'support-options.design-set.json', mimeType: 'application/json', buffer: Buffer.from(exported.text) });
    await other.waitForFunction(() => document.querySelector('[data-testid="sets-note"]')?.textContent === 'Imported the set "Support options" (2 designs).');
    await other.getByRole('button', { name: 'Open Structured follow-up' }).click();
    await waitForRun(other, structured);
    expect(await other.getByLabel(/^Follow-up style/).inputValue()).toBe('structured');
    await other.getByTestId('view-saved').click();
    await other.getByTestId('set-file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "buddysim-design-set", "version": 2}') });
    await other.waitForFunction(() => /^Could not import bad\.json: bad\.json: version: got 2; must be 1/.test(document.querySelector('[data-testid="sets-note"]')?.textContent ?? ''));
    await closePage(other);
  });

  it('makes a one-click report: one HTML file with the charts as SVG, key figures with intervals, the scenario and provenance', async () => {
    const page = await openAt('scenario=civic-integration-40h&reps=8&seed=12');
    const s = nodeScenario('civic-integration-40h', { reps: 8, seed: 12 });
    await waitForRun(page, s);
    const report = await downloadText(page, () => page.getByTestId('report').click());
    expect(report.name).toBe('civic-integration-the-40-hour-buddy-trajectory-report.html');
    const html = report.text;
    const summary = nodeRun(s).summary;
    const p = summary.survival.prematureIncidence;
    expect(html).toContain(`<dd>buddysim ${version}, dashboard, on `);
    expect(html).toContain('<dt>replications</dt><dd>8, seed 12</dd>');
    expect(html).toContain(`<td>Ended early, before the 40 hours were used (by week ${p.weeks})</td><td class="n">${fmtEstimate(p.value, [p.lower, p.upper], 'share')}</td>`);
    expect((html.match(/<figure id="chart-[a-z-]+"><svg /g) ?? []).length).toBe(7);
    expect(html).toMatch(/<svg [^>]*width="760"/);
    expect(html).not.toMatch(/<script/);
    const pre = html.match(/<pre[^>]*>([\s\S]*?)<\/pre>/)![1].replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    expect(scenarioHash(parseScenario(JSON.parse(pre)))).toBe(scenarioHash(s));
    await closePage(page);

    // The file opens on its own, offline, without errors.
    const file = join(ARTIFACTS, 'dashboard-report.html');
    writeFileSync(file, html);
    const viewer = await newPage();
    await viewer.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
    await viewer.goto(`file://${file}`);
    expect(await viewer.locator('figure svg').count()).toBe(7);
    await viewer.screenshot({ path: join(ARTIFACTS, 'dashboard-report.png') });
    await closePage(viewer);
  });
});
