import { describe, expect, it } from 'vitest';
import { oncePer, perScenario } from '../../src/engine/perScenario.ts';

describe('oncePer', () => {
  it('builds once per key object, and again for another object with the same values', () => {
    let builds = 0;
    const weights = oncePer((p: { a: number }) => {
      builds += 1;
      return [p.a];
    });
    const key = { a: 1 };
    expect(weights(key)).toBe(weights(key));
    expect(builds).toBe(1);
    expect(weights({ a: 1 })).toEqual([1]);
    expect(builds).toBe(2);
  });
  it('caches a falsy value too (built once)', () => {
    let builds = 0;
    const none = oncePer((_: object) => {
      builds += 1;
      return null;
    });
    const key = {};
    none(key);
    none(key);
    expect(builds).toBe(1);
  });
});

describe('perScenario', () => {
  it('builds once per key and horizon', () => {
    let builds = 0;
    const table = perScenario((b: { step: number }, weeks: number) => {
      builds += 1;
      return Float64Array.from({ length: weeks }, (_, w) => w * b.step);
    });
    const b = { step: 2 };
    expect(table(b, 3)).toBe(table(b, 3));
    expect(Array.from(table(b, 3))).toEqual([0, 2, 4]);
    expect(table(b, 4).length).toBe(4);
    expect(builds).toBe(2);
  });
});
