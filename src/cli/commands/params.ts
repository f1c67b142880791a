import { paramRows } from '../../model/params.ts';
import { RUN_FIELDS } from '../../scenario/schema.ts';

const range = (s: { kind: string; min?: number; max?: number; options?: readonly string[] }) =>
  s.kind === 'number' ? `${s.min} - ${s.max}` : (s.options ?? []).join(' | ');

/** Every parameter with unit, range, default and source: as a Markdown table or plain lines. */
export function paramsText(markdown: boolean): string {
  const rows = [
    ...Object.entries(RUN_FIELDS).map(([key, f]) => ({ path: key, spec: f.spec })),
    ...paramRows().map((r) => ({ path: r.path, spec: r.spec })),
  ];
  if (markdown) {
    const esc = (s: string) => s.replace(/\|/g, '\\|');
    return [
      '| parameter | default | unit | range | meaning | source |',
      '|---|---|---|---|---|---|',
      ...rows.map(({ path, spec }) => `| \`${path}\` | ${spec.default} | ${spec.unit} | ${esc(range(spec))} | ${esc(spec.help)} | ${esc(spec.source)} |`),
    ].join('\n') + '\n';
  }
  return rows.map(({ path, spec }) => `${path} = ${spec.default} ${spec.unit} (${range(spec)})\n    ${spec.help}\n    source: ${spec.source}`).join('\n') + '\n';
}
