import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { paramRows } from '../../src/model/params.ts';

/**
 * The bibliography (docs/references.md) and the repository stay in step: every `[Key]` cited in
 * parameter sources, calibration targets, scenarios, docs and code resolves to an entry, every entry
 * is cited, and nothing points to files a clone does not have.
 */

const REFERENCES = 'docs/references.md';
/** An entry starts a list item with its key in bold brackets: `- **[DeWit2016]** DeWit, D. J., ...`. */
const ENTRY = /^- \*\*\[([^\]]+)\]\*\*/gm;
const KEY_FORM = /^[A-Z][A-Za-z]*\d{4}[a-z]?$/;
/** A citation: a key in square brackets, one key per bracket. */
const CITATION = /\[([A-Z][A-Za-z]*\d{4}[a-z]?)\]/g;
/** Two keys in one bracket (`[DeWit2016; Eby2013]`) would escape CITATION: they are not allowed. */
const SHARED_BRACKET = /\[[A-Z][A-Za-z]*\d{4}[a-z]?\s*[;,]/;
/** References to the project's private background material, which a clone does not have. */
const OUTSIDE = /\.\.\/shared|\/work\/shared|seed 00[0-4]|seeds\/00|EVIDENCE\.md|DOMAIN\.md/;

function filesUnder(dir: string, ext: RegExp): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path, ext) : ext.test(name) ? [path] : [];
  });
}

const cited = (text: string) => [...text.matchAll(CITATION)].map((m) => m[1]);

const referencesText = existsSync(REFERENCES) ? readFileSync(REFERENCES, 'utf8') : '';
const keys = [...referencesText.matchAll(ENTRY)].map((m) => m[1]);
const known = new Set(keys);

/** Every text that may cite a source, by path; params sources come from the declarations themselves. */
const citingTexts: [string, string][] = [
  ...paramRows().map(({ path, spec }): [string, string] => [`params ${path}`, spec.source]),
  ...['calibration/targets.json', 'README.md'].map((p): [string, string] => [p, readFileSync(p, 'utf8')]),
  ...filesUnder('scenarios', /\.json$/).map((p): [string, string] => [p, readFileSync(p, 'utf8')]),
  ...filesUnder('docs', /\.(md|json)$/).map((p): [string, string] => [p, readFileSync(p, 'utf8')]),
  ...filesUnder('src', /\.ts$/).map((p): [string, string] => [p, readFileSync(p, 'utf8')]),
];

describe('docs/references.md', () => {
  it('exists and lists entries, each key of the form AuthorYear with an optional letter, none twice', () => {
    expect(existsSync(REFERENCES), `${REFERENCES} is missing`).toBe(true);
    expect(keys.length).toBeGreaterThan(10);
    for (const key of keys) expect(key, `key [${key}]`).toMatch(KEY_FORM);
    const twice = keys.filter((k, i) => keys.indexOf(k) !== i);
    expect(twice, 'keys listed twice').toEqual([]);
  });

  it('resolves every [Key] cited in params, targets, scenarios, docs, README and src', () => {
    const unresolved = citingTexts.flatMap(([where, text]) => cited(text).filter((k) => !known.has(k)).map((k) => `${where}: [${k}]`));
    expect(unresolved).toEqual([]);
  });

  it('is cited with one key per bracket', () => {
    const shared = citingTexts.filter(([, text]) => SHARED_BRACKET.test(text)).map(([where]) => where);
    expect(shared).toEqual([]);
  });

  it('has no orphan: every entry is cited somewhere outside the bibliography', () => {
    const used = new Set(citingTexts.filter(([where]) => where !== REFERENCES).flatMap(([, text]) => cited(text)));
    expect(keys.filter((k) => !used.has(k))).toEqual([]);
  });
});

describe('parameter sources', () => {
  it('cite a key that resolves, or say assumption, or both', () => {
    const bad = paramRows()
      .filter(({ spec }) => !cited(spec.source).some((k) => known.has(k)) && !/\bassumption\b/.test(spec.source))
      .map(({ path, spec }) => `${path}: ${spec.source}`);
    expect(bad).toEqual([]);
  });

  it('of calibrated values start with "calibrated:" and name the fact and the key of its evidence', () => {
    const bad = paramRows()
      .filter(({ spec }) => /calibrated/.test(spec.source))
      .filter(({ spec }) => !/^calibrated: .*\bfacts? \d/.test(spec.source) || cited(spec.source).length === 0)
      .map(({ path, spec }) => `${path}: ${spec.source}`);
    expect(bad).toEqual([]);
  });
});

describe('the repository stands alone', () => {
  it('no tracked file points to background material outside it (a shared folder, seed texts)', () => {
    const tracked = execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8' }).split('\0').filter((p) => p && p !== 'package-lock.json');
    expect(tracked.length).toBeGreaterThan(50);
    const offending = tracked.filter((p) => existsSync(p) && OUTSIDE.test(readFileSync(p, 'utf8')));
    expect(offending).toEqual([]);
  });
});
