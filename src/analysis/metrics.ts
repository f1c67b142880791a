/**
 * The figures measured in every replication, with label and unit, in one list. Their values
 * per replication are summarised over replications (mean, 95% CI, 95% spread) and compared
 * pairwise across scenarios.
 */
export const METRICS = {
  referred: { label: 'Participants referred', unit: 'participants' },
  matchedShare: { label: 'Referred participants matched', unit: 'share' },
  matchesStarted: { label: 'Matches started', unit: 'matches' },
  matchesCompleted: { label: 'Matches completed as planned', unit: 'matches' },
  prematureShare: { label: 'Premature closures among closed matches', unit: 'share' },
  meanMatchWeeks: { label: 'Mean length of closed matches', unit: 'weeks' },
  meanMatchHours: { label: 'Mean contact hours of closed matches', unit: 'hours' },
  participantWait: { label: 'Mean wait, referral to first match', unit: 'weeks' },
  participantWaitMedian: { label: 'Median wait, referral to first match', unit: 'weeks' },
  volunteerWait: { label: 'Mean wait of a ready volunteer for a first match', unit: 'weeks' },
  participantsWaiting: { label: 'Participants on the waiting list (weekly mean)', unit: 'participants' },
  volunteersWaiting: { label: 'Volunteers waiting for a match (weekly mean)', unit: 'volunteers' },
  activeMatches: { label: 'Active matches (weekly mean)', unit: 'matches' },
  volunteerConversion: { label: 'Responders who become volunteers', unit: 'share' },
  volunteerSatisfaction: { label: 'Satisfaction of matched volunteers', unit: 'score 0-1' },
  volunteerEmpathyGain: { label: 'Empathy gain of matched volunteers', unit: 'score 0-1' },
  coordinatorUtilisation: { label: 'Coordinator utilisation', unit: 'share of contract hours' },
  costTotal: { label: 'Total cost', unit: 'EUR' },
  costPerMatch: { label: 'Cost per match started', unit: 'EUR' },
  costPerCompletedMatch: { label: 'Cost per completed match', unit: 'EUR' },
  effectPrimary: { label: 'Effect on the main outcome (Hedges g)', unit: 'g' },
  effectOverall: { label: 'Effect over all outcome domains (mean g)', unit: 'g' },
  deepQualityCorrelation: { label: 'Correlation: deep similarity and relationship quality', unit: 'r' },
  surfaceQualityCorrelation: { label: 'Correlation: surface similarity and relationship quality', unit: 'r' },
  frequencyGainCorrelation: { label: 'Correlation: contact hours per week and relational gain', unit: 'r' },
} as const;

export type MetricName = keyof typeof METRICS;
export const METRIC_NAMES = Object.keys(METRICS) as MetricName[];
