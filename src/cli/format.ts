import type { Summary } from '../analysis/aggregate.ts';
import type { PairedDifference } from '../analysis/compare.ts';
import type { RepSummary } from '../analysis/interval.ts';
import { DURATION_BANDS } from '../analysis/repStats.ts';
import type { MetricName } from '../analysis/metrics.ts';

/** Numbers for people: a sensible number of digits, thousands grouped, percentages for shares. */
export function fmt(x: number, unit = ''): string {
  if (!Number.isFinite(x)) return 'n/a';
  if (unit === 'share' || unit.startsWith('share')) return `${(100 * x).toFixed(1)}%`;
  if (unit === 'EUR') return `EUR ${Math.round(x).toLocaleString('en-GB')}`;
  const a = Math.abs(x);
  const digits = a >= 100 ? 0 : a >= 10 ? 1 : 2;
  return x.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function fmtInterval(s: Pick<RepSummary, 'mean' | 'ci95'>, unit = ''): string {
  return `${fmt(s.mean, unit)}  [${fmt(s.ci95[0], unit)}, ${fmt(s.ci95[1], unit)}]`;
}

function table(rows: string[][], indent = '  '): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => indent + r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('   ')).join('\n');
}

/** Units worth repeating after a label; counts, shares and money speak for themselves. */
const SHOWN_UNITS = new Set(['weeks', 'hours', 'g', 'r', 'score 0-1']);

const HEADLINE: MetricName[] = [
  'referred', 'matchedShare', 'matchesStarted', 'matchesCompleted', 'prematureShare', 'meanMatchWeeks', 'meanMatchHours',
  'participantWait', 'volunteerWait', 'participantsWaiting', 'volunteerConversion', 'coordinatorUtilisation',
  'effectPrimary', 'costPerMatch', 'costPerCompletedMatch',
];

/** The readable summary of a run: what a programme manager or policymaker reads first. */
export function formatSummary(s: Summary): string {
  const lines: string[] = [];
  const sc = s.scenario;
  lines.push(`${sc.name}`);
  lines.push(`  ${sc.reps} replications, seed ${sc.seed}, ${sc.weeks} weeks; ${fmt(s.participantWeeks)} participant-weeks simulated`);
  lines.push('');
  const p = s.survival.prematureByPlan;
  lines.push(`Premature closure before the planned ${p.weeks} weeks (Kaplan-Meier): ${fmt(p.value, 'share')}  [${fmt(p.lower, 'share')}, ${fmt(p.upper, 'share')}]`);
  const reasons = Object.entries(s.closureReasons).filter(([, r]) => r.count > 0).sort((a, b) => b[1].count - a[1].count);
  lines.push(`Matches by how they ended: ${reasons.map(([r, v]) => `${r} ${fmt(v.share, 'share')}`).join(', ')}`);
  lines.push('');
  lines.push('Key figures per replication: mean  [95% CI of the mean]   (95% of runs between)');
  lines.push(table([
    ['figure', 'mean', '95% CI', 'runs 2.5%-97.5%'],
    ...HEADLINE.map((m) => {
      const x = s.metrics[m];
      return [`${x.label}${SHOWN_UNITS.has(x.unit) ? ` (${x.unit})` : ''}`, fmt(x.mean, x.unit), `[${fmt(x.ci95[0], x.unit)}, ${fmt(x.ci95[1], x.unit)}]`, `${fmt(x.pi95[0], x.unit)} - ${fmt(x.pi95[1], x.unit)}`];
    }),
  ]));
  lines.push('');
  const primary = s.effects.primary;
  lines.push(`Effect on ${primary} (Hedges g, matched participants, programme vs counterfactual, pooled):`);
  lines.push(table([
    ['realised time in a match', 'g', '95% CI', 'participants'],
    ...(['all', ...DURATION_BANDS] as const).map((g) => {
      const e = s.effects.byGroup[g][primary];
      return [g, fmt(e.g), `[${fmt(e.lower)}, ${fmt(e.upper)}]`, fmt(e.n1)];
    }),
  ]));
  return lines.join('\n');
}

export function formatComparison(baseName: string, others: { name: string; diff: Record<MetricName, PairedDifference> }[], metrics: MetricName[]): string {
  const lines: string[] = [];
  for (const o of others) {
    lines.push(`${o.name}  against  ${baseName}  (paired by replication; difference = other - base)`);
    lines.push(table([
      ['figure', 'base', 'other', 'difference', '95% CI'],
      ...metrics.map((m) => {
        const d = o.diff[m];
        return [d.label, fmt(d.base, d.unit), fmt(d.other, d.unit), fmt(d.difference.mean, d.unit), `[${fmt(d.difference.ci95[0], d.unit)}, ${fmt(d.difference.ci95[1], d.unit)}]`];
      }),
    ]));
    lines.push('');
  }
  return lines.join('\n');
}
