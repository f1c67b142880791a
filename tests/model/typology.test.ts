import { describe, expect, it } from 'vitest';
import { readScenario } from '../../src/io/readScenario.ts';
import { paramRows } from '../../src/model/params.ts';
import { withTypologyDefaults } from '../../src/model/typology.ts';
import { parseScenario } from '../../src/scenario/resolve.ts';

/** The programme types' defaults as docs/model.md ("Programme types, formats and the full cost") states them. */
const DOCUMENTED = {
  befriending: { supportStyle: 0.3, goalClosure: 'no', focus: 'wellbeing', continuationShare: 0.35, preMatchTrainingHours: 4 },
  coaching: { supportStyle: 0.65, goalClosure: 'yes', focus: 'integration', continuationShare: 0.1, preMatchTrainingHours: 8 },
  mentoring: { supportStyle: 0.55, goalClosure: 'no', focus: 'work', continuationShare: 0.2, preMatchTrainingHours: 8 },
} as const;
const FIELDS = Object.keys(DOCUMENTED.befriending) as (keyof typeof DOCUMENTED.befriending)[];

const programmeOf = (programme: Record<string, unknown> | undefined) =>
  parseScenario({ version: 1, name: 'x', ...(programme ? { programme } : {}) }).params.programme;

describe('programme type defaults, applied when a scenario is parsed', () => {
  it.each(Object.entries(DOCUMENTED))('%s sets its documented support style, closure, focus, continuation and training', (typology, expected) => {
    const p = programmeOf({ typology });
    for (const f of FIELDS) expect(p[f], f).toBe(expected[f]);
  });

  it('follow the directions of the literature: befriending relational, continuing most and trained least', () => {
    const [b, c, m] = (['befriending', 'coaching', 'mentoring'] as const).map((typology) => programmeOf({ typology }));
    expect(b.supportStyle).toBeLessThan(0.5);
    expect(Math.min(c.supportStyle, m.supportStyle)).toBeGreaterThan(0.5);
    expect(c.goalClosure).toBe('yes');
    expect(b.continuationShare).toBeGreaterThan(Math.max(c.continuationShare, m.continuationShare));
    expect(b.preMatchTrainingHours).toBeLessThan(Math.min(c.preMatchTrainingHours, m.preMatchTrainingHours));
  });

  it('a scenario without a type is befriending, and the schema defaults in the parameter table are the same values', () => {
    const p = programmeOf(undefined);
    expect(p.typology).toBe('befriending');
    for (const f of FIELDS) {
      expect(p[f], f).toBe(DOCUMENTED.befriending[f]);
      const row = paramRows().find((r) => r.path === `programme.${f}`)!;
      expect(row.spec.default, f).toBe(DOCUMENTED.befriending[f]);
      // The table says that the type decides, with every type's value.
      for (const [typology, values] of Object.entries(DOCUMENTED)) expect(row.spec.help, f).toContain(`${typology} ${values[f]}`);
    }
  });

  it('a value the scenario gives wins over its type\'s, zero and "no" included; the rest still come from the type', () => {
    const p = programmeOf({ typology: 'coaching', supportStyle: 0.8, goalClosure: 'no', continuationShare: 0, preMatchTrainingHours: 0 });
    expect([p.supportStyle, p.goalClosure, p.continuationShare, p.preMatchTrainingHours]).toEqual([0.8, 'no', 0, 0]);
    expect(p.focus).toBe('integration');
  });

  it('works on the merged file of an extends chain: the child\'s type, the values either file gives', () => {
    // civic-integration-40h is coaching with its own style, closure, training and focus; continuation comes from the type.
    const civic = readScenario('civic-integration-40h').params.programme;
    expect([civic.typology, civic.supportStyle, civic.goalClosure, civic.preMatchTrainingHours, civic.continuationShare]).toEqual(['coaching', 0.55, 'no', 4, 0.1]);
    // newcomer-befriending extends it as befriending: the continuation of befriending, the training the base file gives.
    const befriending = readScenario('newcomer-befriending').params.programme;
    expect([befriending.typology, befriending.continuationShare, befriending.preMatchTrainingHours]).toEqual(['befriending', 0.35, 4]);
  });

  it('leaves what it cannot read for the schema to reject', () => {
    expect(withTypologyDefaults({ programme: { typology: 'bogus' } })).toEqual({ programme: { typology: 'bogus' } });
    expect(withTypologyDefaults([1])).toEqual([1]);
    expect(withTypologyDefaults({ programme: 3 })).toEqual({ programme: 3 });
  });
});
