import { z } from 'zod';
import { DOMAINS, FOCI } from './domains.ts';
import { choice, choices, num, sectionSchema, type ParamSpec, type Section } from './paramSpec.ts';
import { TYPOLOGY_DEFAULTS, byProgrammeType } from './typology.ts';

/**
 * Every parameter of the buddy-programme model, in one place, grouped as the dashboard shows
 * them. Sources cite docs/references.md by key (`[DeWit2016]`, `[LitReview2021] §5.2`); "assumption"
 * = a documented guess; "calibrated" = set by `buddysim calibrate` against the stylized facts of
 * calibration/targets.json (the convention is on `ParamMeta.source` in paramSpec.ts).
 */

export const TARGET_GROUPS = ['newcomer', 'psychological', 'poverty', 'disability', 'youth'] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];

export { DOMAINS, DOMAIN_IS_INSTRUMENTAL, type Domain } from './domains.ts';

/** A scenario without a programme type is befriending: its defaults are the schema's. */
const UNTYPED = TYPOLOGY_DEFAULTS.befriending;

/**
 * How target groups differ, as multipliers on the scenario's participant parameters.
 * source: [VanRobaeys2018] (target groups), [LitReview2021] §5.5 (newcomers first need instrumental
 * help, [Oberoi2016]; urgent needs, [Griffiths2009]); magnitudes are assumptions.
 */
export const GROUP_PROFILES: Record<TargetGroup, { instrumentalShift: number; urgentFactor: number; leaveFactor: number }> = {
  newcomer: { instrumentalShift: 0.2, urgentFactor: 1.3, leaveFactor: 1.0 },
  psychological: { instrumentalShift: -0.2, urgentFactor: 1.0, leaveFactor: 1.3 },
  poverty: { instrumentalShift: 0.1, urgentFactor: 1.5, leaveFactor: 1.2 },
  disability: { instrumentalShift: 0.0, urgentFactor: 1.0, leaveFactor: 1.0 },
  youth: { instrumentalShift: 0.1, urgentFactor: 1.0, leaveFactor: 1.4 },
};

