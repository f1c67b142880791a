/**
 * The notebooks in a real browser: builds every notebook with the command of `npm run
 * build:notebooks` (into a temporary folder), serves the build on 127.0.0.1, opens each notebook in
 * Debian's Chromium, waits until every cell has settled, and fails on any cell error
 * (`.observablehq--error`), any script error, or any request that would leave localhost (such
 * requests are aborted and listed). Saves a full-page screenshot of each notebook in
 * out/screenshots/notebooks/ (for looking into a failure; the pictures in docs/notebooks/ come from
 * `npm run screenshots -- notebooks`). Without Chromium this FAILS (it does not skip).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.ts';
import { buildNotebooks, cellErrors, NOTEBOOKS, openNotebook, serveNotebooks, waitUntilSettled, type NotebookServer } from '../support/notebooks.ts';

const SCREENSHOTS = resolve('out/screenshots/notebooks');
/** The longest a notebook may take to settle on a loaded 2-core machine (it takes seconds). */
const SETTLE_MS = 150_000;

let outDir = '';
let server: NotebookServer | undefined;
let browser: Browser | undefined;

async function start(): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  outDir = join(mkdtempSync(join(tmpdir(), 'buddysim-notebooks-')), 'notebooks');
  buildNotebooks(outDir);
  server = await serveNotebooks(outDir);
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

describe('notebooks in Chromium', () => {
  it('finds the three notebooks', () => {
    expect(NOTEBOOKS).toEqual(expect.arrayContaining(['policymakers.html', 'programme-managers.html', 'researchers.html']));
  });

  it.each(NOTEBOOKS)('%s: every cell runs without an error, offline', async (file) => {
    await ready();
    const { context, page, outside, scriptErrors } = await openNotebook(browser!, server!.url, file);
    try {
      await waitUntilSettled(page, SETTLE_MS);
      await page.screenshot({ path: join(SCREENSHOTS, file.replace(/\.html$/, '.png')), fullPage: true });
      const cells = await page.$$eval('.observablehq--cell', (els) => els.length);
      const errors = await cellErrors(page);
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
