/** The Plan capacity view's part of the dashboard's state: the form, how the plan goes, and its answer. */
import type { PlanAnswer } from '../../plan/plan.ts';
import { DEFAULT_PLAN_FORM, type PlanForm } from './planForm.ts';

export interface PlanState {
  form: PlanForm;
  status: { kind: 'idle' | 'running' | 'done' | 'cancelled' | 'error' | 'invalid'; text: string };
  progress: { done: number; total: number } | null;
  answer: PlanAnswer | null;
  /** Name and content hash of the design the answer was planned for. */
  plannedFor: { name: string; hash: string } | null;
}

/**
 * The planner before it has run: the command line's defaults.
 *
 * @example
 *   initialPlan().form.withinWeeks; // 8
 */
export function initialPlan(): PlanState {
  return {
    form: { ...DEFAULT_PLAN_FORM },
    status: { kind: 'idle', text: 'The planner finds the smallest volunteer recruitment and coordinator hours that meet the target for the design in the Design view (as buddysim plan).' },
    progress: null,
    answer: null,
    plannedFor: null,
  };
}
