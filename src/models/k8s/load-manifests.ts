// Loads multi-document YAML manifests (as `kubectl apply -f` reads them, including `kind: List` from `kubectl get -o yaml`)
// into typed, defaulted K8sObjects. Pure: the caller reads the file. Any problem is one InputError with file, line, document,
// object and field. Does not know about ObjectStore or controllers.
import { LineCounter, isMap, isSeq, parseAllDocuments, type Document } from 'yaml';
import { InputError } from '../../sim/input-error.js';
import { KINDS, kindInfo } from './kind-registry.js';
import { firstDuplicateKey } from './yaml-unique-keys.js';
import type { K8sObject } from './k8s-object.js';
import { describeIssue, formatFieldPath } from './zod-issue.js';

export interface LoadOptions {
  /** Namespace for namespaced objects that give none (kubectl's context namespace). Default `default`. */
  defaultNamespace?: string;
}

/** An alias may be expanded at most this many times per document (yaml's guard against "billion laughs" alias bombs). */
export const MAX_ALIAS_COUNT = 100;
/** Nesting deeper than this is not a Kubernetes manifest (and could be a recursive alias). */
const MAX_DEPTH = 64;

export function loadManifests(text: string, fileName: string, options: LoadOptions = {}): K8sObject[] {
  const defaultNamespace = options.defaultNamespace ?? 'default';
  const lineCounter = new LineCounter();
  let docs: Document.Parsed[];
  try {
    // Merge keys (`<<`) are accepted as kubectl's YAML decoder (go-yaml) does; duplicate keys are an error, as in kubectl,
    // found by firstDuplicateKey below in linear time (the parser's own check is quadratic per mapping).
    docs = parseAllDocuments(text, {
      lineCounter,
      uniqueKeys: false,
      merge: true,
      prettyErrors: false,
    }) as Document.Parsed[];
  } catch (e) {
    throw new InputError(`cannot parse YAML: ${(e as Error).message}`, { file: fileName });
  }
  if (!Array.isArray(docs)) return []; // an empty stream
  const out: K8sObject[] = [];
  docs.forEach((doc, index) => {
    const where = { file: fileName, document: index };
    const err = doc.errors[0];
    if (err !== undefined) {
      const pos = lineCounter.linePos(err.pos[0]);
      // The yaml parser recurses per nesting level; a stack overflow means the document nests absurdly deep.
      if (/Maximum call stack/.test(err.message))
        throw new InputError(
          'the document nests too deeply',
          { ...where, line: pos.line, column: pos.col },
          `at most ${MAX_DEPTH} levels of nesting`,
        );
      throw new InputError(`invalid YAML: ${firstLine(err.message)}`, { ...where, line: pos.line, column: pos.col });
    }
    const duplicate = firstDuplicateKey(doc);
    if (duplicate !== undefined) {
      const pos = lineCounter.linePos(duplicate.range?.[0] ?? 0);
      throw new InputError('invalid YAML: Map keys must be unique', { ...where, line: pos.line, column: pos.col });
    }
    const docLine = lineOf(doc, [], lineCounter) ?? 1;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      throw new InputError(
        `cannot expand YAML: ${firstLine((e as Error).message)}`,
        { ...where, line: docLine },
        `at most ${MAX_ALIAS_COUNT} alias expansions per document`,
      );
    }
    if (value === null || value === undefined) return; // empty document, as kubectl skips it
    checkDepth(value, 0, { ...where, line: docLine });
    if (!isPlainObject(value))
      throw new InputError(
        `a manifest must be a mapping with apiVersion, kind and metadata, not ${Array.isArray(value) ? 'a list' : typeof value}`,
        { ...where, line: docLine },
      );
    if (
      value.kind === 'List' ||
      (typeof value.kind === 'string' && value.kind.endsWith('List') && Array.isArray(value.items))
    ) {
      if (!Array.isArray(value.items))
        throw new InputError('a List needs an items list', { ...where, line: docLine, field: 'items' });
      value.items.forEach((item: unknown, j: number) => {
        out.push(toObject(item, ['items', j], doc, lineCounter, where, defaultNamespace));
      });
      return;
    }
    out.push(toObject(value, [], doc, lineCounter, where, defaultNamespace));
  });
  return out;
}

