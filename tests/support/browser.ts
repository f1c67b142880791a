/**
 * The dashboard in a real browser, for the tests in tests/e2e: builds it with Vite, serves the
 * build on 127.0.0.1 and drives Debian's Chromium with playwright-core. Without Chromium every
 * test FAILS (none is skipped): install it with `apt-get install chromium` or point CHROMIUM_PATH
 * at one. Screenshots go to test-artifacts/ (ignored by git).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Download, Page } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, expect } from 'vitest';
import { flatten, mergeDeep, parseScenario, runSerial, scenarioHash, type Aggregate, type Scenario } from '../../src/index.ts';
import { fileLoader } from '../../src/io/readScenario.ts';
import { launchChromium, missingChromium } from './chromium.ts';

export const ARTIFACTS = resolve('test-artifacts');

export interface Dashboard {
  baseUrl: string;
  outDir: string;
  browser: Browser;
}

let server: PreviewServer | undefined;
let browser: Browser | undefined;
let outDir = '';
let started: Promise<Dashboard> | undefined;

async function start(): Promise<Dashboard> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const missing = missingChromium();
  if (missing) throw new Error(`${missing} The browser tests do not skip.`);
  outDir = join(mkdtempSync(join(tmpdir(), 'buddysim-dashboard-')), 'dashboard');
  await build({ configFile: resolve('vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  server = await preview({ configFile: resolve('vite.config.ts'), logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0, open: false } });
  const baseUrl = server.resolvedUrls?.local[0] ?? '';
  if (!/^http:\/\/127\.0\.0\.1:\d+\/$/.test(baseUrl)) throw new Error(`unexpected preview address ${baseUrl}`);
  browser = await launchChromium();
  return { baseUrl, outDir, browser };
}

/**
 * Build, server and browser, started once per test file. Every test awaits it, so a missing
 * Chromium fails each test (counted as failed, never as skipped).
 */
export function dashboard(): Promise<Dashboard> {
  started ??= start();
  return started;
}

/** Starts the dashboard before the file's tests and stops it after them. */
export function useDashboard(): void {
  beforeAll(async () => {
    await dashboard().catch(() => undefined);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (outDir) rmSync(resolve(outDir, '..'), { recursive: true, force: true });
  });
}

const pageErrors = new WeakMap<Page, string[]>();

/** A fresh page (its own storage) that records script errors. */
export async function newPage(viewport = { width: 1280, height: 800 }): Promise<Page> {
  const { browser } = await dashboard();
  const page = await browser.newPage({ viewport, acceptDownloads: true });
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/favicon/.test(m.location().url)) errors.push(m.text());
  });
  return page;
}

/**
 * A fresh page opened at the dashboard with this hash (the part after `#`).
 *
 * @example
 *   const page = await openAt('scenario=flemish-befriending&reps=10');
 */
export async function openAt(hash: string, viewport?: { width: number; height: number }): Promise<Page> {
  const { baseUrl } = await dashboard();
  const page = await newPage(viewport);
  await page.goto(`${baseUrl}#${hash}`);
  return page;
}

/** Closes a page; any script error it logged fails the test. */
export async function closePage(page: Page): Promise<void> {
  const errors = pageErrors.get(page) ?? [];
  await page.close();
  expect(errors, 'errors on the page').toEqual([]);
}

/** The scenario the dashboard should run: a bundled file, `extends` resolved, plus the levers changed. */
export function nodeScenario(name: string, overrides: Record<string, unknown>): Scenario {
  return parseScenario(mergeDeep(flatten(`scenarios/${name}.json`, fileLoader), overrides));
}

const cache = new Map<string, Aggregate>();

/** The same scenario run here in Node (runSerial), once. */
export function nodeRun(s: Scenario): Aggregate {
  const key = scenarioHash(s);
  if (!cache.has(key)) cache.set(key, runSerial(s));
  return cache.get(key)!;
}

/** Waits until the dashboard has finished running exactly this scenario and drawn it. */
export async function waitForRun(page: Page, s: Scenario): Promise<void> {
  const hash = scenarioHash(s);
  await page.waitForFunction((h) => document.body.dataset.status === 'done' && document.body.dataset.shownHash === h, hash, { timeout: 60_000 });
}

/** The file a click downloads. */
export async function downloadText(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string; bytes: Buffer }> {
  const [download] = (await Promise.all([page.waitForEvent('download'), click()])) as [Download, void];
  const path = await download.path();
  const bytes = readFileSync(path);
  return { name: download.suggestedFilename(), text: bytes.toString('utf8'), bytes };
}

/** An item of the Design view's export menu, downloaded. */
export async function exportItem(page: Page, kind: string) {
  return downloadText(page, async () => {
    await page.locator('#export > summary').click();
    await page.locator(`#export-menu button[data-export="${kind}"]`).click();
  });
}

/**
 * Text that collides in the charts under `selector`: pairs of labels whose boxes overlap (by more
 * than a pixel each way), labels that leave their chart, and labels under a chart's SVG and PNG
 * buttons. Measured by the browser's own layout of the text (getBoundingClientRect).
 */
export async function labelCollisions(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(selector, (svgs) => {
    const out: string[] = [];
    for (const svg of svgs) {
      const id = svg.getAttribute('data-chart') ?? '';
      const frame = svg.getBoundingClientRect();
      const texts = [...svg.querySelectorAll('text')].filter((t) => (t.textContent ?? '').trim() !== '' && t.getClientRects().length > 0);
      const boxes = texts.map((t) => ({ text: (t.textContent ?? '').trim(), r: t.getBoundingClientRect() }));
      const card = svg.closest('[data-chart-card]');
      const buttons = card ? [...card.querySelectorAll('.chart-actions button')].map((b) => b.getBoundingClientRect()) : [];
      const overlap = (a: DOMRect, b: DOMRect) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1.5;
      for (const b of boxes) {
        if (b.r.left < frame.left - 1 || b.r.right > frame.right + 1 || b.r.top < frame.top - 1 || b.r.bottom > frame.bottom + 1) out.push(`${id}: "${b.text}" leaves the chart`);
        if (buttons.some((x) => overlap(b.r, x))) out.push(`${id}: "${b.text}" is under a button`);
      }
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) if (overlap(boxes[i].r, boxes[j].r)) out.push(`${id}: "${boxes[i].text}" overlaps "${boxes[j].text}"`);
      }
    }
    return out;
  });
}
