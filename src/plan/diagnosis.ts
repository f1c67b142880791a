import { fmt } from '../analysis/format.ts';
import { lastYearGrowth } from '../analysis/pool.ts';
import { TASKS, type Task } from '../model/state.ts';
import type { Tally } from './tally.ts';

/**
 * Where the pipeline breaks: each stage from intake to follow-up read off the weekly series after
 * the warm-up (means over replications), in the order a participant and a volunteer pass them.
 * A stage *breaks* when its queue keeps growing over the last year (it takes in more than it gets
 * through, so waits grow without end) or, for follow-up, when a fifth of the follow-ups due are missed; it is
 * *strained* when its queue is long but steady. The thresholds are assumptions, stated in
 * docs/planning.md; the figures behind each verdict are given with it.
 */
export const STAGES = ['intake', 'screening', 'training', 'matching', 'followUp'] as const;
export type Stage = (typeof STAGES)[number];

export interface StageReading {
  stage: Stage;
  status: 'ok' | 'strained' | 'breaks';
  /** What the series show, in words. */
  evidence: string;
  /** The stage's queue: mean people in it, and how fast it grows (people per year; net flow for screening and training). */
  queue: number;
  growthPerYear: number;
}

export interface PipelineDiagnosis {
  stages: StageReading[];
  /** The first stage (in pipeline order) that breaks; null if none does. */
  breaksFirst: Stage | null;
  /** The first stage that breaks, else the first strained one; null if all are fine. */
  tightest: Stage | null;
  /** Ready volunteers against people waiting: short (none free while people wait), idle (free while people wait), or balanced. */
  volunteers: 'short' | 'idle' | 'balanced';
  /** Coordinator hours used over hours present (overhead included). */
  coordinatorUtilisation: number;
  /** Coordinator hours a week by task (hours.* series). */
  hoursByTask: Record<Task, number>;
}

/** A queue grows when it gains more than 5% of a year's arrivals into the stage per year, and at least one person (assumption). */
const GROWTH_SHARE = 0.05;
/** Waits longer than this many weeks at a stage count as strained (assumption). */
const STRAINED_WEEKS = 4;
/** Shares of follow-ups missed that strain and break follow-up (assumption). */
const FOLLOW_UP_STRAINED = 0.05;
const FOLLOW_UP_BREAKS = 0.2;

const avg = (xs: readonly number[]) => (xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);

/**
 * Reads the pipeline of a candidate's replications (their weekly means) after `warmUpWeeks`.
 *
 * @example
 *   const d = diagnosePipeline(tally, 26);
 *   d.breaksFirst; // 'intake', 'matching', ... or null
 */
