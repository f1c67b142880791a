import type { MetricName } from '../analysis/metrics.ts';
import { DOMAINS } from '../model/params.ts';
import { PREMATURE_REASONS } from '../model/results.ts';
import type { ScenarioLoader } from '../scenario/resolve.ts';
import { resolveSpec, specLabel } from './evaluate.ts';
import { batchMeansInterval as batchInterval } from '../analysis/interval.ts';
import { acrossMechanisms, type Robustness } from '../analysis/robustness.ts';
import type { RunSet, ScenarioRunner } from './runSet.ts';
import { pooledEffect, type Evaluable } from './statistics.ts';
import type { ScenarioSpec } from './targets.ts';

/**
 * The contested dose mechanisms ([LitReview2021] §5.2) and the policy comparison they bear on: the
 * 40-hour civic-integration trajectory against year-long befriending for the same newcomers. Both
 * programmes run under each mechanism with the same seed and replications; the figures and the
 * differences (befriending minus trajectory) come with batch-means 95% intervals.
 */
export const MECHANISMS = ['duration', 'frequency', 'neither'] as const;
export type Mechanism = (typeof MECHANISMS)[number];

export const MECHANISM_WORDS: Record<Mechanism, string> = {
  duration: 'gains grow with the length of the relationship, slowly at first ([VanDerTier2015])',
  frequency: 'gains grow with contact hours, whatever the spread over time ([Mahieu2019])',
  neither: 'gains come in the first weeks and then stop growing; only quality and fit matter ([DuBois2002])',
};

export interface ComparedProgramme {
  readonly key: 'trajectory' | 'befriending';
  readonly label: string;
  readonly spec: ScenarioSpec;
}

export const PROGRAMMES: readonly ComparedProgramme[] = [
  { key: 'trajectory', label: '40-hour trajectory', spec: { ref: 'civic-integration-40h' } },
  { key: 'befriending', label: 'year-long befriending', spec: { ref: 'newcomer-befriending' } },
];

interface Figure {
  readonly key: string;
  /** A name for sentences. */
  readonly short: string;
  readonly label: string;
  readonly unit: 'g' | 'share' | 'EUR' | 'hours';
  /** Whether more is better for participants or funders (for the plain-words verdicts); neutral: context only. */
  readonly better: 'higher' | 'lower' | 'neutral';
  readonly measure: (e: Evaluable) => number;
}

function closedShare(e: Evaluable, planned: boolean): number {
  const r = e.summary.closureReasons;
  let premature = 0;
  for (const reason of PREMATURE_REASONS) premature += r[reason]?.count ?? 0;
  const done = r.planned?.count ?? 0;
  return done + premature > 0 ? (planned ? done : premature) / (done + premature) : NaN;
}

const metric = (name: MetricName) => (e: Evaluable) => e.summary.metrics[name].value;

export const FIGURES: readonly Figure[] = [
  { key: 'effectNetwork', short: 'Effect on the social network', label: 'Effect on the social network, all referred (g)', unit: 'g', better: 'higher', measure: (e) => pooledEffect(e, 'network', 'allReferred') },
  { key: 'effectWellbeing', short: 'Effect on well-being', label: 'Effect on well-being, all referred (g)', unit: 'g', better: 'higher', measure: (e) => pooledEffect(e, 'wellbeing', 'allReferred') },
  { key: 'effectSkills', short: 'Effect on skills', label: 'Effect on skills, all referred (g)', unit: 'g', better: 'higher', measure: (e) => pooledEffect(e, 'skills', 'allReferred') },
  {
    key: 'effectMean', short: 'Mean effect over the four domains', label: 'Mean effect over the four outcome domains, all referred (g)', unit: 'g', better: 'higher',
    measure: (e) => DOMAINS.reduce((a, d) => a + pooledEffect(e, d, 'allReferred'), 0) / DOMAINS.length,
  },
  { key: 'completion', short: 'Completion as planned', label: 'Closed matches completed as planned', unit: 'share', better: 'higher', measure: (e) => closedShare(e, true) },
  { key: 'premature', short: 'Premature endings', label: 'Premature closure by the planned end (cumulative incidence)', unit: 'share', better: 'lower', measure: metric('prematureIncidence') },
  { key: 'costPerCompleted', short: 'Cost per completed match', label: 'Cost per completed match (EUR)', unit: 'EUR', better: 'lower', measure: metric('costPerCompletedMatch') },
  { key: 'hoursPerMatch', short: 'Contact hours per match', label: 'Contact hours per closed match', unit: 'hours', better: 'neutral', measure: metric('meanMatchHours') },
];

