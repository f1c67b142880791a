import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUNDLED_DIR, readScenario } from '../../src/io/readScenario.ts';
import { runSerial } from '../../src/runner/task.ts';

/**
 * A bundled scenario is an example people copy: it runs without warnings, or its description says
 * which warnings it gives and why (an overloaded programme on purpose).
 */
describe('bundled scenarios and their warnings', () => {
  const names = readdirSync(BUNDLED_DIR).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
  it.each(names)('%s: no warning, or one its description names', (name) => {
    const scenario = readScenario(name);
    const { summary } = runSerial(scenario, 40);
    for (const w of summary.warnings) expect(scenario.description, `${name} warns ${w.code}: ${w.message}`).toContain(w.code);
  });
});
