import type { z } from 'zod';
import { SECTIONS } from '../model/params.ts';

/** A problem with a scenario or an invocation, carried to the user as lines, never a stack trace. */
export class ScenarioError extends Error {
  constructor(readonly problems: readonly string[], readonly source = '') {
    super(problems.join('\n'));
    this.name = 'ScenarioError';
  }
}

/** Text (a key, a path) shown in a message: at most 40 characters, control characters made visible. */
export function shortText(text: string, max = 40): string {
  const clean = JSON.stringify(text.length > max ? text.slice(0, max) : text).slice(1, -1);
  return text.length > max ? `${clean}...` : clean;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const s = JSON.stringify(value);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

const TOP_LEVEL = ['$schema', 'version', 'name', 'description', 'extends', 'seed', 'reps', 'weeks', ...Object.keys(SECTIONS)];

function allowedKeys(path: readonly PropertyKey[], _input?: unknown): string[] {
  if (path.length === 0) return TOP_LEVEL;
  const section = SECTIONS[String(path[0]) as keyof typeof SECTIONS];
  return section ? Object.keys(section.fields) : [];
}

/** Other strict file formats (experiment files) name their own allowed keys and their whole. */
export interface IssueFormat {
  allowedKeys?: (path: readonly PropertyKey[], input: unknown) => string[];
  whole?: string;
}

/** One line per problem: where (field path), what was given, what is allowed. */
export function formatIssues(issues: readonly z.core.$ZodIssue[], input: unknown, file = '', format: IssueFormat = {}): string[] {
  const allowed = format.allowedKeys ?? allowedKeys;
  const prefix = file ? `${file}: ` : '';
  const lines: string[] = [];
  for (const issue of issues) {
    const path = issue.path.join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const where = shortText(path ? `${path}.${key}` : key, 60);
        lines.push(`${prefix}${where}: unknown field; allowed here: ${allowed(issue.path, input).join(', ')}`);
      }
      continue;
    }
    const value = valueAt(input, issue.path);
    lines.push(`${prefix}${path || (format.whole ?? '(scenario)')}: got ${show(value)}; ${issue.message}`);
  }
  return lines;
}
