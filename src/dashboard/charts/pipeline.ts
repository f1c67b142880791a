import * as d3 from 'd3';
import type { PipelineDiagnosis, Stage } from '../../plan/diagnosis.ts';
import { createFrame, ellipsize, OKABE_ITO, textWidth, type LegendItem } from './common.ts';

export const STAGE_LABELS: Record<Stage, string> = { intake: 'Intake', screening: 'Screening', training: 'Training', matching: 'Matching', followUp: 'Follow-up' };

const STATUS_COLOUR = { ok: OKABE_ITO.green, strained: OKABE_ITO.orange, breaks: OKABE_ITO.vermillion } as const;
const STATUS_WORDS = { ok: 'ok', strained: 'strained', breaks: 'breaks' } as const;

export interface PipelineColumn {
  label: string;
  diagnosis: PipelineDiagnosis;
}

/**
 * Where the pipeline breaks: each stage from intake to follow-up (rows, in the order people pass
 * them) for each staffing (columns: now, and at the recommendation), coloured by its status (ok,
 * strained, breaks) and marked where it breaks first; hover a cell for what the weekly series show.
 *
 * @example
 *   drawPipeline(host, [{ label: 'now', diagnosis: plan.now.pipeline }, { label: 'recommended', diagnosis: plan.pipeline }]);
 */
export function drawPipeline(host: HTMLElement, columns: PipelineColumn[], reps: number): void {
  const stages = columns[0]?.diagnosis.stages.map((s) => s.stage) ?? [];
  const legend: LegendItem[] = (['ok', 'strained', 'breaks'] as const).map((k) => ({ label: STATUS_WORDS[k], color: STATUS_COLOUR[k], kind: 'rect' }));
  const first = columns.map((c) => `${c.label}: ${c.diagnosis.breaksFirst ? `breaks first at ${STAGE_LABELS[c.diagnosis.breaksFirst].toLowerCase()}` : 'no stage breaks'}`);
  const f = createFrame(host, {
    id: 'pipeline',
    title: 'Where the pipeline breaks',
    subtitle: 'Each stage after the warm-up: its queue keeps growing (breaks), is long but steady (strained), or flows (ok); a thick border marks where it breaks first',
    description: `${first.join('; ')}.`,
    legend,
    reps,
    height: 120 + 38 * Math.max(1, stages.length) + 40,
    margin: { left: 86, bottom: 30 },
  });
  const x = d3.scaleBand<string>().domain(columns.map((c) => c.label)).range([0, f.width]).padding(0.08);
  const y = d3.scaleBand<string>().domain(stages).range([0, f.height]).padding(0.12);
  f.plot
    .append('g')
    .selectAll('text')
    .data(stages)
    .join('text')
    .attr('x', -8)
    .attr('y', (s) => (y(s) ?? 0) + y.bandwidth() / 2 + 4)
    .attr('text-anchor', 'end')
    .text((s) => STAGE_LABELS[s]);
  f.plot
    .append('g')
    .selectAll('text')
    .data(columns)
    .join('text')
    .attr('x', (c) => (x(c.label) ?? 0) + x.bandwidth() / 2)
    .attr('y', f.height + 16)
    .attr('text-anchor', 'middle')
    .text((c) => ellipsize(c.label, x.bandwidth() - 4));
  for (const c of columns) {
    for (const s of c.diagnosis.stages) {
      const cx = x(c.label) ?? 0;
      const cy = y(s.stage) ?? 0;
      const breaksFirst = c.diagnosis.breaksFirst === s.stage;
      const g = f.plot.append('g').attr('data-stage', s.stage).attr('data-column', c.label).attr('data-status', s.status);
      g.append('title').text(`${STAGE_LABELS[s.stage]}, ${c.label}: ${STATUS_WORDS[s.status]}; ${s.evidence}`);
      g.append('rect')
        .attr('x', cx).attr('y', cy).attr('width', x.bandwidth()).attr('height', y.bandwidth())
        .attr('fill', STATUS_COLOUR[s.status]).attr('fill-opacity', s.status === 'ok' ? 0.35 : 0.75)
        .attr('stroke', breaksFirst ? '#1a1a1a' : 'none').attr('stroke-width', breaksFirst ? 3 : 0);
      const word = `${STATUS_WORDS[s.status]}${breaksFirst ? ' first' : ''}`;
      if (textWidth(word, 11) < x.bandwidth() - 6) {
        g.append('text').attr('x', cx + x.bandwidth() / 2).attr('y', cy + y.bandwidth() / 2 + 4).attr('text-anchor', 'middle').attr('font-weight', breaksFirst ? 700 : 400).text(word);
      }
    }
  }
}
