import { HEADLINE_METRICS, type Summary } from '../analysis/aggregate.ts';
import type { Block } from '../experiment/report/blocks.ts';
import type { PairedDifference } from '../analysis/compare.ts';
import { diffUnit, effectWords, fmt, fmtEstimate } from '../analysis/format.ts';
import { effectUnit, type MetricName } from '../analysis/metrics.ts';
import { DOMAIN_LABELS } from '../model/domains.ts';
import { DURATION_BANDS } from '../analysis/pool.ts';
import { CLOSURE_REASONS, PREMATURE_REASONS } from '../model/results.ts';
import type { Scenario } from '../model/scenario.ts';

/** Terminal tables: numbers come from the one formatter (src/analysis/format.ts). */
export function table(rows: string[][], indent = '  ', numeric?: readonly boolean[]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  // The first column (a name) and text columns align left, numbers right.
  const left = (c: number) => c === 0 || (numeric !== undefined && !numeric[c]);
  return rows.map((r) => indent + r.map((cell, c) => (left(c) ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('   ').trimEnd()).join('\n');
}

/** Units worth repeating after a label; counts, shares and money speak for themselves. */
const SHOWN_UNITS = new Set(['weeks', 'hours', 'g', 'r', 'score 0-1']);
const labelOf = (label: string, unit: string) => `${label}${SHOWN_UNITS.has(unit) ? ` (${unit})` : ''}`;

/** An effect in words: Cohen's bands for g; a difference in shares is read as it is. */
const words = (x: number, unit: string) => (unit === 'g' ? effectWords(x) : x > 0 ? 'more in work' : x < 0 ? 'fewer in work' : 'no difference');

/** What a result assumes, from one scenario: its dose mechanism and its horizon. */
export interface Assumed {
  readonly label: string;
  readonly mechanism: string;
  readonly weeks: number;
}

/**
 * A scenario's mechanism and horizon, for `framing`.
 *
 * @example
 *   assumedBy(readScenario('flemish-befriending')); // { label: 'Flemish befriending (year-long)', mechanism: 'duration', weeks: 156 }
 */
export const assumedBy = (s: Scenario, label = s.name): Assumed => ({ label, mechanism: s.params.programme.mechanism, weeks: s.weeks });

/** How much of the first effect is left a year later, over those measured at both points (none when there was too little to keep). */
const retainedWords = (x: number | null) =>
  typeof x === 'number' && Number.isFinite(x)
    ? `among those measured at both, a year later ${fmt(x, 'share', 0)} of it is left`
    : 'too little effect at the first point to say how much is left a year later';

const horizon = (weeks: number) => `${weeks} weeks (${fmt(weeks / 52, '', 1)} years)`;

/** One value when all agree; otherwise each value with what has it while the names are short, else the values and that they vary. */
function grouped(items: readonly { label: string; value: string }[], noun: string): string {
  const groups = new Map<string, string[]>();
  for (const i of items) groups.set(i.value, [...(groups.get(i.value) ?? []), i.label]);
  if (groups.size === 1) return items[0].value;
  if (items.map((i) => i.label).join(', ').length > 80) return `${[...groups.keys()].join(', ')} (varies by ${noun})`;
  return [...groups].map(([value, labels]) => `${value} (${labels.join(', ')})`).join('; ');
}

/**
 * The assumed dose mechanism and the horizon in years of everything a command ran, said once when
 * they agree and per scenario where they differ: every command that simulates states both.
 *
 * @example
 *   framing([{ label: 'A', mechanism: 'duration', weeks: 156 }]); // 'horizon 156 weeks (3.0 years); assumed dose mechanism: duration'
 *   framing([{ label: 'A', mechanism: 'duration', weeks: 156 }, { label: 'B', mechanism: 'frequency', weeks: 156 }]);
 *   // 'horizon 156 weeks (3.0 years); assumed dose mechanism: duration (A); frequency (B)'
 */
export function framing(runs: readonly Assumed[], noun = 'scenario'): string {
  if (runs.length === 0) return 'nothing was simulated';
  const horizons = grouped(runs.map((r) => ({ label: r.label, value: horizon(r.weeks) })), noun);
  const mechanisms = grouped(runs.map((r) => ({ label: r.label, value: r.mechanism })), noun);
  return `horizon ${horizons}; assumed dose mechanism: ${mechanisms}`;
}

/** The run's frame: replications, seed, horizon in years, the assumed mechanism. */
export function frameLine(s: Summary): string {
  const sc = s.scenario;
  const mechanism = (s.scenarioFile.programme as { mechanism?: string } | undefined)?.mechanism ?? 'duration';
  return `${sc.reps} replications, seed ${sc.seed}, ${framing([{ label: sc.name, mechanism, weeks: sc.weeks }])}`;
}

export function formatWarnings(s: Summary): string[] {
  if (s.warnings.length === 0) return [];
  return ['Warnings:', ...s.warnings.map((w) => `  ! ${w.message}`), ''];
}

/** The readable summary of a run: what a programme manager or policymaker reads first. */
export function formatSummary(s: Summary): string {
  const L: string[] = [];
  L.push(s.scenario.name);
  L.push(`  ${frameLine(s)}; ${fmt(s.participantWeeks)} participant-weeks`);
  L.push('  [a, b] = 95% CI of the simulation\'s estimate (batch means over replications); "single runs" = 2.5%-97.5% of replications');
  L.push('');
  L.push(...formatWarnings(s));

  const sv = s.survival;
  const p = sv.prematureIncidence;
  L.push(`Premature closure by the planned end (${p.weeks} weeks): ${fmtEstimate(p.value, [p.lower, p.upper], 'share')}`);
  L.push('  cumulative incidence over all matches: planned completion is a competing event, matches still running at the horizon are censored');
  const t = Math.min(p.weeks, sv.time.length - 1);
  const byReason = PREMATURE_REASONS.map((r) => [r, sv.incidence[r].value[t]] as const).filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]);
  L.push(`  by reason: ${byReason.map(([r, v]) => `${r} ${fmt(v, 'share')}`).join(', ') || 'none'}`);
  const reasons = [...CLOSURE_REASONS, 'ongoing'].map((r) => [r, s.closureReasons[r]] as const).filter(([, v]) => v && v.count > 0);
  L.push(`Matches by how they ended (all matches started): ${reasons.map(([r, v]) => `${r === 'ongoing' ? 'running at the horizon' : r} ${fmt(v.share, 'share')}`).join(', ')}`);
  L.push('');

  const e = s.effects;
  const m = s.metrics;
  const unit = effectUnit(e.primary);
  L.push(`Effect on ${DOMAIN_LABELS[e.primary]} (main outcome), ${e.standardiser}:`);
  const all = m.effectAllReferred;
  const matched = m.effectMatched;
  L.push(table([
    ['over whom', `${e.assessmentWeeks} weeks after referral`, 'in words', 'single runs'],
    ['all referred participants (intention to treat)', fmtEstimate(all.value, all.ci95, unit), words(all.value, unit), `${fmt(all.pi95[0], unit)} to ${fmt(all.pi95[1], unit)}`],
    [`matched participants (${fmt(m.matchedShare.value, 'share')} of referred)`, fmtEstimate(matched.value, matched.ci95, unit), words(matched.value, unit), `${fmt(matched.pi95[0], unit)} to ${fmt(matched.pi95[1], unit)}`],
  ]));
  L.push(`  over time (all referred): ${e.points.map((p) => { const g = p.groups.allReferred[e.primary]; return `${p.weeks} weeks ${fmtEstimate(g.value, [g.lower, g.upper], unit)}`; }).join('; ')}; ${retainedWords(m.retainedEffect.value)}`);
  L.push('  matched participants by realised time in a match:');
  L.push(table([
    ['time in a match', 'effect', 'participants'],
    ...DURATION_BANDS.map((b) => {
      const g = e.groups[b][e.primary];
      return [b, fmtEstimate(g.value, [g.lower, g.upper], unit), fmt(g.participants, '', 0)];
    }),
  ], '    '));
  const others = e.domains.filter((d) => d !== e.primary);
  if (others.length > 0) {
    L.push('  other reported domains, all referred / matched:');
    L.push(table([
      ['domain', 'all referred', 'matched'],
      ...others.map((d) => {
        const a = e.groups.allReferred[d];
        const b = e.groups.matched[d];
        return [DOMAIN_LABELS[d], fmtEstimate(a.value, [a.lower, a.upper], a.unit), fmtEstimate(b.value, [b.lower, b.upper], b.unit)];
      }),
    ], '    '));
  }
  L.push('');

  L.push('Key figures: value [95% CI]   (single runs 2.5%-97.5%)');
  L.push(table([
    ['figure', 'value [95% CI]', 'single runs'],
    ...HEADLINE_METRICS.map((k) => {
      const x = m[k];
      return [labelOf(x.label, x.unit), fmtEstimate(x.value, x.ci95, x.unit), `${fmt(x.pi95[0], x.unit)} - ${fmt(x.pi95[1], x.unit)}`];
    }),
  ]));
  L.push('');
  L.push(`Cost per year by item (${fmtEstimate(s.costs.perYear.value, [s.costs.perYear.lower, s.costs.perYear.upper], 'EUR')} in all):`);
  L.push(table([
    ['item', 'per year', 'share'],
    ...Object.values(s.costs.items).filter((i) => i.perYear > 0).sort((a, b) => b.perYear - a.perYear).map((i) => [i.label, fmt(i.perYear, 'EUR'), fmt(i.share, 'share')]),
  ]));
  return L.join('\n');
}

