import { DOMAINS } from '../../src/model/domains.ts';
import { COST_ITEMS, type MatchRecord, type ParticipantRecord, type ReplicationResult } from '../../src/model/results.ts';
import { WEEKLY_SERIES } from '../../src/model/runReplication.ts';

/** A match record with defaults, for hand-built results. */
export function match(over: Partial<MatchRecord>): MatchRecord {
  return {
    id: 0, participant: 0, volunteer: 0, unit: 0, unitSize: 1, startWeek: 0, endWeek: 0, weeks: 1, hours: 0, contacts: 0, missedContacts: 0,
    reason: 'planned', continued: false, quality: 0.5, deepSimilarity: 0.4, surfaceSimilarity: 0.5, hoursPerWeek: 1, relationalGain: 0, ...over,
  };
}

/** An assessed participant (at the first measurement point, week 4) with the same difference in every domain. */
export function assessed(id: number, counterfactual: number, difference: number, matchedWeeks: number, point = 4): ParticipantRecord {
  const cf = Object.fromEntries(DOMAINS.map((d) => [d, counterfactual])) as ParticipantRecord['counterfactual'];
  const pr = Object.fromEntries(DOMAINS.map((d) => [d, counterfactual + difference])) as ParticipantRecord['programme'];
  return { id, group: 'newcomer', referredWeek: 0, point, firstMatchWeek: matchedWeeks > 0 ? 0 : null, matchedWeeks, matches: matchedWeeks > 0 ? 1 : 0, programme: pr, counterfactual: cf };
}

/** A replication result built by hand: only what a test sets is non-empty. */
export function handResult(over: Partial<ReplicationResult> & { weeks: number }): ReplicationResult {
  const weekly = Object.fromEntries(WEEKLY_SERIES.map((s) => [s, new Array<number>(over.weeks).fill(0)])) as ReplicationResult['weekly'];
  return {
    replication: 0,
    participantWeeks: 0,
    matches: [],
    assessed: [],
    referred: over.referrals?.referredWeek.length ?? 0,
    referrals: { referredWeek: [], firstMatchWeek: [], leftUnmatchedWeek: [] },
    points: [4, 30, 56],
    effectCurve: { weeks: [], n: [], sumDifference: [], sumDifferenceSq: [], sumCounterfactual: [], sumCounterfactualSq: [] },
    participantWaits: [],
    volunteerWaits: [],
    volunteers: { applied: 0, peers: 0, withdrew: 0, rejected: 0, trained: 0, matched: 0, left: 0, meanSatisfaction: 0, meanEmpathyGain: 0 },
    costs: { ...Object.fromEntries(COST_ITEMS.map((c) => [c, 0])), total: 0 } as ReplicationResult['costs'],
    matchWeeks: 0,
    work: { listOperations: 0, candidatesWeighed: 0 },
    ...over,
    weekly: { ...weekly, ...over.weekly },
  };
}
