// Makes the screenshots of the dashboard in docs/screenshots/ (npm run screenshots): one view for each of
// the README's users, run with realistic settings in Debian's Chromium. Builds the dashboard (one file,
// dist/dashboard/index.html), opens it from the folder (file://), drives each view, waits until its run has
// finished and saves the page at 1280 px wide. Progress goes to stderr. Takes about two minutes on two cores:
// the runs are the dashboard's own, on its Web Workers. Settings and what each shows: docs/dashboard.md.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { launchChromium, missingChromium } from '../tests/support/chromium.ts';

const OUT = resolve('docs/screenshots');
/** The longest any one view's run may take before the script gives up (a slow, busy machine). */
const RUN_TIMEOUT_MS = 30 * 60_000;

/** Script errors and console errors of the pages; any of them stops the script before it saves a picture. */
const errors: string[] = [];

const log = (line: string) => process.stderr.write(`screenshots: ${line}\n`);

/** One line and exit 1: no stack trace for a missing browser or a run that failed. */
function fail(line: string): never {
  log(line);
  process.exit(1);
}

/**
 * Waits until the job whose state the page keeps in `<body data-{key}>` (`status`, `grid`, `plan`,
 * `sweep`) has finished, printing its status line whenever it changes (at most every 5 s); fails on an
 * error or a cancel.
 */
async function finished(page: Page, key: string, statusSelector: string, what: string): Promise<void> {
  const started = Date.now();
  let said = '';
  for (;;) {
    const { kind, text } = await page.evaluate(([k, sel]) => ({ kind: document.body.dataset[k] ?? '', text: document.querySelector(sel)?.textContent ?? '' }), [key, statusSelector] as const);
    if (text !== said) log(`${what}: ${text}`);
    said = text;
    if (kind === 'done') return;
    if (kind === 'error' || kind === 'cancelled' || kind === 'invalid') fail(`${what} did not finish (${kind}): ${text}`);
    if (Date.now() - started > RUN_TIMEOUT_MS) fail(`${what} still running after ${RUN_TIMEOUT_MS / 60_000} minutes: ${text}`);
    await page.waitForTimeout(5000);
  }
}

/** Opens the dashboard at this hash and waits for the Design view's own run of it to finish. */
async function open(page: Page, url: string, hash: string): Promise<void> {
  await page.goto(`${url}#${hash}`);
  await finished(page, 'status', '#status', 'design');
}

/**
 * Saves the page, whole or down to the bottom of `until`. The window is first made as tall as the page:
 * the levers' sidebar scrolls within the window's height, so a shorter window would cut it off.
 */
async function shoot(page: Page, file: string, until?: string): Promise<void> {
  if (errors.length > 0) fail(`errors on the page: ${errors.join(' | ')}`);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 1280, height });
  const bottom = until ? await page.locator(until).evaluate((e) => Math.ceil(e.getBoundingClientRect().bottom + window.scrollY) + 16) : height;
  const path = resolve(OUT, file);
  await page.screenshot({ path, clip: { x: 0, y: 0, width: 1280, height: Math.min(bottom, height) } });
  log(`wrote ${path}`);
}

/**
 * Policymakers: the default 40-hour grid under every mechanism, 20 replications per design and mechanism
 * (the view's default). Down to the findings in words: the table of all 31 designs below them would make the
 * picture three times as tall.
 */
async function compareDesigns(page: Page, url: string): Promise<void> {
  await open(page, url, 'scenario=civic-integration-40h&view=designs');
  await page.locator('#grid-reps').fill('20');
  await page.getByTestId('grid-run').click();
  await finished(page, 'grid', '#grid-status', 'Compare designs');
  await shoot(page, 'policymakers-compare-designs.png', (await page.locator('#grid-warnings').isVisible()) ? '#grid-warnings' : '#grid-summary');
}

/** Programme managers: staffing for community mentoring at 60 referrals a year, 90% matched within 8 weeks. */
async function planCapacity(page: Page, url: string): Promise<void> {
  await open(page, url, 'scenario=community-mentoring&view=plan');
  await page.locator('#plan-referrals').fill('60');
  await page.locator('#plan-within').fill('8');
  await page.locator('#plan-share').fill('0.9');
  await page.getByTestId('plan-run').click();
  await finished(page, 'plan', '#plan-status', 'Plan capacity');
  await shoot(page, 'programme-managers-plan-capacity.png');
}

/** Researchers: community mentoring swept over contact frequency x planned duration, 20 replications a point. */
async function explore(page: Page, url: string): Promise<void> {
  await open(page, url, 'scenario=community-mentoring&view=explore');
  await page.locator('#lever-0').selectOption('programme.contactsPerWeek');
  await page.locator('#lever-0-from').fill('0.25');
  await page.locator('#lever-0-to').fill('1.5');
  await page.locator('#lever-0-steps').fill('6');
  await page.locator('#lever-1').selectOption('programme.plannedWeeks');
  await page.locator('#lever-1-from').fill('13');
  await page.locator('#lever-1-to').fill('65');
  await page.locator('#lever-1-steps').fill('5');
  await page.locator('#sweep-reps').fill('20');
  await page.getByTestId('sweep-run').click();
  await finished(page, 'sweep', '#explore-status', 'Explore');
  await page.locator('#explore-metric').selectOption('effectAllReferred');
  await page.waitForFunction(() => document.querySelector('#explore-chart')?.getAttribute('data-kind') === 'heatmap' && document.querySelector('#explore-chart svg title')?.textContent === 'Effect on the main outcome, all referred participants');
  await shoot(page, 'researchers-explore.png');
}

const missing = missingChromium();
if (missing) fail(missing);
const t0 = Date.now();
log('building the dashboard (vite build)');
await build({ configFile: resolve('vite.config.ts'), logLevel: 'warn' });
const url = pathToFileURL(resolve('dist/dashboard/index.html')).href;
mkdirSync(OUT, { recursive: true });
const browser = await launchChromium();
try {
  for (const view of [compareDesigns, planCapacity, explore]) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await view(page, url);
    await page.close();
  }
} finally {
  await browser.close();
}
log(`done in ${Math.round((Date.now() - t0) / 1000)} s`);
