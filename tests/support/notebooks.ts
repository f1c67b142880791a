/**
 * The notebooks in Chromium, for the render test (tests/e2e/notebooks.test.ts) and for
 * `npm run screenshots -- notebooks`: builds them with the command of `npm run build:notebooks`,
 * serves the build on 127.0.0.1, opens a notebook with every request that would leave localhost
 * aborted and listed, and waits until every cell has settled.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';

/** The notebooks' file names (`policymakers.html`, ...), sorted. */
export const NOTEBOOKS = readdirSync('notebooks').filter((f) => f.endsWith('.html')).sort();

/** `npm run build:notebooks`, word for word, with the output folder replaced by `out`. */
export function buildCommand(out: string): string[] {
  const script = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts['build:notebooks'];
  const words = script.split(/\s+/);
  if (words[0] !== 'notebooks' || !words.includes('--out')) throw new Error(`unexpected build:notebooks script: ${script}`);
  words[words.indexOf('--out') + 1] = out;
  return words.slice(1).flatMap((w) => (w === 'notebooks/*.html' ? NOTEBOOKS.map((n) => `notebooks/${n}`) : [w]));
}

/** Builds every notebook into `out` (an absolute folder, emptied first) as `npm run build:notebooks` does. */
export function buildNotebooks(out: string): void {
  execFileSync(process.execPath, [resolve('node_modules/@observablehq/notebook-kit/dist/bin/notebooks.js'), ...buildCommand(out)], { stdio: 'pipe' });
}

/** A built notebooks folder served on 127.0.0.1 (a free port); `url` ends with a slash. */
export interface NotebookServer {
  url: string;
  close(): Promise<void>;
}

export async function serveNotebooks(dir: string): Promise<NotebookServer> {
  // The build is the preview's output folder; a root above it keeps Vite from warning that outDir is the root.
  const server: PreviewServer = await preview({ configFile: false, root: dirname(dir), logLevel: 'warn', build: { outDir: dir }, preview: { host: '127.0.0.1', port: 0, open: false } });
  const url = server.resolvedUrls?.local[0] ?? '';
  if (!/^http:\/\/127\.0\.0\.1:\d+\/$/.test(url)) {
    await server.close();
    throw new Error(`unexpected preview address ${url}`);
  }
  return { url, close: () => server.close() };
}

/** An open notebook page and what went wrong on it so far. */
export interface OpenNotebook {
  context: BrowserContext;
  page: Page;
  /** Requests that would have left localhost (aborted). */
  outside: string[];
  /** Uncaught script errors and console errors. */
  scriptErrors: string[];
}

/** Opens `file` of the served build in a new context of `width` x 900 px; requests off localhost are aborted. */
export async function openNotebook(browser: Browser, url: string, file: string, width = 1200): Promise<OpenNotebook> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
  const outside: string[] = [];
  const isLocal = (u: string) => u.startsWith(url) || /^(data|blob):/.test(u);
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (isLocal(u)) return route.continue();
    outside.push(u);
    return route.abort();
  });
  const page = await context.newPage();
  const scriptErrors: string[] = [];
  page.on('pageerror', (e) => scriptErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/favicon/.test(m.location().url)) scriptErrors.push(m.text());
  });
  await page.goto(`${url}${file}`);
  return { context, page, outside, scriptErrors };
}

/**
 * Whether every variable of the notebook's runtime (window.notebookRuntime, set by the page
 * template) has settled, its promise fulfilled or rejected, and the runtime is not computing: every
 * cell has run, including those awaiting simulations.
 */
async function settled(page: Page): Promise<boolean> {
  return page.evaluate(async () => {
    const runtime = (window as unknown as { notebookRuntime?: { _computing: unknown; _variables: Set<{ _promise: Promise<unknown> }> } }).notebookRuntime;
    if (!runtime || runtime._computing) return false;
    // No named function in here: tsx (esbuild's keepNames) would wrap it in a helper the page lacks.
    for (const v of runtime._variables) {
      const state = await Promise.race([Promise.resolve(v._promise).then(() => 'settled', () => 'settled'), new Promise((r) => setTimeout(() => r('pending'), 25))]);
      if (state === 'pending') return false;
    }
    return true;
  });
}

/** Waits until every cell has settled (twice in a row, 300 ms apart); throws after `timeoutMs`. */
export async function waitUntilSettled(page: Page, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let quiet = 0;
  while (quiet < 2) {
    if (Date.now() > deadline) throw new Error(`the notebook's cells did not settle within ${timeoutMs / 1000} s`);
    await page.waitForTimeout(300);
    quiet = (await settled(page)) ? quiet + 1 : 0;
  }
}

/** Each cell that shows an error, as `cell id: message`. */
export function cellErrors(page: Page): Promise<string[]> {
  return page.$$eval('.observablehq--error', (els) => els.map((e) => (e.closest('.observablehq--cell')?.id ?? '') + ': ' + e.textContent));
}
