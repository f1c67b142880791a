import type { Domain } from './domains.ts';
import type { TargetGroup } from './params.ts';

/**
 * Why a match ended. Exactly one per closed match; 'ongoing' = still active at the horizon.
 * Completions: planned (the commitment or the hours budget fulfilled, continuation included) and
 * goal (a goal-directed match reached its goal early). timeLimit: a match with an hours budget that
 * reached its last week before using its hours (incomplete, but not ended by anyone's choice).
 * Premature: the volunteer, the participant, a failing relationship (mismatch), the coordinator
 * leaving, or lack of support (resources).
 */
export const CLOSURE_REASONS = ['planned', 'goal', 'timeLimit', 'volunteer', 'participant', 'mismatch', 'coordinator', 'resources'] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];
export const COMPLETED_REASONS: readonly ClosureReason[] = ['planned', 'goal'];
export const PREMATURE_REASONS: readonly ClosureReason[] = ['volunteer', 'participant', 'mismatch', 'coordinator', 'resources'];

export interface MatchRecord {
  id: number;
  participant: number;
  volunteer: number;
  /** The duo or group this match belongs to (one participant of a group is one match). */
  unit: number;
  /** Participants in the unit when it started (1 for a duo). */
  unitSize: number;
  startWeek: number;
  /** Last week of the match, or null if still active when the run ended. */
  endWeek: number | null;
  weeks: number;
  /** Contact hours the participant attended. */
  hours: number;
  contacts: number;
  missedContacts: number;
  reason: ClosureReason | 'ongoing';
  /** Whether the match ran on past its commitment. */
  continued: boolean;
  quality: number;
  deepSimilarity: number;
  surfaceSimilarity: number;
  /** Contact hours per week over the match: the realised frequency. */
  hoursPerWeek: number;
  /** Relational (wellbeing + network) gain accrued during this match, in SD. */
  relationalGain: number;
}

export type DomainValues = Record<Domain, number>;

/**
 * Values per domain (in DOMAINS order, from `offset`) as a record. Written as one literal so every
 * record has the same shape: they are made for every participant at every measurement point.
 *
 * @example
 *   domainValues([0.1, 0.2, 0, 0, 0, 0, 1]).network; // 0.2
 */
export function domainValues(v: ArrayLike<number>, offset = 0): DomainValues {
  return {
    wellbeing: v[offset], network: v[offset + 1], skills: v[offset + 2], horizon: v[offset + 3], language: v[offset + 4],
    knowHow: v[offset + 5], employment: v[offset + 6],
  };
}

/**
 * The inverse of domainValues: a record's values into `out` from `offset`, in DOMAINS order.
 *
 * @example
 *   const out = new Float64Array(7);
 *   writeDomainValues(domainValues([1, 2, 3, 4, 5, 6, 7]), out); // out = [1, ..., 7]
 */
export function writeDomainValues(r: DomainValues, out: Float64Array, offset = 0): void {
  out[offset] = r.wellbeing;
  out[offset + 1] = r.network;
  out[offset + 2] = r.skills;
  out[offset + 3] = r.horizon;
  out[offset + 4] = r.language;
  out[offset + 5] = r.knowHow;
  out[offset + 6] = r.employment;
}

/**
 * A participant measured at one point (weeks after referral), with and without the programme. Score
 * domains are in SD of the baseline; an event domain (work) is 1 if it has happened, else 0.
 */
export interface ParticipantRecord {
  id: number;
  group: TargetGroup;
  referredWeek: number;
  /** Weeks after referral of this measurement. */
  point: number;
  /** First match week, or null if never matched before the measurement. */
  firstMatchWeek: number | null;
  /** Weeks in matches up to the measurement. */
  matchedWeeks: number;
  matches: number;
  programme: DomainValues;
  counterfactual: DomainValues;
}

/**
 * Every referred participant's path to a first match, as columns (one entry per participant):
 * the week of referral, of the first match (-1: never matched) and of leaving before any match
 * (-1: did not leave unmatched; turned away at a closed list counts as leaving at referral).
 * Never matched and not left = still waiting at the horizon.
 */
export interface Referrals {
  referredWeek: number[];
  firstMatchWeek: number[];
  leftUnmatchedWeek: number[];
}

/** The effect on the main outcome by weeks since referral, as sums (every CURVE_STEP_WEEKS weeks). */
export interface EffectCurve {
  /** Weeks since referral of each point. */
  weeks: number[];
  n: number[];
  sumDifference: number[];
  sumDifferenceSq: number[];
  sumCounterfactual: number[];
  sumCounterfactualSq: number[];
}

export interface VolunteerTotals {
  applied: number;
  /** Of those, former participants applying as peer buddies. */
  peers: number;
  withdrew: number;
  rejected: number;
  trained: number;
  matched: number;
  left: number;
  meanSatisfaction: number;
  meanEmpathyGain: number;
}

/** Cost items of the full cost ([LitReview2021] §3 for what programmes spend on). */
export const COST_ITEMS = [
  'coordinatorIntake', 'coordinatorScreening', 'coordinatorTraining', 'coordinatorMatching', 'coordinatorFollowUp',
  'coordinatorIntervision', 'coordinatorRecruitment', 'coordinatorAdministration', 'coordinatorIdle',
  'recruitmentCampaigns', 'screeningChecks', 'trainingSessions', 'groupActivities', 'volunteerExpenses', 'overhead',
] as const;
export type CostItem = (typeof COST_ITEMS)[number];

export interface ReplicationResult {
  replication: number;
  weeks: number;
  /** Participant-weeks simulated: participants in the programme or on its lists, week by week. */
  participantWeeks: number;
  matches: MatchRecord[];
  /** Participants measured at each measurement point that fell inside the horizon. */
  assessed: ParticipantRecord[];
  /** The weeks after referral of the measurement points, in order. */
  points: number[];
  effectCurve: EffectCurve;
  referred: number;
  referrals: Referrals;
  /** Waiting weeks from referral to first match of every matched participant. */
  participantWaits: number[];
  /** Waiting weeks from being ready (screened and trained) to first match, per matched volunteer. */
  volunteerWaits: number[];
  volunteers: VolunteerTotals;
  weekly: Record<string, number[]>;
  costs: Record<CostItem, number> & { total: number };
  /** Active match-weeks (participants in matches, week by week), for cost per match-year. */
  matchWeeks: number;
  /**
   * Work done, in operations rather than time (for tests that cost stays linear in the size of a
   * programme): steps and changes on the waiting list and the volunteer pool, and candidate
   * volunteers weighed for a match.
   */
  work: { listOperations: number; candidatesWeighed: number };
}
