import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The TypeScript examples of the README and of docs/ compile against the code as it is: a renamed
 * function, option or summary field breaks this test instead of the reader's first try. Each example
 * is compiled as written, its imports from ./src pointed at this checkout, with declarations for the
 * few names an example leaves to the reader (below, by page and example, counted from 0). A problem is
 * reported by its page and example: docs_planning_md_2.ts(14,16) is line 14 of the third example of
 * docs/planning.md, counting the declarations above it.
 */
const LEFT_TO_THE_READER: Record<string, string> = {
  'README.md#1': [
    "import type { Scenario, RepStats } from './src/index.ts';",
    'declare const designs: Scenario[];',
    'declare function save(stats: RepStats): void;',
    'declare function tally(value: number): void;',
  ].join('\n'),
  'docs/planning.md#0': "import type { Pool } from './src/analysis/pool.ts';\ndeclare const pool: Pool;",
  'docs/sensitivity.md#0': 'declare function runMyModel(u: readonly number[]): number;',
};

/** Pages whose examples are checked elsewhere: the worked example of docs/model.md runs in modelExample.test.ts, and its second block is a fragment of the week's order. */
const CHECKED_ELSEWHERE = new Set(['docs/model.md']);

const root = resolve('.');
const pages = ['README.md', ...readdirSync('docs').filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)].filter((p) => !CHECKED_ELSEWHERE.has(p));
const examples = pages.flatMap((page) =>
  [...readFileSync(page, 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((m, i) => ({ page, index: i, code: m[1] })),
);

describe('the TypeScript examples of the README and docs/', () => {
  it('are there to check', () => {
    expect(examples.length).toBeGreaterThanOrEqual(8);
    expect(new Set(examples.map((e) => e.page))).toContain('README.md');
  });

  it('compile against the code as it is', () => {
    const dir = mkdtempSync(join(tmpdir(), 'buddysim-examples-'));
    const files = examples.map(({ page, index, code }) => {
      const file = join(dir, `${page.replace(/[/.]/g, '_')}_${index}.ts`);
      const text = `export {};\n${LEFT_TO_THE_READER[`${page}#${index}`] ?? ''}\n${code}`.replaceAll("from './src/", `from '${root}/src/`);
      writeFileSync(file, text);
      return file;
    });
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
      extends: join(root, 'tsconfig.json'),
      compilerOptions: { noEmit: true, rootDir: '/', typeRoots: [join(root, 'node_modules/@types'), join(root, 'node_modules')] },
      files,
    }));
    let problems = '';
    try {
      execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
    } catch (e) {
      // Name each problem by its page and example, not by the temporary file.
      problems = String((e as { stdout?: string }).stdout ?? e).replaceAll(/\S*buddysim-examples-\w+\//g, '');
    }
    expect(problems).toBe('');
  }, 120_000);
});
