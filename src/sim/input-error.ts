// The one error type for bad user input (files, manifests, scenario fields, flags): it carries where the problem is
// (file, line, document, object, field) and what is allowed, so the CLI can print one clear line and exit 2.

export interface InputLocation {
  /** File path as the user gave it (or `<inline>`, `<stdin>`, `--flag`). */
  file?: string;
  /** 1-based line in that file. */
  line?: number;
  /** 1-based column. */
  column?: number;
  /** 0-based index of the YAML document in a multi-document file. */
  document?: number;
  /** The object, as `Kind/namespace/name` or `Kind/name`. */
  object?: string;
  /** Field path, as `spec.rules[0].backendRefs[1].weight`. */
  field?: string;
}

export class InputError extends Error {
  override name = 'InputError';

  constructor(
    readonly problem: string,
    readonly where: InputLocation = {},
    readonly allowed?: string,
  ) {
    super(formatInputError(problem, where, allowed));
  }

  /** The same problem with more location filled in (inner details win). */
  at(outer: InputLocation): InputError {
    return new InputError(this.problem, { ...outer, ...stripUndefined(this.where) }, this.allowed);
  }
}

export function formatInputError(problem: string, where: InputLocation, allowed?: string): string {
  const parts: string[] = [];
  if (where.file !== undefined) {
    let loc = where.file;
    if (where.line !== undefined) loc += `:${where.line}`;
    if (where.line !== undefined && where.column !== undefined) loc += `:${where.column}`;
    parts.push(loc);
  }
  if (where.document !== undefined) parts.push(`document ${where.document}`);
  if (where.object !== undefined) parts.push(where.object);
  if (where.field !== undefined) parts.push(`field ${where.field}`);
  const head = parts.length > 0 ? parts.join(', ') + ': ' : '';
  return head + problem + (allowed ? ` (allowed: ${allowed})` : '');
}

function stripUndefined(o: InputLocation): InputLocation {
  const out: InputLocation = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
