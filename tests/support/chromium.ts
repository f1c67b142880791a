/**
 * Debian's Chromium driven by playwright-core, never a downloaded browser: for the browser tests and
 * for `npm run screenshots`. Without it the tests FAIL (none is skipped): install it with
 * `apt-get install chromium` or point CHROMIUM_PATH at one.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Why Chromium cannot be launched, in one line, or undefined when it is there.
 *
 * @example
 *   const missing = missingChromium(); // 'Chromium not found at /usr/bin/chromium: install ...' or undefined
 */
export function missingChromium(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  return `Chromium not found at ${CHROMIUM}: install Debian's package chromium (apt-get install -y --no-install-recommends chromium fonts-dejavu-core) or set CHROMIUM_PATH.`;
}

/** Launches headless Chromium with no background traffic of its own (updates, sync, QUIC). */
export async function launchChromium(): Promise<Browser> {
  const missing = missingChromium();
  if (missing) throw new Error(missing);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
