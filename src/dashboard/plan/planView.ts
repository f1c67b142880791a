/**
 * The Plan capacity view: the capacity planner's inputs (as `buddysim plan` takes them) for the
 * design in the controls, and its answer: the smallest staffing that meets the target with its cost
 * and the check on an independent seed, the scenario's own staffing, the pipeline chart showing
 * where it breaks, the table across inflows, the search path and the queueing estimate.
 */
import { fmt } from '../../index.ts';
import type { CapacityPlan, PlanAnswer, Staffing } from '../../plan/plan.ts';
import { targetUnit } from '../../plan/target.ts';
import { hashOf, type AppState } from '../app/appState.ts';
import type { Store } from '../app/store.ts';
import { drawPipeline, STAGE_LABELS } from '../charts/pipeline.ts';
import { readWidths } from '../charts/common.ts';
import { $, dataTable, el, showJob, showValue } from '../dom.ts';
import { downloadText, slug } from '../exporting.ts';
import { planRequest, type PlanForm } from './planForm.ts';
import type { PlanActions } from './planActions.ts';

/** A staffing in words, as the command line says it. */
export function staffingWords(s: Staffing): string {
  const per = s.coordinators > 1 ? ` (${s.coordinators} coordinators x ${fmt(s.hoursPerCoordinator, '', s.hoursPerCoordinator % 1 === 0 ? 0 : 2)} h)` : '';
  return `${fmt(s.volunteersPerWeek, '', 2)} volunteer applications a week (${fmt(s.volunteerApplicationsPerYear, '', 0)} a year), ${fmt(s.coordinatorHoursPerWeek, '', s.coordinatorHoursPerWeek % 1 === 0 ? 0 : 1)} coordinator hours a week${per}`;
}

/** A verdict's figure with its one-sided bound, as the command line says it. */
function estimateWords(a: PlanAnswer, v: { mean: number; halfWidth: number; n: number }): string {
  const unit = targetUnit(a.target);
  const bound = a.target.kind === 'matchedWithin' ? v.mean - v.halfWidth : v.mean + v.halfWidth;
  return `${fmt(v.mean, unit)} (${a.target.kind === 'matchedWithin' ? 'above' : 'below'} ${fmt(bound, unit)} with ${fmt(a.confidence, 'share', 0)} confidence, ${v.n} replications)`;
}

function card(id: string, label: string, value: string, notes: string[]): HTMLElement {
  const c = el('div', { class: 'card', 'data-card': id });
  c.append(el('h3', {}, label), el('p', { class: 'value', 'data-testid': `plan-${id}` }, value));
  for (const n of notes) c.append(el('p', { class: 'note' }, n));
  return c;
}


function answerCards(a: PlanAnswer, p: CapacityPlan): HTMLElement[] {
  const now = card('now', `Now, at ${fmt(p.referralsPerYear, '', 0)} referrals a year`, p.now.verdict.meets ? 'meets the target' : p.now.verdict.clear ? 'misses the target' : 'not shown to meet it', [
    staffingWords(p.now.staffing),
    estimateWords(a, p.now.verdict),
    `cost ${fmt(p.now.costPerYear, 'EUR')} a year; breaks first: ${p.now.pipeline.breaksFirst ? STAGE_LABELS[p.now.pipeline.breaksFirst].toLowerCase() : 'nowhere'}`,
  ]);
  if (!p.met || !p.staffing || !p.achieved || !p.recommended) {
    return [card('answer', 'Smallest staffing that meets the target', 'none found', [p.why ?? 'see the search path']), now];
  }
  const answer = card('answer', 'Smallest staffing that meets the target', `${fmt(p.staffing.volunteerApplicationsPerYear, '', 0)} applications a year, ${fmt(p.staffing.coordinatorHoursPerWeek, '', p.staffing.coordinatorHoursPerWeek % 1 === 0 ? 0 : 1)} h a week`, [
    staffingWords(p.staffing),
    `on an independent seed (${p.achieved.seed}): ${estimateWords(a, p.achieved)}`,
    ...(p.allReferredShare !== undefined && a.target.kind === 'matchedWithin' && a.target.among === 'seeking'
      ? [`over all referred (people who never come to their intake or give up included): ${fmt(p.allReferredShare, 'share')} matched within ${fmt(a.target.weeks, '', 0)} weeks`]
      : []),
  ]);
  const cost = card('cost', 'Cost per year at that staffing', p.costPerYear ? fmt(p.costPerYear.value, 'EUR') : 'n/a', p.costPerYear ? [`95% CI [${fmt(p.costPerYear.ci95[0], 'EUR')}, ${fmt(p.costPerYear.ci95[1], 'EUR')}] over replications`, `now: ${fmt(p.now.costPerYear, 'EUR')} a year`] : []);
  return [answer, cost, now];
}

const formNumber = (input: HTMLInputElement) => (input.value.trim() === '' ? NaN : Number(input.value));