export const programme = {
  label: 'Programme design',
  help: 'The levers a programme sets: type, length, contact, matching, training and follow-up.',
  fields: {
    typology: choice({
      options: ['befriending', 'coaching', 'mentoring'],
      default: 'befriending',
      label: 'Programme type',
      help: `Befriending (ally, relational), coaching (concrete goals, instrumental) or mentoring (role model, instrumental and long-term). Sets the defaults of ${Object.keys(UNTYPED).map((k) => `programme.${k}`).join(', ')}; a value the scenario gives wins.`,
      source: '[ArmenTeKort2017]; [LitReview2021] §4',
    }),
    supportStyle: num({
      default: UNTYPED.supportStyle, min: 0, max: 1, unit: 'share instrumental',
      label: 'Support style',
      help: `Share of the support that is instrumental (practical: paperwork, language, work); the rest is relational. ${byProgrammeType('supportStyle')}`,
      source: '[LitReview2021] §4 (befriending relational, coaching and mentoring instrumental); value: assumption',
    }),
    format: choice({
      options: ['duo', 'group'],
      default: 'duo',
      label: 'Format',
      help: 'duo: one volunteer with one participant; group: one volunteer with a small group of participants who meet together.',
      source: '[VVSG2022] (the 40 hours in a duo or a group); [Haddock2020] (group mentoring: neither advantages nor disadvantages); [LitReview2021] §5.1',
    }),
    groupSize: num({
      default: 4, min: 2, max: 12, unit: 'participants', integer: true,
      label: 'Group size',
      help: 'Participants per volunteer in the group format; a group starts once enough people wait (at least 2, at most this many).',
      source: '[LitReview2021] §5.1 (group mentoring: three or more people); value: assumption',
    }),
    plannedWeeks: num({
      default: 52, min: 1, max: 260, unit: 'weeks', integer: true,
      label: 'Planned duration',
      help: 'Commitment asked of the pair; the match closes as planned when it is reached. With an hours budget it is the time limit: a match that reaches it before using its hours ends incomplete (reason time limit).',
      source: '[DeWit2016] (12-month commitment); [LitReview2021] §5.2',
    }),
    hoursBudget: num({
      default: 0, min: 0, max: 1000, unit: 'hours',
      label: 'Hours budget',
      help: 'Planned total contact hours; the match closes as planned when they are used. 0 = no budget (duration only).',
      source: '[LitReview2021] §1 (the 40-hour trajectory of the fourth pillar)',
    }),
    goalClosure: choice({
      options: ['no', 'yes'],
      default: UNTYPED.goalClosure,
      label: 'Closes when goals are met',
      help: `yes: a goal-directed match ends early, as a success, once the participant has gained enough in the domains of its focus (or found work, with a work focus). ${byProgrammeType('goalClosure')}`,
      source: '[ArmenTeKort2017] (coaching: concrete goals, short term); [FeeneyBozeman2008] (short goal-directed relationships can work); threshold: assumption',
    }),
    focus: choice({
      options: FOCI,
      default: UNTYPED.focus,
      label: 'Focus',
      help: `The outcomes the support aims at besides the general ones: wellbeing (befriending), integration (language use, know-how: newcomers) or work (job mentoring). ${byProgrammeType('focus')}`,
      source: '[LitReview2021] §2.2.2, §4; [OECD2024] (DUO for a JOB aims at work)',
    }),
    continuationShare: num({
      default: UNTYPED.continuationShare, min: 0, max: 1, unit: 'probability',
      label: 'Continuation past the commitment',
      help: `Chance that a match of full quality continues after its commitment (scaled by its quality); it then ends later, as planned. 0: every match ends at its commitment. ${byProgrammeType('continuationShare')}`,
      source: '[BefriendingNetworks2008] (befriending relationships last 15-18 months on average, beyond a year); value: assumption',
    }),
    keepInTouchShare: num({
      default: 0.4, min: 0, max: 1, unit: 'probability',
      label: 'Keeping in touch afterwards',
      help: 'Chance that a pair of full quality stays in touch after a planned ending (scaled by its quality): gains fade more slowly.',
      source: '[LitReview2021] §2.2.2 (contact after the project is among the outcomes for newcomers); value: assumption',
    }),
    contactsPerWeek: num({
      default: 1, min: 0.1, max: 5, unit: 'contacts/week',
      label: 'Contact frequency',
      help: 'Planned meetings per week (0.25 = monthly, 1 = weekly).',
      source: '[Toner2018] (weekly preferred); [Tierney1995] (BBBS about 3 a month)',
    }),
    hoursPerContact: num({
      default: 1.5, min: 0.25, max: 8, unit: 'hours/contact',
      label: 'Contact length',
      help: 'Planned length of one meeting.',
      source: '[Toner2018] (about 1 hour); assumption: 1.5 h including travel together',
    }),
    matching: choice({
      options: ['first-come', 'surface', 'deep'],
      default: 'surface',
      label: 'Matching method',
      help: 'first-come: next volunteer to next participant; surface: on age, gender, background; deep: on interests, values, personality (the puzzle, costs more coordinator time).',
      source: '[Eby2013]; [LitReview2021] §5.7.1',
    }),
    preMatchTrainingHours: num({
      default: UNTYPED.preMatchTrainingHours, min: 0, max: 60, unit: 'hours',
      label: 'Pre-match training',
      help: `Training a volunteer receives before the first match. ${byProgrammeType('preMatchTrainingHours')}`,
      source: '[MENTOR2015] (at least 2 h, 6+ promising); [Kupersmidt2017b]',
    }),
    ongoingTrainingEveryWeeks: num({
      default: 0, min: 0, max: 52, unit: 'weeks', integer: true,
      label: 'Ongoing training interval',
      help: 'Weeks between intervision or training sessions for active volunteers. 0 = none.',
      source: '[DuBois2002]; [McQuillinLyons2021]; [OECD2024] (DUO for a JOB, every 2 months)',
    }),
    followUpEveryWeeks: num({
      default: 4, min: 0, max: 52, unit: 'weeks', integer: true,
      label: 'Follow-up interval',
      help: 'Weeks between the coordinator\'s follow-up contacts with a pair. 0 = none.',
      source: '[Tierney1995] (BBBS practice, monthly in year one); [Keller2020]',
    }),
    followUpStyle: choice({
      options: ['structured', 'laissez-faire'],
      default: 'structured',
      label: 'Follow-up style',
      help: 'Structured follow-up catches and repairs problems and ends failing matches; laissez-faire only keeps in touch.',
      source: '[KellerDuBois2021] ([LitReview2021] §5.7.3)',
    }),
    mechanism: choice({
      options: ['duration', 'frequency', 'neither'],
      default: 'duration',
      label: 'Dose mechanism',
      help: 'Contested evidence: gains grow with relationship length (duration), with contact hours (frequency), or with neither (quality and fit alone).',
      source: '[LitReview2021] §5.2: [VanDerTier2015], [Mahieu2019], [DuBois2002]',
    }),
  },
} satisfies Section<any>;

export const inflow = {
  label: 'Inflow',
  help: 'Referrals of participants and applications of volunteers.',
  fields: {
    initialParticipants: num({
      default: 6, min: 0, max: 5000, unit: 'participants', integer: true,
      label: 'Initial waiting list',
      help: 'Participants already taken in and waiting at week 0.',
      source: 'assumption: a running programme starts with a short waiting list',
    }),
    participantsPerWeek: num({
      default: 0.6, min: 0, max: 200, unit: 'referrals/week',
      label: 'Referral rate',
      help: 'Mean new participant referrals per week (Poisson).',
      source: '[BefriendingNetworks2008] (about 25 pairs a year for 2 part-time staff)',
    }),
    initialVolunteers: num({
      default: 4, min: 0, max: 5000, unit: 'volunteers', integer: true,
      label: 'Initial volunteer pool',
      help: 'Volunteers already screened and trained, free to match at week 0.',
      source: 'assumption',
    }),
    volunteersPerWeek: num({
      default: 1.8, min: 0, max: 200, unit: 'applications/week',
      label: 'Volunteer applications',
      help: 'Mean people per week who respond to recruitment (Poisson); only some become volunteers.',
      source: '[VriendschapOpMaat2017] (1 in 3 responders becomes a volunteer); [DeanGoodlad1998]',
    }),
  },
} satisfies Section<any>;

