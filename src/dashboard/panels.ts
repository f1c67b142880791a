/** The headline figures and the comparison table. */
import * as d3 from 'd3';
import { DOMAIN_LABELS, effectUnit, type MetricName, type PairedDifference, type Summary } from '../index.ts';
import { OKABE_ITO } from './charts/common.ts';
import { el } from './dom.ts';
import { effectInWords, prematureWording } from './wording.ts';
import { diffUnit, fmt, fmtEstimate, fmtInterval, fmtSigned } from '../analysis/format.ts';

type Diff = Record<MetricName, PairedDifference>;

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
  /** The figure with its interval exactly as the command line prints it (fmtEstimate). */
  figure: string;
  /** Exact value of summary.json. */
  exact: number | null;
  unit: string;
  interval: [number, number];
  note: string;
  delta: HTMLElement | null;
}

/**
 * Key figures with their 95% intervals, the same figures and the same words the command line
 * prints (`buddysim run`): premature closure as a cumulative incidence by the design's end, the
 * effect over all referred and over the matched, matches and cost per year, the share matched
 * within 8 weeks. Each card carries the exact value of summary.json (data-value) and the figure as
 * the command line prints it (data-figure).
 */
export function renderHeadline(host: HTMLElement, s: Summary, diff: Diff | null): void {
  const m = s.metrics;
  const p = s.survival.prematureIncidence;
  const all = m.effectAllReferred;
  const matched = m.effectMatched;
  const unit = effectUnit(s.effects.primary);
  const premature = prematureWording(s);
  const cards: Card[] = [
    {
      id: 'premature', label: premature.label, figure: fmtEstimate(p.value, [p.lower, p.upper], 'share'), exact: p.value, unit: 'share', interval: [num(p.lower), num(p.upper)],
      note: premature.note, delta: deltaLine(diff, 'prematureIncidence'),
    },
    {
      id: 'effect', label: `Effect on ${DOMAIN_LABELS[s.effects.primary]}, all referred`, figure: fmtEstimate(all.value, all.ci95, unit), exact: all.value, unit, interval: all.ci95,
      note: `${effectInWords(num(all.value), unit)}; matched participants (${fmt(num(m.matchedShare.value), 'share')} of referred): ${fmtEstimate(matched.value, matched.ci95, unit)}, ${effectInWords(num(matched.value), unit)}; ${s.effects.assessmentWeeks} weeks after referral`,
      delta: deltaLine(diff, 'effectAllReferred'),
    },
    {
      id: 'matches', label: m.matchesStartedPerYear.label, figure: fmtEstimate(m.matchesStartedPerYear.value, m.matchesStartedPerYear.ci95, m.matchesStartedPerYear.unit), exact: m.matchesStartedPerYear.value, unit: m.matchesStartedPerYear.unit, interval: m.matchesStartedPerYear.ci95,
      note: `${fmt(num(m.matchesCompletedPerYear.value))} completed per year; ${fmt(num(m.referredPerYear.value))} referrals a year`,
      delta: deltaLine(diff, 'matchesStartedPerYear'),
    },
    {
      id: 'wait', label: m.matchedWithin8Weeks.label, figure: fmtEstimate(m.matchedWithin8Weeks.value, m.matchedWithin8Weeks.ci95, 'share'), exact: m.matchedWithin8Weeks.value, unit: 'share', interval: m.matchedWithin8Weeks.ci95,
      note: `of all referred; ${fmt(num(m.leftUnmatchedShare.value), 'share')} left unmatched; ${fmt(num(m.participantsWaiting.value))} waiting on average; those matched waited ${fmt(num(m.participantWait.value))} weeks`,
      delta: deltaLine(diff, 'matchedWithin8Weeks'),
    },
    {
      id: 'cost', label: m.costPerYear.label, figure: fmtEstimate(m.costPerYear.value, m.costPerYear.ci95, m.costPerYear.unit), exact: m.costPerYear.value, unit: m.costPerYear.unit, interval: m.costPerYear.ci95,
      note: `${fmt(num(m.costPerCompletedMatch.value), 'EUR')} per completed match; coordinator ${fmt(num(m.coordinatorUtilisation.value), 'share')} busy`,
      delta: deltaLine(diff, 'costPerYear'),
    },
  ];
  host.replaceChildren(
    ...cards.map((c) => {
      const card = el('div', { class: 'card', 'data-card': c.id, 'data-figure': c.figure });
      card.append(el('h3', {}, c.label));
      const value = el('p', { class: 'value', 'data-testid': `headline-${c.id}`, 'data-value': String(c.exact) }, c.figure.split(' [')[0]);
      card.append(value, el('p', { class: 'interval' }, `95% CI ${fmtInterval(num(c.interval[0]), num(c.interval[1]), c.unit)}`), el('p', { class: 'note' }, c.note));
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
