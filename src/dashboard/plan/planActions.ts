/**
 * What the Plan capacity view does: run the capacity planner of `buddysim plan` on the design in
 * the controls (on the Web Workers), cancel it, and put its recommendation into the controls.
 */
import { planCapacity } from '../../plan/plan.ts';
import { hashOf, type AppState } from '../app/appState.ts';
import type { Store } from '../app/store.ts';
import { withOverride } from '../design.ts';
import { problemLines, someLines } from '../files.ts';
import { planRunner } from '../libraryRunners.ts';
import { CancelledError, type Job, type WorkerPool } from '../runner.ts';
import type { RunActions } from '../run/actions.ts';
import { planRequest, type PlanForm } from './planForm.ts';
import type { PlanState } from './planState.ts';

/**
 * The Plan capacity view's actions on the store.
 *
 * @example
 *   const plan = new PlanActions(store, pool, runActions);
 *   plan.setForm({ ...store.get().plan.form, referralsPerYear: 60 });
 *   plan.run();
 */
export class PlanActions {
  private job: Job | null = null;

  constructor(
    private readonly store: Store<AppState>,
    private readonly pool: WorkerPool,
    private readonly runActions: RunActions,
  ) {}

  private set(patch: Partial<PlanState>): void {
    this.store.update((s) => ({ plan: { ...s.plan, ...patch } }));
  }

  setForm(form: PlanForm): void {
    this.set({ form });
  }

  get running(): boolean {
    return this.job !== null;
  }

  run(): void {
    const s = this.store.get();
    const scenario = s.design.scenario;
    if (!scenario) return this.set({ status: { kind: 'invalid', text: 'The design in the Design view has problems: fix it there first; the plan is for that design.' } });
    const { request, problems } = planRequest(s.plan.form, scenario);
    if (!request) return this.set({ status: { kind: 'invalid', text: someLines(problems) } });
    this.cancel(true);
    const job = this.pool.job();
    this.job = job;
    const started = performance.now();
    this.set({ answer: null, progress: { done: 0, total: 1 }, status: { kind: 'running', text: `Planning for ${scenario.name}: a queueing estimate, then a search on the simulation…` } });
    planCapacity(request, planRunner(this.pool, job), (p) => {
      if (job.cancelled) return;
      const total = p.replications + p.replicationsLeft;
      this.set({ progress: { done: p.replications, total }, status: { kind: 'running', text: `At ${p.referralsPerYear} referrals a year, ${p.phase}: ${p.candidates} candidate staffings decided, ${p.replications} replications (about ${p.replicationsLeft} to go)…` } });
    }).then(
      (answer) => {
        if (job.cancelled) return;
        this.job = null;
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        this.set({
          answer,
          // The last progress report came with an estimate of what was left; the plan is whole now.
          progress: { done: answer.replications, total: answer.replications },
          plannedFor: { name: scenario.name, hash: hashOf(scenario) },
          status: { kind: 'done', text: `Planned in ${seconds} s: ${answer.replications} replications, ${answer.plan.path.length} candidate staffings at ${answer.plan.referralsPerYear} referrals a year, and the table across ${answer.inflows.length} inflows.` },
        });
      },
      (err: unknown) => {
        if (job.cancelled || err instanceof CancelledError) return;
        this.job = null;
        this.set({ status: { kind: 'error', text: `The plan failed: ${someLines(problemLines(err, 'plan'))}` } });
      },
    );
  }

  cancel(quiet = false): void {
    const job = this.job;
    if (!job) return;
    this.job = null;
    this.pool.cancel(job);
    if (!quiet) this.set({ status: { kind: 'cancelled', text: 'Cancelled: no answer until the plan runs to the end.' } });
  }

  /** Puts the recommended overrides (inflow and staffing) into the Design view's controls and runs it. */
  apply(): void {
    const s = this.store.get();
    const recommended = s.plan.answer?.recommended;
    if (!recommended) return;
    let dash = s.dash;
    for (const [path, value] of Object.entries(recommended)) dash = withOverride(dash, s.design.base, path, value);
    this.store.update({ view: 'run' });
    this.runActions.setDesign(dash, 'now');
  }
}