export const participants = {
  label: 'Participants',
  help: 'Who is referred: target group, needs, motivation, urgent needs.',
  fields: {
    groupNewcomer: num({ default: 0.2, min: 0, max: 1, unit: 'weight', label: 'Share: newcomers', help: 'Relative weight of newcomers in civic integration.', source: '[VanRobaeys2018] (target groups)' }),
    groupPsychological: num({ default: 0.3, min: 0, max: 1, unit: 'weight', label: 'Share: psychological vulnerability', help: 'Relative weight of people with a psychological vulnerability.', source: '[VanRobaeys2018]' }),
    groupPoverty: num({ default: 0.3, min: 0, max: 1, unit: 'weight', label: 'Share: poverty', help: 'Relative weight of people in poverty.', source: '[VanRobaeys2018]; [Nys2019]' }),
    groupDisability: num({ default: 0.1, min: 0, max: 1, unit: 'weight', label: 'Share: disability or illness', help: 'Relative weight of people with a disability or illness.', source: '[VanRobaeys2018]' }),
    groupYouth: num({ default: 0.1, min: 0, max: 1, unit: 'weight', label: 'Share: youth at risk', help: 'Relative weight of youth at risk.', source: '[VanRobaeys2018]' }),
    instrumentalNeed: num({
      default: 0.45, min: 0, max: 1, unit: 'share',
      label: 'Instrumental need',
      help: 'Mean weight of practical (versus relational) needs; target groups shift it.',
      source: '[ArmenTeKort2017] (instrumental, relational or both); assumption for the value',
    }),
    motivation: num({
      default: 0.65, min: 0, max: 1, unit: 'score 0-1',
      label: 'Motivation',
      help: 'Mean willingness to invest in the relationship.',
      source: '[ArmenTeKort2017] (willingness and motivation); assumption for the value',
    }),
    urgentNeedShare: num({
      default: 0.2, min: 0, max: 1, unit: 'share',
      label: 'Urgent unmet needs',
      help: 'Share referred with an urgent need (e.g. housing) that leaves little room for a buddy until met.',
      source: '[LitReview2021] §5.5 ([Griffiths2009]); value: assumption',
    }),
    urgentNeedWeeks: num({
      default: 12, min: 1, max: 104, unit: 'weeks',
      label: 'Time to meet urgent needs',
      help: 'Mean weeks until professional services meet an urgent need.',
      source: 'assumption',
    }),
    waitingDropoutPerYear: num({
      default: 0.3, min: 0, max: 5, unit: 'per year',
      label: 'Leaving the waiting list',
      help: 'Hazard that a waiting participant gives up, per year of waiting (intake queue and waiting list alike).',
      source: 'assumption: waiting lists lose people ([LitReview2021] §3)',
    }),
    intakeDropout: num({
      default: 0.1, min: 0, max: 1, unit: 'share',
      label: 'Lost at intake',
      help: 'Share of referred people who do not complete the intake interview (no-show, withdrew).',
      source: 'assumption: intakes lose people as waiting lists do ([LitReview2021] §3)',
    }),
    matchRefusal: num({
      default: 0.05, min: 0, max: 1, unit: 'probability',
      label: 'Participant turns down a match',
      help: 'Chance a participant turns down a proposed volunteer, for an average fit (twice as likely for the poorest fit, never for a perfect one).',
      source: '[Drew2020] (preferences heard, more investment); value: assumption',
    }),
    firstMeetingNoShow: num({
      default: 0.05, min: 0, max: 1, unit: 'probability',
      label: 'No-show at the first meeting',
      help: 'Chance the first meeting does not take place; both go back to the lists.',
      source: 'assumption',
    }),
    sameGenderShare: num({
      default: 0.15, min: 0, max: 1, unit: 'share',
      label: 'Wants a buddy of the same gender',
      help: 'Share of participants who only accept a volunteer of their own gender: fewer compatible volunteers, longer waits.',
      source: 'assumption',
    }),
    meanAge: num({ default: 38, min: 12, max: 90, unit: 'years', label: 'Mean age', help: 'Mean age of adult participants (youth at risk: 19 years, SD 2.5).', source: 'assumption' }),
    ageSd: num({ default: 12, min: 0, max: 30, unit: 'years', label: 'Age spread', help: 'Standard deviation of adult participants\' ages.', source: 'assumption' }),
    minAge: num({ default: 12, min: 0, max: 90, unit: 'years', label: 'Youngest', help: 'Participants are at least this old.', source: 'assumption; [OECD2024] (DUO for a JOB: 18-33)' }),
    maxAge: num({ default: 85, min: 12, max: 100, unit: 'years', label: 'Oldest', help: 'Participants are at most this old.', source: 'assumption; [OECD2024] (DUO for a JOB: 18-33)' }),
  },
} satisfies Section<any>;

