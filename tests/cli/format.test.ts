import { describe, expect, it } from 'vitest';
import { formatSummary } from '../../src/cli/format.ts';
import { readScenario } from '../../src/io/readScenario.ts';
import { runSerial } from '../../src/runner/task.ts';

/**
 * The retained effect in the readable summary: how much of the first effect is left a year later,
 * over the people measured at both points, or a plain sentence when the first effect is too small
 * to keep (the figure is null then, never a ratio of noise).
 */
describe('the readable summary of the retained effect', () => {
  it('says how much is left among those measured at both points', () => {
    const { summary } = runSerial(readScenario('flemish-befriending'), 20);
    const retained = summary.metrics.retainedEffect.value as number;
    expect(retained).toBeGreaterThan(0.5);
    expect(formatSummary(summary)).toContain(`among those measured at both, a year later ${Math.round(retained * 100)}% of it is left`);
  }, 60_000);

  it('says there was too little to keep when the first effect is near zero (the 40-hour trajectory under duration)', () => {
    const { summary } = runSerial(readScenario('civic-integration-40h'), 20);
    expect(summary.metrics.retainedEffect.value).toBeNull();
    expect(formatSummary(summary)).toContain('too little effect at the first point to say how much is left a year later');
  }, 60_000);
});