/** The figures `compare` sets side by side. */
export const COMPARED_METRICS: MetricName[] = [
  'prematureIncidence', 'effectAllReferred', 'effectMatched', 'matchedShare', 'matchedWithin8Weeks', 'participantWait', 'participantsWaiting',
  'matchesStartedPerYear', 'matchesCompletedPerYear', 'meanMatchWeeks', 'meanMatchHours', 'coordinatorUtilisation', 'followUpsMissedShare',
  'costPerYear', 'costPerCompletedMatch', 'costPerMatchYear',
];

export interface ComparedDesign {
  name: string;
  summary: Summary;
  /** Paired differences against the first design; absent for the first. */
  diff?: Record<MetricName, PairedDifference>;
}

/**
 * Designs side by side: one column per design with its value, then each design's paired difference
 * from the first with its 95% interval (batch means over paired batches).
 */
export function formatComparison(designs: ComparedDesign[], metrics: MetricName[] = COMPARED_METRICS): string {
  const [base, ...others] = designs;
  const L: string[] = [];
  const header = ['figure', ...designs.map((d, i) => `${String.fromCharCode(65 + i)}`)];
  const rows: string[][] = [header];
  for (const k of metrics) {
    const x = base.summary.metrics[k];
    rows.push([labelOf(x.label, x.unit), ...designs.map((d) => fmtEstimate(d.summary.metrics[k].value, d.summary.metrics[k].ci95, x.unit))]);
  }
  L.push('Designs:');
  designs.forEach((d, i) => L.push(`  ${String.fromCharCode(65 + i)}: ${d.name}`));
  L.push('');
  L.push('Values [95% CI]:');
  L.push(table(rows));
  for (const [i, o] of others.entries()) {
    L.push('');
    L.push(`${String.fromCharCode(66 + i)} minus A, paired by batches of replications (same seed: common random numbers):`);
    L.push(table([
      ['figure', 'difference [95% CI]'],
      ...metrics.map((k) => {
        const d = o.diff![k];
        return [labelOf(d.label, d.unit), fmtEstimate(d.difference.value, d.difference.ci95, diffUnit(d.unit), true)];
      }),
    ]));
  }
  return L.join('\n');
}

/** Report blocks for a terminal: headings and paragraphs as lines, tables aligned, charts left out. */
export function blocksText(blocks: readonly Block[]): string {
  return blocks
    .flatMap((b) => {
      switch (b.kind) {
        case 'table':
          return [table([b.header, ...b.rows], '  ', b.numeric), ''];
        case 'figure':
          return [];
        case 'list':
          return b.items.map((i) => `  - ${i}`);
        case 'facts':
          return b.rows.map(([k, v]) => `  ${k}: ${v}`);
        case 'switch':
          return b.panels.flatMap((p) => [`${b.label}: ${p.label}`, blocksText(p.blocks), '']);
        default:
          return [b.text, ...(b.kind === 'h2' || b.kind === 'p' ? [''] : [])];
      }
    })
    .join('\n');
}