export interface Estimate {
  value: number;
  ci: [number, number];
}

export interface MechanismRow {
  readonly mechanism: Mechanism;
  /** Figure key -> programme key -> estimate. */
  readonly figures: Record<string, Record<ComparedProgramme['key'], Estimate>>;
  /** Figure key -> befriending minus trajectory. */
  readonly differences: Record<string, Estimate>;
}

export interface MechanismStudy {
  readonly reps: number;
  readonly batches: number;
  readonly rows: readonly MechanismRow[];
  /** The gain rate each mechanism runs with, and the reference effect it is levelled to. */
  readonly levelling: Levelling;
  readonly scenarios: readonly { label: string; name: string; seed: number }[];
}

/** The scenario whose main-outcome effect every mechanism is levelled to (fact 3). */
export const LEVEL_REFERENCE: ScenarioSpec = { ref: 'community-mentoring' };

/**
 * The gain rate under which a mechanism gives the reference programme a given main-outcome effect.
 * The mechanisms count the dose in different units (a matured week, a reference contact hour, an
 * early week), so with one gain rate a mechanism could look stronger only because its unit is
 * larger. Each reading of the evidence must still reproduce the average effect (fact 3), so each
 * is levelled to the same effect first: secant steps on the gain rate, on which the effect is
 * nearly linear.
 */
export async function levelGainRate(
  load: ScenarioLoader, run: ScenarioRunner, mechanism: Mechanism, effect: number, start: number, reps: number,
): Promise<number> {
  const measureAt = async (gainRate: number) => {
    const spec: ScenarioSpec = { ...LEVEL_REFERENCE, overrides: { programme: { mechanism }, behaviour: { gainRate } } };
    const r = await run(resolveSpec(spec, load, reps), reps, 2);
    return pooledEffect(r.whole, r.whole.scenario.params.outcomes.primary, 'matched') - effect;
  };
  let x0 = start;
  let f0 = await measureAt(x0);
  // A proportional first guess, then secant steps.
  let x1 = Math.min(0.5, Math.max(1e-4, (x0 * (effect + 0.05)) / Math.max(1e-3, f0 + effect + 0.05)));
  for (let i = 0; i < 6; i++) {
    const f1 = await measureAt(x1);
    if (Math.abs(f1) < 0.002 || f1 === f0) return Number(x1.toPrecision(3));
    const x2 = Math.min(0.5, Math.max(1e-4, x1 - (f1 * (x1 - x0)) / (f1 - f0)));
    [x0, f0, x1] = [x1, f1, x2];
  }
  return Number(x1.toPrecision(3));
}

/** The gain rate each mechanism runs with, and the reference effect it is levelled to. */
export interface Levelling {
  /** The reference scenario (community-mentoring). */
  readonly reference: string;
  /** Its effect on the main outcome over the matched under its default mechanism and gain rate. */
  readonly effect: number;
  readonly gainRate: Record<Mechanism, number>;
}

/**
 * Levels every mechanism to the reference's average effect under its default mechanism (see
 * levelGainRate): the default mechanism keeps the calibrated gain rate, each other one gets the
 * gain rate that reproduces the same effect. `reps` replications per evaluation (at most 200 is plenty).
 *
 * @example
 *   const lv = await levelMechanisms(fileLoader, serialRunner, { reps: 50 });
 *   lv.gainRate.frequency; // about 0.017 SD/week
 */
