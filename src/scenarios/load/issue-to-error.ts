// Turns zod issues into the one InputError the user sees: the issue that comes first in the file, with its line,
// the field path, a plain-words problem and what is allowed. Zod's default wording never reaches the user.
import type { z } from 'zod';
import type { InputError } from '../../sim/input-error.js';
import { errorAt, type DocPath, type SourceMap } from '../schema/resolve-context.js';
import { describeValue, splitAllowed } from '../schema/strict.js';
import { didYouMean } from '../schema/suggest.js';

type Issue = z.core.$ZodIssue;

const TYPE_WORDS: Readonly<Record<string, string>> = {
  number: 'a number',
  int: 'a whole number',
  string: 'a string',
  boolean: 'true or false',
  object: 'a mapping',
  record: 'a mapping',
  array: 'a list',
  tuple: 'a list',
  null: 'null',
};

function valueAt(data: unknown, path: DocPath): unknown {
  let v = data;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

interface Described {
  path: DocPath;
  problem: string;
  allowed?: string;
}

/** One issue in words (unions and record keys descend to the most telling inner issue). */
function describe(iss: Issue, data: unknown): Described {
  const path = iss.path as DocPath;
  const input = valueAt(data, path);
  switch (iss.code) {
    case 'custom': {
      const params = (iss as { params?: { allowed?: string } }).params;
      const s = splitAllowed(iss.message);
      return { path, problem: s.message, allowed: params?.allowed ?? s.allowed };
    }
    case 'unrecognized_keys': {
      const s = splitAllowed(iss.message);
      const key = String(iss.keys[0]);
      return {
        path: [...path, key],
        problem: s.allowed ? s.message : `unknown field ${JSON.stringify(key)}`,
        allowed: s.allowed,
      };
    }
    case 'invalid_type': {
      const s = splitAllowed(iss.message);
      if (s.allowed !== undefined) return { path, problem: s.message, allowed: s.allowed };
      const want = TYPE_WORDS[iss.expected] ?? iss.expected;
      if (input === undefined) return { path, problem: 'missing required field', allowed: want };
      return { path, problem: `expected ${want}, got ${describeValue(input)}`, allowed: want };
    }
    case 'invalid_value': {
      const values = iss.values.map((v) => String(v));
      const hint = typeof input === 'string' ? didYouMean(input, values) : '';
      if (input === undefined) return { path, problem: 'missing required field', allowed: values.join(', ') };
      return { path, problem: `${describeValue(input)} is not allowed${hint}`, allowed: values.join(', ') };
    }
    case 'too_small': {
      const min = Number(iss.minimum);
      if (iss.origin === 'array') return { path, problem: `needs at least ${min} item${min === 1 ? '' : 's'}` };
      if (iss.origin === 'string') return { path, problem: 'must not be empty' };
      return { path, problem: `${String(input)} is too small`, allowed: `${iss.inclusive ? '>=' : '>'} ${min}` };
    }
    case 'too_big': {
      const max = Number(iss.maximum);
      if (iss.origin === 'array') return { path, problem: `has more than ${max} items` };
      if (iss.origin === 'string') return { path, problem: `is longer than ${max} characters` };
      return { path, problem: `${String(input)} is too large`, allowed: `${iss.inclusive ? '<=' : '<'} ${max}` };
    }
    case 'invalid_format':
      return {
        path,
        problem: `${describeValue(input)} ${iss.message.startsWith('Invalid') ? 'has the wrong format' : iss.message}`,
      };
    case 'invalid_key': {
      const inner = iss.issues[0] as Issue | undefined;
      const key = path[path.length - 1];
      if (inner === undefined) return { path, problem: `bad key ${JSON.stringify(key)}` };
      const d = describe({ ...inner, path: [] } as Issue, key);
      return { path, problem: `key ${JSON.stringify(key)}: ${d.problem}`, allowed: d.allowed };
    }
    case 'invalid_union': {
      // The branch that got furthest (an issue below the union's own path, or not a type mismatch) explains best.
      const branches = iss.errors.map((b) => b.map((i) => ({ ...i, path: [...path, ...i.path] }) as Issue));
      const deep = branches.find((b) => b.some((i) => i.path.length > path.length || i.code !== 'invalid_type'));
      if (deep !== undefined) return describe(deep[0], data);
      const wants = branches.flatMap((b) =>
        b.filter((i) => i.code === 'invalid_type').map((i) => TYPE_WORDS[(i as { expected: string }).expected] ?? ''),
      );
      const allowed = [...new Set(wants.filter((w) => w !== ''))].join(' or ');
      return {
        path,
        problem: input === undefined ? 'missing required field' : `${describeValue(input)} does not fit here`,
        allowed,
      };
    }
    default:
      return { path, problem: iss.message };
  }
}

/** The first issue in file order as an InputError. */
export function issuesToInputError(
  issues: readonly Issue[],
  data: unknown,
  file: string,
  source: SourceMap | undefined,
): InputError {
  let best: { d: Described; line: number; col: number; order: number } | undefined;
  const described = issues.map((iss) => describe(iss, data));
  // A missing field next to an unknown one is usually the same field misspelt: report the unknown one.
  const unknownParents = new Set(
    issues.flatMap((iss, i) =>
      iss.code === 'unrecognized_keys' ? [JSON.stringify(described[i].path.slice(0, -1))] : [],
    ),
  );
  const kept = described.filter(
    (d) => !(d.problem === 'missing required field' && unknownParents.has(JSON.stringify(d.path.slice(0, -1)))),
  );
  kept.forEach((d, order) => {
    const pos = source?.position(d.path);
    const line = pos?.line ?? Number.MAX_SAFE_INTEGER;
    const col = pos?.column ?? 0;
    if (best === undefined || line < best.line || (line === best.line && col < best.col))
      best = { d, line, col, order };
  });
  const b = best!;
  return errorAt({ file, source }, b.d.path, b.d.problem, b.d.allowed);
}
