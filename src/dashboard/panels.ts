/** The headline figures and the comparison table. */
import * as d3 from 'd3';
import type { MetricName, PairedDifference, Summary } from '../index.ts';
import { OKABE_ITO } from './charts/common.ts';
import { diffUnit, fmt, fmtInterval, fmtSigned } from './format.ts';

type Diff = Record<MetricName, PairedDifference>;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

const num = (x: number | null | undefined) => (x === null || x === undefined ? NaN : x);

function deltaLine(diff: Diff | null, m: MetricName): HTMLElement | null {
  if (!diff) return null;
  const d = diff[m];
  const unit = diffUnit(d.unit);
  return el('p', { class: 'delta' }, `vs baseline ${fmtSigned(num(d.difference.mean), unit)} ${fmtInterval(num(d.difference.ci95[0]), num(d.difference.ci95[1]), unit)}`);
}

interface Card {
  id: string;
  label: string;
  value: string;
  /** Exact value as in summary.json (the text of the value for the effect). */
  exact?: string;
  interval: string;
  note: string;
  delta: HTMLElement | null;
}

/** Key figures with their 95% intervals; the effect shows the exact (6 significant digits) value of summary.json. */
export function renderHeadline(host: HTMLElement, s: Summary, diff: Diff | null, baseline: Summary | null): void {
  const m = s.metrics;
  const p = s.survival.prematureByPlan;
  const e = m.effectPrimary;
  const cards: Card[] = [
    {
      id: 'premature',
      label: `Closed prematurely before the planned ${p.weeks} weeks`,
      value: fmt(num(p.value), 'share'),
      interval: `95% CI ${fmtInterval(num(p.lower), num(p.upper), 'share')}`,
      note: 'Kaplan-Meier, all matches',
      delta: baseline ? el('p', { class: 'delta' }, `baseline ${fmt(num(baseline.survival.prematureByPlan.value), 'share')}`) : null,
    },
    {
      id: 'effect',
      label: `Effect on ${s.effects.primary} (Hedges g)`,
      value: e.mean === null || e.mean === undefined ? 'n/a' : String(e.mean),
      exact: String(e.mean),
      interval: `95% CI ${fmtInterval(num(e.ci95[0]), num(e.ci95[1]), 'g')}`,
      note: `matched participants vs counterfactual; mean of ${e.n} runs`,
      delta: deltaLine(diff, 'effectPrimary'),
    },
    {
      id: 'matches',
      label: 'Matches started per run',
      value: fmt(num(m.matchesStarted.mean)),
      interval: `95% CI ${fmtInterval(num(m.matchesStarted.ci95[0]), num(m.matchesStarted.ci95[1]))}`,
      note: `${fmt(num(m.matchesCompleted.mean))} completed as planned; ${fmt(num(m.matchedShare.mean), 'share')} of referrals matched`,
      delta: deltaLine(diff, 'matchesStarted'),
    },
    {
      id: 'wait',
      label: 'Wait, referral to first match',
      value: `${fmt(num(m.participantWait.mean))} weeks`,
      interval: `95% CI ${fmtInterval(num(m.participantWait.ci95[0]), num(m.participantWait.ci95[1]))}`,
      note: `${fmt(num(m.participantsWaiting.mean))} on the waiting list; volunteers wait ${fmt(num(m.volunteerWait.mean))} weeks`,
      delta: deltaLine(diff, 'participantWait'),
    },
    {
      id: 'cost',
      label: 'Cost per match started',
      value: fmt(num(m.costPerMatch.mean), 'EUR'),
      interval: `95% CI ${fmtInterval(num(m.costPerMatch.ci95[0]), num(m.costPerMatch.ci95[1]), 'EUR')}`,
      note: `${fmt(num(m.costPerCompletedMatch.mean), 'EUR')} per completed match; coordinator ${fmt(num(m.coordinatorUtilisation.mean), 'share')} busy`,
      delta: deltaLine(diff, 'costPerMatch'),
    },
  ];
  host.replaceChildren(
    ...cards.map((c) => {
      const card = el('div', { class: 'card', 'data-card': c.id });
      card.append(el('h3', {}, c.label));
      const value = el('p', { class: 'value', 'data-testid': `headline-${c.id}` }, c.value);
      if (c.exact !== undefined) value.dataset.value = c.exact;
      card.append(value, el('p', { class: 'interval' }, c.interval), el('p', { class: 'note' }, c.note));
      if (c.delta) card.append(c.delta);
      return card;
    }),
  );
}

