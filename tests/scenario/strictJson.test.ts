import { describe, expect, it } from 'vitest';
import { parseJsonStrict } from '../../src/scenario/strictJson.ts';

const problems = (text: string) => {
  try {
    parseJsonStrict(text, 'f.json');
    return [];
  } catch (e) {
    return (e as { problems: string[] }).problems;
  }
};

describe('strict JSON', () => {
  it('reads plain JSON as JSON.parse does, and ignores a leading byte-order mark', () => {
    const text = '{"a": [1, -2.5e3, "x\\u00e9"], "b": {"c": null, "d": true}}';
    expect(parseJsonStrict(text, 'f.json')).toEqual(JSON.parse(text));
    expect(parseJsonStrict(`\uFEFF${text}`, 'f.json')).toEqual(JSON.parse(text));
  });
  it('refuses duplicate keys at any depth, with line and column', () => {
    expect(problems('{"a": 1,\n "b": {"c": 1, "c": 2}, "a": 3}')).toEqual([
      'f.json: line 2, column 16: duplicate key "c"; each key may appear once per object',
      'f.json: line 2, column 25: duplicate key "a"; each key may appear once per object',
    ]);
    // The same key in two different objects is fine.
    expect(problems('[{"a": 1}, {"a": 2}]')).toEqual([]);
  });
  it('refuses numbers beyond a double, hex, NaN and leading zeros', () => {
    expect(problems('{"x": 1e999}')).toEqual(['f.json: line 1, column 7: number out of range (beyond about 1.8e308)']);
    expect(problems('{"x": -1e400}')[0]).toMatch(/number out of range/);
    expect(problems('{"x": 0x10}')[0]).toMatch(/not valid JSON at line 1, column 8/);
    expect(problems('{"x": NaN}')[0]).toMatch(/not valid JSON at line 1, column 7/);
    expect(problems('{"x": 012}')[0]).toMatch(/not valid JSON/);
  });
  it('refuses comments, trailing commas, __proto__ keys, empty text and deep nesting, without echoing the text', () => {
    expect(problems('{"a": 1 // note\n}')[0]).toMatch(/comments are not allowed/);
    expect(problems('{"a": 1,}')[0]).toMatch(/a field name in double quotes expected/);
    expect(problems('{"__proto__": {"polluted": 1}}')[0]).toMatch(/the key "__proto__" is not allowed/);
    expect(problems('  ')).toEqual(['f.json: empty; a JSON value expected']);
    expect(problems('['.repeat(200_000))).toEqual(['f.json: nested too deeply to read']);
    const secret = problems('root:x:0:0:secret-hash:/root:/bin/bash');
    expect(secret).toEqual(['f.json: not valid JSON at line 1, column 1: unexpected character']);
  });
  it('lists at most 20 problems and counts the rest', () => {
    const keys = Array.from({ length: 30 }, () => '"k": 1').join(', ');
    const list = problems(`{${keys}}`);
    expect(list).toHaveLength(21);
    expect(list[20]).toBe('f.json: and 9 more problems');
  });
});
