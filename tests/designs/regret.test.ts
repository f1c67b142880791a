import { describe, expect, it } from 'vitest';
import { batchMeansInterval } from '../../src/analysis/interval.ts';
import { regretTable, type Measured } from '../../src/designs/regret.ts';

/** Hand-made results: design -> mechanism -> value and batches. */
function measured(table: Record<string, Record<string, Measured>>) {
  return (design: string, mechanism: string) => table[design][mechanism];
}
const flat = (value: number, jitter = [0.001, -0.001, 0.002, -0.002]): Measured => ({ value, batches: jitter.map((j) => value + j) });

describe('regretTable', () => {
  const values = {
    A: { duration: flat(0.1), frequency: flat(0.05), neither: flat(0.07) },
    B: { duration: flat(0.08), frequency: flat(0.08), neither: flat(0.08) },
    C: { duration: flat(0.02), frequency: flat(0.09), neither: flat(0.12) },
  };
  const t = regretTable({
    designs: ['A', 'B', 'C'], mechanisms: ['duration', 'frequency', 'neither'], better: 'higher', tolerance: { absolute: 0.045 }, measured: measured(values),
  });

  it('finds the best design under each mechanism', () => {
    expect(t.best).toEqual({ duration: 'A', frequency: 'C', neither: 'C' });
  });
  it('measures each design\'s shortfall from the best, 0 for the best', () => {
    const a = t.designs[0].byMechanism;
    expect(a.duration.value).toBe(0);
    expect(a.frequency.value).toBeCloseTo(0.04, 12);
    expect(a.neither.value).toBeCloseTo(0.05, 12);
    expect(t.designs[1].byMechanism.duration.value).toBeCloseTo(0.02, 12);
    expect(t.designs[2].byMechanism.duration.value).toBeCloseTo(0.08, 12);
  });
  it('gives the largest regret and picks the minimax design', () => {
    expect(t.designs.map((d) => Number(d.maxRegret.toFixed(6)))).toEqual([0.05, 0.04, 0.08]);
    expect(t.minimax).toEqual(['B']);
  });
  it('lists the designs within the tolerance under every mechanism, smallest regret first', () => {
    expect(t.designs.map((d) => d.neverFar)).toEqual([false, true, false]);
    expect(t.neverFar).toEqual(['B']);
  });
  it('pairs the batches: the interval is that of the batch-by-batch shortfall', () => {
    // B's batches move with the best's (same jitter): the paired shortfall has no spread.
    expect(t.designs[1].byMechanism.frequency.ci95).toEqual([0.01, 0.01].map((x) => expect.closeTo(x, 12)));
    const c = regretTable({
      designs: ['A', 'B'], mechanisms: ['m'], better: 'higher', tolerance: { absolute: 0.1 },
      measured: measured({ A: { m: { value: 1, batches: [1, 1.2, 0.8, 1] } }, B: { m: { value: 0.9, batches: [0.95, 1.05, 0.75, 0.85] } } }),
    });
    expect(c.designs[1].byMechanism.m.ci95).toEqual(batchMeansInterval(0.1, [0.05, 0.15, 0.05, 0.15]).map((x) => expect.closeTo(x, 12)));
  });
  it('is robust in direction only when a design stays within the tolerance but is clearly behind somewhere', () => {
    expect(t.designs[1].byMechanism.frequency.tied).toBe(false);
    expect(t.alwaysTied).toEqual([]);
    expect(t.verdict).toBe('direction');
  });
  it('hinges when no design stays within the tolerance under every mechanism', () => {
    const tight = regretTable({ designs: ['A', 'B', 'C'], mechanisms: ['duration', 'frequency', 'neither'], better: 'higher', tolerance: { absolute: 0.03 }, measured: measured(values) });
    expect(tight.neverFar).toEqual([]);
    expect(tight.verdict).toBe('hinges');
    expect(tight.minimax).toEqual(['B']);
  });
  it('is robust when one design is the best, or not told apart from it, everywhere', () => {
    const noisy = (value: number): Measured => ({ value, batches: [value + 0.05, value - 0.05, value + 0.04, value - 0.04] });
    const r = regretTable({
      designs: ['A', 'B'], mechanisms: ['duration', 'neither'], better: 'higher', tolerance: { absolute: 0.02 },
      measured: measured({ A: { duration: flat(0.1), neither: flat(0.1) }, B: { duration: { value: 0.11, batches: [0.161, 0.059, 0.152, 0.068] }, neither: noisy(0.09) } }),
    });
    expect(r.best).toEqual({ duration: 'B', neither: 'A' });
    expect(r.alwaysTied).toEqual(['A', 'B']);
    expect(r.verdict).toBe('robust');
  });
  it('reads lower as better for costs, with a tolerance relative to the best', () => {
    const r = regretTable({
      designs: ['A', 'B', 'C'], mechanisms: ['duration', 'neither'], better: 'lower', tolerance: { relative: 0.1 },
      measured: measured({ A: { duration: flat(1000), neither: flat(1000) }, B: { duration: flat(1080), neither: flat(1120) }, C: { duration: flat(NaN), neither: flat(900) } }),
    });
    expect(r.best).toEqual({ duration: 'A', neither: 'C' });
    expect(r.threshold).toEqual({ duration: 100, neither: 90 });
    expect(r.designs[1].byMechanism.duration).toMatchObject({ value: 80, within: true });
    expect(r.designs[1].byMechanism.neither).toMatchObject({ value: 220, within: false });
    // A design without a value under some mechanism has no largest regret and is never "never far".
    expect(r.designs[2].maxRegret).toBeNaN();
    expect(r.designs[2].neverFar).toBe(false);
    expect(r.minimax).toEqual(['A']);
  });
});
