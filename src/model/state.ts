import { allocateColumns, mergeColumns, type ColumnDecls, type ProcessSpec } from '../engine/process.ts';
import type { RandomStream } from '../engine/random.ts';
import { AgentList } from '../engine/agentList.ts';
import { SeriesRecorder } from '../engine/series.ts';
import { DOMAINS } from './domains.ts';
import type { Params } from './params.ts';
import { PARTICIPANT_CLASSES, VOLUNTEER_CLASSES } from './matchingClasses.ts';
import type { ClosureReason, CostItem, MatchRecord, ParticipantRecord } from './results.ts';

/** Life-cycle stages of a participant. */
export const P = { notYet: 0, intake: 1, waiting: 2, matched: 3, left: 4, finished: 5 } as const;
/** Life-cycle stages of a volunteer. */
export const V = { notYet: 0, screening: 1, training: 2, available: 3, matched: 4, left: 5 } as const;

export const N_DOMAINS = DOMAINS.length;

/**
 * Participant columns (struct of arrays, one slot per participant). The core columns are declared
 * by the population (population.ts); each process adds its own by declaring them in its spec and
 * augmenting this interface next to the process (TypeScript declaration merging).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ParticipantColumns {}
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface VolunteerColumns {}
export type ParticipantTable = ParticipantColumns & { readonly size: number };
export type VolunteerTable = VolunteerColumns & { readonly size: number };

/**
 * A duo, or a group of participants with one volunteer: what the volunteer commits to, meets, and
 * the coordinator follows up. Its members are the matches (one per participant).
 */
export interface Unit {
  id: number;
  volunteer: number;
  /** Index of its coordinator, or -1 while it has none (a vacant post not covered). */
  coordinator: number;
  members: Match[];
  /** Participants when it started. */
  size: number;
  startWeek: number;
  /** Contact hours the unit held (sessions), toward the hours budget. */
  sessionHours: number;
  plannedThisWeek: number;
  sessionsThisWeek: number;
  /** Last week of a follow-up, and of any contact from the programme (follow-up or intervision). */
  lastFollowUp: number;
  lastSupport: number;
  /** The follow-up that fell due was not done that week (counted once as missed, until done). */
  followUpLate: boolean;
  /** Running past its commitment. */
  continuing: boolean;
  /** Position in the list of active units (swap-removal). */
  slot: number;
  /** Its place in this week's follow-up order, as one number (smaller first). */
  serviceRank: number;
  /** At least the volunteer's leaving hazard in every week of the unit (closure.ts; -1 until first needed). */
  leaveBound: number;
}

/** One participant in a unit. */
export interface Match {
  id: number;
  participant: number;
  unit: Unit;
  startWeek: number;
  hours: number;
  contacts: number;
  missedContacts: number;
  quality: number;
  attainableQuality: number;
  deepSimilarity: number;
  surfaceSimilarity: number;
  problem: boolean;
  /** First week of the current spell below the failing threshold (-1: not failing). */
  failingSince: number;
  plannedThisWeek: number;
  contactsThisWeek: number;
  missedThisWeek: number;
  hoursThisWeek: number;
  relationalGain: number;
  /** A closure asked for this week, finalised by the closure process (the one place matches close). */
  closing: ClosureReason | null;
  slot: number;
  /** At least the participant's leaving hazard in every week of the match (closure.ts; -1 until first needed). */
  leaveBound: number;
}

/** The tasks coordinator hours go to, reported week by week. */
export const TASKS = ['administration', 'recruitment', 'intake', 'screening', 'training', 'matching', 'followUp', 'intervision'] as const;
export type Task = (typeof TASKS)[number];

/**
 * Coordinators as agents: who is in post, their contract hours, their caseload of units, and this
 * week's hours (free, and set aside for follow-up of their own caseload).
 */
export interface Coordinators {
  readonly count: number;
  /** Week a vacant post is filled again (-1 = in post). */
  readonly vacantUntil: Int32Array;
  readonly caseload: Int32Array;
  readonly free: Float64Array;
  readonly followUpReserve: Float64Array;
  /** Team hours set aside this week for matching people who wait (support-first). */
  matchingReserve: number;
  /** Contract hours present this week, and used so far. */
  available: number;
  used: number;
}

