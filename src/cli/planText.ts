import { fmt } from '../analysis/format.ts';
import type { PipelineDiagnosis } from '../plan/diagnosis.ts';
import type { CapacityPlan, PlanAnswer, Staffing } from '../plan/plan.ts';
import { targetUnit } from '../plan/target.ts';
import { table } from './format.ts';

/** The planner's answer for people: numbers through the one formatter (src/analysis/format.ts). */

const STAGE_WORDS: Record<string, string> = { intake: 'intake', screening: 'screening', training: 'training', matching: 'matching', followUp: 'follow-up' };
const TASK_WORDS: Record<string, string> = { ...STAGE_WORDS, administration: 'administration', recruitment: 'recruitment', intervision: 'intervision' };

function staffingWords(s: Staffing): string {
  const per = s.coordinators > 1 ? ` (${s.coordinators} coordinators x ${fmt(s.hoursPerCoordinator, '', s.hoursPerCoordinator % 1 === 0 ? 0 : 2)} h)` : '';
  return `${fmt(s.volunteersPerWeek, '', 2)} volunteer applications a week (${fmt(s.volunteerApplicationsPerYear, '', 0)} a year), ${fmt(s.coordinatorHoursPerWeek, '', s.coordinatorHoursPerWeek % 1 === 0 ? 0 : 1)} coordinator hours a week${per}`;
}

function pipelineLines(d: PipelineDiagnosis, indent: string): string[] {
  const L = [
    `${indent}breaks first: ${d.breaksFirst ? STAGE_WORDS[d.breaksFirst] : 'nowhere (no queue keeps growing)'}` +
      (d.tightest && d.tightest !== d.breaksFirst ? `; tightest: ${STAGE_WORDS[d.tightest]}` : ''),
  ];
  // Words read left to right: stage, status, then what the series show.
  for (const s of d.stages) L.push(`${indent}  ${STAGE_WORDS[s.stage].padEnd(11)}${s.status.padEnd(10)}${s.evidence}`);
  const hours = Object.entries(d.hoursByTask).filter(([, h]) => h > 0.05).sort((a, b) => b[1] - a[1]);
  L.push(`${indent}  coordinator hours a week by task: ${hours.map(([t, h]) => `${TASK_WORDS[t] ?? t} ${fmt(h, '', 1)}`).join(', ')}; utilisation ${fmt(d.coordinatorUtilisation, 'share', 0)}`);
  L.push(`${indent}  volunteers: ${d.volunteers === 'short' ? 'short (none free while people wait)' : d.volunteers === 'idle' ? 'idle (free while people wait)' : 'balanced'}`);
  return L;
}

function planLines(a: PlanAnswer, p: CapacityPlan): string[] {
  const unit = targetUnit(a.target);
  const L: string[] = [];
  const est = (v: { mean: number; halfWidth: number; n: number }) =>
    `${fmt(v.mean, unit)} (${a.target.kind === 'matchedWithin' ? 'above' : 'below'} ${fmt(a.target.kind === 'matchedWithin' ? v.mean - v.halfWidth : v.mean + v.halfWidth, unit)} with ${fmt(a.confidence, 'share', 0)} confidence, ${v.n} replications)`;
  L.push(`At ${fmt(p.referralsPerYear, '', 0)} referrals a year${a.programmes > 1 ? ` (${fmt(p.referralsPerYear / a.programmes, '', 1)} in each of ${a.programmes} local programmes)` : ''}:`);
  L.push(`  Now: ${staffingWords(p.now.staffing)}`);
  L.push(`    ${est(p.now.verdict)}: ${p.now.verdict.meets ? 'meets the target' : p.now.verdict.clear ? 'misses the target' : 'not shown to meet the target'}; cost ${fmt(p.now.costPerYear, 'EUR')} a year`);
  L.push('  Where the pipeline breaks first, now:');
  L.push(...pipelineLines(p.now.pipeline, '    '));
  if (!p.met || !p.staffing || !p.achieved || !p.recommended) {
    L.push(`  No staffing found that meets the target: ${p.why ?? 'see the search path'}.`);
    return L;
  }
  L.push(`  Smallest that meets it: ${staffingWords(p.staffing)}`);
  L.push(`    on an independent seed (${p.achieved.seed}): ${est(p.achieved)}`);
  if (p.allReferredShare !== undefined && a.target.kind === 'matchedWithin' && a.target.among === 'seeking') {
    L.push(`    over all referred (people who never come to their intake or give up included): ${fmt(p.allReferredShare, 'share')} matched within ${fmt(a.target.weeks, '', 0)} weeks`);
  }
  if (p.costPerYear) L.push(`    cost ${fmt(p.costPerYear.value, 'EUR')} a year [${fmt(p.costPerYear.ci95[0], 'EUR')}, ${fmt(p.costPerYear.ci95[1], 'EUR')}] (95% CI over replications)`);
  L.push(`    recommended overrides: ${Object.entries(p.recommended).map(([k, v]) => `--set ${k}=${v}`).join(' ')}`);
  if (p.pipeline) {
    L.push('  The pipeline at that staffing:');
    L.push(...pipelineLines(p.pipeline, '    '));
  }
  const q = p.queueing;
  L.push(`  Queueing estimate (Erlang A, the search's starting point): ${fmt(q.arrivalsPerWeek, '', 2)} join the list a week, matches last ${fmt(q.matchWeeks, '', 0)} weeks: load ${fmt(q.load, '', 1)} places;` +
    ` square-root staffing ${fmt(q.squareRootPlaces, '', 0)}, Erlang A ${q.places === null ? 'none' : fmt(q.places, '', 0)} places (${fmt(q.predicted, unit)});` +
    ` about ${fmt(q.volunteersPerWeek, '', 2)} applications and ${fmt(q.coordinatorHoursPerWeek, '', 0)} coordinator hours a week`);
  if (p.nonMonotone.length > 0) {
    const at = (x: { volunteersPerWeek: number; coordinatorHoursPerWeek: number }) => `${fmt(x.volunteersPerWeek, '', 2)} applications and ${fmt(x.coordinatorHoursPerWeek, '', 1)} h a week`;
    L.push(`  ! not monotone on the search seed: ${p.nonMonotone.map((c) => `${at(c.met)} met the target, ${at(c.missed)} clearly missed it`).join('; ')}`);
  }
  return L;
}

