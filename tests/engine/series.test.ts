import { describe, expect, it } from 'vitest';
import { SeriesRecorder, plainArray } from '../../src/engine/series.ts';

describe('SeriesRecorder', () => {
  it('starts every series at zero for every week', () => {
    const r = new SeriesRecorder(['a', 'b'] as const, 3);
    expect(r.toTable()).toEqual({ a: [0, 0, 0], b: [0, 0, 0] });
  });
  it('sets stocks and adds up flows, week by week and series by series', () => {
    const r = new SeriesRecorder(['stock', 'flow'] as const, 4);
    r.set('stock', 0, 5);
    r.set('stock', 0, 7); // set overwrites
    r.set('stock', 3, 2.5);
    r.add('flow', 1, 1);
    r.add('flow', 1, 2);
    r.add('flow', 2, 0.25);
    r.set('flow', 3, 4);
    r.add('flow', 3, -1);
    expect(r.toTable()).toEqual({ stock: [7, 0, 0, 2.5], flow: [0, 3, 0.25, 3] });
  });
  it('keeps fractional values at full double precision', () => {
    const r = new SeriesRecorder(['x'] as const, 1);
    r.add('x', 0, 0.1);
    r.add('x', 0, 0.2);
    expect(r.toTable().x[0]).toBe(0.1 + 0.2);
  });
  it('gives plain arrays, keyed by the names in order, that survive JSON', () => {
    const r = new SeriesRecorder(['b', 'a'] as const, 2);
    r.set('a', 1, 1.5);
    const t = r.toTable();
    expect(Object.keys(t)).toEqual(['b', 'a']);
    for (const col of Object.values<number[]>(t)) {
      expect(Array.isArray(col)).toBe(true);
      expect(col).not.toBeInstanceOf(Float64Array);
    }
    expect(JSON.parse(JSON.stringify(t))).toEqual({ b: [0, 0], a: [0, 1.5] });
  });
  it('hands out copies: the table and the recorder do not share storage', () => {
    const r = new SeriesRecorder(['a'] as const, 2);
    r.set('a', 0, 1);
    const first = r.toTable();
    first.a[0] = 99;
    r.set('a', 1, 2);
    expect(first.a).toEqual([99, 0]);
    expect(r.toTable().a).toEqual([1, 2]);
  });
  it('exposes its names and length', () => {
    const r = new SeriesRecorder(['a', 'b'] as const, 5);
    expect(r.names).toEqual(['a', 'b']);
    expect(r.weeks).toBe(5);
    expect(r.toTable().b).toHaveLength(5);
  });
});

describe('plainArray', () => {
  it('copies a typed array into a plain array, value for value', () => {
    const typed = new Float64Array([0, 1.5, -2, 0.1 + 0.2]);
    const plain = plainArray(typed);
    expect(Array.isArray(plain)).toBe(true);
    expect(plain).toEqual([0, 1.5, -2, 0.1 + 0.2]);
    typed[0] = 9;
    expect(plain[0]).toBe(0);
  });
  it('gives an empty array for an empty one', () => expect(plainArray(new Int32Array(0))).toEqual([]));
});