/**
 * Wires the plan's form to the actions and draws its answer.
 *
 * @example
 *   mountPlanView(store, new PlanActions(store, pool, runActions));
 */
export function mountPlanView(store: Store<AppState>, actions: PlanActions): void {
  const ui = {
    form: $<HTMLFormElement>('#plan-form'),
    base: $<HTMLElement>('#plan-base'),
    referrals: $<HTMLInputElement>('#plan-referrals'),
    target: $<HTMLSelectElement>('#plan-target'),
    matched: $<HTMLElement>('#plan-matched'),
    waiting: $<HTMLElement>('#plan-waiting'),
    within: $<HTMLInputElement>('#plan-within'),
    share: $<HTMLInputElement>('#plan-share'),
    among: $<HTMLSelectElement>('#plan-among'),
    maxWaiting: $<HTMLInputElement>('#plan-max-waiting'),
    warmUp: $<HTMLSelectElement>('#plan-warm-up'),
    vary: $<HTMLSelectElement>('#plan-vary'),
    confidence: $<HTMLInputElement>('#plan-confidence'),
    reps: $<HTMLInputElement>('#plan-reps'),
    inflows: $<HTMLInputElement>('#plan-inflows-input'),
    seed: $<HTMLInputElement>('#plan-seed'),
    problems: $<HTMLElement>('#plan-problems'),
    run: $<HTMLButtonElement>('#plan-run'),
    cancel: $<HTMLButtonElement>('#plan-cancel'),
    progress: $<HTMLProgressElement>('#plan-progress'),
    status: $<HTMLElement>('#plan-status'),
    body: $<HTMLElement>('#plan-body'),
    for: $<HTMLElement>('#plan-for'),
    answer: $<HTMLElement>('#plan-answer'),
    apply: $<HTMLButtonElement>('#plan-apply'),
    download: $<HTMLButtonElement>('#plan-download'),
    chart: $<HTMLElement>('#plan-chart'),
    inflowTable: $<HTMLElement>('#plan-inflows'),
    path: $<HTMLElement>('#plan-path'),
    queueing: $<HTMLElement>('#plan-queueing'),
  };

  const read = (): PlanForm => ({
    referralsPerYear: ui.referrals.value.trim() === '' ? null : Number(ui.referrals.value),
    target: ui.target.value === 'maxWaiting' ? 'maxWaiting' : 'matchedWithin',
    withinWeeks: formNumber(ui.within),
    share: formNumber(ui.share),
    among: ui.among.value === 'referred' ? 'referred' : 'seeking',
    maxWaiting: formNumber(ui.maxWaiting),
    warmUpWeeks: Number(ui.warmUp.value),
    vary: ui.vary.value as PlanForm['vary'],
    confidence: formNumber(ui.confidence),
    reps: formNumber(ui.reps),
    inflows: ui.inflows.value,
    seed: ui.seed.value.trim() === '' ? null : Number(ui.seed.value),
  });
  for (const e of ui.form.querySelectorAll('input, select')) e.addEventListener(e instanceof HTMLSelectElement ? 'change' : 'input', () => actions.setForm(read()));
  ui.form.addEventListener('submit', (e) => {
    e.preventDefault();
    actions.run();
  });
  ui.cancel.addEventListener('click', () => actions.cancel());
  ui.apply.addEventListener('click', () => actions.apply());
  ui.download.addEventListener('click', () => {
    const a = store.get().plan.answer;
    if (a) downloadText(`${slug(a.scenario.name)}-plan.json`, JSON.stringify(a, null, 1) + '\n', 'application/json');
  });


  const renderForm = (s: AppState) => {
    const f = s.plan.form;
    const scenario = s.design.scenario;
    showValue(ui.referrals, f.referralsPerYear);
    ui.target.value = f.target;
    ui.matched.hidden = f.target !== 'matchedWithin';
    ui.waiting.hidden = f.target !== 'maxWaiting';
    showValue(ui.within, f.withinWeeks);
    showValue(ui.share, f.share);
    ui.among.value = f.among;
    showValue(ui.maxWaiting, f.maxWaiting);
    ui.warmUp.value = String(f.warmUpWeeks);
    ui.vary.value = f.vary;
    showValue(ui.confidence, f.confidence);
    showValue(ui.reps, f.reps);
    showValue(ui.inflows, f.inflows);
    showValue(ui.seed, f.seed);
    ui.base.textContent = scenario ? `${scenario.name} (seed ${scenario.seed}, ${scenario.weeks} weeks)` : 'the design in the Design view, which has problems: fix it there first';
    if (scenario) {
      ui.referrals.placeholder = `the design's: ${Number((scenario.params.inflow.participantsPerWeek * 52).toFixed(2))}`;
      ui.seed.placeholder = `the design's: ${scenario.seed}`;
    }
    const { problems, inflows } = scenario ? planRequest(f, scenario) : { problems: [], inflows: [] };
    ui.inflows.placeholder = inflows.join(', ');
    ui.problems.replaceChildren(...problems.map((p) => el('li', {}, p)));
    ui.problems.hidden = problems.length === 0;
    showJob(ui, s.plan, !!scenario && problems.length === 0, 'plan');
  };

  let drawn: { answer: PlanAnswer | null; width: number; design: unknown } = { answer: null, width: 0, design: null };
  const renderAnswer = (s: AppState) => {
    const a = s.plan.answer;
    const width = ui.chart.clientWidth;
    if (a === drawn.answer && s.design === drawn.design && (width === drawn.width || width === 0)) return;
    drawn = { answer: a, width, design: s.design };
    ui.body.hidden = !a;
    if (!a) return;
    const p = a.plan;
    const moved = !s.design.scenario || hashOf(s.design.scenario) !== s.plan.plannedFor?.hash;
    ui.for.textContent = `Planned for ${s.plan.plannedFor?.name}: ${a.target.description}; ${a.vary === 'both' ? 'volunteers and coordinator hours' : a.vary === 'volunteers' ? 'volunteer recruitment' : 'coordinator hours'} may change; ${fmt(a.confidence, 'share', 0)} confidence; search seed ${a.scenario.seed}, checked on the next.${moved ? ' The design in the Design view has changed since: this plan is not for it.' : ''}`;
    for (const e of [ui.answer, ui.chart, ui.inflowTable]) e.classList.toggle('stale', moved);
    document.body.dataset.planFor = moved ? 'previous' : 'current';
    ui.answer.replaceChildren(...answerCards(a, p));
    ui.apply.disabled = !p.recommended || moved;
    ui.apply.title = p.recommended ? `Sets ${Object.entries(p.recommended).map(([k, v]) => `${k} = ${v}`).join(', ')} in the Design view and runs it` : '';
    readWidths([ui.chart]);
    drawPipeline(ui.chart, [{ label: 'now', diagnosis: p.now.pipeline }, ...(p.pipeline ? [{ label: 'recommended', diagnosis: p.pipeline }] : [])], p.path.length);
    const unit = targetUnit(a.target);
    ui.inflowTable.replaceChildren(
      dataTable(
        'Across inflows: the smallest staffing that meets the target at each, its cost, where the design\'s own staffing breaks first, and what binds at the recommendation.',
        ['referrals a year', 'meets', 'applications a year', 'coordinator h a week', 'cost a year', 'breaks first now', 'tightest then'],
        a.inflows.map((r) => [
          fmt(r.referralsPerYear, '', 0), r.met ? 'yes' : 'no',
          r.staffing ? fmt(r.staffing.volunteerApplicationsPerYear, '', 0) : '', r.staffing ? fmt(r.staffing.coordinatorHoursPerWeek, '', 1) : '',
          r.costPerYear === null ? '' : fmt(r.costPerYear, 'EUR'),
          r.breaksFirstNow ? STAGE_LABELS[r.breaksFirstNow as keyof typeof STAGE_LABELS]?.toLowerCase() ?? r.breaksFirstNow : 'nowhere',
          !r.met ? '' : r.tightest ? STAGE_LABELS[r.tightest as keyof typeof STAGE_LABELS]?.toLowerCase() ?? r.tightest : 'nowhere',
        ]),
        'plan-inflow-table',
      ),
    );
    ui.path.replaceChildren(
      dataTable(
        `Search path at ${fmt(p.referralsPerYear, '', 0)} referrals a year (search seed ${a.scenario.seed}, check on the next; common random numbers within a seed).`,
        ['#', 'phase', 'applications/week', 'coordinator h/week', 'replications', 'mean', '± (one-sided)', 'verdict'],
        p.path.map((x, i) => [String(i + 1), x.phase, fmt(x.volunteersPerWeek, '', 2), fmt(x.coordinatorHoursPerWeek, '', 1), String(x.n), fmt(x.mean, unit), fmt(x.halfWidth, unit), x.meets ? 'meets' : x.clear ? 'misses' : 'too close to tell']),
        'plan-path-table',
      ),
    );
    const q = p.queueing;
    ui.queueing.textContent = `Erlang A, the search's starting point: ${fmt(q.arrivalsPerWeek, '', 2)} join the list a week, matches last ${fmt(q.matchWeeks, '', 0)} weeks: load ${fmt(q.load, '', 1)} places; square-root staffing ${fmt(q.squareRootPlaces, '', 0)}, Erlang A ${q.places === null ? 'none' : fmt(q.places, '', 0)} places (${fmt(q.predicted, unit)}); about ${fmt(q.volunteersPerWeek, '', 2)} applications and ${fmt(q.coordinatorHoursPerWeek, '', 0)} coordinator hours a week.`;
  };

  store.subscribe((s, prev) => {
    if (s.plan !== prev.plan || s.design !== prev.design) renderForm(s);
    if (s.view === 'plan') renderAnswer(s);
  });
  renderForm(store.get());
  new ResizeObserver(() => {
    if (store.get().view === 'plan') renderAnswer(store.get());
  }).observe(ui.chart);
}

