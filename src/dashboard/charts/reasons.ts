import * as d3 from 'd3';
import type { Summary } from '../../index.ts';
import { fmt } from '../../analysis/format.ts';
import { createFrame, emptyNote, n, OKABE_ITO, pct, xAxis, type LegendItem } from './common.ts';

export const REASON_LABELS: Record<string, string> = {
  planned: 'Completed as planned',
  goal: 'Goal reached',
  timeLimit: 'Time limit (hours not used)',
  volunteer: 'Volunteer left',
  participant: 'Participant left',
  mismatch: 'Mismatch (gave up)',
  coordinator: 'Coordinator turnover',
  resources: 'No follow-up (resources)',
  ongoing: 'Still active at horizon',
};

const ORDER = ['planned', 'goal', 'timeLimit', 'volunteer', 'participant', 'mismatch', 'coordinator', 'resources', 'ongoing'];
/** Ways of ending that only some designs have: shown when some match ended so. */
const OPTIONAL = new Set(['goal', 'timeLimit']);

function colour(reason: string): string {
  if (reason === 'planned' || reason === 'goal') return OKABE_ITO.green;
  if (reason === 'timeLimit') return OKABE_ITO.orange;
  return reason === 'ongoing' ? OKABE_ITO.skyBlue : OKABE_ITO.vermillion;
}

/** How matches ended: share of all matches per closure reason. */
export function drawReasons(host: HTMLElement, s: Summary, baseline: Summary | null): void {
  const reasons = ORDER.filter((r) => r in s.closureReasons && !(OPTIONAL.has(r) && s.closureReasons[r].count === 0))
    .concat(Object.keys(s.closureReasons).filter((r) => !ORDER.includes(r)));
  const total = reasons.reduce((a, r) => a + s.closureReasons[r].count, 0);
  const legend: LegendItem[] = [
    { label: 'Completed', color: OKABE_ITO.green, kind: 'rect' },
    { label: 'Premature closure', color: OKABE_ITO.vermillion, kind: 'rect' },
    ...(reasons.includes('timeLimit') ? [{ label: 'Time limit', color: OKABE_ITO.orange, kind: 'rect' as const }] : []),
    { label: 'Ongoing', color: OKABE_ITO.skyBlue, kind: 'rect' },
  ];
  if (baseline) legend.push({ label: 'Baseline', color: OKABE_ITO.black, kind: 'dash' });
  const top = reasons.filter((r) => !['planned', 'goal', 'timeLimit', 'ongoing'].includes(r)).sort((a, b) => s.closureReasons[b].count - s.closureReasons[a].count)[0];
  const f = createFrame(host, {
    id: 'reasons',
    title: 'Closure reasons',
    subtitle: 'Share of all matches by how they ended; label: share (matches per replication)',
    description: total > 0
      ? reasons.map((r) => `${REASON_LABELS[r] ?? r}: ${fmt(n(s.closureReasons[r].share), 'share')}`).join('; ') + (top ? `. Most common premature reason: ${REASON_LABELS[top] ?? top}.` : '')
      : 'No matches yet.',
    legend,
    reps: s.scenario.reps,
    margin: { left: 158, right: 92 },
  });
  const maxShare = Math.max(0.05, ...reasons.map((r) => n(s.closureReasons[r].share) || 0), ...(baseline ? reasons.map((r) => n(baseline.closureReasons[r]?.share) || 0) : []));
  const x = d3.scaleLinear().domain([0, maxShare]).nice().range([0, f.width]);
  const yb = d3.scaleBand().domain(reasons).range([0, f.height]).padding(0.22);
  xAxis(f, x, 'Share of all matches (%)', 5, (d) => pct(+d));
  f.plot
    .append('g')
    .selectAll('text')
    .data(reasons)
    .join('text')
    .attr('x', -8)
    .attr('y', (r) => (yb(r) ?? 0) + yb.bandwidth() / 2 + 4)
    .attr('text-anchor', 'end')
    .text((r) => REASON_LABELS[r] ?? r);
  if (total === 0) return emptyNote(f, 'No matches yet');

  f.plot
    .append('g')
    .selectAll('rect')
    .data(reasons)
    .join('rect')
    .attr('x', 0)
    .attr('y', (r) => yb(r) ?? 0)
    .attr('height', yb.bandwidth())
    .attr('width', (r) => x(n(s.closureReasons[r].share) || 0))
    .attr('fill', colour)
    .attr('data-reason', (r) => r);
  if (baseline) {
    f.plot
      .append('g')
      .selectAll('line')
      .data(reasons.filter((r) => baseline.closureReasons[r]))
      .join('line')
      .attr('x1', (r) => x(n(baseline.closureReasons[r].share) || 0))
      .attr('x2', (r) => x(n(baseline.closureReasons[r].share) || 0))
      .attr('y1', (r) => (yb(r) ?? 0) - 3)
      .attr('y2', (r) => (yb(r) ?? 0) + yb.bandwidth() + 3)
      .attr('stroke', OKABE_ITO.black)
      .attr('stroke-width', 2)
      .attr('stroke-dasharray', '3 2');
  }
  f.plot
    .append('g')
    .selectAll('text')
    .data(reasons)
    .join('text')
    .attr('x', (r) => x(Math.max(n(s.closureReasons[r].share) || 0, baseline ? n(baseline.closureReasons[r]?.share) || 0 : 0)) + 6)
    .attr('y', (r) => (yb(r) ?? 0) + yb.bandwidth() / 2 + 4)
    .text((r) => `${fmt(n(s.closureReasons[r].share), 'share')} (${fmt(n(s.closureReasons[r].perReplication))})`);
}