export interface ModelState {
  readonly params: Params;
  readonly weeks: number;
  readonly participants: ParticipantTable;
  readonly volunteers: VolunteerTable;
  readonly coordinators: Coordinators;
  /** Participant ids referred in week w are [participantsFrom[w], participantsFrom[w + 1]). */
  readonly participantsFrom: Int32Array;
  /** Volunteer applications of week w are [volunteersFrom[w], volunteersFrom[w + 1]); peers come after. */
  readonly volunteersFrom: Int32Array;
  /** Volunteer ids taken so far (scheduled applicants, then peers). */
  nextVolunteer: number;
  /** Peers scheduled to apply: [week, participant] in order of week. */
  readonly peerQueue: number[];
  /** Queues in order of arrival, served from the front. */
  intakeQueue: number[];
  screeningQueue: number[];
  trainingQueue: number[];
  /**
   * Participants waiting for a match (re-matches at the front) and volunteers free to match, in
   * order, by matching class (matchingClasses.ts): people leave them from anywhere.
   */
  waitingList: AgentList;
  available: AgentList;
  units: Unit[];
  matches: Match[];
  closed: MatchRecord[];
  nextMatchId: number;
  nextUnitId: number;
  /** Every closure asked for this week, in the order asked, finalised by the closure process. */
  closing: Match[];
  assessed: ParticipantRecord[];
  participantWaits: number[];
  volunteerWaits: number[];
  tally: { applied: number; peers: number; withdrew: number; rejected: number; trained: number; left: number };
  costs: Record<CostItem, number>;
  readonly series: SeriesRecorder<string>;
  /** Sums of the effect on the main outcome by weeks since referral. */
  readonly curve: { n: Float64Array; sumDifference: Float64Array; sumDifferenceSq: Float64Array; sumCounterfactual: Float64Array; sumCounterfactualSq: Float64Array };
  /** Participant-weeks in the programme or on its lists, and in matches. */
  participantWeeks: number;
  matchWeeks: number;
}

/** Weeks between points of the effect curve (weeks since referral). */
export const CURVE_STEP_WEEKS = 4;

/** The arrival schedule as cumulative id offsets: week 0 brings the initial cohort plus that week's draw. */
export function arrivals(initial: number, perWeek: number, weeks: number, stream: RandomStream, poisson: (u: number, l: number) => number) {
  const from = new Int32Array(weeks + 1);
  for (let w = 0; w < weeks; w++) from[w + 1] = from[w] + (w === 0 ? initial : 0) + poisson(stream.u(w), perWeek);
  return { from, total: from[weeks] };
}

export interface StateInputs {
  params: Params;
  weeks: number;
  participantsFrom: Int32Array;
  volunteersFrom: Int32Array;
  /** Every column of each table: the population's core columns and those the processes declare. */
  processes: readonly ProcessSpec<ModelState, string>[];
  participantCore: ColumnDecls;
  volunteerCore: ColumnDecls;
  /** The weekly series: the recorder's stocks and the processes' flows. */
  series: readonly string[];
}

