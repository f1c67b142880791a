/**
 * Dashboard benchmark: builds the dashboard, serves it on 127.0.0.1, opens it in headless
 * Chromium and measures the time from clicking Run to all charts drawn, for 200 replications
 * of a bundled scenario. Prints figures only (no assertions).
 *
 *   npx tsx bench/dashboard.ts [--scenario flemish-befriending] [--reps 200] [--runs 5]
 *
 * Needs Chromium (/usr/bin/chromium, or CHROMIUM_PATH).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import { build, preview } from 'vite';

const { values } = parseArgs({
  options: {
    scenario: { type: 'string', default: 'flemish-befriending' },
    reps: { type: 'string', default: '200' },
    runs: { type: 'string', default: '5' },
  },
});
const scenario = values.scenario!;
const reps = Number(values.reps);
const runs = Number(values.runs);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => `${x.toFixed(0)} ms`;

/** Waits until the run numbered `count` has finished and all seven charts show `reps` replications. */
async function waitDrawn(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    ({ count, reps }) =>
      document.body.dataset.status === 'done' &&
      Number(document.body.dataset.completedRuns ?? 0) >= count &&
      [...document.querySelectorAll('svg[data-chart]')].filter((s) => s.getAttribute('data-reps') === String(reps)).length === 7,
    { count, reps },
    { polling: 'raf', timeout: 120_000 },
  );
}

const tmp = mkdtempSync(join(tmpdir(), 'buddysim-bench-dashboard-'));
const outDir = join(tmp, 'dashboard');
const t0 = performance.now();
await build({ configFile: resolve('vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
const buildMs = performance.now() - t0;
const server = await preview({ configFile: resolve('vite.config.ts'), logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0, open: false } });
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const url = `${server.resolvedUrls!.local[0]}#scenario=${scenario}&reps=${reps}`;
  const tLoad = performance.now();
  await page.goto(url);
  await waitDrawn(page, 1);
  const firstMs = performance.now() - tLoad;
  const workers = await page.evaluate(() => navigator.hardwareConcurrency);

  const wall: number[] = [];
  const inPage: number[] = [];
  const draws: number[] = [];
  const snapshots: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await page.getByTestId('run').click();
    await waitDrawn(page, i + 2);
    wall.push(performance.now() - t);
    const d = await page.evaluate(() => ({ ...document.body.dataset }));
    inPage.push(Number(d.runMs));
    draws.push(Number(d.drawMs));
    if (d.snapshotMs) snapshots.push(Number(d.snapshotMs));
  }

  console.log(`dashboard benchmark: ${scenario}, ${reps} replications, ${workers} Web Workers (${availableParallelism()} cores)`);
  console.log(`  build (vite, single file):                ${ms(buildMs)}`);
  console.log(`  page load to all charts drawn (cold):      ${ms(firstMs)}`);
  console.log(`  click Run to all charts drawn, median:     ${ms(median(wall))}  (min ${ms(Math.min(...wall))}, max ${ms(Math.max(...wall))}, ${runs} runs)`);
  console.log(`  same, measured in the page (run start to final draw): median ${ms(median(inPage))}`);
  console.log(`  replications per second (median):          ${(reps / (median(wall) / 1000)).toFixed(0)}`);
  console.log(`  one redraw of headline and charts (main thread): median ${median(draws).toFixed(1)} ms; partial aggregate: ${snapshots.length ? `${median(snapshots).toFixed(1)} ms` : 'n/a'}`);
} finally {
  await browser.close();
  await server.close();
  rmSync(tmp, { recursive: true, force: true });
}