/** The figures compared side by side, in the order the command line prints them. */
export const COMPARE_METRICS: MetricName[] = [
  'effectPrimary', 'prematureShare', 'matchesStarted', 'matchesCompleted', 'matchedShare', 'meanMatchWeeks', 'participantWait',
  'volunteerWait', 'participantsWaiting', 'activeMatches', 'volunteerConversion', 'coordinatorUtilisation', 'costPerMatch', 'costPerCompletedMatch',
];

/** A small interval glyph: the 95% CI of a difference against zero, on its own symmetric scale. */
function glyph(cell: HTMLElement, d: PairedDifference): void {
  const lo = num(d.difference.ci95[0]);
  const hi = num(d.difference.ci95[1]);
  const mid = num(d.difference.mean);
  const w = 140;
  const h = 18;
  const svg = d3.select(cell).append('svg').attr('width', w).attr('height', h).attr('aria-hidden', 'true');
  const span = Math.max(Math.abs(lo), Math.abs(hi), Math.abs(mid)) || 1;
  const x = d3.scaleLinear().domain([-span * 1.1, span * 1.1]).range([4, w - 4]);
  svg.append('line').attr('x1', x(0)).attr('x2', x(0)).attr('y1', 1).attr('y2', h - 1).attr('stroke', '#777777');
  if (!Number.isFinite(mid)) return;
  const sig = Number.isFinite(lo) && Number.isFinite(hi) && (lo > 0 || hi < 0);
  const c = sig ? OKABE_ITO.blue : OKABE_ITO.grey;
  if (Number.isFinite(lo) && Number.isFinite(hi)) svg.append('line').attr('x1', x(lo)).attr('x2', x(hi)).attr('y1', h / 2).attr('y2', h / 2).attr('stroke', c).attr('stroke-width', 3);
  svg.append('circle').attr('cx', x(mid)).attr('cy', h / 2).attr('r', 4).attr('fill', c);
}

export interface CompareInfo {
  baselineName: string;
  currentName: string;
  warnings: string[];
}

export function renderCompare(host: HTMLElement, diff: Diff, info: CompareInfo): void {
  const table = el('table', { class: 'compare', 'data-testid': 'compare-table' });
  table.append(el('caption', {}, `Paired differences, current − baseline, by replication (same seed: common random numbers); 95% CI of the mean difference.`));
  const head = el('tr');
  for (const h of ['Figure', 'Baseline', 'Current', 'Difference', '95% CI', 'Difference against 0']) head.append(el('th', { scope: 'col' }, h));
  table.append(el('thead'));
  table.tHead!.append(head);
  const body = el('tbody');
  for (const m of COMPARE_METRICS) {
    const d = diff[m];
    const unit = diffUnit(d.unit);
    const tr = el('tr', { 'data-metric': m });
    tr.append(
      el('th', { scope: 'row' }, `${d.label}${['weeks', 'g', 'hours'].includes(d.unit) && !d.label.includes(`${d.unit})`) && !d.label.includes(' g)') ? ` (${d.unit})` : ''}`),
      el('td', {}, fmt(num(d.base), d.unit)),
      el('td', {}, fmt(num(d.other), d.unit)),
      el('td', { class: 'diff' }, fmtSigned(num(d.difference.mean), unit)),
      el('td', {}, fmtInterval(num(d.difference.ci95[0]), num(d.difference.ci95[1]), unit)),
    );
    const g = el('td', { class: 'glyph' });
    tr.append(g);
    glyph(g, d);
    body.append(tr);
  }
  table.append(body);
  const title = el('p', { class: 'compare-title' });
  title.append(el('strong', {}, 'Baseline: '), document.createTextNode(info.baselineName), el('strong', {}, '  Current: '), document.createTextNode(info.currentName));
  host.replaceChildren(title, ...info.warnings.map((w) => el('p', { class: 'warning' }, w)), table);
}