/** A fresh state: tables sized once from the arrival schedule (and room for peer buddies). */
export function createState(inputs: StateInputs): ModelState {
  const { params, weeks, participantsFrom, volunteersFrom } = inputs;
  const nParticipants = participantsFrom[weeks];
  const peerRoom = params.volunteers.peerShare > 0 ? nParticipants : 0;
  const nVolunteers = volunteersFrom[weeks] + peerRoom;
  const participants = { size: nParticipants, ...allocateColumns(mergeColumns('participants', inputs.processes, inputs.participantCore), nParticipants) } as unknown as ParticipantTable;
  const volunteers = { size: nVolunteers, ...allocateColumns(mergeColumns('volunteers', inputs.processes, inputs.volunteerCore), nVolunteers) } as unknown as VolunteerTable;
  const count = params.coordinators.count;
  const curvePoints = Math.floor(weeks / CURVE_STEP_WEEKS) + 1;
  // Fields that processes add to the state are set up by their `init` (wireProcesses).
  const state: Omit<ModelState, keyof ProcessOwnedState> = {
    params,
    weeks,
    participants,
    volunteers,
    coordinators: {
      count,
      vacantUntil: new Int32Array(count).fill(-1),
      caseload: new Int32Array(count),
      free: new Float64Array(count),
      followUpReserve: new Float64Array(count),
      matchingReserve: 0,
      available: 0,
      used: 0,
    },
    participantsFrom,
    volunteersFrom,
    nextVolunteer: volunteersFrom[weeks],
    peerQueue: [],
    intakeQueue: [],
    waitingList: new AgentList(nParticipants, PARTICIPANT_CLASSES),
    screeningQueue: [],
    trainingQueue: [],
    available: new AgentList(nVolunteers, VOLUNTEER_CLASSES),
    units: [],
    matches: [],
    closed: [],
    nextMatchId: 0,
    nextUnitId: 0,
    closing: [],
    assessed: [],
    participantWaits: [],
    volunteerWaits: [],
    tally: { applied: 0, peers: 0, withdrew: 0, rejected: 0, trained: 0, left: 0 },
    costs: Object.fromEntries(COST_KEYS.map((k) => [k, 0])) as Record<CostItem, number>,
    series: new SeriesRecorder(inputs.series, weeks),
    curve: {
      n: new Float64Array(curvePoints),
      sumDifference: new Float64Array(curvePoints),
      sumDifferenceSq: new Float64Array(curvePoints),
      sumCounterfactual: new Float64Array(curvePoints),
      sumCounterfactualSq: new Float64Array(curvePoints),
    },
    participantWeeks: 0,
    matchWeeks: 0,
  };
  return state as ModelState;
}

/**
 * State that processes add for themselves (declared next to the process, set up by its `init`):
 * every key of ModelState that createState does not set.
 */
type ProcessOwnedState = Omit<ModelState, CoreStateKeys>;
type CoreStateKeys =
  | 'params' | 'weeks' | 'participants' | 'volunteers' | 'coordinators' | 'participantsFrom' | 'volunteersFrom' | 'nextVolunteer' | 'peerQueue'
  | 'intakeQueue' | 'waitingList' | 'screeningQueue' | 'trainingQueue' | 'available' | 'units' | 'matches' | 'closed' | 'nextMatchId'
  | 'nextUnitId' | 'closing' | 'assessed' | 'participantWaits' | 'volunteerWaits' | 'tally' | 'costs' | 'series' | 'curve'
  | 'participantWeeks' | 'matchWeeks';

const COST_KEYS: readonly CostItem[] = [
  'coordinatorIntake', 'coordinatorScreening', 'coordinatorTraining', 'coordinatorMatching', 'coordinatorFollowUp',
  'coordinatorIntervision', 'coordinatorRecruitment', 'coordinatorAdministration', 'coordinatorIdle',
  'recruitmentCampaigns', 'screeningChecks', 'trainingSessions', 'groupActivities', 'volunteerExpenses', 'overhead',
];

/** Removes the first occurrence of `id` from a queue (order kept). */
export function removeFrom(list: number[], id: number): void {
  const i = list.indexOf(id);
  if (i >= 0) list.splice(i, 1);
}

/** Keeps the items that pass, in order, in place (one pass, no new array). */
export function keepInPlace(list: number[], keep: (id: number) => boolean): void {
  let j = 0;
  for (let i = 0; i < list.length; i++) {
    const id = list[i];
    if (keep(id)) list[j++] = id;
  }
  list.length = j;
}

/** Adds an item to a list that supports O(1) removal by slot (units, matches). */
export function pushSlotted<T extends { slot: number }>(list: T[], item: T): void {
  item.slot = list.length;
  list.push(item);
}

/** Removes an item in O(1): the last item takes its slot. */
export function removeSlotted<T extends { slot: number }>(list: T[], item: T): void {
  const i = item.slot;
  if (i < 0 || list[i] !== item) throw new Error('item is not in the list');
  const last = list.pop()!;
  if (last !== item) {
    list[i] = last;
    last.slot = i;
  }
  item.slot = -1;
}