export const volunteers = {
  label: 'Volunteers',
  help: 'Who applies: availability, stability, motivation, empathy, expectations, experience.',
  fields: {
    availabilityHours: num({
      default: 3, min: 0.5, max: 20, unit: 'hours/week',
      label: 'Availability',
      help: 'Mean hours a week a volunteer can give; asking more raises missed contacts and lowers satisfaction.',
      source: '[ArmenTeKort2017] (screening criteria); assumption for the value',
    }),
    stability: num({ default: 0.65, min: 0, max: 1, unit: 'score 0-1', label: 'Stability', help: 'Mean stability of the volunteer\'s life (fewer missed contacts, less leaving).', source: '[ArmenTeKort2017] (screening criteria)' }),
    motivation: num({ default: 0.7, min: 0, max: 1, unit: 'score 0-1', label: 'Motivation', help: 'Mean motivation of applicants.', source: '[ArmenTeKort2017]' }),
    empathy: num({ default: 0.6, min: 0, max: 1, unit: 'score 0-1', label: 'Empathy', help: 'Mean empathy of applicants.', source: '[ArmenTeKort2017]; [LitReview2021] §5.6' }),
    affinity: num({ default: 0.6, min: 0, max: 1, unit: 'score 0-1', label: 'Affinity with target group', help: 'Mean affinity with the programme\'s target groups.', source: '[ArmenTeKort2017]' }),
    realisticShare: num({
      default: 0.5, min: 0, max: 1, unit: 'share',
      label: 'Realistic expectations',
      help: 'Share of applicants with realistic expectations before training.',
      source: '[LitReview2021] §5.7.2 (unrealistic expectations drive dropout); [KellerSpencer2018]; value: assumption',
    }),
    experiencedShare: num({
      default: 0.3, min: 0, max: 1, unit: 'share',
      label: 'Helping experience',
      help: 'Share with experience in a helping role (more successful matches).',
      source: '[LitReview2021] §5.7.1; value: assumption',
    }),
    bridging: num({
      default: 0.4, min: 0, max: 1, unit: 'score 0-1',
      label: 'Bridging',
      help: 'Mean propensity to connect the participant to people beyond the pair; the network grows only through it.',
      source: '[Austin2020] ([LitReview2021] §2.2.2)',
    }),
    meanAge: num({ default: 45, min: 16, max: 90, unit: 'years', label: 'Mean age', help: 'Mean volunteer age.', source: 'assumption; DUO for a JOB mentors are 50+ ([OECD2024])' }),
    womenShare: num({ default: 0.7, min: 0, max: 1, unit: 'share', label: 'Share women', help: 'Flemish volunteers are mostly women.', source: '[VanRobaeys2018]' }),
    screeningThreshold: num({
      default: 0.63, min: 0, max: 1, unit: 'score 0-1',
      label: 'Screening threshold',
      help: 'Minimum suitability (motivation, stability, empathy, affinity) to pass screening; the pass rate emerges.',
      source: '[VriendschapOpMaat2017] (about 1 in 3 responders becomes a volunteer)',
    }),
    withdrawBeforeScreening: num({
      default: 0.35, min: 0, max: 1, unit: 'share',
      label: 'Withdraw before screening',
      help: 'Share of responders who never come to the intake interview.',
      source: '[VriendschapOpMaat2018] (60 reactions, 11 volunteers)',
    }),
    rematchWillingness: num({
      default: 0.6, min: 0, max: 1, unit: 'probability',
      label: 'Willing to take a new match',
      help: 'Chance that a satisfied volunteer takes a new match after a closure (scaled by satisfaction).',
      source: '[Eisner2009] (over a third do not volunteer the next year); assumption',
    }),
    idleDropoutPerYear: num({
      default: 0.8, min: 0, max: 10, unit: 'per year',
      label: 'Leaving while unmatched',
      help: 'Hazard that a screened volunteer without a match loses interest, per year.',
      source: 'assumption: nearly all programmes lose volunteers ([LitReview2021] §3)',
    }),
    matchRefusal: num({
      default: 0.05, min: 0, max: 1, unit: 'probability',
      label: 'Volunteer turns down a match',
      help: 'Chance a volunteer turns down a proposed participant, for an average fit (twice as likely for the poorest fit, never for a perfect one).',
      source: '[Drew2020] (volunteers whose preferences were heard invest more); value: assumption',
    }),
    slotAvailability: num({
      default: 0.6, min: 0.05, max: 1, unit: 'probability',
      label: 'Free at a given time',
      help: 'Chance a volunteer is free in each of three time slots (weekday daytime, evenings, weekends); a participant needs one slot, so some are hard to match.',
      source: 'assumption',
    }),
    ageSd: num({ default: 13, min: 0, max: 30, unit: 'years', label: 'Age spread', help: 'Standard deviation of volunteers\' ages.', source: 'assumption' }),
    minAge: num({ default: 18, min: 16, max: 90, unit: 'years', label: 'Youngest', help: 'Volunteers are at least this old.', source: 'assumption; [OECD2024] (DUO for a JOB mentors are 50+)' }),
    maxAge: num({ default: 85, min: 16, max: 100, unit: 'years', label: 'Oldest', help: 'Volunteers are at most this old.', source: 'assumption' }),
    peerShare: num({
      default: 0, min: 0, max: 1, unit: 'share',
      label: 'Peer buddies',
      help: 'Share of participants who complete the programme and later volunteer as peer buddies themselves (lived experience, shared background); 0: none.',
      source: '[Paloma2020] (trained refugee volunteers as peers); [LitReview2021] §5.1 (peer buddies); [Eby2013] (shared background, more psychosocial support); value: assumption',
    }),
    peerDelayWeeks: num({
      default: 26, min: 0, max: 260, unit: 'weeks', integer: true,
      label: 'Peer buddies start after',
      help: 'Weeks after completing before a former participant applies as a peer buddy (then screened and trained like any volunteer).',
      source: 'assumption',
    }),
  },
} satisfies Section<any>;

