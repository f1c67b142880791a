import type { Domain, TargetGroup } from './params.ts';

/** Why a match ended. Exactly one per closed match; 'ongoing' = still active at the horizon. */
export const CLOSURE_REASONS = ['planned', 'volunteer', 'participant', 'mismatch', 'coordinator', 'resources'] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];
export const PREMATURE_REASONS = CLOSURE_REASONS.filter((r) => r !== 'planned');

export interface MatchRecord {
  id: number;
  participant: number;
  volunteer: number;
  startWeek: number;
  /** Last week of the match, or null if still active when the run ended. */
  endWeek: number | null;
  weeks: number;
  hours: number;
  contacts: number;
  missedContacts: number;
  reason: ClosureReason | 'ongoing';
  quality: number;
  deepSimilarity: number;
  surfaceSimilarity: number;
  /** Contact hours per week over the match: the realised frequency. */
  hoursPerWeek: number;
  /** Relational (wellbeing + network) gain accrued during this match, in SD. */
  relationalGain: number;
}

export type DomainValues = Record<Domain, number>;

export interface ParticipantRecord {
  id: number;
  group: TargetGroup;
  referredWeek: number;
  /** First match week, or null if never matched before assessment or the horizon. */
  firstMatchWeek: number | null;
  matchedWeeks: number;
  matches: number;
  /** Outcome at the assessment point, with and without the programme (same random numbers). */
  programme: DomainValues;
  counterfactual: DomainValues;
}

export const WEEKLY_SERIES = [
  'participantsWaiting',
  'participantsInIntake',
  'volunteersWaiting',
  'volunteersInPipeline',
  'activeMatches',
  'newMatches',
  'closures',
  'prematureClosures',
  'coordinatorHoursUsed',
  'coordinatorHoursAvailable',
  'followUpsDue',
  'followUpsMissed',
] as const;
export type WeeklySeries = (typeof WEEKLY_SERIES)[number];

export interface VolunteerTotals {
  applied: number;
  withdrew: number;
  rejected: number;
  trained: number;
  matched: number;
  left: number;
  meanSatisfaction: number;
  meanEmpathyGain: number;
}

/**
 * Every referred participant's path to a first match, as columns (one entry per participant):
 * the week of referral, of the first match (-1: never matched) and of leaving before any match
 * (-1: did not leave unmatched). Never matched and not left = still waiting at the horizon.
 */
export interface Referrals {
  referredWeek: number[];
  firstMatchWeek: number[];
  leftUnmatchedWeek: number[];
}

export interface ReplicationResult {
  replication: number;
  weeks: number;
  /** Participant-weeks simulated: each referred participant each week until assessment. */
  participantWeeks: number;
  matches: MatchRecord[];
  /** Participants whose assessment point fell inside the horizon. */
  assessed: ParticipantRecord[];
  referred: number;
  referrals: Referrals;
  /** Waiting weeks from referral to first match of every matched participant. */
  participantWaits: number[];
  /** Waiting weeks from being ready (screened and trained) to first match, per matched volunteer. */
  volunteerWaits: number[];
  volunteers: VolunteerTotals;
  weekly: Record<WeeklySeries, number[]>;
  costs: { coordinator: number; expenses: number; total: number };
}
