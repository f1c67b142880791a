import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The two files that need a browser: Web Workers, and parquet-wasm's WebAssembly as a build asset. */
const BROWSER_ONLY = ['webWorkers.ts', 'parquetWasm.ts'];
const files = readdirSync('src/notebooks').filter((f) => f.endsWith('.ts'));
const imports = (text: string) => [...text.matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);

describe('src/notebooks, the library behind the notebooks', () => {
  it.each(files)('%s imports nothing from Node and nothing of the command line', (file) => {
    const text = readFileSync(join('src/notebooks', file), 'utf8');
    for (const spec of imports(text)) {
      expect(spec.startsWith('node:'), `${file} imports ${spec}`).toBe(false);
      expect(spec, file).not.toMatch(/\/cli\//);
    }
  });

  it.each(readdirSync('notebooks').filter((f) => f.endsWith('.html')))('notebooks/%s imports the library, not the dashboard', (file) => {
    const specs = [...readFileSync(join('notebooks', file), 'utf8').matchAll(/^\s*import[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
    expect(specs.filter((s) => s.startsWith('../src/')).length, file).toBeGreaterThan(0);
    expect(specs.filter((s) => s.includes('/dashboard/')), file).toEqual([]);
  });

  it.each(files.filter((f) => !BROWSER_ONLY.includes(f)))('%s touches no browser globals, so tests run it in Node', (file) => {
    expect(readFileSync(join('src/notebooks', file), 'utf8')).not.toMatch(/\b(document|window|navigator|localStorage)\.|new Worker\(/);
  });
});