export async function levelMechanisms(
  load: ScenarioLoader,
  run: ScenarioRunner,
  options: { reps: number; mechanisms?: readonly Mechanism[]; onMechanism?: (mechanism: Mechanism) => void },
): Promise<Levelling> {
  const reference = resolveSpec(LEVEL_REFERENCE, load, options.reps);
  const base = await run(reference, options.reps, 2);
  const effect = pooledEffect(base.whole, reference.params.outcomes.primary, 'matched');
  const start = reference.params.behaviour.gainRate;
  const gainRate = {} as Record<Mechanism, number>;
  for (const mechanism of options.mechanisms ?? MECHANISMS) {
    options.onMechanism?.(mechanism);
    gainRate[mechanism] = mechanism === reference.params.programme.mechanism ? start : await levelGainRate(load, run, mechanism, effect, start, options.reps);
  }
  return { reference: specLabel(LEVEL_REFERENCE), effect, gainRate };
}

/**
 * Runs both programmes under every mechanism, each mechanism levelled to the default mechanism's
 * average effect (see levelMechanisms), and measures every figure.
 */
export async function studyMechanisms(
  load: ScenarioLoader,
  run: ScenarioRunner,
  options: { reps: number; batches?: number; onScenario?: (label: string, index: number, total: number) => void },
): Promise<MechanismStudy> {
  const batches = Math.min(options.batches ?? 20, options.reps);
  const rows: MechanismRow[] = [];
  const scenarios: MechanismStudy['scenarios'][number][] = [];
  const levelling = await levelMechanisms(load, run, { reps: Math.min(options.reps, 200) });
  const gainRate = levelling.gainRate;
  let index = 0;
  for (const mechanism of MECHANISMS) {
    const runs = {} as Record<ComparedProgramme['key'], RunSet>;
    let seed: number | undefined;
    for (const p of PROGRAMMES) {
      const spec: ScenarioSpec = {
        ...p.spec,
        overrides: { ...p.spec.overrides, programme: { ...p.spec.overrides?.programme, mechanism }, behaviour: { gainRate: gainRate[mechanism] } },
      };
      // The befriending programme runs on the trajectory's seed: common random numbers.
      const s = resolveSpec(spec, load, options.reps, {}, seed);
      seed ??= s.seed;
      options.onScenario?.(specLabel(spec), index++, MECHANISMS.length * PROGRAMMES.length);
      scenarios.push({ label: specLabel(spec), name: s.name, seed: s.seed });
      runs[p.key] = await run(s, options.reps, batches);
    }
    const figures: MechanismRow['figures'] = {};
    const differences: MechanismRow['differences'] = {};
    for (const f of FIGURES) {
      const m = (r: RunSet) => ({ whole: f.measure(r.whole), batches: r.batches.map(f.measure) });
      const t = m(runs.trajectory);
      const b = m(runs.befriending);
      figures[f.key] = {
        trajectory: { value: t.whole, ci: batchInterval(t.whole, t.batches) },
        befriending: { value: b.whole, ci: batchInterval(b.whole, b.batches) },
      };
      differences[f.key] = { value: b.whole - t.whole, ci: batchInterval(b.whole - t.whole, b.batches.map((x, i) => x - t.batches[i])) };
    }
    rows.push({ mechanism, figures, differences });
  }
  return { reps: options.reps, batches, rows, levelling, scenarios };
}

function fmt(unit: Figure['unit'], x: number, signed = false): string {
  if (!Number.isFinite(x)) return 'n/a';
  const sign = signed && x > 0 ? '+' : '';
  switch (unit) {
    case 'share': return `${sign}${(100 * x).toFixed(1)}%`;
    case 'EUR': return `${sign}${x < 0 ? '-' : ''}EUR ${Math.round(Math.abs(x)).toLocaleString('en-GB')}`;
    case 'hours': return `${sign}${x.toFixed(1)}`;
    default: return `${sign}${x.toFixed(2)}`;
  }
}
const fmtEstimate = (unit: Figure['unit'], e: Estimate, signed = false) => `${fmt(unit, e.value, signed)} [${fmt(unit, e.ci[0], signed)}, ${fmt(unit, e.ci[1], signed)}]`;

