import { createStreams, type RandomStream } from '../engine/random.ts';
import { SeriesRecorder } from '../engine/series.ts';
import { DOMAINS, type Params } from './params.ts';
import { WEEKLY_SERIES, type ClosureReason, type MatchRecord, type ParticipantRecord, type WeeklySeries } from './results.ts';
import { DEEP_TRAITS } from './similarity.ts';

/** Life-cycle stages of a participant. */
export const P = { notYet: 0, intake: 1, waiting: 2, matched: 3, left: 4, finished: 5 } as const;
/** Life-cycle stages of a volunteer. */
export const V = { notYet: 0, screening: 1, training: 2, available: 3, matched: 4, left: 5 } as const;

export const N_DOMAINS = DOMAINS.length;

/** Participants as columns (struct of arrays): fast, and sized once from the inflow schedule. */
export class ParticipantTable {
  readonly referredWeek: Int32Array;
  readonly group: Uint8Array;
  readonly need: Float64Array;
  readonly motivation: Float64Array;
  readonly urgentUntil: Int32Array;
  /** The target group's multiplier on leaving a match, kept per participant for the hot loop. */
  readonly leaveFactor: Float64Array;
  readonly deep: Float64Array;
  readonly age: Float64Array;
  readonly female: Uint8Array;
  readonly background: Uint8Array;
  readonly baseline: Float64Array;
  readonly status: Uint8Array;
  readonly waitingSince: Int32Array;
  readonly firstMatchWeek: Int32Array;
  /** Week the participant left the programme before any match (-1: did not). */
  readonly leftUnmatchedWeek: Int32Array;
  /** Weeks in closed matches; the running match, if any, started at `matchStart`. */
  readonly matchedWeeks: Int32Array;
  readonly matchStart: Int32Array;
  readonly matchCount: Int32Array;
  /** Accrued gain per domain; while unmatched it fades from `lastClosure`. */
  readonly gain: Float64Array;
  readonly lastClosure: Int32Array;

  constructor(readonly size: number) {
    this.referredWeek = new Int32Array(size);
    this.group = new Uint8Array(size);
    this.need = new Float64Array(size);
    this.motivation = new Float64Array(size);
    this.urgentUntil = new Int32Array(size);
    this.leaveFactor = new Float64Array(size);
    this.deep = new Float64Array(size * DEEP_TRAITS);
    this.age = new Float64Array(size);
    this.female = new Uint8Array(size);
    this.background = new Uint8Array(size);
    this.baseline = new Float64Array(size * N_DOMAINS);
    this.status = new Uint8Array(size);
    this.waitingSince = new Int32Array(size);
    this.firstMatchWeek = new Int32Array(size).fill(-1);
    this.leftUnmatchedWeek = new Int32Array(size).fill(-1);
    this.matchedWeeks = new Int32Array(size);
    this.matchStart = new Int32Array(size).fill(-1);
    this.matchCount = new Int32Array(size);
    this.gain = new Float64Array(size * N_DOMAINS);
    this.lastClosure = new Int32Array(size).fill(-1);
  }
}

export class VolunteerTable {
  readonly appliedWeek: Int32Array;
  readonly availability: Float64Array;
  readonly stability: Float64Array;
  readonly motivation: Float64Array;
  readonly empathy: Float64Array;
  readonly empathyAtStart: Float64Array;
  readonly affinity: Float64Array;
  readonly realistic: Uint8Array;
  readonly experienced: Uint8Array;
  readonly bridging: Float64Array;
  readonly deep: Float64Array;
  readonly age: Float64Array;
  readonly female: Uint8Array;
  readonly background: Uint8Array;
  readonly status: Uint8Array;
  readonly readyWeek: Int32Array;
  readonly satisfaction: Float64Array;
  readonly matchCount: Int32Array;
  readonly trainingHours: Float64Array;

  constructor(readonly size: number) {
    this.appliedWeek = new Int32Array(size);
    this.availability = new Float64Array(size);
    this.stability = new Float64Array(size);
    this.motivation = new Float64Array(size);
    this.empathy = new Float64Array(size);
    this.empathyAtStart = new Float64Array(size);
    this.affinity = new Float64Array(size);
    this.realistic = new Uint8Array(size);
    this.experienced = new Uint8Array(size);
    this.bridging = new Float64Array(size);
    this.deep = new Float64Array(size * DEEP_TRAITS);
    this.age = new Float64Array(size);
    this.female = new Uint8Array(size);
    this.background = new Uint8Array(size);
    this.status = new Uint8Array(size);
    this.readyWeek = new Int32Array(size).fill(-1);
    this.satisfaction = new Float64Array(size);
    this.matchCount = new Int32Array(size);
    this.trainingHours = new Float64Array(size);
  }
}

