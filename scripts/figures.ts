// Writes docs/figures.md from the metric registry (npm run docs).
import { writeFileSync } from 'node:fs';
import { figuresMarkdown } from '../src/analysis/figuresDoc.ts';

writeFileSync('docs/figures.md', figuresMarkdown());
