import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.(ts|mjs|js)$/.test(name) ? [path] : [];
  });
}
const imports = (path: string) => [...readFileSync(path, 'utf8').matchAll(/^\s*(?:import|export)[^'"]*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);

/** Layers that must run in Node and in the browser alike, and what each may import from src/. */
const NEUTRAL: Record<string, string[]> = {
  engine: ['engine'],
  model: ['engine', 'model'],
  scenario: ['engine', 'model', 'scenario'],
  analysis: ['engine', 'model', 'scenario', 'analysis'],
  runner: ['engine', 'model', 'scenario', 'analysis', 'runner'],
  calibration: ['engine', 'model', 'scenario', 'analysis', 'runner', 'calibration'],
  // Sensitivity estimators: generic numerics on the engine's streams, no model knowledge.
  sensitivity: ['engine', 'sensitivity'],
  experiment: ['engine', 'model', 'scenario', 'analysis', 'runner', 'calibration', 'sensitivity', 'experiment'],
  // The design explorer: builds on the calibration's levelling and the experiment's charts and report blocks.
  designs: ['engine', 'model', 'scenario', 'analysis', 'runner', 'calibration', 'experiment', 'designs'],
  // The capacity planner: runs scenarios through a runner the caller brings (pool, Web Workers, serial).
  plan: ['engine', 'model', 'scenario', 'analysis', 'runner', 'plan'],
};

describe('architecture', () => {
  it.each(Object.entries(NEUTRAL))('src/%s is platform-neutral and imports only %j', (layer, allowed) => {
    for (const path of files(join('src', layer))) {
      const text = readFileSync(path, 'utf8');
      expect(text, path).not.toMatch(/\b(document|window|localStorage)\./);
      for (const spec of imports(path)) {
        expect(spec.startsWith('node:'), `${path} imports ${spec}`).toBe(false);
        if (!spec.startsWith('.')) continue;
        const target = join(path, '..', spec).split('/')[1];
        expect(allowed, `${path} imports ${spec}`).toContain(target);
      }
    }
  });
  it('has no Math.random outside tests: every draw comes from a seeded stream', () => {
    for (const path of files('src')) expect(readFileSync(path, 'utf8'), path).not.toMatch(/Math\.random\s*\(/);
  });
  it('keeps the dashboard away from Node-only code', () => {
    for (const path of files('src/dashboard')) {
      for (const spec of imports(path)) {
        expect(spec.startsWith('node:'), `${path} imports ${spec}`).toBe(false);
        expect(spec, path).not.toMatch(/\/(io|cli)\//);
      }
    }
  });
});
