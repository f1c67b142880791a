/**
 * The notebooks in a real browser: builds every notebook with the command of `npm run
 * build:notebooks` (into a temporary folder), serves the build on 127.0.0.1, opens each notebook in
 * Debian's Chromium, waits until every cell has settled, and fails on any cell error
 * (`.observablehq--error`), any script error, or any request that would leave localhost (such
 * requests are aborted and listed). Saves a full-page screenshot of each notebook in
 * out/screenshots/notebooks/. Without Chromium this FAILS (it does not skip).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.ts';

const SCREENSHOTS = resolve('out/screenshots/notebooks');
const NOTEBOOKS = readdirSync('notebooks').filter((f) => f.endsWith('.html')).sort();
/** The longest a notebook may take to settle on a loaded 2-core machine (it takes seconds). */
const SETTLE_MS = 150_000;

let outDir = '';
let server: PreviewServer | undefined;
let browser: Browser | undefined;
let baseUrl = '';

/** `npm run build:notebooks`, word for word, with the output folder replaced by a temporary one. */
function buildCommand(out: string): string[] {
  const script = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts['build:notebooks'];
  const words = script.split(/\s+/);
  if (words[0] !== 'notebooks' || !words.includes('--out')) throw new Error(`unexpected build:notebooks script: ${script}`);
  words[words.indexOf('--out') + 1] = out;
  return words.slice(1).flatMap((w) => (w === 'notebooks/*.html' ? NOTEBOOKS.map((n) => `notebooks/${n}`) : [w]));
}

async function start(): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  outDir = join(mkdtempSync(join(tmpdir(), 'buddysim-notebooks-')), 'notebooks');
  execFileSync(process.execPath, [resolve('node_modules/@observablehq/notebook-kit/dist/bin/notebooks.js'), ...buildCommand(outDir)], { stdio: 'pipe' });
  server = await preview({ configFile: false, root: outDir, logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0, open: false } });
  baseUrl = server.resolvedUrls?.local[0] ?? '';
  if (!/^http:\/\/127\.0\.0\.1:\d+\/$/.test(baseUrl)) throw new Error(`unexpected preview address ${baseUrl}`);
  browser = await launchChromium();
}

let started: Promise<void> | undefined;
const ready = () => (started ??= start());

beforeAll(async () => {
  await ready().catch(() => undefined);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (outDir) rmSync(resolve(outDir, '..'), { recursive: true, force: true });
});

/**
 * Whether every variable of the notebook's runtime has settled (its promise fulfilled or rejected)
 * and the runtime is not computing: every cell has run, including those awaiting simulations.
 */
async function settled(page: Page): Promise<boolean> {
  return page.evaluate(async () => {
    const runtime = (window as unknown as { notebookRuntime?: { _computing: unknown; _variables: Set<{ _promise: Promise<unknown> }> } }).notebookRuntime;
    if (!runtime || runtime._computing) return false;
    const later = () => new Promise((r) => setTimeout(() => r('pending'), 25));
    for (const v of runtime._variables) {
      const state = await Promise.race([Promise.resolve(v._promise).then(() => 'settled', () => 'settled'), later()]);
      if (state === 'pending') return false;
    }
    return true;
  });
}

async function waitUntilSettled(page: Page): Promise<void> {
  const deadline = Date.now() + SETTLE_MS;
  let quiet = 0;
  while (quiet < 2) {
    if (Date.now() > deadline) throw new Error(`the notebook's cells did not settle within ${SETTLE_MS / 1000} s`);
    await page.waitForTimeout(300);
    quiet = (await settled(page)) ? quiet + 1 : 0;
  }
}

const isLocal = (url: string) => url.startsWith(baseUrl) || /^(data|blob):/.test(url);

describe('notebooks in Chromium', () => {
  it('finds the three notebooks', () => {
    expect(NOTEBOOKS).toEqual(expect.arrayContaining(['policymakers.html', 'programme-managers.html', 'researchers.html']));
  });

  it.each(NOTEBOOKS)('%s: every cell runs without an error, offline', async (file) => {
    await ready();
    const context = await browser!.newContext({ viewport: { width: 1200, height: 900 } });
    const outside: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (isLocal(url)) return route.continue();
      outside.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    const scriptErrors: string[] = [];
    page.on('pageerror', (e) => scriptErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/favicon/.test(m.location().url)) scriptErrors.push(m.text());
    });
    try {
      await page.goto(`${baseUrl}${file}`);
      await waitUntilSettled(page);
      await page.screenshot({ path: join(SCREENSHOTS, file.replace(/\.html$/, '.png')), fullPage: true });
      const cells = await page.$$eval('.observablehq--cell', (els) => els.length);
      const errors = await page.$$eval('.observablehq--error', (els) => els.map((e) => (e.closest('.observablehq--cell')?.id ?? '') + ': ' + e.textContent));
      const charts = await page.$$eval('figure svg, svg[class^="plot"]', (els) => els.length);
      expect(outside, 'requests that would leave localhost').toEqual([]);
      expect(errors, 'cells with an error').toEqual([]);
      expect(scriptErrors, 'script errors').toEqual([]);
      expect(cells).toBeGreaterThan(5);
      expect(charts, 'charts drawn').toBeGreaterThan(0);
    } finally {
      await context.close();
    }
  }, SETTLE_MS + 60_000);
});