export function diagnosePipeline(tally: Tally, warmUpWeeks: number): PipelineDiagnosis {
  const s = tally.scenario;
  const weeks = s.weeks;
  const from = Math.min(warmUpWeeks, Math.max(0, weeks - 26));
  const window = (series: string) => tally.weeklyMean(series).slice(from);
  const mean = (series: string) => avg(window(series));
  /** Growth of a stock: its trend over the last year, as the waiting-list warning reads it (lastYearGrowth). */
  const growth = (series: string[]) => {
    const total = series.map(window).reduce((a, b) => a.map((x, i) => x + b[i]));
    return lastYearGrowth(total);
  };
  const grows = (perYear: number, arrivalsPerWeek: number) => perYear > Math.max(1, GROWTH_SHARE * 52 * arrivalsPerWeek);

  const referrals = mean('referrals') - mean('turnedAway');
  const applications = mean('volunteerApplications') * (1 - s.params.volunteers.withdrawBeforeScreening) + mean('peerApplications');
  const screened = mean('screened');
  const trained = mean('volunteersTrained');
  const waitingParticipants = mean('participantsWaiting');
  const readyVolunteers = mean('volunteersWaiting');
  const paused = s.params.coordinators.policy === 'support-first' && readyVolunteers >= Math.max(1, s.params.coordinators.screeningPauseMargin);

  const stages: StageReading[] = [];
  const read = (stage: Stage, queue: number, growthPerYear: number, arrivals: number, words: { breaks: string; strained?: string; ok: string }, strained = false) => {
    const breaks = grows(growthPerYear, arrivals);
    const status = breaks ? 'breaks' : strained ? 'strained' : 'ok';
    stages.push({ stage, status, evidence: breaks ? words.breaks : strained ? words.strained ?? words.ok : words.ok, queue, growthPerYear });
  };

  const intakeQueue = mean('participantsInIntake');
  const intakeWeeks = referrals > 0 ? intakeQueue / referrals : 0;
  read('intake', intakeQueue, growth(['participantsInIntake']), referrals, {
    breaks: `the intake queue grows by ${fmt(growth(['participantsInIntake']), '', 0)} people a year: coordinator hours do not reach the intakes`,
    strained: `people wait ${fmt(intakeWeeks, 'weeks', 1)} weeks for an intake`,
    ok: `intakes keep up (${fmt(intakeWeeks, 'weeks', 1)} weeks' wait)`,
  }, intakeWeeks > STRAINED_WEEKS);

  // Screening and training share one stock (volunteersInPipeline): when it grows, the stage whose
  // net flow (in less out) is larger is the one that does not keep up.
  const pipeline = mean('volunteersInPipeline');
  const pipelineGrowth = paused ? 0 : growth(['volunteersInPipeline']);
  const screeningNet = 52 * (applications - screened);
  const trainingIn = screened - mean('rejected');
  const trainingNet = 52 * (trainingIn - trained);
  const stuck = grows(pipelineGrowth, applications) ? (screeningNet >= trainingNet ? 'screening' : 'training') : null;
  read('screening', pipeline, stuck === 'screening' ? pipelineGrowth : 0, applications, {
    breaks: `applicants wait ever longer for screening: the queue grows by ${fmt(pipelineGrowth, '', 0)} a year`,
    ok: paused ? 'screening pauses while ready volunteers abound (support-first)' : 'screening keeps up with applications',
  });
  read('training', pipeline, stuck === 'training' ? pipelineGrowth : 0, trainingIn, {
    breaks: `volunteers wait ever longer for training: the queue grows by ${fmt(pipelineGrowth, '', 0)} a year`,
    ok: 'training keeps up with screening',
  });

  const waitingWeeks = referrals > 0 ? waitingParticipants / referrals : 0;
  const volunteers = waitingParticipants >= 1 && readyVolunteers < 1 ? 'short' : waitingParticipants >= 1 && readyVolunteers >= 1 ? 'idle' : 'balanced';
  const why = volunteers === 'short' ? 'no volunteer is free' : volunteers === 'idle' ? `${fmt(readyVolunteers, '', 0)} ready volunteer${fmt(readyVolunteers, '', 0) === '1' ? ' is' : 's are'} free (matching hours, or people hard to match)` : 'volunteers keep up';
  read('matching', waitingParticipants, growth(['participantsWaiting']), referrals, {
    breaks: `the waiting list grows by ${fmt(growth(['participantsWaiting']), '', 0)} people a year; ${why}`,
    strained: `people wait about ${fmt(waitingWeeks, 'weeks', 1)} weeks for a match after intake; ${why}`,
    ok: `the waiting list is steady (${fmt(waitingParticipants, '', 1)} people); ${why}`,
  }, waitingWeeks > STRAINED_WEEKS);

  const due = window('followUpsDue').reduce((a, b) => a + b, 0);
  const missed = due > 0 ? window('followUpsMissed').reduce((a, b) => a + b, 0) / due : 0;
  const followUpStatus = missed > FOLLOW_UP_BREAKS ? 'breaks' : missed > FOLLOW_UP_STRAINED ? 'strained' : 'ok';
  stages.push({
    stage: 'followUp',
    status: followUpStatus,
    evidence: due > 0 ? `${fmt(missed, 'share')} of follow-ups due are not done in their week` : 'no follow-up falls due',
    queue: missed,
    growthPerYear: 0,
  });

  const hoursByTask = Object.fromEntries(TASKS.map((t) => [t, mean(`hours.${t}`)])) as Record<Task, number>;
  const available = mean('coordinatorHoursAvailable');
  const breaksFirst = stages.find((x) => x.status === 'breaks')?.stage ?? null;
  return {
    stages,
    breaksFirst,
    tightest: breaksFirst ?? stages.find((x) => x.status === 'strained')?.stage ?? null,
    volunteers,
    coordinatorUtilisation: available > 0 ? mean('coordinatorHoursUsed') / available : NaN,
    hoursByTask,
  };
}