export const coordinators = {
  label: 'Professionals',
  help: 'The coordinator(s): hours, time per task, turnover and cost.',
  fields: {
    count: num({ default: 1, min: 0, max: 100, unit: 'coordinators', integer: true, label: 'Coordinators', help: 'Paid professionals running the programme.', source: '[VanRobaeys2016] (usually one part-time coordinator)' }),
    hoursPerWeek: num({ default: 19, min: 0, max: 40, unit: 'hours/week', label: 'Contract hours', help: 'Hours per week per coordinator.', source: '[VanRobaeys2018] (usually part-time); assumption: half of a 38-hour week' }),
    overheadShare: num({ default: 0.25, min: 0, max: 0.9, unit: 'share', label: 'Overhead', help: 'Share of hours spent on administration, networking and group activities.', source: 'assumption' }),
    hoursPerIntake: num({ default: 1.5, min: 0, max: 20, unit: 'hours', label: 'Participant intake', help: 'Coordinator hours per participant intake.', source: 'assumption' }),
    hoursPerScreening: num({ default: 2, min: 0, max: 20, unit: 'hours', label: 'Volunteer screening', help: 'Coordinator hours per volunteer screened (interview, references).', source: 'assumption' }),
    trainingGroupSize: num({ default: 6, min: 1, max: 40, unit: 'volunteers', integer: true, label: 'Training group size', help: 'Volunteers trained together; coordinator time per volunteer is training hours divided by this.', source: 'assumption' }),
    hoursPerMatchFirstCome: num({ default: 0.5, min: 0, max: 20, unit: 'hours', label: 'Matching: first-come', help: 'Coordinator hours to make one first-come match.', source: 'assumption' }),
    hoursPerMatchSurface: num({ default: 1.5, min: 0, max: 20, unit: 'hours', label: 'Matching: surface', help: 'Coordinator hours to make one match on surface traits.', source: 'assumption' }),
    hoursPerMatchDeep: num({ default: 4, min: 0, max: 40, unit: 'hours', label: 'Matching: deep', help: 'Coordinator hours to make one match on deep traits (the puzzle).', source: '[LitReview2021] §5.7.1 (matching takes time); value: assumption' }),
    hoursPerFollowUp: num({ default: 1, min: 0, max: 10, unit: 'hours', label: 'Follow-up contact', help: 'Coordinator hours per follow-up of one pair.', source: 'assumption' }),
    hoursPerIntervision: num({ default: 0.5, min: 0, max: 10, unit: 'hours', label: 'Intervision per volunteer', help: 'Coordinator hours per volunteer per ongoing-training session.', source: 'assumption' }),
    turnoverPerYear: num({ default: 0.2, min: 0, max: 3, unit: 'per year', label: 'Coordinator turnover', help: 'Hazard that a coordinator leaves the job.', source: '[Spencer2020] (staff turnover ends matches; [LitReview2021] §5.7.3); value: assumption' }),
    vacancyWeeks: num({ default: 8, min: 0, max: 52, unit: 'weeks', integer: true, label: 'Vacancy', help: 'Weeks before a leaving coordinator is replaced.', source: 'assumption' }),
    hourlyCost: num({ default: 45, min: 0, max: 300, unit: 'EUR/hour', label: 'Hourly cost', help: 'Employer cost of one hour of professional time.', source: 'assumption: Flemish social-profit wage scale' }),
    hoursPerRecruitment: num({ default: 0.5, min: 0, max: 10, unit: 'hours', label: 'Recruitment per application', help: 'Coordinator hours per volunteer application (first contact, information session).', source: 'assumption' }),
    policy: choice({
      options: ['support-first', 'arrival-order'],
      default: 'support-first',
      label: 'How a coordinator spends a week',
      help: 'support-first: follow-up of running matches and matching of people who wait get their hours before intake, screening and training, screening pauses while ready volunteers outnumber waiting participants, and follow-up goes to the most overdue pairs (new pairs first). arrival-order: every task takes hours in the order of the week as work arrives (intake, screening, training, matching, follow-up).',
      source: '[LitReview2021] §5.7.3 (regular follow-up prevents dropout); [McQuillinLyons2021] (support contacts predict fewer early closures); [Keller2020]; assumption: the order a coordinator short of hours would follow',
    }),
    screeningPauseMargin: num({ default: 5, min: 0, max: 1000, unit: 'volunteers', integer: true, label: 'Pause screening above', help: 'Under support-first, new volunteers are not screened while ready volunteers outnumber waiting participants by at least this many.', source: 'assumption' }),
    waitingListCap: num({ default: 0, min: 0, max: 100000, unit: 'participants', integer: true, label: 'Closed list above', help: 'New referrals are turned away while this many people wait (intake and waiting list); 0: the list never closes.', source: '[LitReview2021] §3 (waiting lists); assumption' }),
    vacancyCover: choice({
      options: ['reassign', 'unsupported'],
      default: 'reassign',
      label: 'When a coordinator leaves',
      help: 'reassign: the leaver\'s pairs go to the other coordinators; unsupported: they have no coordinator until the post is filled.',
      source: '[Spencer2020] (staff turnover ends matches); assumption',
    }),
  },
} satisfies Section<any>;

export const costs = {
  label: 'Costs',
  help: 'What the programme costs besides coordinator hours: recruitment, screening, training, activities, expenses, overhead.',
  fields: {
    expensesPerMatchWeek: num({
      default: 5, min: 0, max: 200, unit: 'EUR/week',
      label: 'Volunteer expenses',
      help: 'Reimbursed expenses per active match per week.',
      source: '[LitReview2021] §3 (72% unpaid, else costs or a modest flat fee); value: assumption',
    }),
    recruitmentPerApplicant: num({ default: 40, min: 0, max: 2000, unit: 'EUR', label: 'Recruitment campaigns', help: 'Campaign cost per volunteer application (flyers, adverts, events).', source: 'assumption' }),
    screeningCheck: num({ default: 10, min: 0, max: 500, unit: 'EUR', label: 'Screening checks', help: 'Cost per volunteer screened (certificate of conduct, references, administration).', source: 'assumption' }),
    trainingPerHour: num({ default: 30, min: 0, max: 1000, unit: 'EUR/hour', label: 'Training sessions', help: 'Cost per hour of a training session for one group (room, materials, catering).', source: 'assumption' }),
    activitiesPerMatchYear: num({ default: 60, min: 0, max: 5000, unit: 'EUR/year', label: 'Group activities', help: 'Cost per active match per year of group activities and events.', source: '[LitReview2021] §5.7.3 (structured group activities help); value: assumption' }),
    overheadShare: num({ default: 0.15, min: 0, max: 1, unit: 'share', label: 'Organisation overhead', help: 'Overhead (management, premises, insurance) as a share of all other costs.', source: 'assumption' }),
  },
} satisfies Section<any>;

