/**
 * Values computed once per scenario instead of once per replication: the tables every replication
 * of a scenario reads and none writes (the fade of gains, the dose's ramp, planned contacts by
 * age, each domain's share of a gain). The cache holds its key (a scenario's parameters, or a
 * section of them) weakly, so entries go when the scenario does. The key must not change after a
 * first call (scenarios are frozen when parsed), and callers must not write to what is returned:
 * every later replication shares it.
 */

/**
 * `build(key)`, computed once per key object.
 *
 * @example
 *   const weights = oncePer((p: { a: number; b: number }) => [p.a, p.b]);
 *   const params = { a: 1, b: 3 };
 *   weights(params) === weights(params); // true: built once, then shared
 */
export function oncePer<K extends object, V>(build: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>();
  return (key) => {
    if (cache.has(key)) return cache.get(key) as V;
    const value = build(key);
    cache.set(key, value);
    return value;
  };
}

/**
 * `build(key, weeks)`, computed once per key object and horizon: a table over the weeks of a run.
 *
 * @example
 *   const ramps = perScenario((b: { rampWeeks: number }, weeks: number) =>
 *     Float64Array.from({ length: weeks + 1 }, (_, age) => Math.min(1, (age + 1) / b.rampWeeks)));
 *   const behaviour = { rampWeeks: 8 };
 *   ramps(behaviour, 52) === ramps(behaviour, 52); // true
 *   ramps(behaviour, 104).length; // 105: another horizon, another table
 */
export function perScenario<K extends object, V>(build: (key: K, weeks: number) => V): (key: K, weeks: number) => V {
  const byKey = oncePer((_: K) => new Map<number, V>());
  return (key, weeks) => {
    const byWeeks = byKey(key);
    if (byWeeks.has(weeks)) return byWeeks.get(weeks) as V;
    const value = build(key, weeks);
    byWeeks.set(weeks, value);
    return value;
  };
}
