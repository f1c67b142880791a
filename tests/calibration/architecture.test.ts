import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const files = readdirSync('src/calibration').filter((f) => f.endsWith('.ts')).map((f) => join('src/calibration', f));
const imports = (path: string) => [...readFileSync(path, 'utf8').matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
const ALLOWED = ['engine', 'model', 'scenario', 'analysis', 'runner', 'calibration'];

describe('src/calibration', () => {
  it('is platform-neutral and imports only the core layers', () => {
    expect(files.length).toBeGreaterThan(5);
    for (const path of files) {
      const text = readFileSync(path, 'utf8');
      expect(text, path).not.toMatch(/\b(document|window|localStorage|process)\./);
      expect(text, path).not.toMatch(/Math\.random\s*\(/);
      for (const spec of imports(path)) {
        expect(spec.startsWith('node:'), `${path} imports ${spec}`).toBe(false);
        if (spec.startsWith('.')) expect(ALLOWED, `${path} imports ${spec}`).toContain(join(path, '..', spec).split('/')[1]);
      }
    }
  });
});
