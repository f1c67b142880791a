/**
 * Dashboard truth (issue 7, item 7) in Chromium: the figures on screen are never a previous
 * design's shown as current, the "Skip to results" link is no page state, an hours-budget design
 * speaks of hours, and the key figures are the command line's figures in the command line's words.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { scenarioHash, type Summary } from '../../src/index.ts';
import { formatSummary } from '../../src/cli/format.ts';
import { ARTIFACTS, closePage, nodeRun, nodeScenario, openAt, useDashboard, waitForRun } from '../support/browser.ts';

useDashboard();


/** Every state the results area passes through, recorded in the page as it changes. */
async function recordStates(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { states: { showing?: string; label: string; partial: string; shown?: string; design?: string; status?: string }[] };
    w.states = [];
    const take = () => {
      const b = document.body.dataset;
      w.states.push({
        showing: b.showing,
        label: document.querySelector('#stale-label')?.hasAttribute('hidden') ? '' : document.querySelector('#stale-label')!.textContent ?? '',
        partial: document.querySelector('#partial-label')?.hasAttribute('hidden') ? '' : document.querySelector('#partial-label')!.textContent ?? '',
        shown: b.shownHash,
        design: b.designHash,
        status: b.status,
      });
    };
    const observer = new MutationObserver(take);
    observer.observe(document.body, { attributes: true, subtree: true, childList: true, characterData: true });
  });
}

const states = (page: Page) => page.evaluate(() => (window as unknown as { states: { showing: string; label: string; partial: string; status: string }[] }).states);

