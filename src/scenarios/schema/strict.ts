// Zod building blocks for the scenario schema: strict objects whose unknown-field errors suggest the closest name,
// and "one key picks the form" unions (steps, faults) whose errors speak about the form the user meant.
import { z } from 'zod';
import { closestName, didYouMean } from './suggest.js';

/** Separates a message from the list of what is allowed inside zod issue messages; read back by `load/issue-to-error`. */
export const ALLOWED_MARK = '\u0000allowed:';

/** A message carrying what is allowed, for zod `error` maps that can only return a string. */
export function withAllowed(message: string, allowed: string): string {
  return message + ALLOWED_MARK + allowed;
}

/** Splits a message made by `withAllowed`. */
export function splitAllowed(message: string): { message: string; allowed?: string } {
  const i = message.indexOf(ALLOWED_MARK);
  return i < 0 ? { message } : { message: message.slice(0, i), allowed: message.slice(i + ALLOWED_MARK.length) };
}

/** A strict object: unknown fields are errors naming the closest known field. */
export function strict<S extends z.ZodRawShape>(shape: S) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (iss) => {
      if (iss.code === 'unrecognized_keys') {
        const key = String(iss.keys[0]);
        return withAllowed(`unknown field ${JSON.stringify(key)}${didYouMean(key, known)}`, known.join(', '));
      }
      if (iss.code === 'invalid_type' && iss.input === undefined) return withAllowed('missing (a mapping is required)', known.join(', '));
      if (iss.code === 'invalid_type') return withAllowed(`expected a mapping, got ${describeValue(iss.input)}`, known.join(', '));
      return undefined;
    },
  });
}

/** Short description of a YAML value's type for messages. */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
  return `${typeof v} ${String(v)}`;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

type Ctx = z.core.$RefinementCtx<unknown>;

function fail(ctx: Ctx, message: string, allowed?: string, path: (string | number)[] = []): typeof z.NEVER {
  ctx.addIssue({ code: 'custom', message, path, params: allowed === undefined ? undefined : { allowed } });
  return z.NEVER;
}

/** Re-raises a nested parse's issues under `prefix` (zod adds the current path in front). */
function forward(ctx: Ctx, issues: readonly z.core.$ZodIssue[], prefix: (string | number)[]): typeof z.NEVER {
  for (const iss of issues) ctx.addIssue({ ...(iss as z.core.$ZodIssue), path: [...prefix, ...iss.path] } as never);
  return z.NEVER;
}

export type OneKeyOutput<B extends Record<string, z.ZodType>> = {
  [K in keyof B & string]: { kind: K; body: z.output<B[K]> };
}[keyof B & string];

/**
 * A mapping with exactly one key, which names the form (`{curl: {...}}`, `{wait: 30s}`); the key's value is parsed
 * by that form's schema. Output: `{kind, body}`.
 */
export function oneKeyOf<B extends Record<string, z.ZodType>>(what: string, branches: B): z.ZodType<OneKeyOutput<B>, unknown> {
  const kinds = Object.keys(branches);
  return z.unknown().transform((v, ctx) => {
    if (!isPlainObject(v)) return fail(ctx, `${what} must be a mapping with one key, got ${describeValue(v)}`, kinds.join(', '));
    const keys = Object.keys(v);
    if (keys.length !== 1) {
      const extra = keys.length === 0 ? 'has no key' : `has ${keys.length} keys (${keys.join(', ')})`;
      return fail(ctx, `${what} must have exactly one key naming what it does, this one ${extra}`, kinds.join(', '));
    }
    const kind = keys[0];
    const schema = branches[kind];
    if (schema === undefined) return fail(ctx, `unknown ${what} ${JSON.stringify(kind)}${didYouMean(kind, kinds)}`, kinds.join(', '), [kind]);
    const r = schema.safeParse(v[kind]);
    if (!r.success) return forward(ctx, r.error.issues, [kind]);
    return { kind, body: r.data } as OneKeyOutput<B>;
  }) as unknown as z.ZodType<OneKeyOutput<B>, unknown>;
}

export type KeyedOutput<B extends Record<string, z.ZodType>> = {
  [K in keyof B & string]: { kind: K } & z.output<B[K]>;
}[keyof B & string];

/**
 * A mapping whose form is chosen by which one of the branch keys it holds (`{node: worker1, down: true}` is the node
 * form); the whole mapping is then parsed by that branch (a strict object that includes the key). Output: `{kind, ...fields}`.
 */
export function keyedBy<B extends Record<string, z.ZodType>>(what: string, branches: B): z.ZodType<KeyedOutput<B>, unknown> {
  const kinds = Object.keys(branches);
  return z.unknown().transform((v, ctx) => {
    if (!isPlainObject(v)) return fail(ctx, `${what} must be a mapping, got ${describeValue(v)}`, `a mapping with one of: ${kinds.join(', ')}`);
    const present = kinds.filter((k) => k in v);
    if (present.length === 0) {
      const near = Object.keys(v)
        .map((k) => [k, closestName(k, kinds)] as const)
        .find(([, c]) => c !== undefined);
      const hint = near ? ` (did you mean ${JSON.stringify(near[1])} instead of ${JSON.stringify(near[0])}?)` : '';
      return fail(ctx, `${what} must name what it acts on with one of its keys${hint}`, kinds.join(', '));
    }
    if (present.length > 1) return fail(ctx, `${what} may act on one thing only, it names ${present.join(' and ')}`, kinds.join(', '), [present[1]]);
    const kind = present[0];
    const r = branches[kind].safeParse(v);
    if (!r.success) return forward(ctx, r.error.issues, []);
    return { kind, ...(r.data as object) } as KeyedOutput<B>;
  }) as unknown as z.ZodType<KeyedOutput<B>, unknown>;
}

/** Adds a custom issue with what is allowed (for superRefine/transform callbacks). */
export function addIssue(ctx: Ctx, message: string, path: (string | number)[] = [], allowed?: string): void {
  ctx.addIssue({ code: 'custom', message, path, params: allowed === undefined ? undefined : { allowed } });
}
