import { describe, expect, it } from 'vitest';
import { allocateColumns, float64, int32, uint8 } from '../../src/engine/process.ts';

describe('allocateColumns', () => {
  // Columns share one buffer: odd sizes and mixed types must still give separate, aligned columns.
  const cols = allocateColumns({ status: uint8(2), age: float64(45), count: int32(-1, 3), flag: uint8() }, 5);

  it('gives each column its type, length and initial value', () => {
    expect(cols.status).toBeInstanceOf(Uint8Array);
    expect(Array.from(cols.status)).toEqual([2, 2, 2, 2, 2]);
    expect(cols.age).toBeInstanceOf(Float64Array);
    expect(Array.from(cols.age)).toEqual([45, 45, 45, 45, 45]);
    expect(cols.count).toBeInstanceOf(Int32Array);
    expect(cols.count.length).toBe(15);
    expect(Array.from(cols.count).every((x) => x === -1)).toBe(true);
    expect(Array.from(cols.flag)).toEqual([0, 0, 0, 0, 0]);
  });

  it('keeps columns apart: writing every slot of one leaves the others as they were', () => {
    cols.status.fill(255);
    cols.count.fill(7);
    expect(Array.from(cols.age)).toEqual([45, 45, 45, 45, 45]);
    expect(Array.from(cols.flag)).toEqual([0, 0, 0, 0, 0]);
    for (const c of Object.values(cols)) expect(c.byteOffset % 8).toBe(0);
  });

  it('allocates empty columns for a table of no agents', () => {
    expect(allocateColumns({ age: float64(1) }, 0).age.length).toBe(0);
  });
});