export const outcomes = {
  label: 'Outcomes',
  help: 'When and how participant outcomes are assessed.',
  fields: {
    primary: choice({
      options: DOMAINS,
      default: 'wellbeing',
      label: 'Main outcome',
      help: 'The outcome domain reported as the headline effect; it must be one of the reported domains.',
      source: '[ArmenTeKort2017] (outcome domains); [LitReview2021] §2.2.2 (newcomers: language use, know-how, weak ties, work)',
    }),
    domains: choices({
      options: DOMAINS,
      default: DOMAINS,
      label: 'Domains reported',
      help: 'The outcome domains whose effects the run reports (every domain is simulated).',
      source: '[ArmenTeKort2017]; [LitReview2021] §2.2.2',
    }),
    assessmentWeeks: num({
      default: 78, min: 4, max: 520, unit: 'weeks', integer: true,
      label: 'First measurement',
      help: 'Weeks after referral at which outcomes are first measured (e.g. about the end of the programme); they are measured again 26 and 52 weeks later, programme and counterfactual alike.',
      source: '[GrossmanRhodes2002] (18-month follow-up)',
    }),
    naturalChangeSdPerYear: num({
      default: 0.4, min: 0, max: 2, unit: 'SD/year',
      label: 'Natural change',
      help: 'Standard deviation of a year\'s change without the programme, in baseline SDs: the counterfactual path is a random walk from the baseline, shared by both arms (the programme path adds its gains).',
      source: 'assumption: about 0.5 SD of natural change over 18 months',
    }),
    employmentPerYear: num({
      default: 0.15, min: 0, max: 5, unit: 'per year',
      label: 'Finding work without the programme',
      help: 'Hazard of finding work per year without the programme, for participants not in work at referral; the programme raises it through gains in the work domain.',
      source: 'assumption',
    }),
  },
} satisfies Section<any>;

