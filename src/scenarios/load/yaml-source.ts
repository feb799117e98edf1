// Reads one YAML document keeping its syntax tree, so a field path can be mapped back to a line and column.
// Guards against alias bombs (alias count limit) and oversized input; YAML syntax errors become InputErrors.
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  Scalar,
  visit,
  type Document,
  type Node,
} from 'yaml';
import { InputError } from '../../sim/input-error.js';
import { firstDuplicateKey } from '../../models/k8s/yaml-unique-keys.js';
import type { DocPath, SourceMap } from '../schema/resolve-context.js';

/** Aliases allowed per document: enough for hand-written anchors, far too few to expand a "billion laughs". */
export const MAX_ALIAS_COUNT = 50;

/** Largest scenario text accepted (manifests are read separately). */
export const MAX_SCENARIO_CHARS = 4 * 1024 * 1024;

export interface YamlSource {
  /** The document as plain JS data (maps become objects with string keys). */
  value: unknown;
  source: SourceMap;
}

/** Parses exactly one YAML document. Throws InputError naming `file` and the line. */
export function readYamlSource(text: string, file: string): YamlSource {
  if (text.length > MAX_SCENARIO_CHARS)
    throw new InputError(`the scenario is ${text.length} characters, more than the ${MAX_SCENARIO_CHARS} allowed`, {
      file,
    });
  const lc = new LineCounter();
  // Duplicate keys are refused by firstDuplicateKey below, in linear time (the parser's own check is quadratic per mapping).
  const docs = parseAllDocuments(text, { lineCounter: lc, uniqueKeys: false, strict: true, prettyErrors: false });
  const list = Array.isArray(docs) ? docs : [];
  const real = list.filter((d) => d.contents !== null || d.errors.length > 0);
  if (real.length === 0)
    throw new InputError('the file holds no YAML document', { file, line: 1 }, 'one Scenario document');
  for (const d of real) {
    const err = d.errors[0];
    if (err !== undefined) {
      const pos = lc.linePos(err.pos[0]);
      // The yaml parser recurses per nesting level; a stack overflow means the document nests absurdly deep.
      if (/Maximum call stack/.test(err.message))
        throw new InputError(
          'the document nests too deeply',
          { file, line: pos.line, column: pos.col },
          'a scenario nests a few dozen levels at most',
        );
      throw new InputError(`YAML syntax error: ${firstLine(err.message)}`, { file, line: pos.line, column: pos.col });
    }
    const duplicate = firstDuplicateKey(d);
    if (duplicate !== undefined) {
      const pos = lc.linePos(duplicate.range?.[0] ?? 0);
      throw new InputError('YAML syntax error: Map keys must be unique', { file, line: pos.line, column: pos.col });
    }
  }
  if (real.length > 1) {
    const pos = lc.linePos(real[1].range[0]);
    throw new InputError(
      `the file holds ${real.length} YAML documents; a scenario file holds one`,
      { file, line: pos.line },
      'one Scenario document (put manifests in their own files, or inline under apply.yaml)',
    );
  }
  const doc = real[0];
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const msg = (e as Error).message;
    if (/alias/i.test(msg)) {
      const line = firstAliasLine(doc, lc);
      throw new InputError(
        `aliases expand too much (more than ${MAX_ALIAS_COUNT} expansions, a guard against "billion laughs" documents)`,
        { file, line },
        'YAML with few aliases',
      );
    }
    throw new InputError(`YAML could not be read: ${firstLine(msg)}`, { file });
  }
  return { value, source: sourceMapOf(doc, lc) };
}

function firstAliasLine(doc: Document, lc: LineCounter): number | undefined {
  let line: number | undefined;
  visit(doc, {
    Alias(_, node) {
      if (node.range) line = lc.linePos(node.range[0]).line;
      return visit.BREAK;
    },
  });
  return line;
}

function firstLine(s: string): string {
  return s.split('\n')[0].trim();
}

/** Source positions for a parsed document. */
function sourceMapOf(doc: Document, lc: LineCounter): SourceMap {
  const at = (offset: number) => {
    const p = lc.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const walk = (path: DocPath): { node: Node | null; keyNode: Node | null } => {
    let node = doc.contents as Node | null;
    let keyNode: Node | null = null;
    for (const seg of path) {
      if (node !== null && isAlias(node)) node = (node.resolve(doc) as Node | undefined) ?? null;
      if (node === null) break;
      let next: Node | null = null;
      let nextKey: Node | null = null;
      if (isMap(node)) {
        for (const pair of node.items) {
          const k = pair.key as Node | null;
          const kv = k !== null && isScalar(k) ? String(k.value) : undefined;
          if (kv === String(seg)) {
            next = (pair.value as Node | null) ?? (k as Node);
            nextKey = k;
            break;
          }
        }
      } else if (isSeq(node) && typeof seg === 'number') {
        next = (node.items[seg] as Node | undefined) ?? null;
      }
      if (next === null) break;
      node = next;
      keyNode = nextKey;
    }
    return { node, keyNode };
  };
  return {
    position(path) {
      const { node, keyNode } = walk(path);
      const n = keyNode ?? node;
      return n?.range ? at(n.range[0]) : undefined;
    },
    contentLine(path) {
      const { node } = walk(path);
      if (!node?.range) return 1;
      const line = at(node.range[0]).line;
      const block = isScalar(node) && (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED);
      return block ? line + 1 : line;
    },
  };
}