describe('dashboard truth in Chromium (issue 7)', { timeout: 180_000 }, () => {
  it('while a new design runs, the previous results are dimmed and labelled as the previous design, never shown as current', async () => {
    const page = await openAt('scenario=flemish-befriending&reps=20');
    const first = nodeScenario('flemish-befriending', { reps: 20 });
    await waitForRun(page, first);
    await page.getByLabel('Auto').uncheck();
    await page.getByLabel(/^Contact frequency/).fill('2');
    // A lever moved and nothing runs: the figures are the previous design's.
    await page.waitForFunction(() => document.body.dataset.showing === 'previous');
    expect(await page.getByTestId('stale-label').textContent()).toBe('Previous design: Flemish befriending (year-long) (20 replications). Not the design in the controls: the levers have changed since; press Run.');
    expect(await page.locator('#charts').getAttribute('class')).toMatch(/\bstale\b/);
    expect(await page.locator('#headline').getAttribute('class')).toMatch(/\bstale\b/);
    await page.screenshot({ path: join(ARTIFACTS, 'truth-previous-design.png') });

    await recordStates(page);
    await page.getByTestId('run').click();
    const second = nodeScenario('flemish-befriending', { reps: 20, programme: { contactsPerWeek: 2 } });
    await waitForRun(page, second);
    const seen = await states(page);
    // The run starts before any replication can arrive: the first state is the previous design, labelled as such.
    expect(seen[0]).toMatchObject({ showing: 'previous', status: 'running', label: expect.stringMatching(/^Previous design: .* Not the design in the controls: the new design is running\.$/) });
    for (const s of seen) {
      // Never the previous design's figures undimmed: "current" only with the design's own (maybe partial) figures.
      if (s.showing === 'previous') expect(s.label).toMatch(/^Previous design: /);
      if (s.showing === 'current' && s.status === 'running') expect(s.partial).toMatch(/^Partial results: \d+ of 20 replications of this design so far\.$/);
    }
    expect(seen.at(-1)).toMatchObject({ showing: 'current', label: '', partial: '' });
    expect(await page.locator('#charts').getAttribute('class')).not.toMatch(/\bstale\b/);
    await closePage(page);
  });

  it('after a cancel before any replication, the previous results stay dimmed and labelled', async () => {
    const page = await openAt('scenario=duo-for-a-job&reps=10');
    await waitForRun(page, nodeScenario('duo-for-a-job', { reps: 10 }));
    await page.getByLabel('Auto').uncheck();
    await page.locator('#f-reps').fill('400');
    // Run and cancel in one task of the page: no replication can come back in between.
    await page.evaluate(() => {
      document.querySelector<HTMLButtonElement>('[data-testid="run"]')!.click();
      document.querySelector<HTMLButtonElement>('[data-testid="cancel"]')!.click();
    });
    await page.waitForFunction(() => document.body.dataset.status === 'cancelled');
    expect(await page.getByTestId('status').textContent()).toBe("Cancelled before any replication finished: the results shown are the previous design's.");
    expect(await page.evaluate(() => document.body.dataset.showing)).toBe('previous');
    expect(await page.getByTestId('stale-label').textContent()).toBe('Previous design: Job mentoring for young newcomers (DUO for a JOB) (10 replications). Not the design in the controls: the new run was cancelled before any replication finished.');
    expect(await page.locator('#headline').getAttribute('class')).toMatch(/\bstale\b/);
    expect(await page.getByTestId('pin').isDisabled()).toBe(true);
    expect(await page.getByTestId('report').isDisabled()).toBe(true);
    await closePage(page);
  });

  it('the "Skip to results" link is not read as page state: clicked, pressed, or opened as a link', async () => {
    const page = await openAt('scenario=resource-starved&reps=8&programme.plannedWeeks=30');
    const s = nodeScenario('resource-starved', { reps: 8, programme: { plannedWeeks: 30 } });
    await waitForRun(page, s);
    const url = page.url();
    // The first Tab stop of the page is the link; Enter follows it.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('skip');
    await page.keyboard.press('Enter');
    expect(page.url()).toBe(url);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('results');
    // Shown when focused, then clicked.
    await page.locator('a.skip').focus();
    await page.locator('a.skip').click();
    expect(page.url()).toBe(url);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('results');
    expect(await page.getByLabel(/^Planned duration/).inputValue()).toBe('30');
    expect(await page.evaluate(() => document.body.dataset.showing)).toBe('current');
    expect(await page.getByTestId('link-note').isHidden()).toBe(true);
    // An edited address that is only the anchor leaves the design alone too.
    await page.evaluate(() => {
      location.hash = '#results';
    });
    await page.waitForFunction((u) => location.href === u, url);
    expect(await page.getByLabel(/^Planned duration/).inputValue()).toBe('30');
    await closePage(page);

    // Opened as a link on its own (a bookmark of the anchor): the default scenario, and no complaint about the link.
    const fresh = await openAt('results');
    await waitForRun(fresh, nodeScenario('flemish-befriending', {}));
    expect(await fresh.getByTestId('link-note').isHidden()).toBe(true);
    await closePage(fresh);
  });

  it('the card for an hours-budget design speaks of hours, a weeks design of weeks', async () => {
    const page = await openAt('scenario=civic-integration-40h&reps=10');
    await waitForRun(page, nodeScenario('civic-integration-40h', { reps: 10 }));
    const card = page.locator('[data-card="premature"]');
    expect(await card.locator('h3').textContent()).toBe('Ended early, before the 40 hours were used');
    expect(await card.locator('.note').textContent()).toMatch(/a match completes when its 40 contact hours are used; one still short of them at week \d+ ends at the time limit/);
    expect(await card.textContent()).not.toMatch(/planned \d+ weeks/);
    expect(await page.locator('svg[data-chart="survival"]').textContent()).toMatch(/ended early, before 40 hours/);
    await page.locator('#headline').screenshot({ path: join(ARTIFACTS, 'truth-hours-card.png') });

    await page.getByTestId('scenario-select').selectOption('flemish-befriending');
    await waitForRun(page, nodeScenario('flemish-befriending', { reps: 10 }));
    expect(await card.locator('h3').textContent()).toBe('Ended early, before the planned 52 weeks');
    expect(await card.textContent()).not.toMatch(/hours/);
    await closePage(page);
  });

  it.each([
    ['flemish-befriending', 'reps=12', { reps: 12 }],
    ['civic-integration-40h', 'reps=12', { reps: 12 }],
    ['duo-for-a-job', 'reps=12&outcomes.primary=employment', { reps: 12, outcomes: { primary: 'employment' } }],
    ['community-mentoring', 'reps=12&inflow.participantsPerWeek=4.8', { reps: 12, inflow: { participantsPerWeek: 4.8 } }],
  ] as const)('the headline of %s uses the same figures and words as the command line (%s)', async (name, hash, overrides) => {
    const page = await openAt(`scenario=${name}&${hash}`);
    const s = nodeScenario(name, overrides);
    await waitForRun(page, s);
    const summary: Summary = nodeRun(s).summary;
    const cli = formatSummary(summary);
    const line = (start: string) => cli.split('\n').find((l) => l.trimStart().startsWith(start)) ?? `(no line ${start})`;
    const card = async (id: string) => ({
      figure: (await page.locator(`[data-card="${id}"]`).getAttribute('data-figure'))!,
      value: await page.getByTestId(`headline-${id}`).getAttribute('data-value'),
      text: (await page.locator(`[data-card="${id}"]`).textContent())!,
    });
    const p = summary.survival.prematureIncidence;
    const premature = await card('premature');
    expect(premature.value).toBe(String(p.value));
    expect(line('Premature closure by the planned end')).toBe(`Premature closure by the planned end (${p.weeks} weeks): ${premature.figure}`);
    const effect = await card('effect');
    expect(effect.value).toBe(String(summary.metrics.effectAllReferred.value));
    expect(line('all referred participants (intention to treat)')).toContain(effect.figure);
    const matchedRow = line('matched participants (');
    const matchedFigure = matchedRow.split(/\s{3,}/)[1];
    expect(effect.text).toContain(`: ${matchedFigure}, `);
    const words = matchedRow.split(/\s{3,}/)[2];
    expect(effect.text).toContain(`${matchedFigure}, ${words};`);
    const allWords = line('all referred participants (intention to treat)').split(/\s{3,}/)[2];
    expect(await page.locator('[data-card="effect"] .note').textContent()).toMatch(new RegExp(`^${allWords.replace(/[()]/g, '\\$&')}; matched participants \\(`));
    for (const [id, label] of [['matches', 'Matches started per year'], ['wait', 'Matched within 8 weeks of referral'], ['cost', 'Cost per year']] as const) {
      const c = await card(id);
      expect(line(label), id).toContain(c.figure);
    }
    // Warnings: the same messages, in the same order.
    const shown = await page.locator('#warnings-list li').allTextContents();
    expect(shown).toEqual(summary.warnings.map((w) => w.message));
    for (const w of shown) expect(cli).toContain(`  ! ${w}`);
    if (name === 'community-mentoring') {
      expect(shown.length).toBeGreaterThan(0);
      await page.screenshot({ path: join(ARTIFACTS, 'truth-warnings.png') });
    }
    if (name === 'duo-for-a-job') expect(effect.figure).toMatch(/ pp \[/);
    expect(scenarioHash(s)).toBe(await page.evaluate(() => document.body.dataset.shownHash));
    await closePage(page);
  });
});