const programmeLabel = (k: ComparedProgramme['key']) => PROGRAMMES.find((p) => p.key === k)!.label;

export type { Robustness };

export interface Verdict {
  readonly figure: string;
  readonly short: string;
  readonly robustness: Robustness;
  readonly text: string;
}

/** One plain-words verdict per figure (the classification is acrossMechanisms, shared with `buddysim designs`). */
export function verdicts(study: MechanismStudy): Verdict[] {
  return FIGURES.map((f) => {
    const across = acrossMechanisms(study.rows.map((r) => r.differences[f.key]));
    // A clear difference favours befriending when befriending is higher and higher is better (or neutral).
    const favoured = (side: number): ComparedProgramme['key'] | null => (side === 0 ? null : (side > 0) === (f.better !== 'lower') ? 'befriending' : 'trajectory');
    const per = study.rows.map((r, i) => ({ mechanism: r.mechanism, side: favoured(across.sides[i]), d: r.differences[f.key], v: r.figures[f.key] }));
    const identical = Math.max(...per.map((p) => p.d.value)) - Math.min(...per.map((p) => p.d.value)) < 1e-9;
    const pair = (p: (typeof per)[number]) => `${fmt(f.unit, p.v.befriending.value)} for befriending, ${fmt(f.unit, p.v.trajectory.value)} for the trajectory`;
    const each = per.map((p) => `*${p.mechanism}*: ${pair(p)}`).join('; ');
    const side = per[0].side;
    const does = (k: ComparedProgramme['key']) => (f.better === 'neutral' ? `higher for the ${programmeLabel(k)}` : `the ${programmeLabel(k)} does better`);
    if (across.side === 0) {
      return { figure: f.key, short: f.short, robustness: 'robust', text: `**${f.short}**: no clear difference under any mechanism (${each}).` };
    }
    if (across.side !== 'mixed' && identical) {
      return {
        figure: f.key, short: f.short, robustness: 'robust',
        text: `**${f.short}**: ${does(side!)}, by the same margin under every mechanism (${pair(per[0])}): in the model the mechanism changes what contact achieves, not who stays, how many hours are given or what it costs.`,
      };
    }
    if (across.side !== 'mixed') {
      const size = across.robustness === 'direction' ? ' The direction is robust; the size of the gap hinges on the mechanism.' : '';
      return { figure: f.key, short: f.short, robustness: across.robustness, text: `**${f.short}**: ${does(side!)} under every mechanism (${each}).${size}` };
    }
    const parts = per.map((p) => `under *${p.mechanism}* ${p.side ? does(p.side) : 'neither is clearly better'} (${pair(p)})`);
    return { figure: f.key, short: f.short, robustness: 'hinges', text: `**${f.short}**: hinges on the mechanism: ${parts.join('; ')}.` };
  });
}