export const behaviour = {
  label: 'Behaviour (model coefficients)',
  help: 'How the pair and the programme respond; calibrated to the stylized facts (docs/calibration.md).',
  fields: {
    gainRate: num({ default: 0.0267, min: 0, max: 0.5, unit: 'SD/week', label: 'Gain rate', help: 'Weekly gain in SD at full relationship quality, fit and dose.', source: 'calibrated: average effect (fact 3: [Raposa2019] g = 0.21; [Mead2010], [Siette2017] for befriending)' }),
    instrumentalGainFactor: num({ default: 1.76, min: 0.5, max: 4, unit: 'ratio', label: 'Instrumental gain factor', help: 'Instrumental support turns into gains faster than relational support (concrete goals).', source: '[Christensen2020] (targeted programmes show about twice the effect of friendship-only ones): taken as the ratio of gain per unit of support; the value was fitted to that ratio when it was a target, so fact 7 is not used as evidence (docs/calibration.md)' }),
    mixBonus: num({ default: 0.3, min: 0, max: 1, unit: 'ratio', label: 'Mixed-support bonus', help: 'Extra gain when instrumental and relational support are combined.', source: '[Thys2003]; [KarcherHansen2014] ([LitReview2021] §5.5); value: assumption' }),
    rampWeeks: num({ default: 26, min: 1, max: 104, unit: 'weeks', label: 'Maturation time', help: 'Under the duration mechanism, weeks for gains to reach full speed as trust builds.', source: '[VanDerTier2015]; assumption for the value' }),
    referenceHours: num({ default: 1.5, min: 0.25, max: 10, unit: 'hours/week', label: 'Reference dose', help: 'Weekly contact hours that count as a full dose under the frequency mechanism.', source: 'assumption' }),
    fadeHalfLifeWeeks: num({ default: 26, min: 1, max: 520, unit: 'weeks', label: 'Fade half-life', help: 'Half-life of the fading part of gains after closure; the harm of an early ending, taken from the gains, fades with them.', source: '[Goodkind2005] (some gains fade); value: assumption' }),
    retainedShare: num({ default: 0.5, min: 0, max: 1, unit: 'share', label: 'Lasting share of gains', help: 'Share of gains that does not fade.', source: 'assumption' }),
    earlyEndHarm: num({ default: 0.283, min: 0, max: 1, unit: 'SD', label: 'Early-end harm', help: 'Loss when a match ends prematurely at once; shrinks to zero for endings at 26 weeks. Taken from the gains in well-being, network, skills and horizon, so it fades and lasts as they do.', source: 'calibrated: dose-response and average effect (facts 3, 4: [GrossmanRhodes2002]; [Spencer2020])' }),
    deepWeight: num({ default: 0.301, min: 0, max: 3, unit: 'quality per unit', label: 'Deep-similarity weight', help: 'Effect of deep-level similarity on the quality a relationship can reach.', source: 'calibrated: deep versus surface similarity (fact 5: [Eby2013], rho .38-.59)' }),
    readinessWeight: num({ default: 1.23, min: 0, max: 3, unit: 'quality per unit', label: 'Readiness weight', help: 'Effect of empathy and motivation of the pair on the quality a relationship can reach.', source: 'calibrated: deep versus surface similarity (fact 5: [Eby2013]); [LitReview2021] §5.6 (openness, empathy, reciprocity)' }),
    startQuality: num({ default: 0.35, min: 0, max: 1, unit: 'quality 0-1', label: 'Starting quality', help: 'Relationship quality at the first meeting.', source: 'assumption' }),
    selfRepairPerYear: num({ default: 2, min: 0, max: 50, unit: 'per year', label: 'Problems solved by the pair', help: 'Hazard that a pair solves a problem without the coordinator.', source: 'assumption' }),
    rematchParticipant: num({ default: 0.7, min: 0, max: 1, unit: 'probability', label: 'Participant re-match', help: 'Chance a participant whose match ended through no choice of theirs wants a new match.', source: 'assumption' }),
    surfaceWeight: num({ default: 0.05, min: 0, max: 3, unit: 'quality per unit', label: 'Surface-similarity weight', help: 'Effect of surface similarity on quality.', source: '[Eby2013] (demographic similarity far weaker)' }),
    qualityGrowth: num({ default: 0.0897, min: 0, max: 1, unit: 'per reference hour', label: 'Quality growth', help: 'Share of the gap to attainable quality closed per reference dose of contact.', source: 'calibrated: premature closure and contact frequency (facts 1, 6: [DeWit2016]; [Eby2013])' }),
    missedContactErosion: num({ default: 0.00823, min: 0, max: 0.5, unit: 'quality per week apart', label: 'Erosion by missed contact', help: 'Quality lost per missed contact and week between planned contacts: a missed monthly meeting erodes four times a missed weekly one.', source: 'calibrated: contact frequency (fact 6: [DeWit2016], weekly contact, fewer early closures)' }),
    missBase: num({ default: 0.0738, min: 0, max: 1, unit: 'probability', label: 'Missed contact base', help: 'Chance a planned contact is missed by a fully stable pair.', source: 'calibrated: contact frequency and relational gain (fact 6: [Eby2013], rho .25)' }),
    problemPerYear: num({ default: 0.636, min: 0, max: 10, unit: 'per year', label: 'Problem rate', help: 'Hazard of boundary problems or clashing expectations for a volunteer with realistic expectations.', source: 'calibrated: practice range (fact 2: [Kupersmidt2017b]; [McQuillinLyons2021]); [LyssensDanneboom2018] (boundaries); [LitReview2021] §5.7.2' }),
    unrealisticProblemFactor: num({ default: 3.46, min: 1, max: 10, unit: 'ratio', label: 'Unrealistic expectations factor', help: 'Multiplier on problems and volunteer leaving for unrealistic expectations.', source: 'calibrated: practice range (fact 2: [Kupersmidt2017b], training predicts match length); [Spencer2020]; [KellerSpencer2018]' }),
    problemErosion: num({ default: 0.03, min: 0, max: 0.5, unit: 'quality/week', label: 'Erosion by problems', help: 'Quality lost each week a problem stays unresolved.', source: 'assumption' }),
    trainingRealismPerHour: num({ default: 0.22, min: 0, max: 1, unit: 'per hour', label: 'Training effect on expectations', help: 'Rate at which training hours turn unrealistic expectations realistic.', source: 'calibrated: practice range (fact 2: [Kupersmidt2017b]; [Herrera2013]); [Spencer2020]; [Drew2020]' }),
    structuredDetection: num({ default: 0.8, min: 0, max: 1, unit: 'probability', label: 'Structured follow-up detection', help: 'Chance a structured follow-up finds and repairs an existing problem.', source: '[KellerDuBois2021]' }),
    failQuality: num({ default: 0.339, min: 0, max: 1, unit: 'quality', label: 'Failing match threshold', help: 'Quality below which a match counts as failing (a structured follow-up ends and re-matches it).', source: 'calibrated: premature closure and its reasons (fact 1: [Spencer2017], gradual dissolution)' }),
    volunteerLeavePerYear: num({ default: 0.193, min: 0, max: 5, unit: 'per year', label: 'Volunteer leaving', help: 'Base hazard that an average volunteer leaves an active match.', source: 'calibrated: premature closure and its reasons (fact 1: [DeWit2016], [Kupersmidt2017a]; [Spencer2017], [Spencer2020])' }),
    participantLeavePerYear: num({ default: 0.0756, min: 0, max: 5, unit: 'per year', label: 'Participant leaving', help: 'Base hazard that an average participant leaves an active match.', source: 'calibrated: premature closure and its reasons (fact 1: [DeWit2016], [Kupersmidt2017a]; [Spencer2017], [Spencer2020])' }),
    mismatchPerYear: num({ default: 0.72, min: 0, max: 20, unit: 'per year', label: 'Mismatch ending', help: 'Hazard that a failing match (quality below the threshold) ends by mutual give-up.', source: 'calibrated: premature closure and its reasons (fact 1: [Spencer2017], gradual dissolution)' }),
    neglectPerYear: num({ default: 0.35, min: 0, max: 10, unit: 'per year', label: 'Closure for lack of support', help: 'Hazard of closure (reason resources) of a pair that has long gone without contact from the programme (no follow-up or intervision), whether follow-up was promised or not; it rises from zero after the grace weeks to this value.', source: '[LitReview2021] §5.7.3 (half of programmes lack resources, citing Keller et al. 2020); [KellerDuBois2021] (laissez-faire support lowers relationship quality)' }),
    supportGraceWeeks: num({ default: 6, min: 0, max: 52, unit: 'weeks', label: 'Weeks without support tolerated', help: 'Weeks a pair can go without contact from the programme before the risk of ending for lack of support starts to rise.', source: 'assumption: monthly follow-up plus slack ([Tierney1995]: staff contact monthly in year one)' }),
    supportRiskWeeks: num({ default: 13, min: 1, max: 104, unit: 'weeks', label: 'Rise of the lack-of-support risk', help: 'Time scale over which the risk rises to its full value once the grace weeks are past (about two thirds of it after this many weeks).', source: 'assumption' }),
    turnoverClosure: num({ default: 0.3, min: 0, max: 1, unit: 'probability', label: 'Closure at coordinator turnover', help: 'Chance that a match ends when its coordinator leaves.', source: '[Spencer2020]' }),
    satisfactionSupport: num({ default: 0.0605, min: 0, max: 1, unit: 'satisfaction', label: 'Support and satisfaction', help: 'Satisfaction gained per follow-up or intervision contact.', source: 'calibrated: practice range (fact 2: [McQuillinLyons2021], ongoing support contacts); [Keller2020]' }),
    empathyGain: num({ default: 0.002, min: 0, max: 0.1, unit: 'score/week', label: 'Volunteer empathy gain', help: 'Weekly empathy gain of a volunteer in an active match of full quality.', source: '[LyssensDanneboom2018]; [LitReview2021] §2.2.3' }),
    engagementFeedback: num({ default: 0.5, min: 0, max: 5, unit: 'per SD', label: 'Gains keep participants engaged', help: 'A participant who gains leaves less: the leaving hazard is multiplied by exp(-this x gain in the main outcome, in SD).', source: '[LitReview2021] §2.2 (small gains that add up); value: assumption' }),
    failureTrustLoss: num({ default: 0.05, min: 0, max: 0.5, unit: 'score', label: 'A failed match costs trust', help: 'After a premature ending, the participant\'s motivation and the next match\'s starting quality are this much lower (re-matching carries the history of earlier matches).', source: '[GrossmanRhodes2002] (early endings harm); [Spencer2020]; value: assumption' }),
    gainCeiling: num({ default: 1.5, min: 0.1, max: 10, unit: 'SD', label: 'Ceiling of gains', help: 'Gains saturate: a week\'s gain shrinks in proportion to how close the accrued gain is to this ceiling, so a second match adds less than the first.', source: '[LitReview2021] §2.2 (modest effects overall); value: assumption' }),
    continuationEndPerYear: num({ default: 0.8, min: 0, max: 20, unit: 'per year', label: 'End of a continued match', help: 'Hazard that a match continuing past its commitment ends (as planned).', source: '[BefriendingNetworks2008] (15-18 months on average); value: assumption' }),
    keepInTouchFadeFactor: num({ default: 2, min: 1, max: 10, unit: 'ratio', label: 'Keeping in touch slows fading', help: 'Multiplier on the fade half-life of gains for pairs that stay in touch.', source: 'assumption' }),
    groupAttention: num({ default: 0.1, min: 0, max: 1, unit: 'per member', label: 'Attention shared in a group', help: 'Each further group member lowers a participant\'s personal gain: it is divided by 1 + this x (members - 1).', source: '[FeeneyBozeman2008] (multiple relationships fit individual needs less); value: assumption' }),
    groupPeerSupport: num({ default: 0.5, min: 0, max: 2, unit: 'per member', label: 'Peer support in a group', help: 'Each further group member adds this share to the gain in well-being and the social network (peers support each other).', source: '[Haddock2020] (group mentoring neither better nor worse than one-to-one); [Goodkind2005]; value: assumption, set so a group of four gains as much over the four general domains as a duo in the 40-hour trajectory (0.036 against 0.037 g among the matched, 200 replications), more in well-being and network, less in skills' }),
    employmentGainFactor: num({ default: 1.5, min: 0, max: 10, unit: 'per SD', label: 'Work gains and finding work', help: 'The hazard of finding work is multiplied by 1 + this x the gain in the work domain (in SD).', source: '[OECD2024] (job mentoring aims at work); value: assumption' }),
    goalGain: num({ default: 0.35, min: 0.05, max: 3, unit: 'SD', label: 'Goal reached at', help: 'A goal-directed match ends early as a success when the participant\'s mean gain in the focus domains reaches this (or the participant finds work, with a work focus).', source: 'assumption' }),
  },
} satisfies Section<any>;

export const SECTIONS = { programme, inflow, participants, volunteers, coordinators, costs, outcomes, behaviour } as const;
export type SectionName = keyof typeof SECTIONS;

export const paramsSchema = z.strictObject({
  programme: sectionSchema(programme),
  inflow: sectionSchema(inflow),
  participants: sectionSchema(participants),
  volunteers: sectionSchema(volunteers),
  coordinators: sectionSchema(coordinators),
  costs: sectionSchema(costs),
  outcomes: sectionSchema(outcomes),
  behaviour: sectionSchema(behaviour),
});

export type Params = z.output<typeof paramsSchema>;

/** One row per parameter, for `buddysim params`, the docs and the dashboard's controls. */
export interface ParamRow {
  readonly section: SectionName;
  readonly key: string;
  readonly path: string;
  readonly spec: ParamSpec;
}

export function paramRows(): ParamRow[] {
  const rows: ParamRow[] = [];
  for (const [section, def] of Object.entries(SECTIONS) as [SectionName, Section<any>][]) {
    for (const [key, field] of Object.entries(def.fields) as [string, { spec: ParamSpec }][]) {
      rows.push({ section, key, path: `${section}.${key}`, spec: field.spec });
    }
  }
  return rows;
}
