/**
 * The one-click report of a design's run: one HTML file that opens offline, with the key figures
 * and their intervals, the warnings, the comparison with a pinned baseline, every chart as SVG,
 * the scenario file, and where it comes from (buddysim version, seed, replications, date, the
 * command that gives the same numbers). Built from the experiment report's blocks and page.
 */
import { DOMAIN_LABELS, HEADLINE_METRICS, effectUnit, fmt, fmtEstimate, fmtSigned, diffUnit, fmtInterval, scenarioToFile, type MetricName, type PairedDifference, type Scenario, type Summary } from '../../index.ts';
import type { Block } from '../../experiment/report/blocks.ts';
import { blocksToHtml } from '../../experiment/report/html.ts';
import { COMPARE_METRICS } from '../panels.ts';
import { effectInWords, prematureWording } from '../wording.ts';

export interface ReportChart {
  id: string;
  title: string;
  svg: string;
}

export interface ReportInput {
  summary: Summary;
  scenario: Scenario;
  charts: ReportChart[];
  /** buddysim's version (package.json). */
  version: string;
  date: Date;
  /** Paired differences against a pinned baseline (same seed and replications), if any. */
  comparison?: { baselineName: string; diff: Record<MetricName, PairedDifference> };
}

const range = (x: { pi95: [number, number] }, unit: string) => `${fmt(x.pi95[0], unit)} to ${fmt(x.pi95[1], unit)}`;

/**
 * The report's blocks: provenance, warnings, key figures with their 95% CI and the 95% range of
 * single runs, the comparison, the charts and the scenario file.
 *
 * @example
 *   designReportBlocks({ summary, scenario, charts: [], version: '0.1.0', date: new Date() })[0]; // { kind: 'h1', ... }
 */
export function designReportBlocks(r: ReportInput): Block[] {
  const s = r.summary;
  const sc = s.scenario;
  const m = s.metrics;
  const p = s.survival.prematureIncidence;
  const unit = effectUnit(s.effects.primary);
  const mechanism = (s.scenarioFile.programme as { mechanism?: string } | undefined)?.mechanism ?? 'duration';
  const out: Block[] = [{ kind: 'h1', text: sc.name }];
  if (sc.description) out.push({ kind: 'p', text: sc.description });
  out.push({
    kind: 'facts',
    rows: [
      ['made with', `buddysim ${r.version}, dashboard, on ${r.date.toISOString()}`],
      ['replications', `${sc.reps}, seed ${sc.seed}`],
      ['horizon', `${sc.weeks} weeks (${fmt(sc.weeks / 52, '', 1)} years); assumed dose mechanism: ${mechanism}`],
      ['scenario hash', sc.hash],
      ['same numbers', `buddysim run scenario.json --reps ${sc.reps} --seed ${sc.seed} (scenario.json: the scenario file at the end of this report)`],
    ],
  });
  out.push({ kind: 'p', muted: true, text: "[a, b] = 95% confidence interval of the simulation's estimate (batch means over replications: how precisely the runs pin the figure down); single runs = 2.5th to 97.5th percentile over replications (what one real programme may show)." });
  if (s.warnings.length > 0) out.push({ kind: 'h2', text: 'Warnings' }, { kind: 'list', items: s.warnings.map((w) => w.message) });

  const premature = prematureWording(s);
  const rows: string[][] = [
    [`${premature.label} (by week ${p.weeks})`, fmtEstimate(p.value, [p.lower, p.upper], 'share'), range(m.prematureIncidence, 'share'), 'matches started; cumulative incidence'],
    [`Effect on ${DOMAIN_LABELS[s.effects.primary]}, all referred (${effectInWords(m.effectAllReferred.value, unit)})`, fmtEstimate(m.effectAllReferred.value, m.effectAllReferred.ci95, unit), range(m.effectAllReferred, unit), m.effectAllReferred.over],
    [`Effect on ${DOMAIN_LABELS[s.effects.primary]}, matched participants (${effectInWords(m.effectMatched.value, unit)})`, fmtEstimate(m.effectMatched.value, m.effectMatched.ci95, unit), range(m.effectMatched, unit), m.effectMatched.over],
    ...HEADLINE_METRICS.map((k) => {
      const x = m[k];
      return [x.label, fmtEstimate(x.value, x.ci95, x.unit), range(x, x.unit), x.over];
    }),
  ];
  out.push({ kind: 'h2', text: 'Key figures' }, { kind: 'table', header: ['figure', 'value [95% CI]', 'single runs', 'over whom'], numeric: [false, true, true, false], rows });

  if (r.comparison) {
    const d = r.comparison.diff;
    out.push(
      { kind: 'h2', text: `Compared with the baseline: ${r.comparison.baselineName}` },
      { kind: 'p', muted: true, text: 'Paired differences, this design minus the baseline, replication by replication on the same seed (common random numbers); 95% CI by batch means over paired batches.' },
      {
        kind: 'table',
        header: ['figure', 'baseline', 'this design', 'difference', '95% CI'],
        numeric: [false, true, true, true, true],
        rows: COMPARE_METRICS.map((k) => {
          const x = d[k];
          const du = diffUnit(x.unit);
          return [x.label, fmt(x.base, x.unit), fmt(x.other, x.unit), fmtSigned(x.difference.value, du), fmtInterval(x.difference.ci95[0], x.difference.ci95[1], du)];
        }),
      },
    );
  }
  if (r.charts.length > 0) {
    out.push({ kind: 'h2', text: 'Charts' });
    for (const c of r.charts) out.push({ kind: 'figure', id: `chart-${c.id}`, svg: c.svg, caption: c.title });
  }
  out.push({ kind: 'h2', text: 'Scenario file' }, { kind: 'code', text: JSON.stringify(scenarioToFile(r.scenario), null, 2) });
  return out;
}

/** The report as one HTML file. */
export function designReport(r: ReportInput): string {
  return blocksToHtml(`${r.summary.scenario.name}: buddysim report`, designReportBlocks(r));
}
