// Turns the first zod issue of a failed manifest parse into the wording `kubectl apply` users know:
// a field path (`spec.rules[0].backendRefs[1].weight`), what is wrong, and what is allowed.
import type { z } from 'zod';

export interface IssueText {
  path: (string | number)[];
  problem: string;
  allowed?: string;
}

/** `spec.rules[0].backendRefs[1].weight`; keys with dots or slashes in brackets, as kubectl prints `data[tls.crt]`. */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else {
      const s = String(p);
      if (/[./]/.test(s) || s === '') out += `[${s}]`;
      else out += out === '' ? s : `.${s}`;
    }
  }
  return out;
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '...' : v)}`;
  return `${typeof v} ${String(v)}`;
}

const TYPE_WORDS: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
};

/** The one issue to report: the first (zod reports in document order), preferring a concrete one over a union summary. */
export function describeIssue(issue: z.core.$ZodIssue): IssueText {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)) as (string | number)[];
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type': {
      const expected = TYPE_WORDS[issue.expected] ?? issue.expected;
      if (input === undefined) return { path, problem: 'is required', allowed: expected };
      if (issue.expected === 'int' || (issue.expected === 'number' && typeof input === 'number'))
        return { path, problem: `must be an integer, not ${describe(input)}` };
      return { path, problem: `must be ${expected}, not ${describe(input)}` };
    }
    case 'invalid_value':
      return {
        path,
        problem: input === undefined ? 'is required' : `${describe(input)} is not allowed`,
        allowed: issue.values.map((v) => JSON.stringify(v)).join(', '),
      };
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'array' || issue.origin === 'set')
        return { path, problem: `must have at least ${min} item${min === 1 ? '' : 's'}` };
      if (issue.origin === 'string')
        return { path, problem: min === 1 ? 'must not be empty' : `must be at least ${min} characters long` };
      return {
        path,
        problem: `${describe(input)} is below the minimum`,
        allowed: `${issue.inclusive === false ? '>' : '>='} ${min}`,
      };
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'array' || issue.origin === 'set')
        return { path, problem: `has too many items`, allowed: `at most ${max}` };
      if (issue.origin === 'string') return { path, problem: `is longer than ${max} characters` };
      return {
        path,
        problem: `${describe(input)} is above the maximum`,
        allowed: `${issue.inclusive === false ? '<' : '<='} ${max}`,
      };
    }
    case 'unrecognized_keys':
      return {
        path: [...path, issue.keys[0]],
        problem: `unknown field "${issue.keys[0]}"${issue.keys.length > 1 ? ` (and ${issue.keys.length - 1} more)` : ''}`,
      };
    case 'invalid_format':
      return { path, problem: `${describe(input)} ${issue.message}` };
    case 'invalid_union': {
      const first = issue.errors.flat()[0];
      if (first !== undefined && first.code !== 'invalid_type')
        return describeIssue({ ...first, path: [...issue.path, ...first.path] } as z.core.$ZodIssue);
      return { path, problem: `${describe(input)} does not match any allowed form` };
    }
    case 'invalid_key':
      return { path, problem: `has an invalid key: ${issue.issues[0]?.message ?? issue.message}` };
    case 'invalid_element':
      return { path, problem: issue.message };
    case 'custom':
      return { path, problem: issue.message };
    default:
      return { path, problem: (issue as { message: string }).message };
  }
}
