import { csvFormatRows } from 'd3';
import { join } from 'node:path';
import type { Aggregate, Band } from '../analysis/aggregate.ts';
import { METRIC_NAMES } from '../analysis/metrics.ts';
import { DOMAINS } from '../model/params.ts';
import { CLOSURE_REASONS } from '../model/results.ts';
import { WEEKLY_SERIES } from '../model/runReplication.ts';
import type { RepOutput } from '../runner/task.ts';
import { AtomicFile, ensureDir, writeFileAtomic } from './files.ts';

const MATCH_COLUMNS = [
  'replication', 'match', 'participant', 'volunteer', 'start_week', 'end_week', 'weeks', 'hours', 'contacts',
  'missed_contacts', 'closure_reason', 'quality', 'deep_similarity', 'surface_similarity',
];
const OUTCOME_COLUMNS = [
  'replication', 'participant', 'target_group', 'referred_week', 'first_match_week', 'matched_weeks', 'matches',
  ...DOMAINS.flatMap((d) => [`${d}_programme`, `${d}_counterfactual`]),
];

const r6 = (x: number) => Number(x.toPrecision(6));

/** The files of one run in DIR; see docs/outputs.md for every column. */
export const OUTPUT_FILES = {
  summary: 'summary.json',
  matches: 'matches.csv',
  outcomes: 'outcomes.csv',
  weekly: 'weekly.csv',
  survival: 'survival.csv',
  waiting: 'waiting.csv',
  replications: 'replications.csv',
} as const;

/**
 * Writes a run's results. Match and outcome records stream to disk as replications arrive (only
 * those asked for), so memory stays flat; every file appears only when the run has succeeded.
 */
export class ResultWriter {
  private readonly matches?: AtomicFile;
  private readonly outcomes?: AtomicFile;

  /** `records: false` (a merge of shards) writes no match or outcome records. */
  constructor(readonly dir: string, records = true) {
    ensureDir(dir);
    if (!records) return;
    this.matches = new AtomicFile(join(dir, OUTPUT_FILES.matches));
    this.outcomes = new AtomicFile(join(dir, OUTPUT_FILES.outcomes));
    this.matches.write(csvFormatRows([MATCH_COLUMNS]) + '\n');
    this.outcomes.write(csvFormatRows([OUTCOME_COLUMNS]) + '\n');
  }

  /** The files this writer produces. */
  get files(): string[] {
    return Object.values(OUTPUT_FILES).filter((f) => this.matches || (f !== OUTPUT_FILES.matches && f !== OUTPUT_FILES.outcomes));
  }

  /** Called for every replication in order; writes its records if it carries them. */
  readonly onOutput = (o: RepOutput): void => {
    const r = o.records;
    if (!r || !this.matches || !this.outcomes) return;
    const rows = r.matches.map((m) => [
      r.replication, m.id, m.participant, m.volunteer, m.startWeek, m.endWeek ?? '', m.weeks, r6(m.hours), m.contacts,
      m.missedContacts, m.reason, r6(m.quality), r6(m.deepSimilarity), r6(m.surfaceSimilarity),
    ]);
    if (rows.length > 0) this.matches.write(csvFormatRows(rows.map((row) => row.map(String))) + '\n');
    const out = r.assessed.map((a) => [
      r.replication, a.id, a.group, a.referredWeek, a.firstMatchWeek ?? '', a.matchedWeeks, a.matches,
      ...DOMAINS.flatMap((d) => [r6(a.programme[d]), r6(a.counterfactual[d])]),
    ]);
    if (out.length > 0) this.outcomes.write(csvFormatRows(out.map((row) => row.map(String))) + '\n');
  };

  finish(aggregate: Aggregate): void {
    const { summary, perReplication } = aggregate;
    const weeks = summary.weekly.activeMatches.mean.length;
    const weeklyRows: string[][] = [['week', ...WEEKLY_SERIES.flatMap((s) => [`${s}_mean`, `${s}_lower`, `${s}_upper`])]];
    for (let w = 0; w < weeks; w++) {
      weeklyRows.push([String(w), ...WEEKLY_SERIES.flatMap((s) => [summary.weekly[s].mean[w], summary.weekly[s].lower[w], summary.weekly[s].upper[w]].map(String))]);
    }
    const sv = summary.survival;
    const bandCols = (name: string) => [name, `${name}_lower`, `${name}_upper`];
    const survivalRows = [['weeks', 'at_risk', ...bandCols('still_running'), ...bandCols('premature'), ...CLOSURE_REASONS.flatMap((r) => bandCols(`incidence_${r}`))]];
    const bandAt = (b: Band, i: number) => [b.value[i], b.lower[i], b.upper[i]];
    sv.time.forEach((t, i) => survivalRows.push([t, sv.atRisk[i], ...bandAt(sv.stillRunning, i), ...bandAt(sv.premature, i), ...CLOSURE_REASONS.flatMap((r) => bandAt(sv.incidence[r], i))].map(String)));
    const wt = summary.waiting;
    const waitingRows = [['weeks_since_referral', 'at_risk', ...bandCols('matched'), ...bandCols('left_unmatched')]];
    wt.time.forEach((t, i) => waitingRows.push([t, wt.atRisk[i], ...bandAt(wt.matched, i), ...bandAt(wt.left, i)].map(String)));
    const repRows = [['replication', ...METRIC_NAMES]];
    const n = perReplication[METRIC_NAMES[0]].length;
    for (let i = 0; i < n; i++) {
      repRows.push([String(i), ...METRIC_NAMES.map((m) => (Number.isFinite(perReplication[m][i]) ? String(r6(perReplication[m][i])) : ''))]);
    }
    writeFileAtomic(join(this.dir, OUTPUT_FILES.weekly), csvFormatRows(weeklyRows) + '\n');
    writeFileAtomic(join(this.dir, OUTPUT_FILES.survival), csvFormatRows(survivalRows) + '\n');
    writeFileAtomic(join(this.dir, OUTPUT_FILES.waiting), csvFormatRows(waitingRows) + '\n');
    writeFileAtomic(join(this.dir, OUTPUT_FILES.replications), csvFormatRows(repRows) + '\n');
    this.matches?.commit();
    this.outcomes?.commit();
    // summary.json last: its presence means the run completed.
    writeFileAtomic(join(this.dir, OUTPUT_FILES.summary), JSON.stringify(summary, null, 1) + '\n');
  }

  abort(): void {
    this.matches?.abort();
    this.outcomes?.abort();
  }
}
