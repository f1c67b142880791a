/** The headline figures and the comparison table. */
import * as d3 from 'd3';
import type { MetricName, PairedDifference, Summary } from '../index.ts';
import { OKABE_ITO } from './charts/common.ts';
import { diffUnit, effectWords, fmt, fmtEstimate, fmtInterval, fmtSigned } from '../analysis/format.ts';

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
  return el('p', { class: 'delta' }, `vs baseline ${fmtSigned(num(d.difference.value), unit)} ${fmtInterval(num(d.difference.ci95[0]), num(d.difference.ci95[1]), unit)}`);
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

/**
 * Key figures with their 95% intervals, the same figures the command line prints: premature closure
 * as a cumulative incidence, the effect over all referred and over the matched, figures per year.
 * The effect card carries the exact value of summary.json.
 */
export function renderHeadline(host: HTMLElement, s: Summary, diff: Diff | null, _baseline: Summary | null): void {
  const m = s.metrics;
  const p = s.survival.prematureIncidence;
  const programme = s.scenarioFile.programme as { hoursBudget?: number; plannedWeeks?: number } | undefined;
  const hours = programme?.hoursBudget ?? 0;
  const all = m.effectAllReferred;
  const matched = m.effectMatched;
  const ci = (x: { ci95: [number, number]; unit: string }) => `95% CI ${fmtInterval(num(x.ci95[0]), num(x.ci95[1]), x.unit)}`;
  const cards: Card[] = [
    {
      id: 'premature',
      label: hours > 0 ? `Ended early, before the ${fmt(hours, '', 0)} hours were used` : `Ended early, before the planned ${p.weeks} weeks`,
      value: fmtEstimate(num(p.value), [num(p.lower), num(p.upper)], 'share').split(' [')[0],
      interval: `95% CI ${fmtInterval(num(p.lower), num(p.upper), 'share')}`,
      note: hours > 0
        ? `of ${fmt(p.matches, '', 0)} matches; a match completes when its ${fmt(hours, '', 0)} hours are used (or at week ${p.weeks}); cumulative incidence`
        : `of ${fmt(p.matches, '', 0)} matches; cumulative incidence, completion as planned competing`,
      delta: deltaLine(diff, 'prematureIncidence'),
    },
    {
      id: 'effect',
      label: `Effect on ${s.effects.primary}, all referred`,
      value: all.value === null || all.value === undefined ? 'n/a' : fmtEstimate(num(all.value), all.ci95, 'g').split(' [')[0],
      exact: String(all.value),
      interval: `${ci(all)}; ${effectWords(num(all.value))}`,
      note: `matched participants (${fmt(num(m.matchedShare.value), 'share')} of referred): ${fmtEstimate(num(matched.value), matched.ci95, 'g')}, ${effectWords(num(matched.value))}; at ${s.effects.assessmentWeeks} weeks after referral`,
      delta: deltaLine(diff, 'effectAllReferred'),
    },
    {
      id: 'matches',
      label: 'Matches started per year',
      value: fmt(num(m.matchesStartedPerYear.value)),
      interval: ci(m.matchesStartedPerYear),
      note: `${fmt(num(m.matchesCompletedPerYear.value))} completed as planned per year; ${fmt(num(m.referredPerYear.value))} referrals a year`,
      delta: deltaLine(diff, 'matchesStartedPerYear'),
    },
    {
      id: 'wait',
      label: 'Matched within 8 weeks of referral',
      value: fmt(num(m.matchedWithin8Weeks.value), 'share'),
      interval: ci(m.matchedWithin8Weeks),
      note: `of all referred; ${fmt(num(m.leftUnmatchedShare.value), 'share')} left unmatched; ${fmt(num(m.participantsWaiting.value))} waiting on average; those matched waited ${fmt(num(m.participantWait.value))} weeks`,
      delta: deltaLine(diff, 'matchedWithin8Weeks'),
    },
    {
      id: 'cost',
      label: 'Cost per year',
      value: fmt(num(m.costPerYear.value), 'EUR'),
      interval: ci(m.costPerYear),
      note: `${fmt(num(m.costPerCompletedMatch.value), 'EUR')} per completed match; coordinator ${fmt(num(m.coordinatorUtilisation.value), 'share')} busy`,
      delta: deltaLine(diff, 'costPerYear'),
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
  'prematureIncidence', 'effectAllReferred', 'effectMatched', 'matchedShare', 'matchedWithin8Weeks', 'participantWait', 'participantsWaiting',
  'matchesStartedPerYear', 'matchesCompletedPerYear', 'meanMatchWeeks', 'volunteerWait', 'coordinatorUtilisation', 'followUpsMissedShare',
  'costPerYear', 'costPerCompletedMatch',
];

/** A small interval glyph: the 95% CI of a difference against zero, on its own symmetric scale. */
function glyph(cell: HTMLElement, d: PairedDifference): void {
  const lo = num(d.difference.ci95[0]);
  const hi = num(d.difference.ci95[1]);
  const mid = num(d.difference.value);
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
  table.append(el('caption', {}, `Paired differences, current − baseline (same seed: common random numbers); 95% CI by batch means over paired batches of replications.`));
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
      el('td', { class: 'diff' }, fmtSigned(num(d.difference.value), unit)),
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
