import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { paramRows } from '../../src/model/params.ts';
import { scenarioJsonSchema } from '../../src/scenario/schema.ts';
import { readScenario } from '../../src/io/readScenario.ts';
import { schemaText } from '../../src/cli/commands/schema.ts';
import { paramsText } from '../../src/cli/commands/params.ts';

describe('parameter declarations', () => {
  it('give every parameter a label, help, unit or options, a range holding the default, and a source', () => {
    for (const { path, spec } of paramRows()) {
      expect(spec.label, path).not.toBe('');
      expect(spec.help.length, path).toBeGreaterThan(10);
      expect(spec.source.length, path).toBeGreaterThan(3);
      if (spec.kind === 'number') {
        expect(spec.unit, path).not.toBe('');
        expect(spec.default, path).toBeGreaterThanOrEqual(spec.min);
        expect(spec.default, path).toBeLessThanOrEqual(spec.max);
      } else if (spec.kind === 'choice') {
        expect(spec.options, path).toContain(spec.default);
      } else {
        expect(spec.default.length, path).toBeGreaterThan(0);
        for (const d of spec.default) expect(spec.options, path).toContain(d);
      }
    }
  });
});

describe('JSON Schema', () => {
  it('is strict and carries units and sources', () => {
    const schema = scenarioJsonSchema() as { additionalProperties: boolean; properties: Record<string, any> };
    expect(schema.additionalProperties).toBe(false);
    const weeks = schema.properties.programme.properties.plannedWeeks;
    expect(weeks).toMatchObject({ minimum: 1, maximum: 260, default: 52, unit: 'weeks' });
    expect(weeks.source).toMatch(/DeWit/);
  });
  it('is committed up to date in docs/scenario.schema.json', () => {
    expect(readFileSync('docs/scenario.schema.json', 'utf8'), 'stale: run `npm run docs`').toBe(schemaText());
  });
});

describe('docs/parameters.md', () => {
  it('holds the current parameter table', () => {
    expect(readFileSync('docs/parameters.md', 'utf8'), 'stale: run `npm run docs`').toContain(paramsText(true));
  });
});

describe('bundled scenarios', () => {
  const names = readdirSync('scenarios').filter((f) => f.endsWith('.json'));
  it.each(names)('%s is valid', (name) => {
    const s = readScenario(`scenarios/${name}`);
    expect(s.name.length).toBeGreaterThan(0);
    expect(s.description.length).toBeGreaterThan(20);
  });
});