function toObject(
  raw: unknown,
  prefix: (string | number)[],
  doc: Document.Parsed,
  lc: LineCounter,
  where: { file: string; document: number },
  defaultNamespace: string,
): K8sObject {
  const line = lineOf(doc, prefix, lc) ?? 1;
  const at = (path: (string | number)[], object?: string) => ({
    ...where,
    line: lineOf(doc, [...prefix, ...path], lc) ?? line,
    object,
    field: formatFieldPath([...prefix, ...path]) || undefined,
  });
  if (!isPlainObject(raw))
    throw new InputError(`a manifest must be a mapping, not ${Array.isArray(raw) ? 'a list' : typeof raw}`, at([]));
  const kind = raw.kind;
  const apiVersion = raw.apiVersion;
  const meta = isPlainObject(raw.metadata) ? raw.metadata : undefined;
  const rawName = typeof meta?.name === 'string' ? meta.name : undefined;
  const label = typeof kind === 'string' ? (rawName !== undefined ? `${kind}/${rawName}` : kind) : undefined;
  if (typeof apiVersion !== 'string')
    throw new InputError(
      apiVersion === undefined ? 'apiVersion is required' : 'apiVersion must be a string',
      at(['apiVersion'], label),
    );
  if (typeof kind !== 'string')
    throw new InputError(kind === undefined ? 'kind is required' : 'kind must be a string', at(['kind']));
  const info = kindInfo(kind);
  if (info === undefined)
    throw new InputError(
      `unknown kind "${kind}" (apiVersion ${apiVersion}): gwsim does not model it`,
      at(['kind'], label),
      KINDS.map((k) => k.kind).join(', '),
    );
  if (!info.apiVersions.includes(apiVersion))
    throw new InputError(
      `apiVersion "${apiVersion}" is not served for kind ${kind}`,
      at(['apiVersion'], label),
      info.apiVersions.join(', '),
    );
  // `kubectl get -o yaml` output carries status; the API server ignores it on apply, and so do we.
  const { status: _status, ...withoutStatus } = raw;
  const metadata: Record<string, unknown> | undefined = meta === undefined ? undefined : { ...meta };
  if (metadata !== undefined) {
    if (!info.namespaced)
      delete metadata.namespace; // the API server drops a namespace on cluster-scoped objects
    else if (metadata.namespace === undefined) metadata.namespace = defaultNamespace;
  }
  const parsed = info.schema.safeParse({ ...withoutStatus, metadata }, { reportInput: true });
  if (!parsed.success) {
    const issue = describeIssue(parsed.error.issues[0]);
    const ns = typeof metadata?.namespace === 'string' && info.namespaced ? `${metadata.namespace}/` : '';
    const object = rawName !== undefined ? `${kind}/${ns}${rawName}` : kind;
    throw new InputError(issue.problem, at(issue.path, object), issue.allowed);
  }
  const obj = parsed.data as K8sObject;
  if (info.kind === 'Namespace') {
    // The API server labels every Namespace with its own name (NamespaceDefaultLabelName, Kubernetes 1.21+).
    obj.metadata.labels = { ...obj.metadata.labels, 'kubernetes.io/metadata.name': obj.metadata.name };
  }
  obj.source = { file: where.file, document: where.document, line };
  return obj;
}

function lineOf(doc: Document.Parsed, path: (string | number)[], lc: LineCounter): number | undefined {
  // Walk down as far as the path exists, so a missing field points at its parent.
  let node: unknown = doc.contents;
  let best: number | undefined = rangeLine(node, lc);
  for (const key of path) {
    if (isMap(node)) node = node.get(key, true);
    else if (isSeq(node) && typeof key === 'number') node = node.get(key, true);
    else break;
    if (node === undefined || node === null) break;
    best = rangeLine(node, lc) ?? best;
  }
  return best;
}

function rangeLine(node: unknown, lc: LineCounter): number | undefined {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range ? lc.linePos(range[0]).line : undefined;
}

function checkDepth(
  v: unknown,
  depth: number,
  where: { file: string; document: number; line: number },
  seen: Set<unknown> = new Set(),
): void {
  if (typeof v !== 'object' || v === null) return;
  if (depth > MAX_DEPTH || seen.has(v))
    throw new InputError(
      'the document nests too deeply or refers to itself through an alias',
      where,
      `at most ${MAX_DEPTH} levels, no recursive aliases`,
    );
  seen.add(v);
  for (const child of Array.isArray(v) ? v : Object.values(v)) checkDepth(child, depth + 1, where, seen);
  seen.delete(v);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Map) && !(v instanceof Set);
}

function firstLine(s: string): string {
  return s.split('\n')[0].trim();
}
