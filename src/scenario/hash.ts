import { mix32 } from '../engine/random.ts';

/** JSON with keys sorted at every level: the same scenario always serialises the same way. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** A short fingerprint of a scenario's content (not cryptographic): two 32-bit lanes as hex. */
export function scenarioHash(value: unknown): string {
  const s = canonicalJson(value);
  let h1 = 0x811c9dc5;
  let h2 = 0x9e3779b9;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = mix32(h1 ^ c);
    h2 = mix32(h2 + c + i);
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}
