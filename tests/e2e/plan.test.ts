/**
 * The Plan capacity view in Chromium (issue 13, item 4): the planner of `buddysim plan` run on the
 * Web Workers for the design in the controls gives the answer `planCapacity` gives in Node, with the
 * pipeline chart showing where it breaks; its recommendation goes into the controls in one click.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planCapacity, serialRunner } from '../../src/plan/plan.ts';
import { DEFAULT_PLAN_FORM, planRequest } from '../../src/dashboard/plan/planForm.ts';
import { STAGE_LABELS } from '../../src/dashboard/charts/pipeline.ts';
import { ARTIFACTS, closePage, downloadText, labelCollisions, nodeScenario, openAt, useDashboard, waitForRun } from '../support/browser.ts';

useDashboard();

/** Equal as JSON, numbers to 12 significant digits (a browser's engine may differ from Node's in a last bit). */
function expectClose(actual: unknown, expected: unknown, at = 'plan'): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Object.is(actual, expected)) return;
    expect(Math.abs(actual - expected), at).toBeLessThanOrEqual(1e-12 * Math.max(Math.abs(actual), Math.abs(expected)));
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    expect(actual !== null && typeof actual === 'object', at).toBe(true);
    expect(Object.keys(actual as object).sort(), at).toEqual(Object.keys(expected).sort());
    for (const [k, v] of Object.entries(expected)) expectClose((actual as Record<string, unknown>)[k], v, `${at}.${k}`);
    return;
  }
  expect(actual, at).toEqual(expected);
}


describe('the Plan capacity view in Chromium (issue 13)', { timeout: 300_000 }, () => {
  it('plans the design in the controls as buddysim plan does, shows where the pipeline breaks, and applies the answer', async () => {
    const page = await openAt('scenario=flemish-befriending&reps=2&view=plan');
    const design = nodeScenario('flemish-befriending', { reps: 2 });
    await waitForRun(page, design);
    await page.locator('#plan-share').fill('1.5');
    expect(await page.getByTestId('plan-problems').textContent()).toBe('share: got 1.5; must be above 0 and below 1 (a share such as 0.9)');
    expect(await page.getByTestId('plan-run').isDisabled()).toBe(true);
    await page.locator('#plan-share').fill('0.9');
    await page.locator('#plan-reps').fill('30');
    await page.locator('#plan-inflows-input').fill('31.2, 62.4');
    await page.getByTestId('plan-run').click();
    await page.waitForFunction(() => ['done', 'error'].includes(document.body.dataset.plan ?? ''), null, { timeout: 280_000 });
    expect(await page.getByTestId('plan-status').textContent()).toMatch(/^Planned in [\d.]+ s: \d+ replications, \d+ candidate staffings at 31.2 referrals a year, and the table across 2 inflows\.$/);
    // A finished plan shows a full progress bar, not the last estimate of what was left.
    expect(await page.locator('#plan-progress').evaluate((p: HTMLProgressElement) => p.value === p.max && p.max > 1)).toBe(true);

    const answer = JSON.parse((await downloadText(page, () => page.getByTestId('plan-download').click())).text);
    const { request } = planRequest({ ...DEFAULT_PLAN_FORM, reps: 30, inflows: '31.2, 62.4' }, design);
    const node = await planCapacity(request!, serialRunner);
    expectClose(answer, JSON.parse(JSON.stringify(node)));
    expect(node.plan.met).toBe(true);

    // The answer in the cards, the pipeline chart with both staffings, the table across inflows.
    expect(await page.getByTestId('plan-answer').textContent()).toBe(`${Math.round(node.plan.staffing!.volunteerApplicationsPerYear)} applications a year, ${node.plan.staffing!.coordinatorHoursPerWeek} h a week`);
    const cells = page.locator('svg[data-chart="pipeline"] g[data-stage]');
    expect(await cells.count()).toBe(10);
    const first = node.plan.now.pipeline.breaksFirst;
    if (first) expect(await page.locator(`svg[data-chart="pipeline"] g[data-stage="${first}"][data-column="now"]`).textContent()).toContain('breaks first');
    expect(await page.getByTestId('plan-inflow-table').locator('tbody tr').count()).toBe(2);
    // What binds at the recommendation, in the command line's words: "nowhere" when no stage is strained.
    const tightest = await page.getByTestId('plan-inflow-table').locator('tbody tr td:last-child').allTextContents();
    expect(tightest).toEqual(node.inflows.map((r) => (!r.met ? '' : r.tightest ? STAGE_LABELS[r.tightest as keyof typeof STAGE_LABELS].toLowerCase() : 'nowhere')));
    expect(await labelCollisions(page, 'svg[data-chart="pipeline"]')).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'plan.png'), fullPage: true });
    await page.setViewportSize({ width: 360, height: 780 });
    await page.waitForFunction(() => Number(document.querySelector('svg[data-chart="pipeline"]')?.getAttribute('width')) < 400);
    expect(await labelCollisions(page, 'svg[data-chart="pipeline"]')).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.setViewportSize({ width: 1280, height: 800 });

    // One click puts the staffing into the controls and runs it; the plan then says it is not for the new design.
    await page.getByTestId('plan-apply').click();
    const overrides: Record<string, Record<string, number>> = {};
    for (const [path, v] of Object.entries(node.recommended!)) {
      const [section, key] = path.split('.');
      (overrides[section] ??= {})[key] = v;
    }
    await waitForRun(page, nodeScenario('flemish-befriending', { reps: 2, ...overrides }));
    expect(page.url()).toContain(`coordinators.hoursPerWeek=${node.recommended!['coordinators.hoursPerWeek']}`);
    await page.getByTestId('view-plan').click();
    await page.waitForFunction(() => document.body.dataset.planFor === 'previous');
    expect(await page.getByTestId('plan-for').textContent()).toContain('The design in the Design view has changed since: this plan is not for it.');
    expect(await page.getByTestId('plan-apply').isDisabled()).toBe(true);
    await closePage(page);
  });
});
