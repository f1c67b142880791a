/**
 * The notebooks' code cells are TypeScript, and Notebook Kit only strips their types when it builds
 * them. This test type-checks them with the project's tsc: each notebook's cells, in page order, as one
 * module (Observable's reactive top-level names are module-level declarations here), next to the
 * globals Notebook Kit gives a cell (`display`, `view`, `md`, `width`, `invalidation`). Written to
 * out/notebook-cells/ so that imports resolve as from notebooks/. Errors name the notebook and cell.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NOTEBOOKS } from '../support/notebooks.ts';

const DIR = resolve('out/notebook-cells');

/** What Notebook Kit defines for every cell (its standard library); `@observablehq/inputs` ships no types. */
const GLOBALS = `declare module '@observablehq/inputs';
declare function display(value: unknown): void;
declare function view(input: unknown): any;
declare function md(strings: TemplateStringsArray, ...values: unknown[]): HTMLElement;
declare const width: number;
declare const invalidation: Promise<void>;
`;

interface Cell {
  /** 1-based, counting every cell of the notebook (Markdown too), as the page numbers them. */
  index: number;
  type: string;
  code: string;
}

function cells(file: string): Cell[] {
  const html = readFileSync(join('notebooks', file), 'utf8');
  return [...html.matchAll(/<script type="([^"]+)"[^>]*>([\s\S]*?)<\/script>/g)].map((m, i) => ({ index: i + 1, type: m[1], code: m[2] }));
}

/** The notebook's code cells as one module, imports re-pointed from notebooks/ to out/notebook-cells/, and each line's cell. */
function asModule(file: string): { text: string; cellOfLine: number[] } {
  const lines: string[] = [];
  const cellOfLine: number[] = [];
  for (const cell of cells(file).filter((c) => c.type === 'text/x-typescript')) {
    for (const line of cell.code.split('\n')) {
      lines.push(line.replace(/(from\s+")\.\.\//, '$1../../'));
      cellOfLine.push(cell.index);
    }
  }
  return { text: lines.join('\n') + '\nexport {};\n', cellOfLine };
}

describe('notebook cells', () => {
  it.each(NOTEBOOKS)('%s: every code cell is a TypeScript cell', (file) => {
    const types = new Set(cells(file).map((c) => c.type));
    expect([...types].sort()).toEqual(['text/markdown', 'text/x-typescript']);
  });

  it('type-check with the project tsc', () => {
    rmSync(DIR, { recursive: true, force: true });
    mkdirSync(DIR, { recursive: true });
    writeFileSync(join(DIR, 'observable.d.ts'), GLOBALS);
    const modules = new Map(NOTEBOOKS.map((f) => [f.replace(/\.html$/, '.ts'), asModule(f)]));
    for (const [name, m] of modules) writeFileSync(join(DIR, name), m.text);
    writeFileSync(join(DIR, 'tsconfig.json'), JSON.stringify({ extends: '../../tsconfig.json', include: ['*.ts'] }));
    let output = '';
    try {
      execFileSync(process.execPath, [resolve('node_modules/typescript/bin/tsc'), '--noEmit', '-p', join(DIR, 'tsconfig.json')], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      output = String((e as { stdout?: string }).stdout ?? e);
    }
    // tsc reports `file(line,col): error TS...`; name the notebook and its cell instead.
    const errors = output
      .split('\n')
      .filter((l) => /error TS/.test(l))
      .map((l) => {
        const m = /([\w-]+\.ts)\((\d+),\d+\): (.*)$/.exec(l);
        const module = m && modules.get(m[1]);
        return module ? `${m[1].replace(/\.ts$/, '.html')} cell ${module.cellOfLine[Number(m[2]) - 1]}: ${m[3]}` : l;
      });
    expect(errors).toEqual([]);
  }, 180_000);
});
