import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileError } from '../../src/io/errors.ts';
import { OutputFolder } from '../../src/io/outputFolder.ts';

const root = mkdtempSync(join(tmpdir(), 'buddysim-folder-'));
const write = (folder: OutputFolder, files: Record<string, string>) => {
  for (const [name, text] of Object.entries(files)) writeFileSync(folder.path(name), text);
};
const fail = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e as FileError;
  }
  throw new Error('did not fail');
};

describe('result folders', () => {
  it('replace the target as a whole, keeping shard files', () => {
    const target = join(root, 'a');
    const first = OutputFolder.open(target);
    write(first, { 'summary.json': 'one', 'matches.csv': 'one' });
    first.commit();
    writeFileSync(join(target, 'shard-0000-of-0002.jsonl'), 'shard');
    const second = OutputFolder.open(target);
    expect(readdirSync(target).sort()).toEqual(['matches.csv', 'shard-0000-of-0002.jsonl', 'summary.json']);
    write(second, { 'summary.json': 'two' });
    second.commit();
    expect(readdirSync(target).sort()).toEqual(['shard-0000-of-0002.jsonl', 'summary.json']);
    expect(readFileSync(join(target, 'summary.json'), 'utf8')).toBe('two');
    expect(readdirSync(root).filter((f) => f.startsWith('.a.'))).toEqual([]);
  });

  it('abort leaves the target untouched', () => {
    const target = join(root, 'b');
    const f = OutputFolder.open(target);
    write(f, { 'summary.json': 'x' });
    f.abort();
    expect(existsSync(target)).toBe(false);
  });

  it('one writer at a time: a second open refuses while the first holds the lock', () => {
    const target = join(root, 'c');
    const first = OutputFolder.open(target);
    const e = fail(() => OutputFolder.open(target));
    expect(e.message).toMatch(/--out: .*c is being written by another buddysim run \(process \d+ on/);
    expect(e.exitCode).toBe(1);
    first.abort();
    OutputFolder.open(target).abort();
  });

  it('takes over a lock left by a killed process, here at once, from another machine once stale', () => {
    const target = join(root, 'e');
    mkdirSync(join(root, '.e.buddysim-lock'));
    writeFileSync(join(root, '.e.buddysim-lock', 'owner.json'), JSON.stringify({ pid: 4194399, host: 'elsewhere' }));
    expect(fail(() => OutputFolder.open(target)).message).toMatch(/being written by another buddysim run \(process 4194399 on elsewhere\)/);
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(root, '.e.buddysim-lock'), old, old);
    OutputFolder.open(target).abort();
    expect(readdirSync(root).filter((x) => x.startsWith('.e.'))).toEqual([]);
  });

  it('puts back the previous folder when a swap was cut between its two renames', () => {
    const target = join(root, 'd');
    const f = OutputFolder.open(target);
    write(f, { 'summary.json': 'previous' });
    f.commit();
    // What a kill between the renames leaves: the old folder under its temporary name, no target.
    renameSync(target, join(root, '.d.buddysim-old-4194399@gone'));
    mkdirSync(join(root, '.d.buddysim-new-4194399@gone'));
    OutputFolder.open(target).abort();
    expect(readFileSync(join(target, 'summary.json'), 'utf8')).toBe('previous');
    expect(readdirSync(root).filter((x) => x.startsWith('.d.'))).toEqual([]);
  });

  it('refuses folders that hold other files, files, and system folders', () => {
    const mine = join(root, 'mine');
    mkdirSync(mine);
    writeFileSync(join(mine, 'notes.txt'), 'x');
    expect(fail(() => OutputFolder.open(mine))).toMatchObject({ exitCode: 2, message: expect.stringMatching(/mine holds files that are not buddysim results \("notes.txt"\)/) });
    expect(fail(() => OutputFolder.open(join(mine, 'notes.txt'))).message).toMatch(/notes.txt exists and is not a directory/);
    expect(fail(() => OutputFolder.open(join(mine, 'notes.txt', 'sub'))).message).toMatch(/cannot create .*sub: .*notes.txt is a file, not a folder/);
    expect(fail(() => OutputFolder.open('/proc/1/x')).exitCode).toBe(2);
    expect(fail(() => OutputFolder.open('/dev/shm/x')).message).toMatch(/inside \/dev/);
  });
});
