/**
 * The shipped experiments run each contested mechanism with its levelled gain rate: the rate that
 * gives community-mentoring the calibrated average effect. `buddysim mechanisms` finds those rates
 * and writes them into docs/mechanisms.md; the experiment files and the notebooks' example copy
 * them. When the model changes and the report is regenerated, this test says which copy is stale.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_EXPERIMENT } from '../../src/notebooks/experimentText.ts';

/** The levelled rates as docs/mechanisms.md states them: "duration 0.0267 SD/week, ...". */
function levelledRates(): Record<string, number> {
  const text = readFileSync('docs/mechanisms.md', 'utf8');
  const rates: Record<string, number> = {};
  for (const m of ['duration', 'frequency', 'neither']) {
    const found = new RegExp(`${m} ([0-9.]+) SD/week`).exec(text);
    if (!found) throw new Error(`docs/mechanisms.md states no levelled gain rate for ${m}`);
    rates[m] = Number(found[1]);
  }
  return rates;
}

/** Every variant of an experiment that sets a mechanism and a gain rate, as mechanism -> rate. */
function ratesIn(experiment: unknown): Record<string, number> {
  const rates: Record<string, number> = {};
  JSON.stringify(experiment, (key, value) => {
    if (value && typeof value === 'object' && 'programme.mechanism' in value && 'behaviour.gainRate' in value) {
      rates[value['programme.mechanism']] = value['behaviour.gainRate'];
    }
    return value;
  });
  return rates;
}

describe('the shipped experiments use the levelled gain rates', () => {
  const levelled = levelledRates();
  for (const file of ['mechanisms', 'levers-morris', 'levers-sobol']) {
    it(`experiments/${file}.json`, () => {
      expect(ratesIn(JSON.parse(readFileSync(`experiments/${file}.json`, 'utf8')))).toEqual(levelled);
    });
  }
  it('the notebooks\' example experiment', () => {
    expect(ratesIn(EXAMPLE_EXPERIMENT)).toEqual(levelled);
  });
});
