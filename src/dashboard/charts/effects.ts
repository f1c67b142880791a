import * as d3 from 'd3';
import { DOMAIN_LABELS, EFFECT_GROUPS, effectUnit, type Domain, type Summary } from '../../index.ts';
import { fmt, fmtEstimate } from '../../analysis/format.ts';
import { createFrame, emptyNote, n, OKABE_ITO, uniqueId, xAxis, yAxis, type LegendItem } from './common.ts';

const DOMAIN_COLOURS: Record<Domain, string> = {
  wellbeing: OKABE_ITO.blue,
  network: OKABE_ITO.orange,
  skills: OKABE_ITO.green,
  horizon: OKABE_ITO.purple,
  language: OKABE_ITO.skyBlue,
  knowHow: OKABE_ITO.vermillion,
  employment: OKABE_ITO.black,
};

const GROUP_LABELS: Record<string, string> = { allReferred: 'All referred', matched: 'All matched' };
const MIN_N_FOR_SCALE = 30;

/**
 * Effects (programme against counterfactual) over all referred, over the matched, and over the
 * matched by time spent in a match, for the outcome domains the scenario reports, with 95%
 * intervals of the simulation's estimate. One unit per chart, the main outcome's: standardised
 * effects (g) of score domains, or the difference in the share in work; a reported domain of the
 * other kind is named in the subtitle and left to the key figures and exports.
 */
export function drawEffects(host: HTMLElement, s: Summary): void {
  const primary = s.effects.primary;
  const unit = effectUnit(primary);
  const domains = s.effects.domains.filter((d) => effectUnit(d) === unit);
  const others = s.effects.domains.filter((d) => effectUnit(d) !== unit);
  const groups = EFFECT_GROUPS as readonly string[];
  const byGroup = s.effects.groups as Record<string, Record<string, { value: number; lower: number; upper: number; participants: number }>>;
  const legend: LegendItem[] = domains.map((d) => ({ label: d === primary ? `${DOMAIN_LABELS[d]} (main)` : DOMAIN_LABELS[d], color: DOMAIN_COLOURS[d], kind: 'interval' as const }));
  const all = byGroup.allReferred?.[primary];
  const main = byGroup.matched?.[primary];
  const what = unit === 'g' ? 'Standardised effect (g)' : 'Difference in the share in work (percentage points)';
  const left = others.length > 0 ? `; not drawn here (another unit): ${others.map((d) => DOMAIN_LABELS[d]).join(', ')}` : '';
  const f = createFrame(host, {
    id: 'effects',
    title: 'Effects by who is counted',
    subtitle: `${what} at the assessment ${s.effects.assessmentWeeks} weeks after referral; 95% intervals of the simulation's estimate${left}`,
    description: main
      ? `Effect on ${DOMAIN_LABELS[primary]}: all referred participants ${fmt(n(all?.value), unit)}, matched participants ${fmt(n(main.value), unit)} (95% interval ${fmt(n(main.lower), unit)} to ${fmt(n(main.upper), unit)}). ` +
        groups.slice(2).map((g) => `${g}: ${fmt(n(byGroup[g]?.[primary]?.value), unit)}`).join('; ')
      : 'No effects yet.',
    legend,
    reps: s.scenario.reps,
    margin: { bottom: 72 },
  });
  // The scale fits the estimates and the intervals of groups with enough participants; wider
  // intervals of small groups are clipped at the edge (their values are in the hover title).
  const vals: number[] = [0];
  for (const g of groups) for (const d of domains) {
    const e = byGroup[g]?.[d];
    if (!e || !Number.isFinite(n(e.value))) continue;
    vals.push(n(e.value));
    if (e.participants >= MIN_N_FOR_SCALE && Number.isFinite(n(e.lower)) && Number.isFinite(n(e.upper))) vals.push(n(e.lower), n(e.upper));
  }
  const ext = d3.extent(vals) as [number, number];
  const pad = unit === 'g' ? 0.1 : 0.02;
  const y = d3.scaleLinear().domain([Math.min(-pad, ext[0]), Math.max(pad, ext[1])]).nice().range([f.height, 0]);
  const clipId = uniqueId('clip-effects');
  f.svg.append('defs').append('clipPath').attr('id', clipId).append('rect').attr('x', -2).attr('y', -2).attr('width', f.width + 4).attr('height', f.height + 4);
  const x = d3.scaleBand().domain(groups).range([0, f.width]).padding(0.18);
  const dx = d3.scaleBand<string>().domain(domains).range([0, x.bandwidth()]).padding(0.3);
  yAxis(f, y, unit === 'g' ? 'Effect (g)' : 'Effect (pp)', 6, unit === 'g' ? undefined : (d) => `${(100 * +d).toFixed(0)}`);
  const lines = xAxis(f, x, 'Over whom (n = participants)', 5, (g: string) => GROUP_LABELS[g] ?? g, 46);
  f.plot
    .append('g')
    .selectAll('text')
    .data(groups)
    .join('text')
    .attr('x', (g) => (x(g) ?? 0) + x.bandwidth() / 2)
    .attr('y', f.height + 30 + (lines - 1) * 11)
    .attr('text-anchor', 'middle')
    .attr('font-size', 10)
    .attr('fill', '#555555')
    .text((g) => `n=${byGroup[g]?.[primary]?.participants ?? 0}`);
  f.plot.append('line').attr('x1', 0).attr('x2', f.width).attr('y1', y(0)).attr('y2', y(0)).attr('stroke', '#333333').attr('stroke-width', 1);
  if (!all || !Number.isFinite(n(all.value))) return emptyNote(f, 'Too few assessed participants yet');

  for (const g of groups) {
    for (const d of domains) {
      const e = byGroup[g]?.[d];
      if (!e || !Number.isFinite(n(e.value))) continue;
      const cx = (x(g) ?? 0) + (dx(d) ?? 0) + dx.bandwidth() / 2;
      const c = DOMAIN_COLOURS[d];
      const gEl = f.plot.append('g').attr('data-group', g).attr('data-domain', d).attr('clip-path', `url(#${clipId})`);
      gEl.append('title').text(`${GROUP_LABELS[g] ?? g}, ${DOMAIN_LABELS[d]}: ${fmtEstimate(n(e.value), [n(e.lower), n(e.upper)], unit)}, ${e.participants} participants`);
      if (Number.isFinite(n(e.lower)) && Number.isFinite(n(e.upper))) {
        gEl.append('line').attr('x1', cx).attr('x2', cx).attr('y1', y(n(e.lower))).attr('y2', y(n(e.upper))).attr('stroke', c).attr('stroke-width', d === primary ? 2.5 : 1.5);
      }
      gEl.append('circle').attr('cx', cx).attr('cy', y(n(e.value))).attr('r', d === primary ? 4.5 : 3.2).attr('fill', c).attr('stroke', '#ffffff').attr('stroke-width', 0.8);
    }
  }
}
