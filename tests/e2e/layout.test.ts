/**
 * Layout in Chromium (issue 13, item 4): results first on a phone, no label collisions in any
 * chart at 360 and 1280 px (text boxes measured by the browser), number steps that make sense, and
 * a screenshot of every view.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, closePage, labelCollisions, nodeScenario, openAt, useDashboard, waitForRun } from '../support/browser.ts';

useDashboard();

const PHONE = { width: 360, height: 780 };
const DESKTOP = { width: 1280, height: 800 };


const SWEEPS = {
  line: 'x=programme.contactsPerWeek&from=0.25&to=2&steps=8&reps=2',
  heatmap: 'x=coordinators.hoursPerWeek&from=4&to=40&steps=13&y=participants.motivation&yfrom=0.2&yto=0.8&ysteps=4&reps=1',
  intervals: 'x=programme.matching&reps=2',
} as const;

describe('layout in Chromium (issue 13)', { timeout: 180_000 }, () => {
  it('a phone shows the key figures before the levers', async () => {
    const page = await openAt('scenario=flemish-befriending&reps=4', PHONE);
    await waitForRun(page, nodeScenario('flemish-befriending', { reps: 4 }));
    const headline = await page.getByTestId('headline').boundingBox();
    const levers = await page.locator('#controls').boundingBox();
    expect(headline!.y + headline!.height).toBeLessThan(levers!.y);
    // The first card is on the first screen, and a link leads to the levers.
    expect(headline!.y).toBeLessThan(PHONE.height);
    await page.screenshot({ path: join(ARTIFACTS, 'phone-design.png') });
    await page.getByTestId('to-levers').click();
    expect(page.url()).toContain('scenario=flemish-befriending');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('levers');
    await closePage(page);

    const desktop = await openAt('scenario=flemish-befriending&reps=4', DESKTOP);
    await waitForRun(desktop, nodeScenario('flemish-befriending', { reps: 4 }));
    // Wide screens keep the levers at the left of the results.
    const [l, h] = [await desktop.locator('#controls').boundingBox(), await desktop.getByTestId('headline').boundingBox()];
    expect(l!.x + l!.width).toBeLessThanOrEqual(h!.x);
    expect(await desktop.getByTestId('to-levers').isHidden()).toBe(true);
    await closePage(desktop);
  });

  it.each([PHONE, DESKTOP])('no label collides in the Design view\'s charts at %o, with and without a baseline', async (viewport) => {
    for (const [name, extra] of [['civic-integration-40h', ''], ['duo-for-a-job', '&outcomes.primary=employment'], ['flemish-befriending', '']] as const) {
      const page = await openAt(`scenario=${name}&reps=6${extra}&vs=${encodeURIComponent(`scenario=${name}&reps=6&seed=3`)}`, viewport);
      await page.waitForFunction(() => document.body.dataset.status === 'done' && document.body.dataset.baseline === 'pinned', null, { timeout: 60_000 });
      expect(await page.locator('#charts svg[data-chart]').count()).toBe(7);
      expect(await labelCollisions(page, '#charts svg[data-chart]'), name).toEqual([]);
      await page.getByTestId('unpin').click();
      await page.waitForFunction(() => document.body.dataset.baseline === 'none');
      expect(await labelCollisions(page, '#charts svg[data-chart]'), `${name} without a baseline`).toEqual([]);
      if (name === 'civic-integration-40h') await page.screenshot({ path: join(ARTIFACTS, `design-${viewport.width}.png`), fullPage: true });
      await closePage(page);
    }
  });

  it.each([PHONE, DESKTOP])('no label collides in the Explore view\'s charts at %o', async (viewport) => {
    for (const [kind, sweep] of Object.entries(SWEEPS)) {
      const page = await openAt(`scenario=resource-starved&reps=2&weeks=80&view=explore&sweep=${encodeURIComponent(sweep)}`, viewport);
      await page.waitForFunction(() => document.body.dataset.status === 'done');
      await page.getByTestId('sweep-run').click();
      await page.waitForFunction(() => document.body.dataset.sweep === 'done', null, { timeout: 120_000 });
      expect(await page.locator('#explore-chart').getAttribute('data-kind')).toBe(kind);
      expect(await labelCollisions(page, '#explore-chart svg'), kind).toEqual([]);
      if (kind === 'heatmap') await page.screenshot({ path: join(ARTIFACTS, `explore-${viewport.width}.png`), fullPage: true });
      await closePage(page);
    }
  });

  it('no view is wider than a phone', async () => {
    for (const view of ['run', 'explore', 'designs', 'plan', 'saved']) {
      const page = await openAt(`scenario=civic-integration-40h&reps=2&view=${view}`, PHONE);
      await waitForRun(page, nodeScenario('civic-integration-40h', { reps: 2 }));
      expect(await page.evaluate(() => document.documentElement.scrollWidth), view).toBeLessThanOrEqual(PHONE.width);
      await closePage(page);
    }
  });

  it('number controls step by what their unit means: 0.25 contacts, whole hours, whole weeks', async () => {
    const page = await openAt('scenario=civic-integration-40h&reps=2', DESKTOP);
    await waitForRun(page, nodeScenario('civic-integration-40h', { reps: 2 }));
    await page.getByLabel('Auto').uncheck();
    const step = async (label: RegExp) => {
      const input = page.getByLabel(label);
      return { step: await input.getAttribute('step'), min: await input.getAttribute('min') };
    };
    expect(await step(/^Contact frequency/)).toEqual({ step: '0.25', min: '0.25' });
    expect(await step(/^Hours budget/)).toEqual({ step: '1', min: '0' });
    expect(await step(/^Planned duration/)).toEqual({ step: '1', min: '1' });
    expect(await step(/^Referral rate/)).toMatchObject({ step: '0.1' });
    const contacts = page.getByLabel(/^Contact frequency/);
    await contacts.fill('1');
    await contacts.press('ArrowUp');
    expect(await contacts.inputValue()).toBe('1.25');
    const hours = page.getByLabel(/^Hours budget/);
    await hours.press('ArrowUp');
    expect(await hours.inputValue()).toBe('41');
    await closePage(page);
  });

  it('screenshots of every view at 1280 x 800', async () => {
    const page = await openAt('scenario=flemish-befriending&reps=6', DESKTOP);
    await waitForRun(page, nodeScenario('flemish-befriending', { reps: 6 }));
    await page.screenshot({ path: join(ARTIFACTS, 'view-design.png') });
    await page.getByTestId('view-explore').click();
    expect(decodeURIComponent(page.url())).toContain('view=explore&sweep=');
    await page.getByTestId('sweep-run').click();
    await page.waitForFunction(() => document.body.dataset.sweep === 'done', null, { timeout: 120_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'view-explore.png') });
    await page.getByTestId('view-saved').click();
    expect(page.url()).toContain('view=saved');
    await page.screenshot({ path: join(ARTIFACTS, 'view-saved.png') });
    await closePage(page);
  });
});
