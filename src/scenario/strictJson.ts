/**
 * Strict JSON for scenario, targets and shard files: plain JSON (no comments, no trailing commas),
 * no duplicate keys, no numbers beyond the range of a double (`1e999`), no `__proto__` keys.
 * Errors give the line and column and never echo the text, so a file that is not JSON (a
 * password file named by mistake) is refused without showing what it holds. jsonc-parser (the
 * scanner behind VS Code's JSON support) checks the grammar; JSON.parse builds the value.
 * Platform-neutral: the command line and the dashboard share it.
 */
import { printParseErrorCode, visit } from 'jsonc-parser';
import { ScenarioError, shortText } from './errors.ts';

/** Scenario, targets and `extends` files are at most this large (real ones are a few kB), on the command line and in the dashboard. */
export const MAX_INPUT_BYTES = 1024 * 1024;

/** What each jsonc-parser error means, in words. */
const PROBLEMS: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'not a JSON number (decimal digits only: no hex, no leading zeros, no NaN or Infinity)',
  PropertyNameExpected: 'a field name in double quotes expected',
  ValueExpected: 'a value expected',
  ColonExpected: 'a colon expected',
  CommaExpected: 'a comma expected',
  CloseBraceExpected: 'a closing } expected',
  CloseBracketExpected: 'a closing ] expected',
  EndOfFileExpected: 'the end of the file expected after the value',
  InvalidCommentToken: 'comments are not allowed',
  UnexpectedEndOfComment: 'comments are not allowed',
  UnexpectedEndOfString: 'a text is not closed',
  UnexpectedEndOfNumber: 'a number is cut short',
  InvalidUnicode: 'invalid \\u escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'a control character inside a text',
};

/** The UTF-8 byte-order mark some editors write; JSON allows a reader to ignore it (RFC 8259). */
const BOM = '\uFEFF';

const at = (line: number, column: number) => `line ${line + 1}, column ${column + 1}`;

/**
 * Parses JSON text strictly; every problem is an input error naming `source`, the line and the
 * column. Stops at the first problem of the grammar; lists up to 20 duplicate keys or bad numbers.
 *
 * @example
 *   parseJsonStrict('{"reps": 10}', 'a.json');        // { reps: 10 }
 *   parseJsonStrict('{"reps": 1, "reps": 2}', 'a.json'); // throws: a.json: line 1, column 13: duplicate key "reps"
 */
export function parseJsonStrict(text: string, source: string): unknown {
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  const problems: string[] = [];
  let more = 0;
  const report = (line: string) => {
    if (problems.length < 20) problems.push(`${source}: ${line}`);
    else more += 1;
  };
  const keys: Set<string>[] = [];
  let syntax = false;
  try {
    visit(
      body,
      {
        onObjectBegin: () => {
          keys.push(new Set());
        },
        onObjectEnd: () => {
          keys.pop();
        },
        onObjectProperty: (name, _offset, _length, line, column) => {
          const seen = keys[keys.length - 1];
          if (name === '__proto__') report(`${at(line, column)}: the key "__proto__" is not allowed`);
          else if (seen?.has(name)) report(`${at(line, column)}: duplicate key "${shortText(name)}"; each key may appear once per object`);
          seen?.add(name);
        },
        onLiteralValue: (value, _offset, length, line, column) => {
          if (typeof value === 'number' && !Number.isFinite(value)) {
            report(`${at(line, column)}: number out of range (${length > 24 ? 'a very long number' : 'beyond about 1.8e308'})`);
          }
        },
        onError: (code, _offset, _length, line, column) => {
          if (syntax) return;
          syntax = true;
          report(`not valid JSON at ${at(line, column)}: ${PROBLEMS[printParseErrorCode(code)] ?? 'unexpected content'}`);
        },
      },
      { disallowComments: true, allowTrailingComma: false },
    );
  } catch (e) {
    if (e instanceof RangeError) throw new ScenarioError([`${source}: nested too deeply to read`]);
    throw e;
  }
  if (body.trim() === '') throw new ScenarioError([`${source}: empty; a JSON value expected`]);
  if (problems.length > 0) throw new ScenarioError(more > 0 ? [...problems, `${source}: and ${more} more problems`] : problems);
  try {
    return JSON.parse(body);
  } catch {
    // The grammar passed jsonc-parser: this is a corner where the two differ.
    throw new ScenarioError([`${source}: not valid JSON`]);
  }
}
