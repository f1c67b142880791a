/**
 * The Explore view's settings in the link (the `sweep` entry of the hash), so a shared link opens
 * the same sweep form:  `x=programme.contactsPerWeek&from=0.5&to=2&steps=4&reps=20`, and `y`,
 * `yfrom`, `yto`, `ysteps` for a second lever. A link never starts a sweep by itself.
 */
import { isSafePath } from '../state.ts';
import { defaultLever, type LeverSetting, type SweepSettings } from './sweep.ts';

/** The settings as the `sweep` entry of a link. */
export function encodeSweep(s: SweepSettings): string {
  const q = new URLSearchParams();
  s.levers.forEach((l, i) => {
    const p = i === 0 ? '' : 'y';
    q.set(i === 0 ? 'x' : 'y', l.path);
    q.set(`${p}from`, String(l.from));
    q.set(`${p}to`, String(l.to));
    q.set(`${p}steps`, String(l.steps));
  });
  q.set('reps', String(s.reps));
  return q.toString();
}

/**
 * Settings from a link's `sweep` entry; what is missing or unreadable takes the defaults (the
 * sweep form then shows its problems, as for typed values).
 *
 * @example
 *   decodeSweep('x=programme.contactsPerWeek&from=0.5&to=2&steps=4&reps=20', () => undefined).levers[0].steps; // 4
 */
export function decodeSweep(text: string, valueOf: (path: string) => unknown): SweepSettings {
  const q = new URLSearchParams(text);
  const number = (key: string, fallback: number) => {
    const raw = q.get(key);
    const n = raw === null || raw.trim() === '' ? NaN : Number(raw);
    return Number.isFinite(n) ? n : fallback;
  };
  const levers: LeverSetting[] = [];
  for (const [key, p] of [['x', ''], ['y', 'y']] as const) {
    const path = q.get(key);
    if (!path || !isSafePath(path)) continue;
    const d = defaultLever(path, valueOf(path));
    levers.push({ path, from: number(`${p}from`, d.from), to: number(`${p}to`, d.to), steps: number(`${p}steps`, d.steps) });
  }
  return { levers: levers.length > 0 ? levers : [defaultLever('programme.contactsPerWeek', valueOf('programme.contactsPerWeek'))], reps: number('reps', 20) };
}
