// The PATH of `gwsim sweep --set PATH=V1,V2`: a dotted path into the scenario document (before resolve) or into a
// manifest object (`deployment/NAME.replicas`, `policy/NAME.loadBalancer.type`). Parsing and resolution against
// plain YAML data only; patching the YAML text is `apply-overrides.ts`.
import { InputError } from '../../sim/input-error.js';

/** One step of a path: a map key, a list index, or the list item whose `name` is given. */
export type PathSegment = { key: string } | { index: number } | { name: string };

/** Manifest kinds a `KIND/NAME.field` path may patch; fields are relative to the object's `spec`. */
export const MANIFEST_ALIASES: Readonly<Record<string, string>> = {
  deployment: 'Deployment',
  policy: 'BackendTrafficPolicy',
  httproute: 'HTTPRoute',
};

export type OverrideTarget =
  | { kind: 'doc'; segments: PathSegment[] }
  | { kind: 'manifest'; alias: string; objectKind: string; name: string; segments: PathSegment[] };

export const PATH_HELP =
  'spec.FIELD.FIELD (e.g. spec.gateway.workers), list items by index or by step name (spec.steps[7].load.rate, ' +
  "spec.steps[probe].load.rate, spec.topology.links[0].rtt), or KIND/NAME.FIELD for a manifest object's spec with KIND one of " +
  Object.keys(MANIFEST_ALIASES).join(', ') +
  ' (deployment/backend.replicas, policy/round-robin-policy.loadBalancer.type)';

const KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function bad(path: string, problem: string): InputError {
  return new InputError(`${JSON.stringify(path)}: ${problem}`, { file: '--set' }, PATH_HELP);
}

/** Parses `a.b[3].c[name].d` into segments. */
function parseSegments(path: string, text: string): PathSegment[] {
  const out: PathSegment[] = [];
  let i = 0;
  const expectKey = () => {
    let j = i;
    while (j < text.length && text[j] !== '.' && text[j] !== '[') j++;
    const key = text.slice(i, j);
    if (!KEY.test(key)) throw bad(path, `${JSON.stringify(key)} is not a field name`);
    out.push({ key });
    i = j;
  };
  expectKey();
  while (i < text.length) {
    if (text[i] === '.') {
      i++;
      expectKey();
    } else {
      const close = text.indexOf(']', i);
      if (close < 0) throw bad(path, 'a "[" has no matching "]"');
      const inner = text.slice(i + 1, close);
      if (/^\d+$/.test(inner)) out.push({ index: Number(inner) });
      else if (NAME.test(inner)) out.push({ name: inner });
      else throw bad(path, `[${inner}] is neither an index nor a name`);
      i = close + 1;
      if (i < text.length && text[i] !== '.' && text[i] !== '[')
        throw bad(path, `unexpected ${JSON.stringify(text[i])} after [${inner}]`);
    }
  }
  return out;
}

/** Parses a --set PATH. Throws InputError (naming --set) for anything else. */
export function parseOverridePath(path: string): OverrideTarget {
  const slash = path.indexOf('/');
  if (slash > 0) {
    const alias = path.slice(0, slash).toLowerCase();
    const objectKind = MANIFEST_ALIASES[alias];
    if (objectKind === undefined)
      throw bad(path, `${JSON.stringify(path.slice(0, slash))} is not a manifest kind a sweep can patch`);
    const rest = path.slice(slash + 1);
    const dot = rest.indexOf('.');
    if (dot <= 0) throw bad(path, 'expected KIND/NAME.FIELD');
    const name = rest.slice(0, dot);
    if (!NAME.test(name)) throw bad(path, `${JSON.stringify(name)} is not an object name`);
    return { kind: 'manifest', alias, objectKind, name, segments: parseSegments(path, rest.slice(dot + 1)) };
  }
  const segments = parseSegments(path, path);
  const first = segments[0];
  if (!('key' in first) || first.key !== 'spec' || segments.length < 2)
    throw bad(path, 'a scenario path starts with spec.');
  return { kind: 'doc', segments };
}

/** The `name` of a list item: its own, or that of its one-key body (`{load: {name: x, ...}}`, as steps are written). */
export function itemName(item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return undefined;
  const rec = item as Record<string, unknown>;
  if (typeof rec.name === 'string') return rec.name;
  for (const v of Object.values(rec)) {
    if (
      typeof v === 'object' &&
      v !== null &&
      !Array.isArray(v) &&
      typeof (v as Record<string, unknown>).name === 'string'
    )
      return (v as Record<string, unknown>).name as string;
  }
  return undefined;
}

/**
 * Resolves segments against plain data into concrete keys and indexes. Missing map keys are allowed (the patch
 * creates them and validation judges them); a missing list item or a key into a scalar is an error.
 * Linear in the path length times the list lengths it selects by name.
 */
export function resolveSegments(
  path: string,
  segments: readonly PathSegment[],
  root: unknown,
  prefix: readonly (string | number)[] = [],
): (string | number)[] {
  const out: (string | number)[] = [...prefix];
  let node: unknown = root;
  for (const [i, seg] of segments.entries()) {
    const at = describePath(out);
    if ('key' in seg) {
      if (node !== undefined && node !== null && (typeof node !== 'object' || Array.isArray(node)))
        throw bad(
          path,
          `${at} is ${Array.isArray(node) ? 'a list' : 'a value'}, not a map with field ${JSON.stringify(seg.key)}`,
        );
      out.push(seg.key);
      node = node === undefined || node === null ? undefined : (node as Record<string, unknown>)[seg.key];
      continue;
    }
    if (!Array.isArray(node))
      throw bad(path, `${at} is not a list${node === undefined ? ' (it is not written in the scenario)' : ''}`);
    if ('index' in seg) {
      if (seg.index >= node.length) throw bad(path, `${at} has ${node.length} items; [${seg.index}] is out of range`);
      out.push(seg.index);
      node = node[seg.index];
    } else {
      const found = node.findIndex((item) => itemName(item) === seg.name);
      if (found < 0) {
        const names = node.map(itemName).filter((n): n is string => n !== undefined);
        throw bad(
          path,
          `${at} has no item named ${JSON.stringify(seg.name)}${names.length > 0 ? ` (names: ${names.join(', ')})` : ' (its items have no names)'}`,
        );
      }
      out.push(found);
      node = node[found];
    }
    if (i === segments.length - 1) break;
  }
  return out;
}

/** `spec.steps[3].load.rate` from concrete keys. */
export function describePath(keys: readonly (string | number)[]): string {
  let s = '';
  for (const k of keys) s += typeof k === 'number' ? `[${k}]` : s === '' ? k : `.${k}`;
  return s === '' ? '(the document)' : s;
}