function pathLines(a: PlanAnswer, p: CapacityPlan): string[] {
  const unit = targetUnit(a.target);
  return [
    `Search path at ${fmt(p.referralsPerYear, '', 0)} referrals a year (search seed ${a.scenario.seed}, check on the next; common random numbers within a seed):`,
    table([
      ['#', 'phase', 'applications/week', 'coordinator h/week', 'replications', 'mean', '± (one-sided)', 'verdict'],
      ...p.path.map((s, i) => [
        String(i + 1), s.phase, fmt(s.volunteersPerWeek, '', 2), fmt(s.coordinatorHoursPerWeek, '', 1), String(s.n), fmt(s.mean, unit), fmt(s.halfWidth, unit),
        s.meets ? 'meets' : s.clear ? 'misses' : 'too close to tell',
      ]),
    ]),
  ];
}

/**
 * The plan as text: the frame, the answer at the planned inflow (now, the recommendation, the
 * pipeline, the queueing estimate), the table across inflows and the search path.
 *
 * @example
 *   process.stdout.write(planText(await planCapacity(request, runner)) + '\n');
 */
export function planText(a: PlanAnswer): string {
  const L: string[] = [];
  L.push(`Capacity plan: ${a.scenario.name}`);
  L.push(`  horizon ${a.scenario.weeks} weeks (${fmt(a.scenario.years, '', 1)} years); assumed dose mechanism: ${a.scenario.mechanism}; seed ${a.scenario.seed}`);
  L.push(`  target: ${a.target.description}`);
  L.push(`  varying: ${a.vary === 'both' ? 'volunteer applications and coordinator hours' : a.vary === 'volunteers' ? 'volunteer applications' : 'coordinator hours'};` +
    ` each decision at ${fmt(a.confidence, 'share', 0)} one-sided confidence, at most ${a.maxReps} replications a candidate; ${fmt(a.replications, '', 0)} replications in all`);
  L.push('');
  L.push(...planLines(a, a.plan));
  if (a.region) {
    L.push('');
    L.push(`The region, ${a.region.programmes} such local programmes: ${fmt(a.region.volunteerApplicationsPerYear, '', 0)} volunteer applications a year,` +
      ` ${fmt(a.region.coordinatorHoursPerWeek, '', 0)} coordinator hours a week (${a.region.coordinators} coordinators), ${fmt(a.region.costPerYear, 'EUR')} a year`);
  }
  if (a.inflows.length > 0) {
    const n = a.programmes;
    L.push('');
    L.push(n > 1 ? `Across inflows (each planned as above; staffing and cost for the region, ${n} programmes):` : 'Across inflows (each planned as above):');
    L.push(table([
      ['referrals/year', 'applications/year', 'coordinator h/week', 'cost/year', 'breaks first now', 'tightest after'],
      ...a.inflows.map((r) => [
        fmt(r.referralsPerYear, '', 0),
        r.staffing ? fmt(n * r.staffing.volunteerApplicationsPerYear, '', 0) : 'not reached',
        r.staffing ? fmt(n * r.staffing.coordinatorHoursPerWeek, '', 1) : '-',
        r.costPerYear === null ? '-' : fmt(n * r.costPerYear, 'EUR'),
        r.breaksFirstNow ? STAGE_WORDS[r.breaksFirstNow] : 'nowhere',
        !r.met ? '-' : r.tightest ? STAGE_WORDS[r.tightest] : 'nowhere',
      ]),
    ]));
  }
  L.push('');
  L.push(...pathLines(a, a.plan));
  return L.join('\n');
}
