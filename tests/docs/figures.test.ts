import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { figuresMarkdown } from '../../src/analysis/figuresDoc.ts';
import { METRIC_NAMES } from '../../src/analysis/metrics.ts';

describe('docs/figures.md', () => {
  it('is the list of figures the code computes (regenerate with `npm run docs`)', () => {
    expect(readFileSync('docs/figures.md', 'utf8'), 'stale: run `npm run docs`').toBe(figuresMarkdown());
  });
  it('names every figure, or the pattern it belongs to', () => {
    const doc = figuresMarkdown();
    for (const m of METRIC_NAMES) {
      const listed = doc.includes(`\`${m}\``) || (/^effect(AllReferred|Matched)\./.test(m) && doc.includes(`\`${m.split('.')[0]}.<domain>`)) || (m.startsWith('costPerYear.') && doc.includes('`costPerYear.<item>`'));
      expect(listed, m).toBe(true);
    }
  });
});
