import { closure } from './closure.ts';
import { contact } from './contact.ts';
import { followUp } from './followUp.ts';
import { inflow } from './inflow.ts';
import { intake } from './intake.ts';
import { matching } from './matching.ts';
import { outcomes } from './outcomes.ts';
import { relationship } from './relationship.ts';
import { screening } from './screening.ts';
import { staffing } from './staffing.ts';
import { training } from './training.ts';

/**
 * The order of the week: each process steps once a week, in this order. Coordinator hours are set
 * first and spent as the week goes (under support-first, follow-up and matching have hours set aside
 * before intake and screening can take them). Adding a process is its file and one entry here.
 */
export const WEEK = [
  staffing, // 0. coordinators leave or return; the week's hours, set aside by policy
  inflow, // 1. referrals (turned away at a closed list), volunteer applications, peer buddies
  intake, // 2. giving up on the lists; participant intake
  screening, // 3. volunteer screening (paused while ready volunteers abound)
  training, // 4. pre-match training
  matching, // 5. proposals, refusals, first meetings: duos and groups start
  contact, // 6. contacts, held or missed
  relationship, // 7. relationship quality, problems
  followUp, // 8. professional follow-up, intervision
  closure, // 9. completion, continuation, competing hazards; the one place matches close
  outcomes, // 10. gains, volunteers' satisfaction, costs of the week, measurements
] as const;