/** The mechanisms report as Markdown (docs/mechanisms.md). */
export function mechanismsMarkdown(study: MechanismStudy, command: string): string {
  const L: string[] = [];
  const v = verdicts(study);
  L.push('# Contested mechanisms: the 40-hour trajectory against year-long befriending');
  L.push('');
  L.push(`Generated by \`${command}\`; do not edit by hand. ${study.reps} replications per scenario; 95% intervals from ${study.batches} batch means; differences are befriending minus trajectory, batch by batch, both run on the same seed.`);
  L.push('');
  L.push('The literature disagrees on what makes a buddy relationship work ([LitReview2021] §5.2; sources in [references.md](references.md)). The model lets a scenario choose (`programme.mechanism`):');
  L.push('');
  for (const m of MECHANISMS) L.push(`- **${m}**: ${MECHANISM_WORDS[m]}.`);
  L.push('');
  L.push('Under every mechanism relationship quality still grows with contact, and endings still depend on quality, the volunteer and the participant: the mechanism changes only how a week of contact turns into gains.');
  L.push('');
  const lv = study.levelling;
  L.push(`**Levelled to the same average effect.** The mechanisms count the dose in different units, so with one gain rate a reading could look stronger only because its unit is larger. Whichever reading is right, the model must still reproduce the average effect of mentoring (fact 3, [validation.md](validation.md)), so each mechanism runs with the gain rate that gives \`${lv.reference}\` the same effect on its main outcome as the calibrated default (g = ${lv.effect.toFixed(3)}): ${MECHANISMS.map((m) => `${m} ${lv.gainRate[m]} SD/week`).join(', ')}.`);
  L.push('');
  L.push('**The programmes.** `civic-integration-40h`: newcomers meet a volunteer for 40 hours, 2 hours a week, so it ends as planned after about 20 weeks (within a 40-week limit). `newcomer-befriending`: year-long befriending (weekly, 1.5 hours, 52 weeks, relational support, continuation allowed) for exactly the people, inflow (2 referrals a week) and full-time coordinator of the trajectory, so the comparison is one of designs, not of scale. Each is measured at its own bundled first measurement (26 weeks after referral for the trajectory, 60 for befriending) and 26 and 52 weeks later. Premature endings count endings before each programme\'s own planned end (the 40 hours, or 40 weeks at most, for the trajectory; 52 weeks for befriending).');
  L.push('');
  L.push('This study stays as the evidence report of the two bundled scenarios. `buddysim designs` ([designs.md](designs.md)) generalises it: 30 ways to spend the 40 hours and year-long befriending, each measured at its own end and 12 months later, with regret and the same verdicts.');
  L.push('');
  L.push('## In plain words');
  L.push('');
  const list = (r: Robustness) => v.filter((x) => x.robustness === r).map((x) => x.short.toLowerCase()).join('; ') || 'nothing';
  L.push(`**Robust to the mechanism** (the same answer whichever reading of the evidence is right): ${list('robust')}.`);
  L.push('');
  L.push(`**Robust in direction, not in size** (the same programme does better under every mechanism, but by how much depends on the reading): ${list('direction')}.`);
  L.push('');
  L.push(`**Hinges on the mechanism** (which programme does better depends on the reading): ${list('hinges')}.`);
  L.push('');
  L.push('Why: under *duration* gains build up over months, so a trajectory that ends after about 20 weeks stops before its gains reach full speed; under *frequency* only contact hours count, so the programme that gives more hours in all gains more, however they are spread; under *neither* gains come in the first weeks, so a short trajectory gets about as much of its dose as a long relationship. What differs then comes from the support style (the trajectory is more practical, befriending more relational: see the effects on skills and on well-being) and from who stays.');
  L.push('');
  for (const x of v) L.push(`- ${x.text}`);
  L.push('');
  L.push('## Figures by mechanism');
  L.push('');
  L.push('| figure | mechanism | 40-hour trajectory | year-long befriending | befriending minus trajectory |');
  L.push('|---|---|---|---|---|');
  for (const f of FIGURES) {
    for (const r of study.rows) {
      const e = r.figures[f.key];
      L.push(`| ${f.label} | ${r.mechanism} | ${fmtEstimate(f.unit, e.trajectory)} | ${fmtEstimate(f.unit, e.befriending)} | ${fmtEstimate(f.unit, r.differences[f.key], true)} |`);
    }
  }
  L.push('');
  L.push('## Scenarios run');
  L.push('');
  for (const s of study.scenarios) L.push(`- \`${s.label}\` (seed ${s.seed})`);
  return L.join('\n') + '\n';
}

/** A compact table of the study for a terminal. */
export function mechanismsText(study: MechanismStudy): string {
  const rows = [['figure', 'mechanism', 'trajectory', 'befriending', 'difference [95% interval]']];
  for (const f of FIGURES) {
    for (const r of study.rows) {
      const e = r.figures[f.key];
      rows.push([f.label, r.mechanism, fmt(f.unit, e.trajectory.value), fmt(f.unit, e.befriending.value), fmtEstimate(f.unit, r.differences[f.key], true)]);
    }
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const table = rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd()).join('\n');
  return [table, '', ...verdicts(study).map((x) => `- ${x.text.replace(/\*/g, '')}`)].join('\n');
}