/** A match while it runs; becomes a MatchRecord when it closes or the run ends. */
export interface Match {
  id: number;
  participant: number;
  volunteer: number;
  coordinator: number;
  startWeek: number;
  hours: number;
  contacts: number;
  missedContacts: number;
  quality: number;
  attainableQuality: number;
  deepSimilarity: number;
  surfaceSimilarity: number;
  problem: boolean;
  lastFollowUp: number;
  /** The follow-up that fell due was not done that week (counted as missed once, until done). */
  followUpLate: boolean;
  /** This week's contact, set by the contact process and read by the later ones. */
  plannedThisWeek: number;
  contactsThisWeek: number;
  missedThisWeek: number;
  hoursThisWeek: number;
  relationalGain: number;
}

/** The random streams of the model, one per decision, all created up front so names are unique. */
function modelStreams(seed: number, replication: number) {
  const s = createStreams(seed, replication);
  const names = [
    'inflow.participants', 'inflow.volunteers', 'participant.traits', 'volunteer.traits',
    'screening.withdraw', 'training.realism', 'waiting.participant', 'waiting.volunteer', 'matching.perception',
    'contact.missed', 'relationship.problem', 'relationship.repair', 'followup.detection', 'intervision.realism',
    'coordinator.turnover', 'coordinator.closure', 'closure.hazard', 'closure.reason',
    'closure.rematchParticipant', 'closure.rematchVolunteer', 'outcome.change',
  ] as const;
  const out = {} as Record<(typeof names)[number], RandomStream>;
  for (const name of names) out[name] = s.stream(name);
  return out;
}
export type ModelStreams = ReturnType<typeof modelStreams>;

export interface ModelState {
  readonly params: Params;
  readonly weeks: number;
  readonly rng: ModelStreams;
  readonly participants: ParticipantTable;
  readonly volunteers: VolunteerTable;
  /** Participant ids referred in week w are [participantsFrom[w], participantsFrom[w + 1]). */
  readonly participantsFrom: Int32Array;
  readonly volunteersFrom: Int32Array;
  /** Queues in order of arrival; ids leave from anywhere. */
  intakeQueue: number[];
  waitingList: number[];
  screeningQueue: number[];
  trainingQueue: number[];
  available: number[];
  active: Match[];
  closed: MatchRecord[];
  nextMatchId: number;
  /** Coordinator posts: week a vacant post is filled again (-1 = filled). */
  readonly vacantUntil: Int32Array;
  hoursLeft: number;
  hoursAvailable: number;
  coordinatorCost: number;
  expenses: number;
  assessed: ParticipantRecord[];
  participantWaits: number[];
  volunteerWaits: number[];
  tally: { withdrew: number; rejected: number; trained: number; left: number };
  readonly series: SeriesRecorder<WeeklySeries>;
  /** Closures of the current week by reason, for the series. */
  closuresThisWeek: Record<ClosureReason, number>;
}

export function newClosureTally(): Record<ClosureReason, number> {
  return { planned: 0, volunteer: 0, participant: 0, mismatch: 0, coordinator: 0, resources: 0 };
}

/**
 * The schedule of arrivals as cumulative id offsets: week 0 brings the initial cohort plus that
 * week's Poisson draw. Drawn up front so the tables can be sized once.
 */
function arrivals(initial: number, perWeek: number, weeks: number, stream: RandomStream, poisson: (u: number, l: number) => number) {
  const from = new Int32Array(weeks + 1);
  for (let w = 0; w < weeks; w++) from[w + 1] = from[w] + (w === 0 ? initial : 0) + poisson(stream.u(w), perWeek);
  return { from, total: from[weeks] };
}

export function createState(
  params: Params,
  seed: number,
  replication: number,
  weeks: number,
  poisson: (u: number, l: number) => number,
): ModelState {
  const rng = modelStreams(seed, replication);
  const pa = arrivals(params.inflow.initialParticipants, params.inflow.participantsPerWeek, weeks, rng['inflow.participants'], poisson);
  const va = arrivals(params.inflow.initialVolunteers, params.inflow.volunteersPerWeek, weeks, rng['inflow.volunteers'], poisson);
  return {
    params,
    weeks,
    rng,
    participants: new ParticipantTable(pa.total),
    volunteers: new VolunteerTable(va.total),
    participantsFrom: pa.from,
    volunteersFrom: va.from,
    intakeQueue: [],
    waitingList: [],
    screeningQueue: [],
    trainingQueue: [],
    available: [],
    active: [],
    closed: [],
    nextMatchId: 0,
    vacantUntil: new Int32Array(params.coordinators.count).fill(-1),
    hoursLeft: 0,
    hoursAvailable: 0,
    coordinatorCost: 0,
    expenses: 0,
    assessed: [],
    participantWaits: [],
    volunteerWaits: [],
    tally: { withdrew: 0, rejected: 0, trained: 0, left: 0 },
    series: new SeriesRecorder(WEEKLY_SERIES, weeks),
    closuresThisWeek: newClosureTally(),
  };
}

/** Spend coordinator hours if there are enough; false means the task waits. */
export function spendHours(state: ModelState, hours: number): boolean {
  if (hours > state.hoursLeft + 1e-9) return false;
  state.hoursLeft -= hours;
  return true;
}

export function removeFrom(list: number[], id: number): void {
  const i = list.indexOf(id);
  if (i >= 0) list.splice(i, 1);
}
