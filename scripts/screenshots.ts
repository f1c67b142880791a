// Makes the screenshots in docs/ (npm run screenshots): the dashboard's, one view for each of the README's
// users (docs/screenshots/), and the notebooks' (docs/notebooks/). `npm run screenshots -- dashboard` or
// `-- notebooks` makes one group only. Runs in Debian's Chromium; progress goes to stderr.
//
// Dashboard: builds it (one file, dist/dashboard/index.html), opens it from the folder (file://), drives
// each view with realistic settings, waits until its run has finished and saves the page at 1280 px wide.
// About two minutes on two cores: the runs are the dashboard's own, on its Web Workers. Settings and what
// each shows: docs/dashboard.md.
//
// Notebooks: builds them into dist/notebooks with the command of `npm run build:notebooks`, serves the build
// on 127.0.0.1 as the render test does (tests/support/notebooks.ts), opens each with its default controls,
// waits until every cell has settled and saves the section of its first chart (docs/notebooks.md).
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { launchChromium, missingChromium } from '../tests/support/chromium.ts';
import { buildNotebooks, cellErrors, NOTEBOOKS, openNotebook, serveNotebooks, waitUntilSettled } from '../tests/support/notebooks.ts';

const OUT = resolve('docs/screenshots');
const NOTEBOOK_OUT = resolve('docs/notebooks');
const GROUPS = ['dashboard', 'notebooks'] as const;
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

/** The dashboard's three views, each in a fresh page. */
async function dashboard(browser: Browser): Promise<void> {
  log('building the dashboard (vite build)');
  await build({ configFile: resolve('vite.config.ts'), logLevel: 'warn' });
  const url = pathToFileURL(resolve('dist/dashboard/index.html')).href;
  mkdirSync(OUT, { recursive: true });
  for (const view of [compareDesigns, planCapacity, explore]) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await view(page, url);
    await page.close();
  }
}

/** The tallest a notebook's picture may be (px); the whole page would be several megabytes. */
const NOTEBOOK_HEIGHT = 1900;

/**
 * The part of a notebook a picture shows, in page pixels: from the heading of the section that holds
 * its first chart (the first results a reader reaches) down to the end of the last cell that fits
 * within NOTEBOOK_HEIGHT, so no cell is cut in half.
 */
function pictureBand(page: Page): Promise<{ top: number; bottom: number }> {
  return page.evaluate((tallest) => {
    // No named function in here: tsx (esbuild's keepNames) would wrap it in a helper the page lacks.
    const chart = document.querySelector('figure svg, svg[class^="plot"]');
    if (!chart) throw new Error('the notebook drew no chart');
    const chartTop = (chart.closest('figure') ?? chart).getBoundingClientRect().top + window.scrollY;
    // Section headings only: a chart's title is an h2 inside its figure.
    const headings = [...document.querySelectorAll('h2')].filter((h) => !h.closest('figure')).map((h) => h.getBoundingClientRect().top + window.scrollY).filter((y) => y < chartTop);
    const top = Math.max(0, Math.floor((headings.length ? headings[headings.length - 1] : 0) - 16));
    const ends = [...document.querySelectorAll('.observablehq--cell')].map((c) => Math.ceil(c.getBoundingClientRect().bottom + window.scrollY) + 8);
    const fitting = ends.filter((b) => b > top && b - top <= tallest);
    return { top, bottom: fitting.length ? Math.max(...fitting) : top + tallest };
  }, NOTEBOOK_HEIGHT);
}

/**
 * Each notebook with its default controls at 1000 px wide: the band of pictureBand. Stops before
 * saving on a cell error, a script error or a request that would leave localhost, as the render test
 * fails on them.
 */
async function notebooks(browser: Browser): Promise<void> {
  const dir = resolve('dist/notebooks');
  log(`building the notebooks into ${dir} (npm run build:notebooks)`);
  buildNotebooks(dir);
  const server = await serveNotebooks(dir);
  mkdirSync(NOTEBOOK_OUT, { recursive: true });
  try {
    for (const file of NOTEBOOKS) {
      const started = Date.now();
      log(`${file}: waiting until every cell has settled`);
      const { context, page, outside, scriptErrors } = await openNotebook(browser, server.url, file, 1000);
      await waitUntilSettled(page, RUN_TIMEOUT_MS);
      const problems = [...(await cellErrors(page)), ...scriptErrors, ...outside.map((u) => `request off localhost: ${u}`)];
      if (problems.length > 0) fail(`${file}: ${problems.join(' | ')}`);
      // Every web font loaded and applied: a control drawn before its font arrives would change the picture.
      await page.evaluate(async () => {
        await document.fonts.ready;
      });
      const { top, bottom } = await pictureBand(page);
      const path = resolve(NOTEBOOK_OUT, file.replace(/\.html$/, '.png'));
      await page.screenshot({ path, clip: { x: 0, y: top, width: 1000, height: bottom - top }, fullPage: true });
      log(`wrote ${path} (page ${top}-${bottom} px, ${Math.round((Date.now() - started) / 1000)} s)`);
      await context.close();
    }
  } finally {
    await server.close();
  }
}

const asked = process.argv.slice(2);
const unknown = asked.filter((a) => !(GROUPS as readonly string[]).includes(a));
if (unknown.length > 0) {
  log(`unknown group "${unknown[0]}": choose ${GROUPS.join(' or ')}, or none for both (npm run screenshots -- notebooks)`);
  process.exit(2);
}
const groups = asked.length > 0 ? GROUPS.filter((g) => asked.includes(g)) : GROUPS;
const missing = missingChromium();
if (missing) fail(missing);
const t0 = Date.now();
const browser = await launchChromium();
try {
  if (groups.includes('dashboard')) await dashboard(browser);
  if (groups.includes('notebooks')) await notebooks(browser);
} finally {
  await browser.close();
}
log(`done in ${Math.round((Date.now() - t0) / 1000)} s`);
