import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AtomicFile, cleanPartials, readJson, readText, writeFileAtomic } from '../../src/io/files.ts';

const dir = mkdtempSync(join(tmpdir(), 'buddysim-files-'));
const message = (f: () => unknown) => {
  try {
    f();
    return '';
  } catch (e) {
    return (e as Error).message;
  }
};

describe('reading input files', () => {
  it('reads a regular UTF-8 file up to the limit, and names the file and the limit beyond it', () => {
    const ok = join(dir, 'ok.json');
    writeFileSync(ok, '{"é": 1}');
    expect(readJson(ok, 'scenario file')).toEqual({ é: 1 });
    const big = join(dir, 'big.json');
    writeFileSync(big, '');
    truncateSync(big, 200 * 1024 * 1024);
    expect(message(() => readText(big, 'scenario file'))).toBe(`${big}: the scenario file is 200.0 MB; at most 1.0 MB is allowed`);
    expect(message(() => readText(ok, 'scenario file', 4))).toMatch(/is 0.0 MB; at most 0.0 MB/);
  });
  it('refuses devices, pipes and folders before reading a byte', () => {
    const fifo = join(dir, 'fifo');
    execFileSync('mkfifo', [fifo]);
    expect(message(() => readText(fifo, 'scenario file'))).toBe(`${fifo}: cannot read the scenario file (a named pipe); it must be a regular file`);
    expect(message(() => readText('/dev/zero', 'scenario file'))).toBe('/dev/zero: cannot read the scenario file (a device); it must be a regular file');
    expect(message(() => readText(dir, 'scenario file'))).toMatch(/\(a folder\); it must be a regular file/);
    const link = join(dir, 'zero-link.json');
    symlinkSync('/dev/zero', link);
    expect(message(() => readText(link, 'scenario file'))).toMatch(/zero-link.json: cannot read the scenario file \(a device\)/);
    expect(message(() => readText(join(dir, 'missing.json'), 'scenario file'))).toMatch(/missing.json: cannot read the scenario file \(ENOENT: not found\)/);
  });
  it('refuses text that is not UTF-8', () => {
    const latin1 = join(dir, 'latin1.json');
    writeFileSync(latin1, Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x3a, 0x31, 0x7d]));
    expect(message(() => readText(latin1, 'scenario file'))).toBe(`${latin1}: the scenario file is not UTF-8 text`);
  });
});

describe('writing files atomically', () => {
  it('shows a file only when complete, and removes what dead processes left', () => {
    const target = join(dir, 'w', 'result.json');
    const f = new AtomicFile(target);
    f.write('half');
    expect(readdirSync(join(dir, 'w'))).toHaveLength(1);
    expect(readdirSync(join(dir, 'w'))[0]).toMatch(/^\.\d+-\d+@.+\.partial$/);
    f.abort();
    expect(readdirSync(join(dir, 'w'))).toEqual([]);
    writeFileAtomic(target, 'whole');
    writeFileSync(join(dir, 'w', '.4194399-7.partial'), '');
    writeFileSync(join(dir, 'w', '.4194399-8@another-host.partial'), '');
    writeFileSync(join(dir, 'w', `.${process.pid}-9.partial`), '');
    expect(cleanPartials(join(dir, 'w'))).toEqual(['.4194399-7.partial']);
    // Sorted on both sides: where this process's id sorts depends on its digits.
    expect(readdirSync(join(dir, 'w')).sort()).toEqual([`.${process.pid}-9.partial`, '.4194399-8@another-host.partial', 'result.json'].sort());
  });
});
