import { describe, expect, it } from 'vitest';
import { conclude } from '../../src/designs/conclusions.ts';
import type { Measured } from '../../src/designs/regret.ts';

const at = (value: number, spread = 0.005): Measured => ({ value, batches: [value - spread, value + spread, value - spread / 2, value + spread / 2] });

function verdict(better: 'higher' | 'lower', design: Record<string, Measured>, reference: Record<string, Measured>) {
  const mechanisms = Object.keys(design);
  return conclude({ design: 'B', against: 'A', figure: 'f', better, mechanisms, measured: (d, m) => (d === 'B' ? design[m] : reference[m]) });
}

describe('conclude', () => {
  it('says better, whatever the mechanism, when every paired difference is clear and alike', () => {
    const c = verdict('higher', { duration: at(0.2), neither: at(0.25) }, { duration: at(0.1), neither: at(0.12) });
    expect(c.outcome).toBe('better');
    expect(c.robustness).toBe('robust');
    expect(c.byMechanism.duration.favours).toBe('design');
    expect(c.byMechanism.duration.value).toBeCloseTo(0.1, 12);
  });
  it('reads a lower cost as better and a higher one as worse', () => {
    expect(verdict('lower', { duration: at(900, 5), neither: at(910, 5) }, { duration: at(1000, 5), neither: at(1000, 5) }).outcome).toBe('better');
    const c = verdict('lower', { duration: at(1100, 5), neither: at(1300, 5) }, { duration: at(1000, 5), neither: at(1000, 5) });
    expect(c.outcome).toBe('worse');
    expect(c.robustness).toBe('direction');
    expect(c.byMechanism.neither.favours).toBe('reference');
  });
  it('hinges when the design is better under one mechanism and worse under another', () => {
    const c = verdict('higher', { duration: at(0.2), frequency: at(0.1), neither: at(0.05) }, { duration: at(0.1), frequency: at(0.1), neither: at(0.15) });
    expect(c.outcome).toBe('mixed');
    expect(c.robustness).toBe('hinges');
    expect([c.byMechanism.duration.favours, c.byMechanism.frequency.favours, c.byMechanism.neither.favours]).toEqual(['design', null, 'reference']);
  });
  it('finds no clear difference when every interval holds zero', () => {
    const c = verdict('higher', { duration: { value: 0.11, batches: [0.2, 0.0, 0.15, 0.09] }, neither: at(0.1) }, { duration: at(0.1), neither: at(0.1) });
    expect(c.outcome).toBe('no clear difference');
    expect(c.robustness).toBe('robust');
  });
});
