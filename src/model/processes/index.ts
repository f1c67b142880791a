import type { Process } from '../../engine/process.ts';
import type { ModelState } from '../state.ts';
import { closure } from './closure.ts';
import { contact } from './contact.ts';
import { followUp } from './followUp.ts';
import { inflow } from './inflow.ts';
import { matching } from './matching.ts';
import { outcomes } from './outcomes.ts';
import { relationship } from './relationship.ts';
import { screening } from './screening.ts';
import { staffing } from './staffing.ts';
import { training } from './training.ts';

/**
 * The order of the week. Coordinator hours are set first and then spent in this order, so
 * intake and screening come before matching and follow-up when hours are short.
 */
export const WEEK: readonly Process<ModelState>[] = [
  staffing, // 0. coordinators leave or return; the week's hours
  inflow, // 1. referrals and volunteer applications
  screening, // 2. participant intake, volunteer screening
  training, // 3. pre-match training
  matching, // 4. waiting lists and matching
  contact, // 5. contacts, held or missed
  relationship, // 6. relationship quality, problems
  followUp, // 7. professional follow-up, ongoing training
  closure, // 8. planned and premature closure
  outcomes, // 9. participant and volunteer outcomes, assessment
];
