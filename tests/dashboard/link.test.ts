import { describe, expect, it } from 'vitest';
import { FIELD_KINDS, resolveDesign } from '../../src/dashboard/design.ts';
import { MAX_LINK_CHARS, MAX_LINK_ENTRIES, readLink } from '../../src/dashboard/state.ts';

describe('reading a link (case 15)', () => {
  it('reads a normal link without notes', () => {
    expect(readLink('#scenario=duo-for-a-job&reps=40', FIELD_KINDS)).toEqual({ state: { scenario: 'duo-for-a-job', overrides: { reps: 40 }, baseline: null }, notes: [] });
  });
  it('says when entries could not be read, quoting a few, shortened', () => {
    const long = 'x'.repeat(500);
    const { state, notes } = readLink(`#reps=40&%3Cscript%3E=1&a.b.c=2&${long}.y.z=3&__proto__=4`, FIELD_KINDS);
    expect(state.overrides).toEqual({ reps: 40 });
    expect(notes).toEqual([`4 entries of the link could not be read and were ignored: "<script>", "a.b.c", "${'x'.repeat(40)}...", ....`]);
  });
  it('reads at most MAX_LINK_ENTRIES entries and counts the rest, quickly for 60,000 unknown keys', () => {
    const hash = Array.from({ length: 60_000 }, (_, i) => `k${i}=1`).join('&');
    expect(hash.length).toBeLessThan(MAX_LINK_CHARS * 10);
    const { state, notes } = readLink(hash.slice(0, MAX_LINK_CHARS), FIELD_KINDS);
    expect(Object.keys(state.overrides)).toHaveLength(MAX_LINK_ENTRIES);
    expect(notes[0]).toMatch(new RegExp(`^The link holds \\d+ entries; only the first ${MAX_LINK_ENTRIES} were read.$`));
    // The design built from it names its problems (they are shown 20 at a time).
    expect(resolveDesign({ scenario: state.scenario, overrides: state.overrides }).problems.general.length).toBe(MAX_LINK_ENTRIES);
  });
  it('does not read a link longer than MAX_LINK_CHARS at all', () => {
    const { state, notes } = readLink(`#reps=1000000&${'a'.repeat(MAX_LINK_CHARS)}`, FIELD_KINDS);
    expect(state).toEqual({ scenario: null, overrides: {}, baseline: null });
    expect(notes[0]).toMatch(/^The link is too long to read \([\d,]+ characters; at most 65,536\): nothing of it was used.$/);
  });
});
