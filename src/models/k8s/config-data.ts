// The API server's validation of ConfigMap and Secret data (k8s.io/kubernetes pkg/apis/core/validation, ValidateConfigMap
// and ValidateSecret): key syntax, keys not repeated across bags, and the 1 MiB cap on the values' total size.
import type { z } from 'zod';

/** core.MaxSecretSize: the total size of a ConfigMap's or Secret's values, in bytes. */
export const MAX_CONFIG_DATA_BYTES = 1048576;

/** IsConfigMapKey: alphanumerics, '-', '_' and '.', at most 253 characters, not "." or "..", not starting with "..". */
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;

export function configKeyProblem(key: string): string | undefined {
  if (key.length > 253) return `key is ${key.length} characters long; a config key has at most 253`;
  if (!CONFIG_KEY.test(key))
    return `"${key}" is not a valid config key: only alphanumeric characters, '-', '_' or '.' (regex [-._a-zA-Z0-9]+)`;
  if (key === '.' || key === '..' || key.startsWith('..'))
    return `"${key}" is not a valid config key: it must not be '.' or '..' or start with '..'`;
  return undefined;
}

/** Bytes of `s` in UTF-8 (what Go's len() counts for a string value). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4; // a surrogate pair is one 4-byte code point
      i++;
    } else n += 3;
  }
  return n;
}

/** Bytes a base64 value decodes to (the API server stores and counts the decoded bytes); whitespace is ignored. */
export function base64DecodedLength(s: string): number {
  let chars = 0;
  let pad = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x3d) pad++;
    else if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) chars++;
  }
  return Math.floor(((chars + pad) * 3) / 4) - pad;
}

export interface ConfigBag {
  field: string;
  values: Record<string, string>;
  /** How a value's size is counted. */
  size: (value: string) => number;
}

/**
 * Adds a zod issue for the first bad key, a key in both bags (ConfigMap's data and binaryData: `overlap` 'forbidden'),
 * or values over 1 MiB in total. Secret's stringData is merged over data on write ('second-wins'): a key in both counts once,
 * with the second bag's value.
 */
export function checkConfigData(
  ctx: z.RefinementCtx,
  first: ConfigBag,
  second: ConfigBag,
  overlap: 'forbidden' | 'second-wins',
): void {
  let total = 0;
  for (const key in first.values) {
    if (badKey(ctx, first.field, key)) return;
    if (overlap === 'second-wins' && Object.hasOwn(second.values, key)) continue;
    total += first.size(first.values[key]);
  }
  for (const key in second.values) {
    if (badKey(ctx, second.field, key)) return;
    if (overlap === 'forbidden' && Object.hasOwn(first.values, key)) {
      ctx.addIssue({
        code: 'custom',
        path: [second.field, key],
        message: `key "${key}" is also in ${first.field}; a key may be in only one of them`,
      });
      return;
    }
    total += second.size(second.values[key]);
  }
  if (total > MAX_CONFIG_DATA_BYTES) {
    ctx.addIssue({
      code: 'custom',
      path: [first.field],
      message: `the values hold ${total} bytes, more than the API server's ${MAX_CONFIG_DATA_BYTES}-byte limit (core.MaxSecretSize, 1 MiB)`,
    });
  }
}

function badKey(ctx: z.RefinementCtx, field: string, key: string): boolean {
  const problem = configKeyProblem(key);
  if (problem !== undefined) ctx.addIssue({ code: 'custom', path: [field, key], message: problem });
  return problem !== undefined;
}
