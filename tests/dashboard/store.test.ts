import { describe, expect, it } from 'vitest';
import { Store } from '../../src/dashboard/app/store.ts';

describe('dashboard store', () => {
  it('replaces the state on update and tells listeners the state before and after', () => {
    const store = new Store({ a: 1, b: 'x' });
    const seen: string[] = [];
    store.subscribe((s, before) => seen.push(`${before.a}${before.b}->${s.a}${s.b}`));
    const first = store.get();
    store.update({ a: 2 });
    store.update((s) => ({ b: `${s.b}y` }));
    expect(seen).toEqual(['1x->2x', '2x->2xy']);
    expect(first).toEqual({ a: 1, b: 'x' });
    expect(store.get()).not.toBe(first);
  });

  it('freezes the state: it changes only through update', () => {
    const store = new Store({ a: 1 });
    expect(() => {
      (store.get() as { a: number }).a = 5;
    }).toThrow(TypeError);
    expect(store.get().a).toBe(1);
  });

  it('refuses an update from inside a listener, and stays usable after', () => {
    const store = new Store({ a: 1 });
    const stop = store.subscribe(() => store.update({ a: 3 }));
    expect(() => store.update({ a: 2 })).toThrow(/listener may not update/);
    stop();
    store.update({ a: 4 });
    expect(store.get().a).toBe(4);
  });
});
